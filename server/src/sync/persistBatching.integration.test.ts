import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { openStorage, sqliteFileName } from '../storage/openStorage.ts'
import type { Storage } from '../storage/Storage.ts'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { type SeededPerson, seedBoard, seedBoardIn } from '../testing/seed.ts'
import {
	connectProvider,
	eventually,
	startTestServer,
	synced,
	type TestServer,
} from '../testing/testServer.ts'
import { docFromStored } from './storedDoc.ts'

/**
 * The rooms of a process store their windows through one batch (`BatchedDocStore`, wired in
 * `RoomRegistry`): every busy board's entry of a window in one transaction. These tests show
 * that batching changes when an edit is stored, never whether: on SQLite and on PostgreSQL, with
 * real servers, real clients and real database failures (a trigger refusing inserts).
 */

const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A fresh database of one kind, and what a test needs to reach it around the server. */
interface Database {
	/** Variables that point a server at it. */
	env: Record<string, string>
	dataDir: string
	/** A storage handle of the test's own (the server's may be closed). */
	open(): Promise<Storage>
	/** Makes every insert into the log fail (or only those of `boardId`), as a full disk would. */
	refuseLogInserts(boardId?: string): Promise<void>
	acceptLogInserts(): Promise<void>
}

async function sqliteDatabase(): Promise<Database> {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-batching-'))
	cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
	// A second connection to the server's file: the failure is SQLite's own, not a stand-in.
	const exec = (statement: string) => {
		const db = new DatabaseSync(path.join(dataDir, sqliteFileName))
		try {
			db.exec(statement)
		} finally {
			db.close()
		}
	}
	return {
		env: {},
		dataDir,
		open: () => openStorage({ dataDir }),
		refuseLogInserts: async (boardId) =>
			exec(
				`create trigger refuse_log_inserts before insert on board_updates
				${boardId ? `when new.board_id = '${boardId}'` : ''}
				begin select raise(abort, 'log inserts refused by the test'); end`,
			),
		acceptLogInserts: async () => exec('drop trigger refuse_log_inserts'),
	}
}

async function postgresDatabase(url: string): Promise<Database> {
	const schema = await createSchemaHarness(url)
	cleanups.push(() => schema.dispose())
	const dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-batching-'))
	cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
	const exec = async (statement: string) => {
		const client = new pg.Client({ connectionString: schema.url })
		await client.connect()
		try {
			await client.query(statement)
		} finally {
			await client.end()
		}
	}
	return {
		env: { DATABASE_URL: schema.url },
		dataDir,
		open: schema.open,
		refuseLogInserts: async (boardId) => {
			await exec(`create function refuse_log_insert() returns trigger language plpgsql as $$
				begin raise exception 'log inserts refused by the test'; end $$`)
			await exec(`create trigger refuse_log_inserts before insert on board_updates for each row
				${boardId ? `when (new.board_id = '${boardId}')` : ''} execute function refuse_log_insert()`)
		},
		acceptLogInserts: () => exec('drop trigger refuse_log_inserts on board_updates'),
	}
}

const records = (doc: Y.Doc) => doc.getMap<string>('records')

/** The board as stored, read through `storage`. */
async function storedRecords(storage: Storage, boardId: string): Promise<Record<string, string>> {
	return records(docFromStored(await storage.docs.load(boardId))).toJSON()
}

/** `circlespace_persist_failures_total` as the server's `/metrics` reports it. */
async function persistFailures(s: TestServer): Promise<number> {
	const response = await fetch(`${s.url}/metrics`, {
		headers: { authorization: 'Bearer metrics-token-of-the-test' },
	})
	const line = (await response.text())
		.split('\n')
		.find((l) => l.startsWith('circlespace_persist_failures_total'))
	return Number(line?.split(' ')[1])
}

/** A server on `db`, three boards of one circle, and their facilitator connected to each. */
async function threeBoards(db: Database, env: Record<string, string>) {
	const s = await startTestServer(
		{ ...db.env, METRICS_TOKEN: 'metrics-token-of-the-test', ...env },
		db.dataDir,
	)
	cleanups.push(() => s.stop())
	const { boardId, circle, facilitator } = await seedBoard(s)
	const boards = [
		boardId,
		await seedBoardIn(s, circle.id, facilitator.user, { title: 'second' }),
		await seedBoardIn(s, circle.id, facilitator.user, { title: 'third' }),
	]
	const clients = boards.map((board) => provider(s, board, facilitator))
	await Promise.all(clients.map(synced))
	return { s, boards, clients }
}

function provider(s: TestServer, boardId: string, as: SeededPerson): WebsocketProvider {
	const p = connectProvider(s, boardId, as)
	cleanups.push(() => p.destroy())
	return p
}

