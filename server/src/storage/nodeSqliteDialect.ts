import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'
import { type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely'

/** Options of {@link nodeSqliteDialect}. */
export interface NodeSqliteDialectOptions {
	/**
	 * How many prepared statements to keep, by SQL text (least recently used dropped first).
	 * Kysely compiles a query of one shape to the same text every time, so a running server
	 * needs a few dozen; the bound keeps texts that vary (lists of different lengths) from
	 * piling up. 0 prepares every query anew.
	 */
	statementCacheSize?: number
}

const DEFAULT_STATEMENT_CACHE_SIZE = 200

/**
 * A Kysely dialect over Node's built-in `node:sqlite`.
 *
 * Kysely's `SqliteDialect` is written for better-sqlite3; this adapts a `DatabaseSync` to the
 * small surface it uses. Kysely serialises access to the single connection itself (the SQLite
 * adapter declares no support for multiple connections, and a transaction holds the connection
 * from `begin` to `commit`), so transactions do not interleave with each other or with other
 * queries. The stores rely on this where PostgreSQL needs row locks (a circle's last seat).
 *
 * Kysely asks for a prepared statement on every query; preparing is parsing and planning the
 * SQL, which was a measurable share of the server's CPU when many boards persist at once. The
 * statements are therefore kept by SQL text. Sharing one statement between queries is safe for
 * the same reason as above: one query runs at a time on the connection, and node:sqlite resets
 * a statement before each run.
 */
export function nodeSqliteDialect(
	database: DatabaseSync,
	options: NodeSqliteDialectOptions = {},
): SqliteDialect {
	const cacheSize = options.statementCacheSize ?? DEFAULT_STATEMENT_CACHE_SIZE
	return new SqliteDialect({ database: adaptDatabase(database, cacheSize) })
}

function adaptDatabase(database: DatabaseSync, cacheSize: number): SqliteDatabase {
	// A Map iterates in insertion order: deleting and setting again marks a text most recently
	// used, so the first key is the one to drop.
	const statements = new Map<string, SqliteStatement>()
	return {
		close: () => {
			statements.clear()
			database.close()
		},
		prepare: (sql) => {
			const cached = statements.get(sql)
			if (cached !== undefined) {
				statements.delete(sql)
				statements.set(sql, cached)
				return cached
			}
			const statement = adaptStatement(database.prepare(sql))
			if (cacheSize > 0) {
				if (statements.size >= cacheSize) {
					const oldest = statements.keys().next()
					if (!oldest.done) statements.delete(oldest.value)
				}
				statements.set(sql, statement)
			}
			return statement
		},
	}
}

function adaptStatement(statement: StatementSync): SqliteStatement {
	return {
		// better-sqlite3's `reader` flag: whether the statement yields rows (a SELECT, or a
		// write with RETURNING). node:sqlite has no flag, but such statements have columns.
		reader: statement.columns().length > 0,
		all: (parameters) => statement.all(...toInputs(parameters)),
		run: (parameters) => statement.run(...toInputs(parameters)),
		iterate: (parameters) => statement.iterate(...toInputs(parameters)),
	}
}

function toInputs(parameters: ReadonlyArray<unknown>): SQLInputValue[] {
	return parameters.map((value) => {
		// node:sqlite binds no booleans or undefined; SQLite itself stores booleans as 0/1.
		if (typeof value === 'boolean') return value ? 1 : 0
		if (value === undefined) return null
		return value as SQLInputValue
	})
}
