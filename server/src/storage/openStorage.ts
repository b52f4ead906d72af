import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely, PostgresDialect, sql } from 'kysely'
import { KyselyNoteLayerStore } from '../audience/KyselyNoteLayerStore.ts'
import { KyselyPrivateModeStore } from '../audience/KyselyPrivateModeStore.ts'
import { KyselyGalleryStore } from '../gallery/KyselyGalleryStore.ts'
import { KyselyGuestStore } from '../guests/KyselyGuestStore.ts'
import { KyselyLinkStore } from '../links/KyselyLinkStore.ts'
import { KyselyOrgMapStore } from '../orgMap/KyselyOrgMapStore.ts'
import { KyselyRecognitionStore } from '../recognition/KyselyRecognitionStore.ts'
import { KyselyReplayStore } from '../replay/ReplayStore.ts'
import { PostgresSearchIndex } from '../search/PostgresSearchIndex.ts'
import { SqliteSearchIndex } from '../search/SqliteSearchIndex.ts'
import { KyselyBoardThumbnailStore } from '../thumbnails/KyselyBoardThumbnailStore.ts'
import { KyselyVoteStore } from '../votes/KyselyVoteStore.ts'
import { KyselyBoardShareStore } from './KyselyBoardShareStore.ts'
import { KyselyBoardStore } from './KyselyBoardStore.ts'
import { KyselyBoardTemplateStore } from './KyselyBoardTemplateStore.ts'
import { KyselyCircleStore } from './KyselyCircleStore.ts'
import { KyselyDocStore } from './KyselyDocStore.ts'
import { KyselyJourneyStore } from './KyselyJourneyStore.ts'
import { KyselyLiveSessionStore } from './KyselyLiveSessionStore.ts'
import { KyselySessionStore } from './KyselySessionStore.ts'
import { KyselySettingsStore } from './KyselySettingsStore.ts'
import { KyselySnapshotStore } from './KyselySnapshotStore.ts'
import { KyselyTribeStore } from './KyselyTribeStore.ts'
import { KyselyUserStore } from './KyselyUserStore.ts'
import { migrateToLatest } from './migrations.ts'
import { nodeSqliteDialect } from './nodeSqliteDialect.ts'
import type { Storage } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

/** Where to store data. */
export interface OpenStorageOptions {
	/** Directory of the embedded SQLite database (`circlespace.db`), created if missing. */
	dataDir: string
	/** A postgres:// URL; when set, PostgreSQL is used instead of SQLite. */
	databaseUrl?: string | undefined
	/**
	 * Told of an error on an idle PostgreSQL connection (the server restarted it, an administrator
	 * ended it, the network dropped it). The pool drops that connection and opens another when
	 * one is next needed; without a listener, node-postgres would throw the error and end the process.
	 */
	onConnectionError?: ((error: Error) => void) | undefined
}

/** The SQLite file inside the data directory. */
export const sqliteFileName = 'circlespace.db'

/**
 * Opens the database (PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`) and
 * brings its schema up to date before returning.
 */
export async function openStorage(options: OpenStorageOptions): Promise<Storage> {
	return options.databaseUrl
		? openPostgres(options.databaseUrl, options.onConnectionError)
		: openSqlite(options.dataDir)
}

async function openSqlite(dataDir: string): Promise<Storage> {
	await mkdir(dataDir, { recursive: true })
	const database = new DatabaseSync(path.join(dataDir, sqliteFileName))
	try {
		// WAL lets readers go on while a write commits; the busy timeout makes a second
		// process (or a backup tool) wait for the lock instead of failing at once.
		database.exec('PRAGMA journal_mode = WAL')
		database.exec('PRAGMA busy_timeout = 5000')
		// node:sqlite runs on the event loop, so a commit blocks every live board for as long
		// as it takes. With FULL each commit waits for an fsync (measured here: 4 ms median,
		// 14 ms p99); NORMAL in WAL mode syncs at checkpoints only (0.04 ms). A process crash
		// still loses nothing committed; a power cut may lose the last moments of edits.
		database.exec('PRAGMA synchronous = NORMAL')
		// SQLite ignores the schema's foreign keys unless asked, per connection; with them on, a
		// membership of an unknown person or circle is refused here as it is on PostgreSQL.
		database.exec('PRAGMA foreign_keys = ON')
	} catch (error) {
		database.close()
		throw error
	}
	const db = new Kysely<DatabaseSchema>({ dialect: nodeSqliteDialect(database) })
	return finishOpening(db, 'sqlite', undefined)
}

async function openPostgres(
	databaseUrl: string,
	onConnectionError: ((error: Error) => void) | undefined,
): Promise<Storage> {
	// Loaded only here: a server on SQLite does not keep the PostgreSQL client in memory.
	const { default: pg } = await import('pg')
	const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 })
	pool.on('error', (error) => onConnectionError?.(error))
	const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) })
	let schema: string | undefined
	try {
		const result = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db)
		schema = result.rows[0]?.schema ?? undefined
	} catch (error) {
		await db.destroy()
		throw error
	}
	return finishOpening(db, 'postgres', schema)
}

async function finishOpening(
	db: Kysely<DatabaseSchema>,
	kind: Storage['kind'],
	migrationTableSchema: string | undefined,
): Promise<Storage> {
	try {
		await migrateToLatest(db as Kysely<unknown>, kind, migrationTableSchema)
	} catch (error) {
		await db.destroy()
		throw error
	}
	let closing: Promise<void> | undefined
	return {
		kind,
		boards: new KyselyBoardStore(db),
		docs: new KyselyDocStore(db),
		users: new KyselyUserStore(db),
		sessions: new KyselySessionStore(db),
		tribes: new KyselyTribeStore(db, kind),
		circles: new KyselyCircleStore(db, kind),
		settings: new KyselySettingsStore(db),
		snapshots: new KyselySnapshotStore(db),
		liveSessions: new KyselyLiveSessionStore(db),
		votes: new KyselyVoteStore(db, kind),
		journeys: new KyselyJourneyStore(db),
		boardTemplates: new KyselyBoardTemplateStore(db),
		boardShares: new KyselyBoardShareStore(db, kind),
		search: kind === 'postgres' ? new PostgresSearchIndex(db) : new SqliteSearchIndex(db),
		boardThumbnails: new KyselyBoardThumbnailStore(db),
		gallery: new KyselyGalleryStore(db),
		links: new KyselyLinkStore(db),
		guests: new KyselyGuestStore(db, kind),
		orgMap: new KyselyOrgMapStore(db),
		noteLayers: new KyselyNoteLayerStore(db),
		privateModes: new KyselyPrivateModeStore(db),
		recognitions: new KyselyRecognitionStore(db),
		replay: new KyselyReplayStore(db),
		close: () => {
			closing ??= db.destroy()
			return closing
		},
	}
}
