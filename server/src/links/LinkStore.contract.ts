import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Storage } from '../storage/Storage.ts'

const T0 = new Date('2026-03-01T09:00:00.000Z')

/**
 * The behaviour every {@link Storage}'s link store must have, on a fresh database from `open`
 * for each test: one circle with boards `board-s1`, `board-s2` and `board-t1`.
 */
export function defineLinkStoreContract(
	name: string,
	createHarness: () => Promise<{ open(): Promise<Storage>; dispose(): Promise<void> }>,
): void {
	describe(`${name} link store contract`, () => {
		let harness: Awaited<ReturnType<typeof createHarness>>
		let storage: Storage

		beforeEach(async () => {
			harness = await createHarness()
			storage = await harness.open()
			await storage.users.create({
				id: 'ana',
				email: 'ana@example.org',
				displayName: 'Ana',
				color: '#224466',
				passwordHash: '$argon2id$fake',
				createdAt: T0,
			})
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
			for (const id of ['board-s1', 'board-s2', 'board-t1']) {
				await storage.boards.create({
					id,
					circleId: 'circle-a',
					title: id,
					visibility: 'circle',
					createdBy: 'ana',
				})
			}
		})

		afterEach(async () => {
			await storage.close()
			await harness.dispose()
		})

		it('keeps the links read from a board, by shape id, and replaces them as its content changes', async () => {
			await storage.links.replaceLinksFrom('board-s1', [
				{ shapeId: 'shape:b', targetBoardId: 'board-t1' },
				{ shapeId: 'shape:a', targetBoardId: 'board-s2' },
			])
			expect(await storage.links.linksFrom('board-s1', 100)).toEqual([
				{ shapeId: 'shape:a', targetBoardId: 'board-s2' },
				{ shapeId: 'shape:b', targetBoardId: 'board-t1' },
			])
			await storage.links.replaceLinksFrom('board-s1', [{ shapeId: 'shape:c', targetBoardId: 'board-t1' }])
			expect(await storage.links.linksFrom('board-s1', 100)).toEqual([
				{ shapeId: 'shape:c', targetBoardId: 'board-t1' },
			])
			await storage.links.replaceLinksFrom('board-s1', [])
			expect(await storage.links.linksFrom('board-s1', 100)).toEqual([])
		})

		it('lists each board that links to another once, and never a board as its own backlink', async () => {
			await storage.links.replaceLinksFrom('board-s1', [
				{ shapeId: 'shape:a', targetBoardId: 'board-t1' },
				{ shapeId: 'shape:b', targetBoardId: 'board-t1' },
			])
			await storage.links.replaceLinksFrom('board-s2', [{ shapeId: 'shape:a', targetBoardId: 'board-t1' }])
			await storage.links.replaceLinksFrom('board-t1', [{ shapeId: 'shape:self', targetBoardId: 'board-t1' }])
			expect(await storage.links.sourcesOf('board-t1', 100)).toEqual(['board-s1', 'board-s2'])
			expect(await storage.links.sourcesOf('board-t1', 1)).toEqual(['board-s1'])
			expect(await storage.links.sourcesOf('board-s1', 100)).toEqual([])
		})

		it('keeps a link to a board that does not exist (content may name one), and a shape once', async () => {
			await storage.links.replaceLinksFrom('board-s1', [
				{ shapeId: 'shape:a', targetBoardId: 'board-gone' },
				{ shapeId: 'shape:a', targetBoardId: 'board-t1' },
			])
			expect(await storage.links.linksFrom('board-s1', 100)).toEqual([
				{ shapeId: 'shape:a', targetBoardId: 'board-t1' },
			])
		})

		it('stores nothing for a deleted board, and a deleted board is no one’s backlink', async () => {
			await storage.links.replaceLinksFrom('board-s2', [{ shapeId: 'shape:a', targetBoardId: 'board-t1' }])
			await storage.boards.softDelete('board-s2', T0)
			expect(await storage.links.sourcesOf('board-t1', 100)).toEqual([])
			await storage.boards.softDelete('board-s1', T0)
			await storage.links.replaceLinksFrom('board-s1', [{ shapeId: 'shape:a', targetBoardId: 'board-t1' }])
			expect(await storage.links.linksFrom('board-s1', 100)).toEqual([])
			await storage.links.replaceLinksFrom('board-nope', [{ shapeId: 'shape:a', targetBoardId: 'board-t1' }])
			expect(await storage.links.linksFrom('board-nope', 100)).toEqual([])
		})

		it('replaces many links at once (more than one statement’s worth)', async () => {
			const many = Array.from({ length: 450 }, (_, i) => ({
				shapeId: `shape:${String(i).padStart(3, '0')}`,
				targetBoardId: 'board-t1',
			}))
			await storage.links.replaceLinksFrom('board-s1', many)
			expect(await storage.links.linksFrom('board-s1', 1000)).toHaveLength(450)
			expect(await storage.links.sourcesOf('board-t1', 100)).toEqual(['board-s1'])
		})
	})
}
