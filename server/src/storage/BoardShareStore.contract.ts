import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { NewBoardShare } from './BoardShareStore.ts'
import type { StorageHarness } from './Storage.contract.ts'
import type { Storage } from './Storage.ts'

const T0 = new Date('2026-03-01T09:00:00.000Z')
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const limits = { perBoard: 20, pendingPerCircle: 50 }

/**
 * The behaviour every {@link Storage}'s board share store must have, on a fresh database from
 * `createHarness` for each test: tribe North with circles A and B, tribe South with circle S;
 * Ana facilitates A, Bo facilitates B and S; board `board-a1` belongs to A.
 */
export function defineBoardShareStoreContract(
	name: string,
	createHarness: () => Promise<StorageHarness>,
): void {
	describe(`${name} board share store contract`, () => {
		let harness: StorageHarness
		let storage: Storage

		beforeEach(async () => {
			harness = await createHarness()
			storage = await harness.open()
			for (const [id, displayName] of [
				['ana', 'Ana'],
				['bo', 'Bo'],
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
			for (const [tribeId, visibility] of [
				['north', 'listed'],
				['south', 'private'],
			] as const) {
				await storage.tribes.create({
					id: tribeId,
					name: tribeId === 'north' ? 'North' : 'South',
					description: '',
					kind: 'convened',
					visibility,
					createdAt: T0,
					stewardId: 'ana',
				})
			}
			const circle = (id: string, tribeId: string, facilitatorId: string) =>
				storage.circles.create({
					id,
					tribeId,
					name: `Circle ${id}`,
					description: '',
					capacity: 30,
					createdAt: T0,
					facilitatorId,
				})
			await circle('circle-a', 'north', 'ana')
			await circle('circle-b', 'north', 'bo')
			await circle('circle-s', 'south', 'bo')
			await storage.circles.join('circle-b', 'cy', { role: 'member', at: T0 })
			for (const [id, circleId] of [
				['board-a1', 'circle-a'],
				['board-a2', 'circle-a'],
			] as const) {
				await storage.boards.create({
					id,
					circleId,
					title: `Board ${id}`,
					visibility: 'circle',
					createdBy: 'ana',
					journeyDay: null,
				})
			}
		})

		afterEach(async () => {
			await storage.close()
			await harness.dispose()
		})

		const share = (id: string, changes: Partial<NewBoardShare> = {}): NewBoardShare => ({
			id,
			boardId: 'board-a1',
			circleId: 'circle-b',
			offeredBy: 'ana',
			at: T0,
			acceptedBy: null,
			limits,
			...changes,
		})

		it('stores an offer with its circle, tribe and who offered it, and accepts it once', async () => {
			const offered = await storage.boardShares.offer(share('share-1'))
			expect(offered).toEqual({
				outcome: 'created',
				share: {
					id: 'share-1',
					boardId: 'board-a1',
					circle: {
						id: 'circle-b',
						name: 'Circle circle-b',
						tribeId: 'north',
						tribeName: 'North',
						tribeVisibility: 'listed',
					},
					state: 'offered',
					offeredBy: { id: 'ana', displayName: 'Ana', color: '#224466' },
					offeredAt: T0.toISOString(),
					acceptedBy: null,
					acceptedAt: null,
				},
			})
			// An offer gives nothing yet.
			expect(await storage.boardShares.relationsOf('board-a1', 'cy')).toEqual([])
			expect(await storage.boardShares.boardsSharedInto('circle-b')).toEqual([])

			const accepted = await storage.boardShares.accept('share-1', 'bo', later(5))
			expect(accepted).toMatchObject({
				state: 'accepted',
				acceptedBy: { id: 'bo', displayName: 'Bo' },
				acceptedAt: later(5).toISOString(),
			})
			expect(await storage.boardShares.accept('share-1', 'bo', later(6))).toBeUndefined()
			expect(await storage.boardShares.accept('share-unknown', 'bo', later(6))).toBeUndefined()
			expect(await storage.boardShares.boardsSharedInto('circle-b')).toEqual(['board-a1'])
			expect((await storage.boardShares.acceptedOfBoards(['board-a1', 'board-a2'])).map((s) => s.id)).toEqual(
				['share-1'],
			)
			expect(await storage.boardShares.acceptedOfBoards([])).toEqual([])
		})

		it('tells each person’s roles in the circles a board is shared with, and nothing to others', async () => {
			await storage.boardShares.offer(share('share-b', { acceptedBy: 'ana' }))
			await storage.boardShares.offer(share('share-s', { circleId: 'circle-s', acceptedBy: 'bo' }))
			const byCircle = async (userId: string) =>
				(await storage.boardShares.relationsOf('board-a1', userId)).sort((x, y) =>
					x.circleId.localeCompare(y.circleId),
				)
			expect(await byCircle('cy')).toEqual([
				{ circleId: 'circle-b', tribeId: 'north', circleRole: 'member', tribeRole: 'member' },
				{ circleId: 'circle-s', tribeId: 'south', circleRole: null, tribeRole: null },
			])
			expect(await byCircle('bo')).toEqual([
				{ circleId: 'circle-b', tribeId: 'north', circleRole: 'facilitator', tribeRole: 'member' },
				{ circleId: 'circle-s', tribeId: 'south', circleRole: 'facilitator', tribeRole: 'member' },
			])
			expect(await storage.boardShares.relationsOf('board-a2', 'cy')).toEqual([])
		})

		it('keeps one share per board and circle, and counts the limits of a board and of a circle', async () => {
			expect((await storage.boardShares.offer(share('share-1'))).outcome).toBe('created')
			expect((await storage.boardShares.offer(share('share-2'))).outcome).toBe('exists')
			expect((await storage.boardShares.offer(share('share-3', { acceptedBy: 'bo' }))).outcome).toBe('exists')

			const tight = { perBoard: 2, pendingPerCircle: 1 }
			// B has one offer waiting: a second is refused, a direct share is not an offer and is taken.
			expect(
				(await storage.boardShares.offer(share('share-4', { boardId: 'board-a2', limits: tight }))).outcome,
			).toBe('circle_full')
			expect(
				(
					await storage.boardShares.offer(
						share('share-5', { boardId: 'board-a2', acceptedBy: 'bo', limits: tight }),
					)
				).outcome,
			).toBe('created')
			// board-a1 has one share; with S it has two, the most `tight` allows.
			expect(
				(await storage.boardShares.offer(share('share-6', { circleId: 'circle-s', limits: tight }))).outcome,
			).toBe('created')
			await storage.circles.create({
				id: 'circle-c',
				tribeId: 'north',
				name: 'Circle C',
				description: '',
				capacity: 30,
				createdAt: T0,
				facilitatorId: 'ana',
			})
			expect(
				(await storage.boardShares.offer(share('share-7', { circleId: 'circle-c', limits: tight }))).outcome,
			).toBe('board_full')
		})

		it('takes exactly one of two offers racing for a board’s last place', async () => {
			const tight = { perBoard: 1, pendingPerCircle: 50 }
			await storage.circles.create({
				id: 'circle-c',
				tribeId: 'north',
				name: 'Circle C',
				description: '',
				capacity: 30,
				createdAt: T0,
				facilitatorId: 'ana',
			})
			const outcomes = await Promise.all([
				storage.boardShares.offer(share('share-b', { limits: tight })),
				storage.boardShares.offer(share('share-c', { circleId: 'circle-c', limits: tight })),
			])
			expect(outcomes.map((o) => o.outcome).sort()).toEqual(['board_full', 'created'])
			expect(await storage.boardShares.listOfBoard('board-a1')).toHaveLength(1)
		})

		it('lists a board’s shares oldest first, a circle’s waiting offers newest first, and forgets deleted ones', async () => {
			await storage.boardShares.offer(share('share-b', { at: later(1) }))
			await storage.boardShares.offer(
				share('share-s', { circleId: 'circle-s', at: later(2), acceptedBy: 'bo' }),
			)
			await storage.boardShares.offer(share('share-a2', { boardId: 'board-a2', at: later(3) }))
			expect((await storage.boardShares.listOfBoard('board-a1')).map((s) => [s.id, s.state])).toEqual([
				['share-b', 'offered'],
				['share-s', 'accepted'],
			])
			expect(await storage.boardShares.offersToCircle('circle-b')).toEqual([
				{
					id: 'share-a2',
					board: { id: 'board-a2', title: 'Board board-a2' },
					fromCircle: { id: 'circle-a', name: 'Circle circle-a', tribeId: 'north', tribeName: 'North' },
					offeredBy: { id: 'ana', displayName: 'Ana', color: '#224466' },
					offeredAt: later(3).toISOString(),
				},
				expect.objectContaining({ id: 'share-b' }),
			])
			// Accepted shares are not offers.
			expect(await storage.boardShares.offersToCircle('circle-s')).toEqual([])

			expect(await storage.boardShares.delete('share-b')).toBe(true)
			expect(await storage.boardShares.delete('share-b')).toBe(false)
			expect(await storage.boardShares.get('share-b')).toBeUndefined()
			expect((await storage.boardShares.offersToCircle('circle-b')).map((o) => o.id)).toEqual(['share-a2'])

			// A deleted board's offers and shares are no longer anyone's.
			await storage.boards.softDelete('board-a2', later(4))
			expect(await storage.boardShares.offersToCircle('circle-b')).toEqual([])
			await storage.boards.softDelete('board-a1', later(4))
			expect(await storage.boardShares.boardsSharedInto('circle-s')).toEqual([])
			expect(await storage.boardShares.get('share-s')).toBeUndefined()
			expect(await storage.boardShares.listOfBoard('board-a1')).toEqual([])
			expect(await storage.boardShares.accept('share-a2', 'bo', later(5))).toBeUndefined()
		})
	})
}
