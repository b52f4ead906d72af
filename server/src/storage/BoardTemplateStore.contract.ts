import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StorageHarness } from './Storage.contract.ts'
import type { NewBoardTemplate, Storage } from './Storage.ts'

const T0 = new Date('2026-03-01T09:00:00.000Z')
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

/**
 * The behaviour every {@link Storage}'s board template store must have, on a fresh database from
 * `createHarness` for each test.
 */
export function defineBoardTemplateStoreContract(
	name: string,
	createHarness: () => Promise<StorageHarness>,
): void {
	describe(`${name} board template store contract`, () => {
		let harness: StorageHarness
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
			for (const tribeId of ['tribe-a', 'tribe-b']) {
				await storage.tribes.create({
					id: tribeId,
					name: `Tribe ${tribeId}`,
					description: '',
					kind: 'convened',
					visibility: 'listed',
					createdAt: T0,
					stewardId: 'ana',
				})
			}
		})

		afterEach(async () => {
			await storage.close()
			await harness.dispose()
		})

		const template = (id: string, changes: Partial<NewBoardTemplate> = {}): NewBoardTemplate => ({
			id,
			tribeId: 'tribe-a',
			name: `Template ${id}`,
			description: '',
			state: new Uint8Array([1, 2, 3, 4, 5]),
			shapeCount: 3,
			thumbnail: null,
			createdBy: 'ana',
			createdAt: T0,
			...changes,
		})

		it('stores a template with its content and thumbnail, and gives back what lists show', async () => {
			const png = new Uint8Array([137, 80, 78, 71])
			const created = await storage.boardTemplates.create(
				template('check-in', { name: 'Day 12 check-in', description: 'Two rounds', thumbnail: png }),
			)
			expect(created).toEqual({
				id: 'check-in',
				tribeId: 'tribe-a',
				name: 'Day 12 check-in',
				description: 'Two rounds',
				shapeCount: 3,
				stateBytes: 5,
				hasThumbnail: true,
				createdBy: { id: 'ana', displayName: 'Ana', color: '#224466' },
				createdAt: T0.toISOString(),
				updatedAt: T0.toISOString(),
			})
			expect(await storage.boardTemplates.getState('check-in')).toEqual(new Uint8Array([1, 2, 3, 4, 5]))
			expect(await storage.boardTemplates.getThumbnail('check-in')).toEqual(png)
			expect(await storage.boardTemplates.get('nothing-here')).toBeUndefined()
			expect(await storage.boardTemplates.getState('nothing-here')).toBeUndefined()
		})

		it('lists and counts the templates of one tribe only, by name', async () => {
			await storage.boardTemplates.create(template('t1', { name: 'Retro' }))
			await storage.boardTemplates.create(template('t2', { name: 'Check-in' }))
			await storage.boardTemplates.create(template('t3', { name: 'Elsewhere', tribeId: 'tribe-b' }))
			expect((await storage.boardTemplates.listOfTribe('tribe-a')).map((t) => t.name)).toEqual([
				'Check-in',
				'Retro',
			])
			expect(await storage.boardTemplates.countOfTribe('tribe-a')).toBe(2)
			expect(await storage.boardTemplates.countOfTribe('tribe-b')).toBe(1)
			const noThumbnail = await storage.boardTemplates.get('t1')
			expect(noThumbnail?.hasThumbnail).toBe(false)
			expect(await storage.boardTemplates.getThumbnail('t1')).toBeUndefined()
		})

		it('renames a template and keeps its content; deletes it', async () => {
			await storage.boardTemplates.create(template('t1'))
			const renamed = await storage.boardTemplates.update('t1', { name: 'Opening' }, later(5))
			expect(renamed).toMatchObject({ name: 'Opening', description: '', updatedAt: later(5).toISOString() })
			expect(renamed?.createdAt).toBe(T0.toISOString())
			expect(await storage.boardTemplates.getState('t1')).toEqual(new Uint8Array([1, 2, 3, 4, 5]))
			expect(await storage.boardTemplates.update('gone', { name: 'x' }, later(6))).toBeUndefined()
			expect(await storage.boardTemplates.delete('t1')).toBe(true)
			expect(await storage.boardTemplates.delete('t1')).toBe(false)
			expect(await storage.boardTemplates.get('t1')).toBeUndefined()
		})

		it('refuses a template of a tribe that does not exist', async () => {
			await expect(storage.boardTemplates.create(template('t1', { tribeId: 'no-tribe' }))).rejects.toThrow()
		})
	})
}
