import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Storage } from './Storage.ts'

/**
 * A place where a storage lives, which can be opened more than once (to prove data survives a
 * restart) and is thrown away after the test.
 */
export interface StorageHarness {
	open(): Promise<Storage>
	dispose(): Promise<void>
}

const bytes = (...values: number[]) => new Uint8Array(values)

/** Waits until the clock has passed `iso`, so the next write gets a later timestamp. */
async function clockPast(iso: string): Promise<void> {
	const deadline = Date.now() + 5_000
	while (Date.now() <= Date.parse(iso)) {
		if (Date.now() > deadline) throw new Error('clock did not advance')
		await new Promise((resolve) => setImmediate(resolve))
	}
}

/**
 * The behaviour every {@link Storage} must have. Each test gets a fresh, empty database from
 * `createHarness`.
 */
export function defineStorageContract(name: string, createHarness: () => Promise<StorageHarness>): void {
	describe(`${name} storage contract`, () => {
		let harness: StorageHarness
		let storage: Storage
		const opened: Storage[] = []
		const open = async () => {
			const s = await harness.open()
			opened.push(s)
			return s
		}

		beforeEach(async () => {
			harness = await createHarness()
			storage = await open()
		})

		afterEach(async () => {
			for (const s of opened.splice(0)) await s.close()
			await harness.dispose()
		})

		describe('boards', () => {
			it('creates a board and finds it again', async () => {
				const created = await storage.boards.create({ id: 'board-aaaa1', title: 'Retro' })
				expect(created).toEqual({
					id: 'board-aaaa1',
					title: 'Retro',
					createdAt: expect.any(String),
					updatedAt: created.createdAt,
				})
				expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt)
				expect(await storage.boards.get('board-aaaa1')).toEqual(created)
			})

			it('lists boards most recently changed first', async () => {
				const first = await storage.boards.create({ id: 'board-first', title: 'First' })
				await clockPast(first.updatedAt)
				const second = await storage.boards.create({ id: 'board-second', title: 'Second' })
				expect((await storage.boards.list()).map((b) => b.id)).toEqual(['board-second', 'board-first'])

				await clockPast(second.updatedAt)
				await storage.boards.touch('board-first')
				const listed = await storage.boards.list()
				expect(listed.map((b) => b.id)).toEqual(['board-first', 'board-second'])
				expect(Date.parse(listed[0]?.updatedAt ?? '')).toBeGreaterThan(Date.parse(first.updatedAt))
				expect(listed[0]?.createdAt).toBe(first.createdAt)
			})

			it('renames a board and marks it changed', async () => {
				const board = await storage.boards.create({ id: 'board-rename', title: 'Old name' })
				await clockPast(board.updatedAt)
				const renamed = await storage.boards.rename('board-rename', 'New name')
				expect(renamed?.title).toBe('New name')
				expect(renamed?.createdAt).toBe(board.createdAt)
				expect(Date.parse(renamed?.updatedAt ?? '')).toBeGreaterThan(Date.parse(board.updatedAt))
				expect(await storage.boards.get('board-rename')).toEqual(renamed)
			})

			it('answers unknown board ids with undefined and creates nothing', async () => {
				expect(await storage.boards.get('no-such-board')).toBeUndefined()
				expect(await storage.boards.rename('no-such-board', 'x')).toBeUndefined()
				await storage.boards.touch('no-such-board')
				expect(await storage.boards.list()).toEqual([])
			})

			it('refuses a second board with the same id', async () => {
				await storage.boards.create({ id: 'board-twice', title: 'One' })
				await expect(storage.boards.create({ id: 'board-twice', title: 'Two' })).rejects.toThrow()
				expect((await storage.boards.get('board-twice'))?.title).toBe('One')
			})
		})

		describe('docs', () => {
			it('loads an unknown board as empty', async () => {
				expect(await storage.docs.load('never-written')).toEqual({
					state: null,
					stateCoversId: 0,
					updates: [],
					lastId: 0,
				})
				expect(await storage.docs.readLog('never-written')).toEqual([])
				expect(await storage.docs.sizes('never-written')).toEqual({
					stateBytes: 0,
					logBytes: 0,
					logEntries: 0,
				})
			})

			it('appends updates with increasing numeric ids and loads them in order', async () => {
				const ids: number[] = []
				for (let i = 1; i <= 5; i++) ids.push(await storage.docs.append('doc-a', bytes(i, i, i)))
				for (const id of ids) expect(typeof id).toBe('number')
				expect([...ids].sort((a, b) => a - b)).toEqual(ids)
				expect(new Set(ids).size).toBe(ids.length)

				expect(await storage.docs.load('doc-a')).toEqual({
					state: null,
					stateCoversId: 0,
					updates: [bytes(1, 1, 1), bytes(2, 2, 2), bytes(3, 3, 3), bytes(4, 4, 4), bytes(5, 5, 5)],
					lastId: ids[4],
				})
			})

			it('gives concurrent appends distinct ids and keeps them all', async () => {
				const ids = await Promise.all(
					Array.from({ length: 20 }, (_, i) => storage.docs.append(i % 2 ? 'doc-p' : 'doc-q', bytes(i))),
				)
				expect(new Set(ids).size).toBe(20)
				const p = await storage.docs.readLog('doc-p')
				const q = await storage.docs.readLog('doc-q')
				expect(p.length + q.length).toBe(20)
				expect(p.every((e) => (e.update[0] ?? 0) % 2 === 1)).toBe(true)
				expect(q.every((e) => (e.update[0] ?? 1) % 2 === 0)).toBe(true)
			})

			it('loads the compacted state plus only the updates stored after it', async () => {
				await storage.docs.append('doc-b', bytes(1))
				const covered = await storage.docs.append('doc-b', bytes(2))
				await storage.docs.saveState('doc-b', bytes(9, 9), covered)
				const later1 = await storage.docs.append('doc-b', bytes(3))
				const later2 = await storage.docs.append('doc-b', bytes(4))

				expect(await storage.docs.load('doc-b')).toEqual({
					state: bytes(9, 9),
					stateCoversId: covered,
					updates: [bytes(3), bytes(4)],
					lastId: later2,
				})
				expect(later1).toBeGreaterThan(covered)
				// The log is kept after compaction.
				expect((await storage.docs.readLog('doc-b')).map((e) => e.update)).toEqual([
					bytes(1),
					bytes(2),
					bytes(3),
					bytes(4),
				])
			})

			it('replaces the compacted state when saved again', async () => {
				const first = await storage.docs.append('doc-c', bytes(1))
				await storage.docs.saveState('doc-c', bytes(7), first)
				const second = await storage.docs.append('doc-c', bytes(2))
				await storage.docs.saveState('doc-c', bytes(8, 8, 8), second)

				expect(await storage.docs.load('doc-c')).toEqual({
					state: bytes(8, 8, 8),
					stateCoversId: second,
					updates: [],
					lastId: second,
				})
			})

			it('reads the log in pages', async () => {
				const ids: number[] = []
				for (let i = 0; i < 7; i++) ids.push(await storage.docs.append('doc-d', bytes(i)))

				const page1 = await storage.docs.readLog('doc-d', 0, 3)
				expect(page1.map((e) => e.id)).toEqual(ids.slice(0, 3))
				expect(page1.map((e) => e.update)).toEqual([bytes(0), bytes(1), bytes(2)])
				const page2 = await storage.docs.readLog('doc-d', page1.at(-1)?.id, 3)
				expect(page2.map((e) => e.id)).toEqual(ids.slice(3, 6))
				const page3 = await storage.docs.readLog('doc-d', page2.at(-1)?.id, 3)
				expect(page3.map((e) => e.id)).toEqual(ids.slice(6))
				expect(await storage.docs.readLog('doc-d', page3.at(-1)?.id, 3)).toEqual([])

				expect((await storage.docs.readLog('doc-d')).map((e) => e.id)).toEqual(ids)
				for (const entry of page1) expect(new Date(entry.createdAt).toISOString()).toBe(entry.createdAt)
			})

			it('reports the bytes kept for a board', async () => {
				await storage.docs.append('doc-e', new Uint8Array(10))
				await storage.docs.append('doc-e', new Uint8Array(25))
				await storage.docs.append('doc-other', new Uint8Array(1000))
				expect(await storage.docs.sizes('doc-e')).toEqual({ stateBytes: 0, logBytes: 35, logEntries: 2 })

				await storage.docs.saveState('doc-e', new Uint8Array(17), 0)
				expect(await storage.docs.sizes('doc-e')).toEqual({ stateBytes: 17, logBytes: 35, logEntries: 2 })
			})

			it('keeps every byte value exactly', async () => {
				const all = new Uint8Array(256).map((_, i) => i)
				// A view into a larger buffer, as Yjs encoders hand out: only the view must be stored.
				const framed = new Uint8Array(300).fill(0xee)
				framed.set(all, 20)
				const view = framed.subarray(20, 276)

				const id = await storage.docs.append('doc-bin', view)
				await storage.docs.saveState('doc-bin', all, 0)
				const loaded = await storage.docs.load('doc-bin')
				expect(loaded.updates[0]).toEqual(all)
				expect(loaded.state).toEqual(all)
				const [entry] = await storage.docs.readLog('doc-bin')
				expect(entry?.id).toBe(id)
				expect(entry?.update).toEqual(all)
				expect(Object.getPrototypeOf(entry?.update)).toBe(Uint8Array.prototype)
				expect(Object.getPrototypeOf(loaded.state)).toBe(Uint8Array.prototype)
			})

			it('keeps the logs of two boards apart', async () => {
				const a1 = await storage.docs.append('doc-x', bytes(1))
				const b1 = await storage.docs.append('doc-y', bytes(2))
				const a2 = await storage.docs.append('doc-x', bytes(3))
				await storage.docs.saveState('doc-y', bytes(5), b1)

				// Ids come from one sequence shared by all boards.
				expect(b1).toBeGreaterThan(a1)
				expect(a2).toBeGreaterThan(b1)
				expect(await storage.docs.load('doc-x')).toEqual({
					state: null,
					stateCoversId: 0,
					updates: [bytes(1), bytes(3)],
					lastId: a2,
				})
				expect(await storage.docs.load('doc-y')).toEqual({
					state: bytes(5),
					stateCoversId: b1,
					updates: [],
					lastId: b1,
				})
				expect((await storage.docs.readLog('doc-y')).map((e) => e.id)).toEqual([b1])
			})
		})

		describe('users', () => {
			const newUser = (n: number, email = `person${n}@example.org`) => ({
				id: `user-${n}`,
				email,
				displayName: `Person ${n}`,
				color: '#336699',
				passwordHash: `$argon2id$fake-${n}`,
				createdAt: new Date('2026-01-01T10:00:00.000Z'),
			})

			it('makes the first account admin and every later one member', async () => {
				const first = await storage.users.create(newUser(1))
				const second = await storage.users.create(newUser(2))
				expect(first).toEqual({
					id: 'user-1',
					email: 'person1@example.org',
					displayName: 'Person 1',
					color: '#336699',
					role: 'admin',
					createdAt: '2026-01-01T10:00:00.000Z',
				})
				expect(second?.role).toBe('member')
				expect(await storage.users.get('user-1')).toEqual(first)
			})

			it('makes exactly one admin when accounts are created at the same moment', async () => {
				const created = await Promise.all(
					Array.from({ length: 8 }, (_, i) => storage.users.create(newUser(i))),
				)
				expect(created.filter((u) => u?.role === 'admin')).toHaveLength(1)
				expect(created.filter((u) => u?.role === 'member')).toHaveLength(7)
			})

			it('refuses a second account with the same email and changes nothing', async () => {
				const first = await storage.users.create(newUser(1, 'same@example.org'))
				expect(await storage.users.create(newUser(2, 'same@example.org'))).toBeUndefined()
				expect(await storage.users.get('user-2')).toBeUndefined()
				expect(await storage.users.findByEmail('same@example.org')).toEqual({
					...first,
					passwordHash: '$argon2id$fake-1',
				})
			})

			it('does not give away the admin role when the first attempt was a duplicate', async () => {
				await storage.users.create(newUser(1, 'taken@example.org'))
				expect(await storage.users.create(newUser(2, 'taken@example.org'))).toBeUndefined()
				expect((await storage.users.create(newUser(3)))?.role).toBe('member')
			})

			it('updates the profile fields given and keeps the others', async () => {
				await storage.users.create(newUser(1))
				const renamed = await storage.users.updateProfile('user-1', { displayName: 'Ada' })
				expect(renamed).toMatchObject({ displayName: 'Ada', color: '#336699' })
				const recoloured = await storage.users.updateProfile('user-1', { color: '#ff0000' })
				expect(recoloured).toMatchObject({ displayName: 'Ada', color: '#ff0000' })
				expect(await storage.users.updateProfile('user-1', {})).toEqual(recoloured)
				expect(await storage.users.updateProfile('no-such-user', { displayName: 'x' })).toBeUndefined()
			})

			it('replaces the password hash', async () => {
				await storage.users.create(newUser(1))
				expect(await storage.users.getPasswordHash('user-1')).toBe('$argon2id$fake-1')
				await storage.users.setPasswordHash('user-1', '$argon2id$new')
				expect(await storage.users.getPasswordHash('user-1')).toBe('$argon2id$new')
				expect(await storage.users.getPasswordHash('no-such-user')).toBeUndefined()
				expect(await storage.users.findByEmail('nobody@example.org')).toBeUndefined()
			})
		})

		describe('sessions', () => {
			const at = (iso: string) => new Date(iso)
			beforeEach(async () => {
				for (const n of [1, 2]) {
					await storage.users.create({
						id: `user-${n}`,
						email: `s${n}@example.org`,
						displayName: 'S',
						color: '#000000',
						passwordHash: 'h',
						createdAt: new Date(),
					})
				}
			})

			it('stores a session and reads it back with exact times', async () => {
				const session = {
					id: 'a'.repeat(64),
					userId: 'user-1',
					expiresAt: at('2026-02-01T00:00:00.123Z'),
					createdAt: at('2026-01-02T00:00:00.000Z'),
				}
				await storage.sessions.create(session)
				expect(await storage.sessions.get(session.id)).toEqual(session)
				expect(await storage.sessions.get('b'.repeat(64))).toBeUndefined()

				await storage.sessions.setExpiresAt(session.id, at('2026-03-01T00:00:00.000Z'))
				expect((await storage.sessions.get(session.id))?.expiresAt).toEqual(at('2026-03-01T00:00:00.000Z'))
				await storage.sessions.delete(session.id)
				expect(await storage.sessions.get(session.id)).toBeUndefined()
				await storage.sessions.delete(session.id)
			})

			it('ends every session of one user, optionally keeping one, and no one else’s', async () => {
				const make = (id: string, userId: string) =>
					storage.sessions.create({
						id,
						userId,
						expiresAt: at('2027-01-01T00:00:00Z'),
						createdAt: new Date(),
					})
				await make('s1', 'user-1')
				await make('s2', 'user-1')
				await make('s3', 'user-1')
				await make('t1', 'user-2')

				await storage.sessions.deleteAllOfUser('user-1', 's2')
				expect(await storage.sessions.get('s1')).toBeUndefined()
				expect(await storage.sessions.get('s2')).toBeDefined()
				expect(await storage.sessions.get('s3')).toBeUndefined()
				expect(await storage.sessions.get('t1')).toBeDefined()

				await storage.sessions.deleteAllOfUser('user-1')
				expect(await storage.sessions.get('s2')).toBeUndefined()
				expect(await storage.sessions.get('t1')).toBeDefined()
			})
		})

		describe('lifetime', () => {
			it('keeps boards and documents after closing and reopening', async () => {
				const board = await storage.boards.create({ id: 'board-keep', title: 'Kept' })
				const covered = await storage.docs.append('board-keep', bytes(1, 2))
				await storage.docs.saveState('board-keep', bytes(3, 4), covered)
				const last = await storage.docs.append('board-keep', bytes(5, 6))
				await storage.close()

				const reopened = await open()
				expect(await reopened.boards.get('board-keep')).toEqual(board)
				expect(await reopened.docs.load('board-keep')).toEqual({
					state: bytes(3, 4),
					stateCoversId: covered,
					updates: [bytes(5, 6)],
					lastId: last,
				})
				// The id sequence goes on where it stopped.
				expect(await reopened.docs.append('board-keep', bytes(7))).toBeGreaterThan(last)
			})

			it('opens an already migrated database again without changing it', async () => {
				await storage.boards.create({ id: 'board-migr', title: 'Before' })
				await storage.close()
				const second = await open()
				await second.close()
				const third = await open()
				expect((await third.boards.list()).map((b) => b.title)).toEqual(['Before'])
			})

			it('can be closed twice', async () => {
				await storage.close()
				await storage.close()
			})
		})
	})
}