/** One edit on each board, all in the same moment (well within one persistence window). */
function editEach(clients: WebsocketProvider[], value: string): void {
	for (const [i, client] of clients.entries()) records(client.doc).set(`shape:${i}`, `${value} ${i}`)
}

const databases: Array<[string, () => Promise<Database>]> = [['SQLite', sqliteDatabase]]
const databaseUrl = process.env.TEST_DATABASE_URL
if (databaseUrl) databases.push(['PostgreSQL', () => postgresDatabase(databaseUrl)])
else {
	it('was NOT run on PostgreSQL: TEST_DATABASE_URL is unset (set it to a postgres:// URL to run it)', () => {
		console.warn('batched persistence on PostgreSQL not run: TEST_DATABASE_URL unset')
		expect(databaseUrl).toBeUndefined()
	})
}

describe.each(databases)('batched persistence on %s', (_name, database) => {
	it('stores edits made on several boards within one window, in one transaction', async () => {
		const db = await database()
		const { s, boards, clients } = await threeBoards(db, { PERSIST_WINDOW_MS: '200' })
		editEach(clients, 'drawn')
		for (const [i, board] of boards.entries()) {
			await eventually(async () =>
				expect(await storedRecords(s.storage, board)).toEqual({ [`shape:${i}`]: `drawn ${i}` }),
			)
		}
		// One transaction: the three rows were inserted together (one timestamp, consecutive ids).
		const rows = (await Promise.all(boards.map((board) => s.storage.docs.readLog(board)))).flat()
		expect(rows).toHaveLength(3)
		expect(new Set(rows.map((r) => r.createdAt)).size).toBe(1)
		const ids = rows.map((r) => r.id).sort((a, b) => a - b)
		expect(ids[2]).toBe((ids[0] ?? 0) + 2)
	})

	it('stores every board’s last edits on a graceful stop, without waiting for the window', async () => {
		const db = await database()
		// A window of a minute: only the stop's flush can store these edits before the test times out.
		const { s, boards, clients } = await threeBoards(db, { PERSIST_WINDOW_MS: '60000' })
		editEach(clients, 'just before the stop')
		for (const [i, board] of boards.entries()) {
			const room = await s.rooms.peek(board)
			await eventually(() =>
				expect(room && records(room.doc).get(`shape:${i}`)).toBe(`just before the stop ${i}`),
			)
		}
		await s.stop()

		const storage = await db.open()
		cleanups.push(() => storage.close())
		for (const [i, board] of boards.entries()) {
			expect(await storedRecords(storage, board)).toEqual({ [`shape:${i}`]: `just before the stop ${i}` })
		}
	})

	it('keeps every board’s edits while the database refuses a batch, and stores them once it accepts again', async () => {
		const db = await database()
		const { s, boards, clients } = await threeBoards(db, { PERSIST_WINDOW_MS: '20' })
		await db.refuseLogInserts()
		editEach(clients, 'while refused')
		await eventually(async () => expect(await persistFailures(s)).toBeGreaterThan(0))
		for (const board of boards) expect(await storedRecords(s.storage, board)).toEqual({})
		// People go on drawing meanwhile; the rooms keep all of it.
		editEach(clients, 'still refused')

		await db.acceptLogInserts()
		for (const [i, board] of boards.entries()) {
			await eventually(async () =>
				expect(await storedRecords(s.storage, board)).toEqual({ [`shape:${i}`]: `still refused ${i}` }),
			)
		}
		// Nothing is lost on the way: a restart from storage alone shows the same boards.
		await s.stop()
		const storage = await db.open()
		cleanups.push(() => storage.close())
		for (const [i, board] of boards.entries()) {
			expect(await storedRecords(storage, board)).toEqual({ [`shape:${i}`]: `still refused ${i}` })
		}
	})

	it('stores the other boards of a batch when one board’s entry cannot be written, and that one later', async () => {
		const db = await database()
		const { s, boards, clients } = await threeBoards(db, { PERSIST_WINDOW_MS: '200' })
		const [refused, ...others] = boards as [string, string, string]
		await db.refuseLogInserts(refused)
		editEach(clients, 'drawn')
		for (const [i, board] of others.entries()) {
			await eventually(async () =>
				expect(await storedRecords(s.storage, board)).toEqual({ [`shape:${i + 1}`]: `drawn ${i + 1}` }),
			)
		}
		await eventually(async () => expect(await persistFailures(s)).toBeGreaterThan(0))
		expect(await storedRecords(s.storage, refused)).toEqual({})

		await db.acceptLogInserts()
		await eventually(async () =>
			expect(await storedRecords(s.storage, refused)).toEqual({ 'shape:0': 'drawn 0' }),
		)
	})
})
