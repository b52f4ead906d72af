import type { BoardVisibility } from '@circlespace/shared'
import { MAX_SEARCH_TERMS, searchTerms } from '@circlespace/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Storage } from '../storage/Storage.ts'
import type { Searcher, SearchIndex } from './SearchIndex.ts'
import { MAX_RANKED } from './searchSql.ts'

const T0 = new Date('2026-03-01T09:00:00.000Z')

/** A fresh, migrated database for one test. */
export interface SearchHarness {
	open(): Promise<Storage>
	dispose(): Promise<void>
}

/**
 * The behaviour every {@link SearchIndex} must have, on a fresh database for each test. The
 * people: `root` (admin), `mia` (member of circle A), `fay` (facilitator of A), `tom` (steward of
 * tribe T), `bea` (member of circle B, so of tribe T), `ned` (signed in, in no tribe).
 * Tribe T has circles A and B; tribe U has circle C (of which `ned` knows nothing either).
 */
export function defineSearchIndexContract(name: string, createHarness: () => Promise<SearchHarness>): void {
	describe(`${name} search index contract`, () => {
		let harness: SearchHarness
		let storage: Storage
		let index: SearchIndex
		const as = (userId: string): Searcher => ({ userId, role: userId === 'root' ? 'admin' : 'member' })
		const find = async (userId: string, query: string, page = { offset: 0, limit: 50 }) =>
			index.search({ searcher: as(userId), terms: searchTerms(query, MAX_SEARCH_TERMS), ...page })
		const boardsFound = async (userId: string, query: string) =>
			[...new Set((await find(userId, query)).map((hit) => hit.boardId))].sort()

		const board = async (id: string, circleId: string, visibility: BoardVisibility, title: string) => {
			await storage.boards.create({ id, circleId, title, visibility, createdBy: 'fay' })
			await index.replaceBoard(id, [{ shapeId: null, text: title }], 0)
		}

		beforeEach(async () => {
			harness = await createHarness()
			storage = await harness.open()
			index = storage.search
			for (const id of ['root', 'mia', 'fay', 'tom', 'bea', 'ned']) {
				await storage.users.create({
					id,
					email: `${id}@example.org`,
					displayName: id,
					color: '#224466',
					passwordHash: '$argon2id$fake',
					createdAt: T0,
				})
			}
			const tribe = {
				description: '',
				kind: 'convened' as const,
				visibility: 'listed' as const,
				createdAt: T0,
			}
			await storage.tribes.create({ ...tribe, id: 'tribe-t', name: 'Tribe T', stewardId: 'tom' })
			await storage.tribes.create({ ...tribe, id: 'tribe-u', name: 'Tribe U', stewardId: 'root' })
			const circle = { description: '', capacity: 30, createdAt: T0 }
			await storage.circles.create({
				...circle,
				id: 'circle-a',
				tribeId: 'tribe-t',
				name: 'A',
				facilitatorId: 'fay',
			})
			await storage.circles.create({
				...circle,
				id: 'circle-b',
				tribeId: 'tribe-t',
				name: 'B',
				facilitatorId: 'tom',
			})
			await storage.circles.create({
				...circle,
				id: 'circle-c',
				tribeId: 'tribe-u',
				name: 'C',
				facilitatorId: 'root',
			})
			await storage.circles.join('circle-a', 'mia', { role: 'member', at: T0 })
			await storage.circles.join('circle-b', 'bea', { role: 'member', at: T0 })
		})

		afterEach(async () => {
			await storage.close()
			await harness.dispose()
		})

		it('finds entries holding every word typed, the last one as a prefix while it is typed', async () => {
			await board('board-1', 'circle-a', 'circle', 'Retro')
			await index.replaceBoard(
				'board-1',
				[
					{ shapeId: null, text: 'Retro' },
					{ shapeId: 'shape:n1', text: 'We listened to each other' },
					{ shapeId: 'shape:n2', text: 'Listening is hard' },
					{ shapeId: 'shape:n3', text: 'Each of us spoke' },
				],
				0,
			)
			const shapes = async (query: string) => (await find('mia', query)).map((hit) => hit.shapeId).sort()
			expect(await shapes('listen')).toEqual(['shape:n1', 'shape:n2'])
			expect(await shapes('each liste')).toEqual(['shape:n1'])
			// A finished word (followed by a space) is matched whole.
			expect(await shapes('listen ')).toEqual([])
			expect(await shapes('retro')).toEqual([null])
			expect(await shapes('spoke nobody')).toEqual([])
			const [hit] = await find('mia', 'hard')
			expect(hit).toMatchObject({
				boardId: 'board-1',
				shapeId: 'shape:n2',
				text: 'Listening is hard',
				board: { title: 'Retro', visibility: 'circle', archived: false, journeyDay: null },
				circle: { id: 'circle-a', name: 'A', tribeId: 'tribe-t', tribeName: 'Tribe T' },
				relation: { circleRole: 'member', tribeRole: 'member' },
			})
		})

		it('ignores case and accents, and reads no query syntax in what is typed', async () => {
			await board('board-1', 'circle-a', 'circle', 'Café crème')
			await index.replaceBoard(
				'board-1',
				[
					{ shapeId: null, text: 'Café crème' },
					{ shapeId: 'shape:n1', text: 'Near AND far, or "not" at all' },
				],
				0,
			)
			expect(await boardsFound('mia', 'CAFE')).toEqual(['board-1'])
			expect(await boardsFound('mia', 'crème café')).toEqual(['board-1'])
			// Words FTS5 or tsquery would read as operators are only words here.
			expect((await find('mia', 'near and')).map((h) => h.shapeId)).toEqual(['shape:n1'])
			expect((await find('mia', 'NOT "at"*')).map((h) => h.shapeId)).toEqual(['shape:n1'])
			expect(await find('mia', `'); drop table search_entries; --`)).toEqual([])
			expect(await find('mia', '!!! ***')).toEqual([])
			expect(await boardsFound('mia', 'cafe')).toEqual(['board-1'])
		})

		it('replaces what a board had indexed, and forgets a board that is removed', async () => {
			await board('board-1', 'circle-a', 'circle', 'Plans')
			await index.replaceBoard(
				'board-1',
				[
					{ shapeId: null, text: 'Plans' },
					{ shapeId: 'shape:n1', text: 'old idea' },
				],
				0,
			)
			await index.replaceBoard(
				'board-1',
				[
					{ shapeId: null, text: 'Plans' },
					{ shapeId: 'shape:n2', text: 'new idea' },
				],
				0,
			)
			expect((await find('mia', 'idea')).map((hit) => [hit.shapeId, hit.text])).toEqual([
				['shape:n2', 'new idea'],
			])
			expect(await find('mia', 'old')).toEqual([])
			await index.removeBoard('board-1')
			expect(await find('mia', 'plans')).toEqual([])
			expect(await find('mia', 'new')).toEqual([])
		})

		it('finds only boards the searcher may view, by the permission rules', async () => {
			await board('a-circle', 'circle-a', 'circle', 'apple circle')
			await board('a-tribe', 'circle-a', 'tribe', 'apple tribe')
			await board('a-instance', 'circle-a', 'instance', 'apple instance')
			await board('c-circle', 'circle-c', 'circle', 'apple other tribe')
			await board('c-tribe', 'circle-c', 'tribe', 'apple other tribe shared')
			expect(await boardsFound('mia', 'apple')).toEqual(['a-circle', 'a-instance', 'a-tribe'])
			expect(await boardsFound('fay', 'apple')).toEqual(['a-circle', 'a-instance', 'a-tribe'])
			// A steward reads every board of the tribe's circles; a member of another circle only what is shared.
			expect(await boardsFound('tom', 'apple')).toEqual(['a-circle', 'a-instance', 'a-tribe'])
			expect(await boardsFound('bea', 'apple')).toEqual(['a-instance', 'a-tribe'])
			expect(await boardsFound('ned', 'apple')).toEqual(['a-instance'])
			expect(await boardsFound('root', 'apple')).toEqual([
				'a-circle',
				'a-instance',
				'a-tribe',
				'c-circle',
				'c-tribe',
			])
		})

		it('finds nothing of a board from the moment the searcher loses access, or it is archived or deleted', async () => {
			await board('a-circle', 'circle-a', 'circle', 'secret plans')
			await board('a-tribe', 'circle-a', 'tribe', 'tribe plans')
			await board('a-instance', 'circle-a', 'instance', 'open plans')
			expect(await boardsFound('mia', 'plans')).toEqual(['a-circle', 'a-instance', 'a-tribe'])

			expect(await storage.circles.removeMember('circle-a', 'mia')).toBe('removed')
			// Still a member of the tribe (through no circle now, but the tribe keeps its members).
			expect(await boardsFound('mia', 'plans')).toEqual(['a-instance', 'a-tribe'])
			expect(await storage.tribes.removeMember('tribe-t', 'mia')).toBe('removed')
			expect(await boardsFound('mia', 'plans')).toEqual(['a-instance'])

			await storage.boards.update('a-instance', { archivedAt: T0 })
			await storage.boards.softDelete('a-tribe', T0)
			expect(await boardsFound('fay', 'plans')).toEqual(['a-circle'])
			expect(await boardsFound('mia', 'plans')).toEqual([])
			await storage.boards.update('a-circle', { visibility: 'instance' })
			expect(await boardsFound('mia', 'plans')).toEqual(['a-circle'])
		})

		it('ranks a title above the same word on a shape, and pages through the ranking without repeats', async () => {
			await board('b-shape', 'circle-a', 'circle', 'Notes')
			await index.replaceBoard(
				'b-shape',
				[
					{ shapeId: null, text: 'Notes' },
					{ shapeId: 'shape:x', text: 'garden of many things we want to grow next spring' },
				],
				0,
			)
			await board('b-title', 'circle-a', 'circle', 'Garden')
			const best = await find('mia', 'garden')
			expect(best.map((hit) => [hit.boardId, hit.shapeId])).toEqual([
				['b-title', null],
				['b-shape', 'shape:x'],
			])

			await index.replaceBoard(
				'b-shape',
				[
					{ shapeId: null, text: 'Notes' },
					...Array.from({ length: 45 }, (_, i) => ({ shapeId: `shape:${i}`, text: `seed number ${i}` })),
				],
				0,
			)
			const seen: string[] = []
			for (let offset = 0; offset < 60; offset += 10) {
				const page = await find('mia', 'seed', { offset, limit: 10 })
				expect(page.length).toBe(offset < 40 ? 10 : offset === 40 ? 5 : 0)
				seen.push(...page.map((hit) => hit.shapeId ?? ''))
			}
			expect(new Set(seen).size).toBe(45)
		})

		it('lists boards never indexed, renamed since, or with content stored after what was indexed', async () => {
			const create = (id: string) =>
				storage.boards.create({
					id,
					circleId: 'circle-a',
					title: `Board ${id}`,
					visibility: 'circle',
					createdBy: 'fay',
				})
			for (const id of ['fresh', 'fine', 'renamed', 'edited', 'gone', 'quiet']) await create(id)
			const first = await storage.docs.append('edited', new Uint8Array([1]))
			for (const id of ['fine', 'renamed', 'gone'])
				await index.replaceBoard(id, [{ shapeId: null, text: `Board ${id}` }], 0)
			await index.replaceBoard('edited', [{ shapeId: null, text: 'Board edited' }], first)
			// A title without a word to find still says the board was indexed.
			await storage.boards.update('quiet', { title: '!!!' })
			await index.replaceBoard('quiet', [{ shapeId: null, text: '!!!' }], 0)
			expect(await index.staleBoards(10)).toEqual(['fresh'])

			await storage.boards.update('renamed', { title: 'A new name' })
			await storage.docs.append('edited', new Uint8Array([2]))
			await storage.boards.softDelete('gone', T0)
			expect(await index.staleBoards(10)).toEqual(['edited', 'fresh', 'renamed'])
			expect(await index.staleBoards(1)).toEqual(['edited'])
		})

		it('stores a large board in one replacement, and ranks at most MAX_RANKED matches of a word found everywhere', async () => {
			await board('big', 'circle-a', 'circle', 'Big')
			const entries = [
				{ shapeId: null, text: 'Big' },
				...Array.from({ length: 1_200 }, (_, i) => ({
					shapeId: `shape:${i}`,
					text: `note ${i} of the big board`,
				})),
			]
			await index.replaceBoard('big', entries, 0)
			expect((await find('mia', '1199 ')).map((hit) => hit.shapeId)).toEqual(['shape:1199'])
			expect((await find('mia', '0 ')).map((hit) => hit.shapeId)).toEqual(['shape:0'])
			// A word on every entry: at most MAX_RANKED are ranked (and so found).
			const all = await find('mia', 'board', { offset: 0, limit: 2_000 })
			expect(all).toHaveLength(MAX_RANKED)
		})
	})
}
