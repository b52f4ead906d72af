import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BatchedDocStore } from './BatchedDocStore.ts'
import { openStorage, sqliteFileName } from './openStorage.ts'
import type { DocStore, LogAppend, Storage } from './Storage.ts'

const bytes = (...values: number[]) => new Uint8Array(values)

describe('BatchedDocStore', () => {
	let root: string
	let storage: Storage
	/** The real SQLite store underneath, with the batches it was given and its single appends. */
	let batches: number[]
	let singles: number
	let inner: DocStore

	beforeEach(async () => {
		root = await mkdtemp(path.join(tmpdir(), 'circlespace-batched-'))
		storage = await openStorage({ dataDir: root })
		batches = []
		singles = 0
		const docs = storage.docs
		inner = {
			load: (boardId) => docs.load(boardId),
			append: (boardId, update) => {
				singles++
				return docs.append(boardId, update)
			},
			appendMany: (entries: ReadonlyArray<LogAppend>) => {
				batches.push(entries.length)
				return docs.appendMany(entries)
			},
			saveState: (boardId, state, coversId) => docs.saveState(boardId, state, coversId),
			readLog: (boardId, afterId, limit) => docs.readLog(boardId, afterId, limit),
			sizes: (boardId) => docs.sizes(boardId),
		}
	})
	afterEach(async () => {
		await storage.close()
		await rm(root, { recursive: true, force: true })
	})

	it("writes the boards' appends made within the gathering time in one batch, each getting its own id", async () => {
		const docs = new BatchedDocStore(inner, { gatherMs: 20 })
		const ids = await Promise.all([
			docs.append('board-a', bytes(1)),
			docs.append('board-b', bytes(2)),
			docs.append('board-c', bytes(3)),
		])
		expect(batches).toEqual([3])
		expect(new Set(ids).size).toBe(3)
		for (const [i, board] of ['board-a', 'board-b', 'board-c'].entries()) {
			expect(await docs.readLog(board)).toEqual([
				{ id: ids[i], update: bytes(i + 1), createdAt: expect.any(String) },
			])
		}
		// A later append alone in its window is written as a plain append (no transaction around it).
		const later = await docs.append('board-a', bytes(4))
		expect(batches).toEqual([3])
		expect(singles).toBe(1)
		expect(later).toBeGreaterThan(Math.max(...ids))
		expect((await docs.load('board-a')).updates).toEqual([bytes(1), bytes(4)])
	})

	it("stores the others' entries when one entry of a batch cannot be written, and rejects only that one", async () => {
		const docs = new BatchedDocStore(inner, { gatherMs: 20 })
		const good = docs.append('board-a', bytes(1))
		// board_id is NOT NULL: this entry makes the whole transaction fail; each is then tried alone.
		const bad = docs.append(null as unknown as string, bytes(2))
		const [stored] = await Promise.all([good, expect(bad).rejects.toThrow()])
		expect(batches).toEqual([2])
		expect(await docs.readLog('board-a')).toEqual([
			{ id: stored, update: bytes(1), createdAt: expect.any(String) },
		])
	})

	it('rejects every append while the database refuses writes, stores none of them, and stores them when retried', async () => {
		const docs = new BatchedDocStore(inner, { gatherMs: 20 })
		// A real failure inside SQLite, from a second connection as an operator's mistake would be.
		const admin = new DatabaseSync(path.join(root, sqliteFileName))
		admin.exec(
			"create trigger refuse_updates before insert on board_updates begin select raise(abort, 'disk full'); end",
		)
		const appends = [docs.append('board-a', bytes(1)), docs.append('board-b', bytes(2))]
		for (const append of appends) await expect(append).rejects.toThrow(/disk full/)
		expect(await docs.readLog('board-a')).toEqual([])
		expect(await docs.readLog('board-b')).toEqual([])

		admin.exec('drop trigger refuse_updates')
		admin.close()
		await Promise.all([docs.append('board-a', bytes(1)), docs.append('board-b', bytes(2))])
		expect((await docs.load('board-a')).updates).toEqual([bytes(1)])
		expect((await docs.load('board-b')).updates).toEqual([bytes(2)])
	})

	it('writes a batch joined by appendNow at the next turn instead of after the gathering time', async () => {
		const docs = new BatchedDocStore(inner, { gatherMs: 60_000 })
		const waiting = docs.append('board-a', bytes(1))
		const closing = docs.appendNow('board-b', bytes(2))
		// Both resolve although the gathering time (a minute) is far from over: one batch of two.
		const ids = await Promise.all([waiting, closing])
		expect(batches).toEqual([2])
		expect(ids[1]).toBeGreaterThan(ids[0] ?? Number.POSITIVE_INFINITY)
		// Afterwards a plain append gathers again: it waits, and the next appendNow takes it along.
		const later = docs.append('board-a', bytes(3))
		await docs.appendNow('board-c', bytes(4))
		await later
		expect(batches).toEqual([2, 2])
		expect(singles).toBe(0)
		expect((await docs.load('board-a')).updates).toEqual([bytes(1), bytes(3)])
	})

	it('passes loads, compacted states and sizes straight to the store', async () => {
		const docs = new BatchedDocStore(inner, { gatherMs: 20 })
		const id = await docs.append('board-a', bytes(1))
		await docs.saveState('board-a', bytes(9, 9), id)
		expect(await docs.load('board-a')).toEqual({
			state: bytes(9, 9),
			stateCoversId: id,
			updates: [],
			lastId: id,
		})
		expect(await docs.sizes('board-a')).toEqual({ stateBytes: 2, logBytes: 1, logEntries: 1 })
		expect(await storage.docs.load('board-a')).toEqual(await docs.load('board-a'))
	})
})
