import type { TribeVisibility } from '@circlespace/shared'
import type { Kysely } from 'kysely'
import { Migrator } from 'kysely/migration'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createMigrations, type DatabaseKind } from './migrations.ts'
import type { NewLiveSession, NewSnapshot, Storage } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

/**
 * A place where a storage lives, which can be opened more than once (to prove data survives a
 * restart) and is thrown away after the test.
 */
export interface StorageHarness {
	open(): Promise<Storage>
	/**
	 * A bare connection to the same, not yet migrated, database, to set up data the way an older
	 * version of the server left it. The caller destroys it before calling `open`.
	 */
	connect(): Promise<{ db: Kysely<unknown>; kind: DatabaseKind; migrationTableSchema?: string }>
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

/** When the tribes, circles and memberships of the tests are made. */
const T0 = new Date('2026-03-01T09:00:00.000Z')
/** `minutes` after {@link T0}. */
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)
const colour = '#224466'

/** Counts each outcome of several concurrent attempts. */
function tally<T extends string>(outcomes: T[]): Partial<Record<T, number>> {
	const counts: Partial<Record<T, number>> = {}
	for (const outcome of outcomes) counts[outcome] = (counts[outcome] ?? 0) + 1
	return counts
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

		/** Creates an account whose id is `id`, through the user store as sign-up does. */
		const addPerson = async (id: string, displayName = id) => {
			const user = await storage.users.create({
				id,
				email: `${id}@example.org`,
				displayName,
				color: colour,
				passwordHash: '$argon2id$fake',
				createdAt: T0,
			})
			if (!user) throw new Error(`could not create ${id}`)
			return user
		}
		const addTribe = (
			id: string,
			stewardId: string,
			options: { visibility?: TribeVisibility; name?: string } = {},
		) =>
			storage.tribes.create({
				id,
				name: options.name ?? `Tribe ${id}`,
				description: '',
				kind: 'convened',
				visibility: options.visibility ?? 'listed',
				createdAt: T0,
				stewardId,
			})
		const addCircle = (
			id: string,
			tribeId: string,
			options: { capacity?: number; facilitatorId?: string; name?: string } = {},
		) =>
			storage.circles.create({
				id,
				tribeId,
				name: options.name ?? `Circle ${id}`,
				description: '',
				capacity: options.capacity ?? 30,
				createdAt: T0,
				facilitatorId: options.facilitatorId,
			})
		/** Has `userId` join a circle as a plain member, at {@link T0} unless said otherwise. */
		const join = (circleId: string, userId: string, options: { at?: Date; invitationId?: string } = {}) =>
			storage.circles.join(circleId, userId, {
				role: 'member',
				at: options.at ?? T0,
				invitationId: options.invitationId,
			})
		const newBoard = (id: string, circleId = 'circle-a', title = 'Retro') => ({
			id,
			circleId,
			title,
			visibility: 'circle' as const,
			createdBy: 'ana',
		})

		describe('boards', () => {
			beforeEach(async () => {
				await addPerson('ana', 'Ana')
				await addPerson('ben', 'Ben')
				await addTribe('tribe-a', 'ana')
				await addCircle('circle-a', 'tribe-a', { facilitatorId: 'ana' })
				await addCircle('circle-b', 'tribe-a', { facilitatorId: 'ben' })
			})

			it('creates a board in a circle and finds it again', async () => {
				const created = await storage.boards.create(newBoard('board-aaaa1'))
				expect(created).toEqual({
					id: 'board-aaaa1',
					circleId: 'circle-a',
					title: 'Retro',
					visibility: 'circle',
					createdBy: 'ana',
					archivedAt: null,
					deletedAt: null,
					createdAt: expect.any(String),
					updatedAt: created.createdAt,
					journeyDay: null,
				})
				expect(new Date(created.createdAt).toISOString()).toBe(created.createdAt)
				expect(await storage.boards.get('board-aaaa1')).toEqual(created)
			})

			it('finds a board with its circle and tribe', async () => {
				const board = await storage.boards.create({ ...newBoard('board-ctx'), visibility: 'tribe' })
				await storage.tribes.update('tribe-a', { visibility: 'private' })
				expect(await storage.boards.getInContext('board-ctx')).toEqual({
					board,
					circle: {
						id: 'circle-a',
						name: 'Circle circle-a',
						tribeId: 'tribe-a',
						tribeName: 'Tribe tribe-a',
						tribeVisibility: 'private',
					},
				})
			})

			it('lists the boards of one circle, most recently changed first', async () => {
				const first = await storage.boards.create(newBoard('board-first'))
				await clockPast(first.updatedAt)
				const second = await storage.boards.create(newBoard('board-second'))
				await storage.boards.create(newBoard('board-other', 'circle-b'))
				const ids = async (circleId: string) =>
					(await storage.boards.listOfCircle(circleId, { includeArchived: false })).map((b) => b.id)
				expect(await ids('circle-a')).toEqual(['board-second', 'board-first'])
				expect(await ids('circle-b')).toEqual(['board-other'])

				await clockPast(second.updatedAt)
				await storage.boards.touch('board-first')
				const listed = await storage.boards.listOfCircle('circle-a', { includeArchived: false })
				expect(listed.map((b) => b.id)).toEqual(['board-first', 'board-second'])
				expect(Date.parse(listed[0]?.updatedAt ?? '')).toBeGreaterThan(Date.parse(first.updatedAt))
				expect(listed[0]?.createdAt).toBe(first.createdAt)
			})

			it('changes title and visibility and marks the board changed', async () => {
				const board = await storage.boards.create(newBoard('board-rename', 'circle-a', 'Old name'))
				await clockPast(board.updatedAt)
				const changed = await storage.boards.update('board-rename', {
					title: 'New name',
					visibility: 'instance',
				})
				expect(changed).toMatchObject({
					title: 'New name',
					visibility: 'instance',
					createdAt: board.createdAt,
				})
				expect(Date.parse(changed?.updatedAt ?? '')).toBeGreaterThan(Date.parse(board.updatedAt))
				expect(await storage.boards.get('board-rename')).toEqual(changed)
				expect(await storage.boards.update('board-rename', {})).toEqual(changed)
			})

			it('archives a board out of the circle’s list and brings it back', async () => {
				await storage.boards.create(newBoard('board-kept'))
				await storage.boards.create(newBoard('board-old'))
				const archived = await storage.boards.update('board-old', {
					archivedAt: new Date('2026-04-01T12:00:00.000Z'),
				})
				expect(archived?.archivedAt).toBe('2026-04-01T12:00:00.000Z')

				const ids = async (includeArchived: boolean) =>
					(await storage.boards.listOfCircle('circle-a', { includeArchived })).map((b) => b.id).sort()
				expect(await ids(false)).toEqual(['board-kept'])
				expect(await ids(true)).toEqual(['board-kept', 'board-old'])
				// An archived board can still be opened.
				expect(await storage.boards.get('board-old')).toEqual(archived)

				const restored = await storage.boards.update('board-old', { archivedAt: null })
				expect(restored?.archivedAt).toBeNull()
				expect(await ids(false)).toEqual(['board-kept', 'board-old'])
			})

			it('never shows a deleted board again', async () => {
				await storage.boards.create(newBoard('board-gone'))
				expect(await storage.boards.softDelete('board-gone', new Date('2026-05-01T00:00:00.000Z'))).toBe(true)

				expect(await storage.boards.get('board-gone')).toBeUndefined()
				expect(await storage.boards.getInContext('board-gone')).toBeUndefined()
				expect(await storage.boards.listOfCircle('circle-a', { includeArchived: true })).toEqual([])
				expect(await storage.boards.listRecentOfMember('ana', 10)).toEqual([])
				expect(await storage.boards.update('board-gone', { title: 'Back?' })).toBeUndefined()
				expect(await storage.boards.update('board-gone', { archivedAt: null })).toBeUndefined()
				expect(await storage.boards.softDelete('board-gone', new Date())).toBe(false)
				await storage.boards.touch('board-gone')
				expect(await storage.boards.get('board-gone')).toBeUndefined()
			})

			it('lists the recent boards of the circles a person is in, with their circle and tribe', async () => {
				const a1 = await storage.boards.create(newBoard('board-a1'))
				await clockPast(a1.updatedAt)
				const a2 = await storage.boards.create(newBoard('board-a2'))
				await clockPast(a2.updatedAt)
				await storage.boards.create(newBoard('board-b1', 'circle-b'))
				await storage.boards.create(newBoard('board-a3'))
				await storage.boards.update('board-a3', { archivedAt: new Date() })

				const recent = await storage.boards.listRecentOfMember('ana', 10)
				expect(recent.map((r) => r.board.id)).toEqual(['board-a2', 'board-a1'])
				expect(recent[0]).toEqual({
					board: a2,
					circle: {
						id: 'circle-a',
						name: 'Circle circle-a',
						tribeId: 'tribe-a',
						tribeName: 'Tribe tribe-a',
						tribeVisibility: 'listed',
					},
				})
				expect((await storage.boards.listRecentOfMember('ana', 1)).map((r) => r.board.id)).toEqual([
					'board-a2',
				])
				expect((await storage.boards.listRecentOfMember('ben', 10)).map((r) => r.board.id)).toEqual([
					'board-b1',
				])

				expect(await join('circle-b', 'ana')).toBe('joined')
				expect((await storage.boards.listRecentOfMember('ana', 10)).map((r) => r.board.id)).toEqual([
					'board-b1',
					'board-a2',
					'board-a1',
				])
				await addPerson('cleo', 'Cleo')
				expect(await storage.boards.listRecentOfMember('cleo', 10)).toEqual([])
			})

			it('answers unknown board ids with undefined and creates nothing', async () => {
				expect(await storage.boards.get('no-such-board')).toBeUndefined()
				expect(await storage.boards.getInContext('no-such-board')).toBeUndefined()
				expect(await storage.boards.update('no-such-board', { title: 'x' })).toBeUndefined()
				expect(await storage.boards.softDelete('no-such-board', new Date())).toBe(false)
				await storage.boards.touch('no-such-board')
				expect(await storage.boards.listOfCircle('circle-a', { includeArchived: true })).toEqual([])
			})

			it('refuses a second board with the same id', async () => {
				await storage.boards.create(newBoard('board-twice', 'circle-a', 'One'))
				await expect(storage.boards.create(newBoard('board-twice', 'circle-a', 'Two'))).rejects.toThrow()
				expect((await storage.boards.get('board-twice'))?.title).toBe('One')
			})

			it('refuses a board of a circle that does not exist', async () => {
				await expect(storage.boards.create(newBoard('board-orphan', 'no-such-circle'))).rejects.toThrow()
				expect(await storage.boards.get('board-orphan')).toBeUndefined()
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

			it('appends entries of several boards in one call, with ids in the order given', async () => {
				expect(await storage.docs.appendMany([])).toEqual([])
				const before = await storage.docs.append('many-a', bytes(1))
				const ids = await storage.docs.appendMany([
					{ boardId: 'many-a', update: bytes(2) },
					{ boardId: 'many-b', update: bytes(3) },
					{ boardId: 'many-a', update: bytes(4) },
				])
				expect(ids).toHaveLength(3)
				expect(ids[0]).toBeGreaterThan(before)
				expect([...ids].sort((a, b) => a - b)).toEqual(ids)
				const after = await storage.docs.append('many-b', bytes(5))
				expect(after).toBeGreaterThan(ids[2] ?? Number.POSITIVE_INFINITY)

				expect(await storage.docs.load('many-a')).toEqual({
					state: null,
					stateCoversId: 0,
					updates: [bytes(1), bytes(2), bytes(4)],
					lastId: ids[2],
				})
				expect((await storage.docs.readLog('many-b')).map((e) => [e.id, e.update])).toEqual([
					[ids[1], bytes(3)],
					[after, bytes(5)],
				])
			})

			it('stores none of a batch of appends when one of them fails', async () => {
				const kept = await storage.docs.append('many-c', bytes(1))
				// A board id the log cannot hold (board_id is NOT NULL) makes the second insert fail.
				const broken = { boardId: null as unknown as string, update: bytes(3) }
				await expect(
					storage.docs.appendMany([{ boardId: 'many-c', update: bytes(2) }, broken]),
				).rejects.toThrow()
				expect(await storage.docs.load('many-c')).toMatchObject({ updates: [bytes(1)], lastId: kept })
				// The store is usable afterwards (the transaction was rolled back, not left open).
				const [next] = await storage.docs.appendMany([{ boardId: 'many-c', update: bytes(4) }])
				expect(next).toBeGreaterThan(kept)
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

		describe('tribes', () => {
			beforeEach(async () => {
				await addPerson('ana', 'Ana')
				await addPerson('ben', 'Ben')
				await addPerson('cleo', 'Cleo')
			})

			it('creates a tribe with its first steward', async () => {
				const tribe = await storage.tribes.create({
					id: 'tribe-x',
					name: 'Gardeners',
					description: 'We grow things',
					kind: 'emergent',
					visibility: 'open',
					createdAt: T0,
					stewardId: 'ana',
				})
				expect(tribe).toEqual({
					id: 'tribe-x',
					name: 'Gardeners',
					description: 'We grow things',
					kind: 'emergent',
					visibility: 'open',
					createdAt: '2026-03-01T09:00:00.000Z',
				})
				expect(await storage.tribes.get('tribe-x')).toEqual(tribe)
				expect(await storage.tribes.roleOf('tribe-x', 'ana')).toBe('steward')
				expect(await storage.tribes.roleOf('tribe-x', 'ben')).toBeUndefined()
				expect(await storage.tribes.members('tribe-x')).toEqual([
					{
						id: 'ana',
						displayName: 'Ana',
						color: colour,
						role: 'steward',
						joinedAt: '2026-03-01T09:00:00.000Z',
					},
				])
				expect(await storage.tribes.get('no-such-tribe')).toBeUndefined()
			})

			it('creates no tribe when its steward does not exist', async () => {
				await expect(addTribe('tribe-x', 'nobody')).rejects.toThrow()
				expect(await storage.tribes.get('tribe-x')).toBeUndefined()
			})

			it('summarises a tribe for one person: their role, its circles and members counted', async () => {
				const tribe = await addTribe('tribe-x', 'ana')
				await addCircle('circle-1', 'tribe-x', { facilitatorId: 'ben' })
				await addCircle('circle-2', 'tribe-x')
				expect(await storage.tribes.getSummary('tribe-x', 'ana')).toEqual({
					...tribe,
					myRole: 'steward',
					circleCount: 2,
					memberCount: 2,
				})
				expect((await storage.tribes.getSummary('tribe-x', 'ben'))?.myRole).toBe('member')
				expect(await storage.tribes.getSummary('tribe-x', 'cleo')).toMatchObject({
					myRole: null,
					memberCount: 2,
				})
				expect(await storage.tribes.getSummary('no-such-tribe', 'ana')).toBeUndefined()
			})

			it('hides private tribes from people outside them, but not from members or admins', async () => {
				await addTribe('tribe-z', 'ana', { name: 'Zebras', visibility: 'open' })
				await addTribe('tribe-m', 'ana', { name: 'Moths', visibility: 'private' })
				await addTribe('tribe-a', 'ben', { name: 'Ants', visibility: 'listed' })
				const names = async (userId: string, includePrivate: boolean) =>
					(await storage.tribes.listVisible(userId, { includePrivate })).map((t) => t.name)

				expect(await names('cleo', false)).toEqual(['Ants', 'Zebras'])
				expect(await names('ana', false)).toEqual(['Ants', 'Moths', 'Zebras'])
				expect(await names('cleo', true)).toEqual(['Ants', 'Moths', 'Zebras'])

				const seenByAna = await storage.tribes.listVisible('ana', { includePrivate: false })
				expect(seenByAna.map((t) => t.myRole)).toEqual([null, 'steward', 'steward'])
				expect(seenByAna.map((t) => t.memberCount)).toEqual([1, 1, 1])

				await storage.tribes.setMember('tribe-m', 'cleo', 'member', later(1))
				expect(await names('cleo', false)).toEqual(['Ants', 'Moths', 'Zebras'])
			})

			it('changes the fields given', async () => {
				const tribe = await addTribe('tribe-x', 'ana')
				const changed = await storage.tribes.update('tribe-x', { name: 'Renamed', visibility: 'private' })
				expect(changed).toEqual({ ...tribe, name: 'Renamed', visibility: 'private' })
				expect(await storage.tribes.update('tribe-x', { description: 'About us' })).toEqual({
					...changed,
					description: 'About us',
				})
				expect(await storage.tribes.update('tribe-x', {})).toEqual({ ...changed, description: 'About us' })
				expect(await storage.tribes.update('no-such-tribe', { name: 'x' })).toBeUndefined()
			})

			it('adds members and changes their roles, keeping the date they joined', async () => {
				await addTribe('tribe-x', 'ana')
				await storage.tribes.setMember('tribe-x', 'ben', 'member', later(5))
				expect(await storage.tribes.roleOf('tribe-x', 'ben')).toBe('member')
				await storage.tribes.setMember('tribe-x', 'ben', 'steward', later(10))
				expect(await storage.tribes.roleOf('tribe-x', 'ben')).toBe('steward')
				const ben = (await storage.tribes.members('tribe-x')).find((m) => m.id === 'ben')
				expect(ben).toEqual({
					id: 'ben',
					displayName: 'Ben',
					color: colour,
					role: 'steward',
					joinedAt: later(5).toISOString(),
				})
			})

			it('lists members stewards first, then by name regardless of case', async () => {
				await addPerson('zed', 'Zed')
				await addPerson('bea', 'bea')
				await addTribe('tribe-x', 'zed')
				for (const id of ['cleo', 'bea', 'ben']) await storage.tribes.setMember('tribe-x', id, 'member', T0)
				await storage.tribes.setMember('tribe-x', 'ana', 'steward', T0)
				expect((await storage.tribes.members('tribe-x')).map((m) => m.displayName)).toEqual([
					'Ana',
					'Zed',
					'bea',
					'Ben',
					'Cleo',
				])
			})

			it('removes a member from the tribe and from its circles, and from no other tribe', async () => {
				await addTribe('tribe-x', 'ana')
				await addTribe('tribe-y', 'ana')
				await addCircle('circle-x', 'tribe-x', { facilitatorId: 'ana' })
				await addCircle('circle-y', 'tribe-y', { facilitatorId: 'ana' })
				expect(await join('circle-x', 'ben')).toBe('joined')
				expect(await join('circle-y', 'ben')).toBe('joined')

				expect(await storage.tribes.removeMember('tribe-x', 'ben')).toBe('removed')
				expect(await storage.tribes.roleOf('tribe-x', 'ben')).toBeUndefined()
				expect(await storage.circles.roleOf('circle-x', 'ben')).toBeUndefined()
				expect((await storage.circles.get('circle-x'))?.memberCount).toBe(1)
				expect(await storage.tribes.roleOf('tribe-y', 'ben')).toBe('member')
				expect(await storage.circles.roleOf('circle-y', 'ben')).toBe('member')

				expect(await storage.tribes.removeMember('tribe-x', 'ben')).toBe('not_member')
				expect(await storage.tribes.removeMember('no-such-tribe', 'ben')).toBe('not_member')
			})

			it('refuses to remove the last steward, and lets one of two go', async () => {
				await addTribe('tribe-x', 'ana')
				expect(await storage.tribes.removeMember('tribe-x', 'ana')).toBe('last_steward')
				expect(await storage.tribes.roleOf('tribe-x', 'ana')).toBe('steward')

				await storage.tribes.setMember('tribe-x', 'ben', 'steward', T0)
				expect(await storage.tribes.removeMember('tribe-x', 'ana')).toBe('removed')
				expect((await storage.tribes.members('tribe-x')).map((m) => m.id)).toEqual(['ben'])
			})

			it('keeps one steward when every steward is removed at the same moment', async () => {
				await addPerson('dan', 'Dan')
				await addTribe('tribe-x', 'ana')
				const stewards = ['ana', 'ben', 'cleo', 'dan']
				for (const id of stewards.slice(1)) await storage.tribes.setMember('tribe-x', id, 'steward', T0)
				const outcomes = await Promise.all(stewards.map((id) => storage.tribes.removeMember('tribe-x', id)))
				expect(tally(outcomes)).toEqual({ removed: 3, last_steward: 1 })
				const left = await storage.tribes.members('tribe-x')
				expect(left.map((m) => [m.id, m.role])).toEqual([
					[stewards[outcomes.indexOf('last_steward')], 'steward'],
				])
			})

			it('refuses to remove the last facilitator of one of its circles, and then removes nothing', async () => {
				await addTribe('tribe-x', 'ana')
				await storage.tribes.setMember('tribe-x', 'ben', 'steward', T0)
				await addCircle('circle-1', 'tribe-x', { facilitatorId: 'ben' })
				await addCircle('circle-2', 'tribe-x', { facilitatorId: 'ana' })
				expect(await join('circle-2', 'ben')).toBe('joined')

				expect(await storage.tribes.removeMember('tribe-x', 'ben')).toBe('last_facilitator')
				expect(await storage.tribes.roleOf('tribe-x', 'ben')).toBe('steward')
				expect(await storage.circles.roleOf('circle-1', 'ben')).toBe('facilitator')
				expect(await storage.circles.roleOf('circle-2', 'ben')).toBe('member')

				expect(await storage.circles.join('circle-1', 'ana', { role: 'facilitator', at: T0 })).toBe('joined')
				expect(await storage.tribes.removeMember('tribe-x', 'ben')).toBe('removed')
				expect(await storage.circles.roleOf('circle-1', 'ben')).toBeUndefined()
				expect(await storage.circles.roleOf('circle-2', 'ben')).toBeUndefined()
				expect((await storage.circles.members('circle-1')).map((m) => m.id)).toEqual(['ana'])
			})
		})

		describe('circles and memberships', () => {
			beforeEach(async () => {
				await addPerson('ana', 'Ana')
				await addPerson('ben', 'Ben')
				await addPerson('cleo', 'Cleo')
				await addTribe('tribe-a', 'ana')
			})

			it('creates a circle whose facilitator becomes a member of it and of the tribe', async () => {
				const circle = await storage.circles.create({
					id: 'circle-w',
					tribeId: 'tribe-a',
					name: 'Writers',
					description: 'Words',
					capacity: 12,
					createdAt: T0,
					facilitatorId: 'ben',
				})
				expect(circle).toEqual({
					id: 'circle-w',
					tribeId: 'tribe-a',
					name: 'Writers',
					description: 'Words',
					capacity: 12,
					memberCount: 1,
					createdAt: '2026-03-01T09:00:00.000Z',
				})
				expect(await storage.circles.get('circle-w')).toEqual(circle)
				expect(await storage.circles.roleOf('circle-w', 'ben')).toBe('facilitator')
				expect(await storage.tribes.roleOf('tribe-a', 'ben')).toBe('member')

				// A steward who facilitates a circle stays a steward.
				await addCircle('circle-s', 'tribe-a', { facilitatorId: 'ana' })
				expect(await storage.tribes.roleOf('tribe-a', 'ana')).toBe('steward')

				const empty = await addCircle('circle-e', 'tribe-a')
				expect(empty.memberCount).toBe(0)
				expect(await storage.circles.members('circle-e')).toEqual([])
				expect(await storage.circles.get('no-such-circle')).toBeUndefined()
			})

			it('finds the circles of a tribe and of a person, by name, with members counted', async () => {
				await addCircle('circle-w', 'tribe-a', { name: 'Writers', facilitatorId: 'ana' })
				await addCircle('circle-r', 'tribe-a', { name: 'Artists', facilitatorId: 'ben' })
				await addTribe('tribe-b', 'cleo', { name: 'Kitchen' })
				await addCircle('circle-c', 'tribe-b', { name: 'Cooks', facilitatorId: 'cleo' })
				expect(await join('circle-c', 'ben')).toBe('joined')
				expect(await join('circle-w', 'ben')).toBe('joined')

				const ofTribe = await storage.circles.listOfTribe('tribe-a')
				expect(ofTribe.map((c) => [c.name, c.memberCount])).toEqual([
					['Artists', 1],
					['Writers', 2],
				])
				const ofBen = await storage.circles.listOfMember('ben')
				expect(ofBen.map((c) => [c.name, c.role, c.tribeName, c.memberCount])).toEqual([
					['Artists', 'facilitator', 'Tribe tribe-a', 1],
					['Cooks', 'member', 'Kitchen', 2],
					['Writers', 'member', 'Tribe tribe-a', 2],
				])
				expect(ofBen[1]).toMatchObject({ id: 'circle-c', tribeId: 'tribe-b', capacity: 30 })
				await addPerson('dan', 'Dan')
				expect(await storage.circles.listOfMember('dan')).toEqual([])
				expect(await storage.circles.listOfTribe('no-such-tribe')).toEqual([])
			})

			it('changes the fields given', async () => {
				const circle = await addCircle('circle-w', 'tribe-a', { facilitatorId: 'ana' })
				const changed = await storage.circles.update('circle-w', { name: 'Poets', capacity: 5 })
				expect(changed).toEqual({ ...circle, name: 'Poets', capacity: 5 })
				expect(await storage.circles.update('circle-w', { description: 'Verse' })).toEqual({
					...changed,
					description: 'Verse',
				})
				expect(await storage.circles.update('circle-w', {})).toMatchObject({ name: 'Poets', memberCount: 1 })
				expect(await storage.circles.update('no-such-circle', { name: 'x' })).toBeUndefined()
				expect(await storage.circles.update('no-such-circle', {})).toBeUndefined()
			})

			it('lets people join while seats are free, and adds them to the tribe', async () => {
				await addCircle('circle-w', 'tribe-a', { capacity: 2, facilitatorId: 'ana' })
				expect(await join('circle-w', 'ben', { at: later(3) })).toBe('joined')
				expect(await join('circle-w', 'ben')).toBe('already_member')
				expect(await join('circle-w', 'cleo')).toBe('full')

				expect((await storage.circles.get('circle-w'))?.memberCount).toBe(2)
				expect(await storage.circles.roleOf('circle-w', 'cleo')).toBeUndefined()
				expect(await storage.tribes.roleOf('tribe-a', 'cleo')).toBeUndefined()
				expect(await storage.tribes.roleOf('tribe-a', 'ben')).toBe('member')
				expect((await storage.circles.members('circle-w')).find((m) => m.id === 'ben')).toEqual({
					id: 'ben',
					displayName: 'Ben',
					color: colour,
					role: 'member',
					joinedAt: later(3).toISOString(),
				})
			})

			it('admits exactly one of five people racing for the last seat', async () => {
				await addCircle('circle-w', 'tribe-a', { capacity: 2, facilitatorId: 'ana' })
				const racers = ['p1', 'p2', 'p3', 'p4', 'p5']
				for (const id of racers) await addPerson(id)

				const outcomes = await Promise.all(racers.map((id) => join('circle-w', id)))

				expect(tally(outcomes)).toEqual({ joined: 1, full: 4 })
				expect((await storage.circles.get('circle-w'))?.memberCount).toBe(2)
				const winner = racers[outcomes.indexOf('joined')]
				expect((await storage.circles.members('circle-w')).map((m) => m.id)).toEqual(['ana', winner])
				const inTribe = (await storage.tribes.members('tribe-a')).map((m) => m.id)
				expect(inTribe.filter((id) => racers.includes(id))).toEqual([winner])
			})

			it('frees a seat when someone leaves', async () => {
				await addCircle('circle-w', 'tribe-a', { capacity: 2, facilitatorId: 'ana' })
				expect(await join('circle-w', 'ben')).toBe('joined')
				expect(await join('circle-w', 'cleo')).toBe('full')
				expect(await storage.circles.removeMember('circle-w', 'ben')).toBe('removed')
				expect(await join('circle-w', 'cleo')).toBe('joined')
			})

			it('keeps a steward a steward when they join a circle', async () => {
				await addCircle('circle-w', 'tribe-a', { facilitatorId: 'ben' })
				expect(await join('circle-w', 'ana')).toBe('joined')
				expect(await storage.tribes.roleOf('tribe-a', 'ana')).toBe('steward')
				expect(await storage.circles.roleOf('circle-w', 'ana')).toBe('member')
			})

			it('lists members facilitators first, then by name', async () => {
				await addPerson('zed', 'Zed')
				await addCircle('circle-w', 'tribe-a', { facilitatorId: 'zed' })
				for (const id of ['cleo', 'ben']) expect(await join('circle-w', id)).toBe('joined')
				expect(await storage.circles.join('circle-w', 'ana', { role: 'facilitator', at: T0 })).toBe('joined')
				expect((await storage.circles.members('circle-w')).map((m) => [m.displayName, m.role])).toEqual([
					['Ana', 'facilitator'],
					['Zed', 'facilitator'],
					['Ben', 'member'],
					['Cleo', 'member'],
				])
			})

			it('changes roles but never leaves a circle without a facilitator', async () => {
				await addCircle('circle-w', 'tribe-a', { facilitatorId: 'ana' })
				expect(await join('circle-w', 'ben')).toBe('joined')

				expect(await storage.circles.setRole('circle-w', 'ana', 'member')).toBe('last_facilitator')
				expect(await storage.circles.roleOf('circle-w', 'ana')).toBe('facilitator')

				expect(await storage.circles.setRole('circle-w', 'ben', 'facilitator')).toBe('changed')
				expect(await storage.circles.setRole('circle-w', 'ana', 'member')).toBe('changed')
				expect(await storage.circles.setRole('circle-w', 'ben', 'member')).toBe('last_facilitator')
				expect(await storage.circles.roleOf('circle-w', 'ana')).toBe('member')
				expect(await storage.circles.roleOf('circle-w', 'ben')).toBe('facilitator')
				expect(await storage.circles.setRole('circle-w', 'cleo', 'facilitator')).toBe('not_member')
			})

			it('lets members leave, but not the last facilitator', async () => {
				await addCircle('circle-w', 'tribe-a', { facilitatorId: 'ana' })
				expect(await join('circle-w', 'ben')).toBe('joined')

				expect(await storage.circles.removeMember('circle-w', 'ana')).toBe('last_facilitator')
				expect(await storage.circles.roleOf('circle-w', 'ana')).toBe('facilitator')
				expect(await storage.circles.removeMember('circle-w', 'ben')).toBe('removed')
				expect((await storage.circles.get('circle-w'))?.memberCount).toBe(1)
				expect(await storage.circles.removeMember('circle-w', 'ben')).toBe('not_member')
			})

			it('keeps one facilitator when every facilitator steps down at the same moment', async () => {
				await addPerson('dan', 'Dan')
				await addCircle('circle-w', 'tribe-a', { facilitatorId: 'ana' })
				for (const id of ['ben', 'cleo', 'dan']) {
					expect(await storage.circles.join('circle-w', id, { role: 'facilitator', at: T0 })).toBe('joined')
				}
				const outcomes = await Promise.all([
					storage.circles.setRole('circle-w', 'ana', 'member'),
					storage.circles.removeMember('circle-w', 'ben'),
					storage.circles.setRole('circle-w', 'cleo', 'member'),
					storage.circles.removeMember('circle-w', 'dan'),
				])
				expect(outcomes.filter((o) => o === 'last_facilitator')).toHaveLength(1)
				const facilitators = (await storage.circles.members('circle-w')).filter(
					(m) => m.role === 'facilitator',
				)
				expect(facilitators).toHaveLength(1)
			})
		})

		describe('invitations', () => {
			beforeEach(async () => {
				await addPerson('ana', 'Ana')
				for (const id of ['ben', 'cleo', 'dan']) await addPerson(id)
				await addTribe('tribe-a', 'ana')
				await addCircle('circle-a', 'tribe-a', { facilitatorId: 'ana' })
			})
			const invite = (
				id: string,
				options: { maxUses?: number | null; expiresAt?: Date; createdAt?: Date; circleId?: string } = {},
			) =>
				storage.circles.createInvitation({
					id,
					circleId: options.circleId ?? 'circle-a',
					tokenHash: `hash-of-${id}`,
					createdBy: 'ana',
					createdAt: options.createdAt ?? T0,
					expiresAt: options.expiresAt ?? later(7 * 24 * 60),
					maxUses: options.maxUses ?? null,
				})

			it('stores an invitation by the hash of its token and finds it again', async () => {
				const invitation = await invite('inv-1', { maxUses: 3 })
				expect(invitation).toEqual({
					id: 'inv-1',
					circleId: 'circle-a',
					createdBy: { id: 'ana', displayName: 'Ana', color: colour },
					createdAt: '2026-03-01T09:00:00.000Z',
					expiresAt: '2026-03-08T09:00:00.000Z',
					maxUses: 3,
					uses: 0,
					revokedAt: null,
				})
				expect(await storage.circles.findInvitation('hash-of-inv-1')).toEqual(invitation)
				expect(await storage.circles.findInvitation('hash-of-nothing')).toBeUndefined()
			})

			it('lists the invitations of a circle newest first, revoked ones included', async () => {
				await addCircle('circle-b', 'tribe-a', { facilitatorId: 'ana' })
				await invite('inv-old', { createdAt: T0 })
				await invite('inv-new', { createdAt: later(1) })
				await invite('inv-b', { circleId: 'circle-b' })
				expect(await storage.circles.revokeInvitation('circle-a', 'inv-old', later(2))).toBe(true)

				const listed = await storage.circles.listInvitations('circle-a')
				expect(listed.map((i) => [i.id, i.revokedAt])).toEqual([
					['inv-new', null],
					['inv-old', later(2).toISOString()],
				])
			})

			it('counts each join with an invitation and stops at its limit', async () => {
				await invite('inv-2', { maxUses: 2 })
				expect(await join('circle-a', 'ben', { invitationId: 'inv-2' })).toBe('joined')
				// Someone already in the circle does not use the invitation up.
				expect(await join('circle-a', 'ben', { invitationId: 'inv-2' })).toBe('already_member')
				expect((await storage.circles.findInvitation('hash-of-inv-2'))?.uses).toBe(1)
				expect(await join('circle-a', 'cleo', { invitationId: 'inv-2' })).toBe('joined')
				expect(await join('circle-a', 'dan', { invitationId: 'inv-2' })).toBe('invitation_unusable')

				expect((await storage.circles.findInvitation('hash-of-inv-2'))?.uses).toBe(2)
				expect(await storage.circles.roleOf('circle-a', 'dan')).toBeUndefined()
				expect(await storage.tribes.roleOf('tribe-a', 'cleo')).toBe('member')
			})

			it('lets exactly one of three people use an invitation meant for one', async () => {
				await invite('inv-1', { maxUses: 1 })
				const outcomes = await Promise.all(
					['ben', 'cleo', 'dan'].map((id) => join('circle-a', id, { invitationId: 'inv-1' })),
				)
				expect(tally(outcomes)).toEqual({ joined: 1, invitation_unusable: 2 })
				expect((await storage.circles.findInvitation('hash-of-inv-1'))?.uses).toBe(1)
				expect((await storage.circles.get('circle-a'))?.memberCount).toBe(2)
			})

			it('refuses revoked and expired invitations and those of another circle', async () => {
				await invite('inv-revoked')
				expect(await storage.circles.revokeInvitation('circle-a', 'inv-revoked', later(1))).toBe(true)
				expect(await join('circle-a', 'ben', { invitationId: 'inv-revoked', at: later(2) })).toBe(
					'invitation_unusable',
				)

				await invite('inv-short', { expiresAt: later(10) })
				expect(await join('circle-a', 'ben', { invitationId: 'inv-short', at: later(10) })).toBe(
					'invitation_unusable',
				)
				expect(await join('circle-a', 'cleo', { invitationId: 'inv-short', at: later(9) })).toBe('joined')

				await addCircle('circle-b', 'tribe-a', { facilitatorId: 'ana' })
				await invite('inv-b', { circleId: 'circle-b' })
				expect(await join('circle-a', 'ben', { invitationId: 'inv-b' })).toBe('invitation_unusable')
				expect(await join('circle-a', 'ben', { invitationId: 'no-such-invitation' })).toBe(
					'invitation_unusable',
				)

				expect(await storage.circles.roleOf('circle-a', 'ben')).toBeUndefined()
				expect((await storage.circles.findInvitation('hash-of-inv-revoked'))?.uses).toBe(0)
				expect((await storage.circles.findInvitation('hash-of-inv-b'))?.uses).toBe(0)
			})

			it('does not spend an invitation on a full circle', async () => {
				await storage.circles.update('circle-a', { capacity: 1 })
				await invite('inv-1', { maxUses: 1 })
				expect(await join('circle-a', 'ben', { invitationId: 'inv-1' })).toBe('full')
				expect((await storage.circles.findInvitation('hash-of-inv-1'))?.uses).toBe(0)
			})

			it('revokes only a circle’s own invitation, keeping the time of the first revocation', async () => {
				await addCircle('circle-b', 'tribe-a', { facilitatorId: 'ana' })
				await invite('inv-1')
				expect(await storage.circles.revokeInvitation('circle-b', 'inv-1', later(1))).toBe(false)
				expect(await storage.circles.revokeInvitation('circle-a', 'no-such-invitation', later(1))).toBe(false)
				expect((await storage.circles.findInvitation('hash-of-inv-1'))?.revokedAt).toBeNull()

				expect(await storage.circles.revokeInvitation('circle-a', 'inv-1', later(1))).toBe(true)
				expect(await storage.circles.revokeInvitation('circle-a', 'inv-1', later(2))).toBe(true)
				expect((await storage.circles.findInvitation('hash-of-inv-1'))?.revokedAt).toBe(
					later(1).toISOString(),
				)
			})
		})

		describe('join requests', () => {
			beforeEach(async () => {
				await addPerson('ana', 'Ana')
				await addPerson('ben', 'Ben')
				await addPerson('cleo', 'Cleo')
				await addTribe('tribe-a', 'ana')
				await addCircle('circle-a', 'tribe-a', { facilitatorId: 'ana' })
			})
			const request = (id: string, userId: string, createdAt = T0) =>
				storage.circles.createJoinRequest({ id, circleId: 'circle-a', userId, createdAt })

			it('keeps one waiting request per person and circle', async () => {
				expect(await request('jr-1', 'ben')).toBe('created')
				expect(await request('jr-2', 'ben', later(1))).toBe('exists')
				expect(await storage.circles.hasJoinRequest('circle-a', 'ben')).toBe(true)
				expect(await storage.circles.hasJoinRequest('circle-a', 'cleo')).toBe(false)
				expect(await storage.circles.getJoinRequest('jr-1')).toEqual({
					id: 'jr-1',
					circleId: 'circle-a',
					person: { id: 'ben', displayName: 'Ben', color: colour },
					createdAt: '2026-03-01T09:00:00.000Z',
				})
				expect(await storage.circles.getJoinRequest('jr-2')).toBeUndefined()
			})

			it('lists waiting requests oldest first', async () => {
				await request('jr-c', 'cleo', later(2))
				await request('jr-b', 'ben', later(1))
				expect((await storage.circles.listJoinRequests('circle-a')).map((r) => r.person.displayName)).toEqual(
					['Ben', 'Cleo'],
				)
				expect(await storage.circles.listJoinRequests('no-such-circle')).toEqual([])
			})

			it('forgets a declined or withdrawn request', async () => {
				await request('jr-1', 'ben')
				await storage.circles.deleteJoinRequest('jr-1')
				expect(await storage.circles.getJoinRequest('jr-1')).toBeUndefined()
				expect(await storage.circles.hasJoinRequest('circle-a', 'ben')).toBe(false)
				await storage.circles.deleteJoinRequest('jr-1')
				expect(await request('jr-again', 'ben')).toBe('created')
			})

			it('removes the request of someone who joins, and keeps it while the circle is full', async () => {
				await storage.circles.update('circle-a', { capacity: 1 })
				await request('jr-1', 'ben')
				expect(await join('circle-a', 'ben')).toBe('full')
				expect(await storage.circles.hasJoinRequest('circle-a', 'ben')).toBe(true)

				await storage.circles.update('circle-a', { capacity: 2 })
				expect(await join('circle-a', 'ben')).toBe('joined')
				expect(await storage.circles.hasJoinRequest('circle-a', 'ben')).toBe(false)
				expect(await storage.circles.listJoinRequests('circle-a')).toEqual([])
			})
		})

		describe('settings', () => {
			it('starts with open sign-up and no tribe claiming', async () => {
				expect(await storage.settings.get()).toEqual({ signupPolicy: 'open', tribeClaiming: false })
			})

			it('changes the settings given and keeps the others', async () => {
				expect(await storage.settings.update({ tribeClaiming: true })).toEqual({
					signupPolicy: 'open',
					tribeClaiming: true,
				})
				expect(await storage.settings.update({ signupPolicy: 'invitation' })).toEqual({
					signupPolicy: 'invitation',
					tribeClaiming: true,
				})
				expect(await storage.settings.update({})).toEqual({ signupPolicy: 'invitation', tribeClaiming: true })
				expect(await storage.settings.update({ tribeClaiming: false })).toEqual({
					signupPolicy: 'invitation',
					tribeClaiming: false,
				})
				expect(await storage.settings.get()).toEqual({ signupPolicy: 'invitation', tribeClaiming: false })
			})
		})

		describe('snapshots', () => {
			const newSnapshot = (id: string, overrides: Partial<NewSnapshot> = {}): NewSnapshot => ({
				id,
				boardId: 'board-snap',
				sessionId: null,
				title: `Snapshot ${id}`,
				kind: 'manual',
				createdBy: 'ana',
				createdAt: T0,
				shapeCount: 3,
				participants: [],
				state: bytes(1, 2, 3),
				...overrides,
			})

			beforeEach(async () => {
				await addPerson('ana', 'Ana')
				await addPerson('ben', 'Ben')
				await addPerson('cleo', 'Cleo')
				await addTribe('tribe-a', 'ana')
				await addCircle('circle-a', 'tribe-a', { facilitatorId: 'ana' })
				await storage.boards.create(newBoard('board-snap'))
				await storage.boards.create(newBoard('board-other'))
			})

			it('stores a snapshot with its people and finds it again', async () => {
				const created = await storage.snapshots.create(
					newSnapshot('snap-1', {
						kind: 'session',
						sessionId: 'session-1',
						title: 'Day 3 — 1 March',
						participants: ['cleo', 'ana', 'ben'],
						shapeCount: 42,
					}),
				)
				const ana = { id: 'ana', displayName: 'Ana', color: colour }
				expect(created).toEqual({
					id: 'snap-1',
					boardId: 'board-snap',
					sessionId: 'session-1',
					title: 'Day 3 — 1 March',
					kind: 'session',
					createdBy: ana,
					createdAt: T0.toISOString(),
					shapeCount: 42,
					// In the order given (a roster's order), not sorted.
					participants: [
						{ id: 'cleo', displayName: 'Cleo', color: colour },
						ana,
						{ id: 'ben', displayName: 'Ben', color: colour },
					],
					hasThumbnail: false,
				})
				expect(await storage.snapshots.get('snap-1')).toEqual(created)
				expect(await storage.snapshots.get('snap-none')).toBeUndefined()
			})

			it('keeps the state bytes exactly, and gives none for an unknown snapshot', async () => {
				const all = new Uint8Array(256).map((_, i) => i)
				const framed = new Uint8Array(300).fill(0xee)
				framed.set(all, 10)
				await storage.snapshots.create(newSnapshot('snap-bin', { state: framed.subarray(10, 266) }))
				const state = await storage.snapshots.getState('snap-bin')
				expect(state).toEqual(all)
				expect(Object.getPrototypeOf(state)).toBe(Uint8Array.prototype)
				expect(await storage.snapshots.getState('snap-none')).toBeUndefined()
			})

			it('takes snapshots of no one (a session that ended by itself)', async () => {
				const created = await storage.snapshots.create(newSnapshot('snap-auto', { createdBy: null }))
				expect(created.createdBy).toBeNull()
				expect(created.participants).toEqual([])
			})

			it('lists the snapshots of one board, newest first', async () => {
				await storage.snapshots.create(newSnapshot('snap-a', { createdAt: later(1) }))
				await storage.snapshots.create(newSnapshot('snap-c', { createdAt: later(3) }))
				await storage.snapshots.create(newSnapshot('snap-b', { createdAt: later(2), kind: 'before_restore' }))
				await storage.snapshots.create(newSnapshot('snap-x', { boardId: 'board-other', createdAt: later(4) }))
				const listed = await storage.snapshots.listOfBoard('board-snap')
				expect(listed.map((s) => [s.id, s.kind])).toEqual([
					['snap-c', 'manual'],
					['snap-b', 'before_restore'],
					['snap-a', 'manual'],
				])
				expect((await storage.snapshots.listOfBoard('board-other')).map((s) => s.id)).toEqual(['snap-x'])
				expect(await storage.snapshots.listOfBoard('board-none')).toEqual([])
			})

			it('sets and replaces a thumbnail', async () => {
				await storage.snapshots.create(newSnapshot('snap-t'))
				expect(await storage.snapshots.getThumbnail('snap-t')).toBeUndefined()
				expect(await storage.snapshots.setThumbnail('snap-t', bytes(0x89, 1))).toBe(true)
				expect(await storage.snapshots.getThumbnail('snap-t')).toEqual(bytes(0x89, 1))
				expect(await storage.snapshots.get('snap-t')).toMatchObject({ hasThumbnail: true })
				expect((await storage.snapshots.listOfBoard('board-snap'))[0]).toMatchObject({ hasThumbnail: true })
				expect(await storage.snapshots.setThumbnail('snap-t', bytes(0x89, 2, 2))).toBe(true)
				expect(await storage.snapshots.getThumbnail('snap-t')).toEqual(bytes(0x89, 2, 2))
				// The content is untouched by a thumbnail.
				expect(await storage.snapshots.getState('snap-t')).toEqual(bytes(1, 2, 3))
				expect(await storage.snapshots.setThumbnail('snap-none', bytes(1))).toBe(false)
				expect(await storage.snapshots.getThumbnail('snap-none')).toBeUndefined()
			})

			it('refuses a snapshot of a board that does not exist, or an unknown kind', async () => {
				await expect(
					storage.snapshots.create(newSnapshot('snap-orphan', { boardId: 'no-such-board' })),
				).rejects.toThrow()
				await expect(
					storage.snapshots.create(newSnapshot('snap-odd', { kind: 'weekly' as NewSnapshot['kind'] })),
				).rejects.toThrow()
				expect(await storage.snapshots.get('snap-orphan')).toBeUndefined()
				expect(await storage.snapshots.get('snap-odd')).toBeUndefined()
			})

			it('keeps snapshots after closing and reopening', async () => {
				const created = await storage.snapshots.create(
					newSnapshot('snap-keep', { participants: ['ben'], state: bytes(7, 7) }),
				)
				await storage.snapshots.setThumbnail('snap-keep', bytes(9))
				await storage.close()
				const reopened = await open()
				expect(await reopened.snapshots.get('snap-keep')).toEqual({ ...created, hasThumbnail: true })
				expect(await reopened.snapshots.getState('snap-keep')).toEqual(bytes(7, 7))
				expect(await reopened.snapshots.getThumbnail('snap-keep')).toEqual(bytes(9))
			})
		})

		describe('live sessions', () => {
			const ana = { id: 'ana', displayName: 'Ana', color: colour }
			const ben = { id: 'ben', displayName: 'Ben', color: colour }
			const newSession = (id: string, overrides: Partial<NewLiveSession> = {}): NewLiveSession => ({
				id,
				boardId: 'board-live',
				title: `Session ${id}`,
				agenda: ['Check in', 'Harvest'],
				timer: { durationMs: 600_000, remainingMs: 600_000, runningSince: T0 },
				startedBy: 'ana',
				startedAt: T0,
				participants: ['ana'],
				...overrides,
			})

			beforeEach(async () => {
				await addPerson('ana', 'Ana')
				await addPerson('ben', 'Ben')
				await addTribe('tribe-a', 'ana')
				await addCircle('circle-a', 'tribe-a', { facilitatorId: 'ana' })
				await storage.boards.create(newBoard('board-live'))
				await storage.boards.create(newBoard('board-other'))
			})

			it('starts a session and finds it running on its board', async () => {
				const started = await storage.liveSessions.start(newSession('live-1'))
				expect(started).toEqual({
					id: 'live-1',
					boardId: 'board-live',
					title: 'Session live-1',
					agenda: ['Check in', 'Harvest'],
					currentItem: 0,
					timer: { durationMs: 600_000, remainingMs: 600_000, runningSince: T0.toISOString() },
					followMe: null,
					startedBy: ana,
					startedAt: T0.toISOString(),
					endedAt: null,
					participants: [ana],
					snapshot: null,
				})
				expect(await storage.liveSessions.running('board-live')).toEqual(started)
				expect(await storage.liveSessions.get('live-1')).toEqual(started)
				expect(await storage.liveSessions.running('board-other')).toBeUndefined()
				expect(await storage.liveSessions.get('live-none')).toBeUndefined()
			})

			it('keeps one running session per board, even when two start at the same moment', async () => {
				const outcomes = await Promise.all([
					storage.liveSessions.start(newSession('live-a')),
					storage.liveSessions.start(newSession('live-b')),
					storage.liveSessions.start(newSession('live-c')),
				])
				expect(outcomes.filter((o) => o !== undefined)).toHaveLength(1)
				// Another board is not affected.
				expect(
					await storage.liveSessions.start(newSession('live-o', { boardId: 'board-other' })),
				).toBeDefined()
				const winner = outcomes.find((o) => o !== undefined)
				expect((await storage.liveSessions.running('board-live'))?.id).toBe(winner?.id)
			})

			it('refuses a second running session in the database itself, not only in the store', async () => {
				await storage.liveSessions.start(newSession('live-1'))
				const { db } = await harness.connect()
				const insert = (id: string, endedAt: string | null) =>
					(db as Kysely<DatabaseSchema>)
						.insertInto('live_sessions')
						.values({
							id,
							board_id: 'board-live',
							title: 'Raw',
							agenda: '[]',
							current_item: 0,
							timer_duration_ms: null,
							timer_remaining_ms: null,
							timer_running_since: null,
							follow_me: null,
							started_by: null,
							started_at: T0.toISOString(),
							ended_at: endedAt,
							snapshot_id: null,
						})
						.execute()
				try {
					// Ended sessions are not limited…
					await insert('live-ended-1', later(5).toISOString())
					await insert('live-ended-2', later(6).toISOString())
					// …a second running one is.
					await expect(insert('live-raw', null)).rejects.toThrow()
				} finally {
					await db.destroy()
				}
			})

			it('changes the current item, the timer and who is followed, only while running', async () => {
				await storage.liveSessions.start(newSession('live-1', { timer: null }))
				const changed = await storage.liveSessions.update('live-1', {
					currentItem: 1,
					timer: { durationMs: 300_000, remainingMs: 120_500, runningSince: null },
					followMe: 'ben',
				})
				expect(changed).toMatchObject({
					currentItem: 1,
					timer: { durationMs: 300_000, remainingMs: 120_500, runningSince: null },
					followMe: ben,
				})
				// Fields left out stay as they are.
				expect(await storage.liveSessions.update('live-1', { followMe: null })).toMatchObject({
					currentItem: 1,
					followMe: null,
					timer: { remainingMs: 120_500 },
				})
				expect(await storage.liveSessions.update('live-1', { timer: null })).toMatchObject({ timer: null })
				await storage.liveSessions.end('live-1', later(30), null)
				expect(await storage.liveSessions.update('live-1', { currentItem: 0 })).toBeUndefined()
				expect(await storage.liveSessions.update('live-none', { currentItem: 0 })).toBeUndefined()
			})

			it('records participants once each, in the order they came', async () => {
				await storage.liveSessions.start(newSession('live-1', { participants: [] }))
				await storage.liveSessions.addParticipant('live-1', 'ben', later(1))
				await storage.liveSessions.addParticipant('live-1', 'ana', later(2))
				await storage.liveSessions.addParticipant('live-1', 'ben', later(3))
				expect((await storage.liveSessions.get('live-1'))?.participants).toEqual([ben, ana])
			})

			it('ends a session with its snapshot; then a new one may start', async () => {
				await storage.liveSessions.start(newSession('live-1'))
				await storage.snapshots.create({
					id: 'snap-live',
					boardId: 'board-live',
					sessionId: 'live-1',
					title: 'Session live-1 — 2026-03-01',
					kind: 'session',
					createdBy: 'ana',
					createdAt: later(45),
					shapeCount: 0,
					participants: ['ana'],
					state: bytes(1),
				})
				const ended = await storage.liveSessions.end('live-1', later(45), 'snap-live')
				expect(ended).toMatchObject({
					endedAt: later(45).toISOString(),
					snapshot: { id: 'snap-live', hasThumbnail: false },
				})
				expect(await storage.liveSessions.end('live-1', later(46), null)).toBeUndefined()
				expect(await storage.liveSessions.running('board-live')).toBeUndefined()
				expect(await storage.liveSessions.start(newSession('live-2', { startedAt: later(60) }))).toBeDefined()
				await storage.snapshots.setThumbnail('snap-live', bytes(0x89))
				expect((await storage.liveSessions.get('live-1'))?.snapshot).toEqual({
					id: 'snap-live',
					hasThumbnail: true,
				})
			})

			it('lists the ended sessions of some boards, most recently started first', async () => {
				for (const [id, boardId, minutes] of [
					['live-a', 'board-live', 0],
					['live-b', 'board-other', 60],
					['live-c', 'board-live', 120],
				] as const) {
					await storage.liveSessions.start(newSession(id, { boardId, startedAt: later(minutes) }))
					await storage.liveSessions.end(id, later(minutes + 30), null)
				}
				await storage.liveSessions.start(newSession('live-running', { startedAt: later(200) }))
				const both = await storage.liveSessions.listEnded(['board-live', 'board-other'], 10)
				expect(both.map((s) => s.id)).toEqual(['live-c', 'live-b', 'live-a'])
				expect((await storage.liveSessions.listEnded(['board-live'], 10)).map((s) => s.id)).toEqual([
					'live-c',
					'live-a',
				])
				expect(
					(await storage.liveSessions.listEnded(['board-live', 'board-other'], 1)).map((s) => s.id),
				).toEqual(['live-c'])
				expect(await storage.liveSessions.listEnded([], 10)).toEqual([])
			})

			it('keeps a running session, its timer and participants after closing and reopening', async () => {
				const started = await storage.liveSessions.start(
					newSession('live-keep', { participants: ['ben', 'ana'] }),
				)
				await storage.close()
				const reopened = await open()
				expect(await reopened.liveSessions.running('board-live')).toEqual(started)
			})
		})

		describe('lifetime', () => {
			it('keeps boards and documents after closing and reopening', async () => {
				await addPerson('ana', 'Ana')
				await addTribe('tribe-a', 'ana')
				await addCircle('circle-a', 'tribe-a', { facilitatorId: 'ana' })
				const board = await storage.boards.create(newBoard('board-keep'))
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

			it('keeps tribes, circles, members, invitations, requests and settings after reopening', async () => {
				await addPerson('ana', 'Ana')
				await addPerson('ben', 'Ben')
				await addPerson('cleo', 'Cleo')
				await addTribe('tribe-a', 'ana', { visibility: 'private' })
				await addCircle('circle-a', 'tribe-a', { capacity: 2, facilitatorId: 'ana' })
				const invitation = await storage.circles.createInvitation({
					id: 'inv-1',
					circleId: 'circle-a',
					tokenHash: 'hash-of-inv-1',
					createdBy: 'ana',
					createdAt: T0,
					expiresAt: later(60),
					maxUses: 5,
				})
				expect(await join('circle-a', 'ben', { invitationId: 'inv-1' })).toBe('joined')
				await storage.circles.createJoinRequest({
					id: 'jr-1',
					circleId: 'circle-a',
					userId: 'cleo',
					createdAt: T0,
				})
				await storage.settings.update({ signupPolicy: 'invitation' })
				const tribe = await storage.tribes.getSummary('tribe-a', 'ben')
				const members = await storage.circles.members('circle-a')
				await storage.close()

				const reopened = await open()
				expect(await reopened.tribes.getSummary('tribe-a', 'ben')).toEqual(tribe)
				expect(await reopened.circles.members('circle-a')).toEqual(members)
				expect(await reopened.circles.findInvitation('hash-of-inv-1')).toEqual({ ...invitation, uses: 1 })
				expect(await reopened.circles.hasJoinRequest('circle-a', 'cleo')).toBe(true)
				expect(await reopened.settings.get()).toEqual({ signupPolicy: 'invitation', tribeClaiming: false })
				// The capacity still holds after a restart.
				expect(await reopened.circles.join('circle-a', 'cleo', { role: 'member', at: T0 })).toBe('full')
			})

			it('opens an already migrated database again without changing it', async () => {
				await addPerson('ana', 'Ana')
				await addTribe('tribe-a', 'ana')
				await addCircle('circle-a', 'tribe-a', { facilitatorId: 'ana' })
				await storage.boards.create(newBoard('board-migr', 'circle-a', 'Before'))
				await storage.close()
				const second = await open()
				await second.close()
				const third = await open()
				const boards = await third.boards.listOfCircle('circle-a', { includeArchived: false })
				expect(boards.map((b) => b.title)).toEqual(['Before'])
			})

			it('keeps boards made before boards belonged to circles, in no circle', async () => {
				const legacy = await createHarness()
				try {
					const { db, kind, migrationTableSchema } = await legacy.connect()
					try {
						const migrations = createMigrations(kind)
						const migrator = new Migrator({
							db,
							provider: { getMigrations: async () => migrations },
							...(migrationTableSchema ? { migrationTableSchema } : {}),
						})
						const { error } = await migrator.migrateTo('0002_accounts')
						if (error) throw error
						const at = '2025-12-24T18:00:00.000Z'
						await (
							db as Kysely<{ boards: { id: string; title: string; created_at: string; updated_at: string } }>
						)
							.insertInto('boards')
							.values({ id: 'board-before', title: 'From last year', created_at: at, updated_at: at })
							.execute()
					} finally {
						await db.destroy()
					}

					const upgraded = await legacy.open()
					try {
						const board = {
							id: 'board-before',
							circleId: null,
							title: 'From last year',
							visibility: 'circle',
							createdBy: null,
							archivedAt: null,
							deletedAt: null,
							createdAt: '2025-12-24T18:00:00.000Z',
							updatedAt: '2025-12-24T18:00:00.000Z',
							journeyDay: null,
						}
						expect(await upgraded.boards.get('board-before')).toEqual(board)
						expect(await upgraded.boards.getInContext('board-before')).toEqual({ board, circle: undefined })
					} finally {
						await upgraded.close()
					}
				} finally {
					await legacy.dispose()
				}
			})

			it('can be closed twice', async () => {
				await storage.close()
				await storage.close()
			})
		})
	})
}
