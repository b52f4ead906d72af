/**
 * `node bench/persistence.ts`: CPU per stored log entry on SQLite, as the rooms write them —
 * one append per board per persistence window, one by one or all boards' windows in one
 * `appendMany` — with and without the dialect's statement cache. A measurement, not a test.
 *
 * Environment: PERSIST_BOARDS (default 20, as in scenario (b)), PERSIST_WINDOWS (default 1000).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely } from 'kysely'
import { KyselyDocStore } from '../src/storage/KyselyDocStore.ts'
import { migrateToLatest } from '../src/storage/migrations.ts'
import { nodeSqliteDialect } from '../src/storage/nodeSqliteDialect.ts'
import type { DatabaseSchema } from '../src/storage/schema.ts'

const boards = Number(process.env.PERSIST_BOARDS ?? 20)
const windows = Number(process.env.PERSIST_WINDOWS ?? 1000)
// About one window of a busy board: a few moves and their Yjs overhead.
const entry = new Uint8Array(600).fill(7)

async function open(statementCacheSize: number) {
	const dir = mkdtempSync(path.join(tmpdir(), 'circlespace-persist-'))
	const database = new DatabaseSync(path.join(dir, 'bench.db'))
	// As openStorage sets them.
	database.exec('PRAGMA journal_mode = WAL')
	database.exec('PRAGMA synchronous = NORMAL')
	const db = new Kysely<DatabaseSchema>({ dialect: nodeSqliteDialect(database, { statementCacheSize }) })
	await migrateToLatest(db as Kysely<unknown>, 'sqlite', undefined)
	return {
		docs: new KyselyDocStore(db),
		close: async () => {
			await db.destroy()
			rmSync(dir, { recursive: true, force: true })
		},
	}
}

function cpuMicros(): number {
	const u = process.cpuUsage()
	return u.user + u.system
}

console.log(`${boards} boards × ${windows} windows, ${entry.length}-byte entries; CPU µs per entry`)
for (const round of [1, 2]) {
	for (const cache of [0, 200]) {
		const store = await open(cache)
		let t = cpuMicros()
		for (let w = 0; w < windows; w++)
			for (let b = 0; b < boards; b++) await store.docs.append(`board-${b}`, entry)
		const oneByOne = (cpuMicros() - t) / (windows * boards)
		t = cpuMicros()
		for (let w = 0; w < windows; w++)
			await store.docs.appendMany(
				Array.from({ length: boards }, (_, b) => ({ boardId: `board-${b}`, update: entry })),
			)
		const batched = (cpuMicros() - t) / (windows * boards)
		console.log(
			`round ${round}, statement cache ${cache === 0 ? 'off' : cache}: append ${oneByOne.toFixed(1)}, appendMany of ${boards} ${batched.toFixed(1)}`,
		)
		await store.close()
	}
}
