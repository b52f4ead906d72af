import type { Kysely } from 'kysely'
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration'

/** The SQL dialects the storage runs on. */
export type DatabaseKind = 'sqlite' | 'postgres'

/**
 * The schema migrations, defined in code so they ship with the server. Names sort in the
 * order they run; never edit one that has been released, add a new one instead.
 */
export function createMigrations(kind: DatabaseKind): Record<string, Migration> {
	const bytes = kind === 'postgres' ? 'bytea' : 'blob'
	const timestamp = kind === 'postgres' ? 'timestamptz' : 'text'
	return {
		'0001_boards_and_docs': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('boards')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('title', 'text', (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema.createIndex('boards_updated_at').on('boards').column('updated_at').execute()

				// One id sequence across all boards, so that several server processes can append
				// to the same log and the ids still order every update ever stored.
				await db.schema
					.createTable('board_updates')
					.$call((t) =>
						kind === 'postgres'
							? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
							: // AUTOINCREMENT so that ids are never reused, even after the newest row is deleted.
								t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
					)
					.addColumn('board_id', 'text', (c) => c.notNull())
					.addColumn('bytes', bytes, (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema
					.createIndex('board_updates_board_id_id')
					.on('board_updates')
					.columns(['board_id', 'id'])
					.execute()

				await db.schema
					.createTable('board_states')
					.addColumn('board_id', 'text', (c) => c.primaryKey())
					.addColumn('state', bytes, (c) => c.notNull())
					.addColumn('covers_id', 'bigint', (c) => c.notNull())
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.execute()
			},
		},
	}
}

/**
 * Brings the database schema up to date; a no-op when it already is.
 *
 * `migrationTableSchema` pins Kysely's bookkeeping tables to one PostgreSQL schema: without
 * it Kysely looks for them in every schema and would take another schema's tables for ours.
 */
export async function migrateToLatest(
	db: Kysely<unknown>,
	kind: DatabaseKind,
	migrationTableSchema?: string,
): Promise<void> {
	const migrations = createMigrations(kind)
	const provider: MigrationProvider = { getMigrations: async () => migrations }
	const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) })
	const { error, results } = await migrator.migrateToLatest()
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName
		throw new Error(`Database migration ${failed ?? ''} failed`, { cause: error })
	}
}
