import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Storage } from '../storage/Storage.ts'

const T0 = new Date('2026-03-01T09:00:00.000Z')
const LATER = new Date('2026-03-01T09:10:00.000Z')

/**
 * The behaviour every {@link Storage}'s vote store must have, on a fresh database from `open`
 * for each test: Ana, Ben and Cy; a board `board-1` with a live session `session-1`.
 */
export function defineVoteStoreContract(
	name: string,
	createHarness: () => Promise<{ open(): Promise<Storage>; dispose(): Promise<void> }>,
): void {
	describe(`${name} vote store contract`, () => {
		let harness: Awaited<ReturnType<typeof createHarness>>
		let storage: Storage

		beforeEach(async () => {
			harness = await createHarness()
			storage = await harness.open()
			for (const [id, displayName] of [
				['ana', 'Ana'],
				['ben', 'Ben'],
				['cy', 'Cy'],
			] as const) {
				await storage.users.create({
					id,
					email: `${id}@example.org`,
					displayName,
					color: '#224466',
					passwordHash: '$argon2id$fake',
					createdAt: T0,
				})
			}
			await storage.tribes.create({
				id: 'north',
				name: 'North',
				description: '',
				kind: 'convened',
				visibility: 'listed',
				createdAt: T0,
				stewardId: 'ana',
			})
			await storage.circles.create({
				id: 'circle-a',
				tribeId: 'north',
				name: 'Circle A',
				description: '',
				capacity: 30,
				createdAt: T0,
				facilitatorId: 'ana',
			})
			await storage.boards.create({
				id: 'board-1',
				circleId: 'circle-a',
				title: 'Retro',
				visibility: 'circle',
				createdBy: 'ana',
			})
			await storage.liveSessions.start({
				id: 'session-1',
				boardId: 'board-1',
				title: 'Day 1',
				agenda: [],
				timer: null,
				startedBy: 'ana',
				startedAt: T0,
				participants: [],
			})
		})

		afterEach(async () => {
			await storage.close()
			await harness.dispose()
		})

		const startVote = (id: string, options: { anonymous?: boolean; dots?: number } = {}) =>
			storage.votes.start({
				id,
				boardId: 'board-1',
				sessionId: 'session-1',
				dotsPerPerson: options.dots ?? 2,
				anonymous: options.anonymous ?? true,
				startedBy: 'ana',
				startedAt: T0,
				endsAt: LATER,
			})

		it('starts a vote and keeps one running per board', async () => {
			const started = await startVote('vote-1')
			expect(started).toEqual({
				id: 'vote-1',
				boardId: 'board-1',
				sessionId: 'session-1',
				dotsPerPerson: 2,
				anonymous: true,
				startedBy: { id: 'ana', displayName: 'Ana', color: '#224466' },
				startedAt: T0.toISOString(),
				endsAt: LATER.toISOString(),
				endedAt: null,
				results: null,
			})
			expect(await startVote('vote-2')).toBeUndefined()
			expect(await storage.votes.running('board-1')).toEqual(started)
			await storage.votes.end('vote-1', LATER)
			expect(await storage.votes.running('board-1')).toBeUndefined()
			expect((await startVote('vote-3'))?.id).toBe('vote-3')
		})

		it('gives each person their dots, one a note, and no more than the vote allows', async () => {
			await startVote('vote-1', { dots: 2 })
			expect(await storage.votes.cast('vote-1', 'ben', 'shape:a', T0)).toBe('cast')
			expect(await storage.votes.cast('vote-1', 'ben', 'shape:a', T0)).toBe('already')
			expect(await storage.votes.cast('vote-1', 'ben', 'shape:b', LATER)).toBe('cast')
			expect(await storage.votes.cast('vote-1', 'ben', 'shape:c', LATER)).toBe('none-left')
			expect(await storage.votes.dotsOf('vote-1', 'ben')).toEqual(['shape:a', 'shape:b'])
			// Another person's dots are their own.
			expect(await storage.votes.dotsOf('vote-1', 'cy')).toEqual([])
			expect(await storage.votes.takeBack('vote-1', 'ben', 'shape:a')).toBe(true)
			expect(await storage.votes.takeBack('vote-1', 'ben', 'shape:a')).toBe(false)
			expect(await storage.votes.cast('vote-1', 'ben', 'shape:c', LATER)).toBe('cast')
			expect(await storage.votes.dotsOf('vote-1', 'ben')).toEqual(['shape:b', 'shape:c'])
		})

		it('never lets concurrent casts of one person spend more dots than the vote gives', async () => {
			await startVote('vote-1', { dots: 3 })
			const outcomes = await Promise.all(
				['a', 'b', 'c', 'd', 'e', 'f'].map((id) => storage.votes.cast('vote-1', 'ben', `shape:${id}`, T0)),
			)
			expect(outcomes.filter((o) => o === 'cast')).toHaveLength(3)
			expect(await storage.votes.dotsOf('vote-1', 'ben')).toHaveLength(3)
		})

		it('ends an anonymous vote with counts only, and forgets who voted for what', async () => {
			await startVote('vote-1', { dots: 2 })
			await storage.votes.cast('vote-1', 'ben', 'shape:a', T0)
			await storage.votes.cast('vote-1', 'cy', 'shape:a', T0)
			await storage.votes.cast('vote-1', 'cy', 'shape:b', T0)
			const ended = await storage.votes.end('vote-1', LATER)
			expect(ended).toMatchObject({ endedAt: LATER.toISOString(), anonymous: true })
			expect(ended?.results).toEqual([
				{ shapeId: 'shape:a', dots: 2 },
				{ shapeId: 'shape:b', dots: 1 },
			])
			expect(await storage.votes.dotsOf('vote-1', 'cy')).toEqual([])
			// Ended: nothing more is cast or taken back, and a second end does nothing.
			expect(await storage.votes.cast('vote-1', 'ben', 'shape:b', LATER)).toBe('not-running')
			expect(await storage.votes.takeBack('vote-1', 'ben', 'shape:a')).toBe(false)
			expect(await storage.votes.end('vote-1', LATER)).toBeUndefined()
			expect(await storage.votes.get('vote-1')).toEqual(ended)
			expect(await storage.votes.lastEndedOfSession('session-1')).toEqual(ended)
		})

		it('ends a named vote with who voted for each note', async () => {
			await startVote('vote-1', { anonymous: false })
			await storage.votes.cast('vote-1', 'ben', 'shape:a', T0)
			await storage.votes.cast('vote-1', 'cy', 'shape:a', LATER)
			await storage.votes.cast('vote-1', 'cy', 'shape:b', LATER)
			const ended = await storage.votes.end('vote-1', LATER)
			expect(ended?.results).toEqual([
				{
					shapeId: 'shape:a',
					dots: 2,
					voters: [
						{ id: 'ben', displayName: 'Ben', color: '#224466' },
						{ id: 'cy', displayName: 'Cy', color: '#224466' },
					],
				},
				{ shapeId: 'shape:b', dots: 1, voters: [{ id: 'cy', displayName: 'Cy', color: '#224466' }] },
			])
		})
	})
}
