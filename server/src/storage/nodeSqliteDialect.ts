import type { DatabaseSync, SQLInputValue, StatementSync } from 'node:sqlite'
import { type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely'

/**
 * A Kysely dialect over Node's built-in `node:sqlite`.
 *
 * Kysely's `SqliteDialect` is written for better-sqlite3; this adapts a `DatabaseSync` to the
 * small surface it uses. Kysely serialises access to the single connection itself (the SQLite
 * adapter declares no support for multiple connections, and a transaction holds the connection
 * from `begin` to `commit`), so transactions do not interleave with each other or with other
 * queries. The stores rely on this where PostgreSQL needs row locks (a circle's last seat).
 */
export function nodeSqliteDialect(database: DatabaseSync): SqliteDialect {
	return new SqliteDialect({ database: adaptDatabase(database) })
}

function adaptDatabase(database: DatabaseSync): SqliteDatabase {
	return {
		close: () => database.close(),
		prepare: (sql) => adaptStatement(database.prepare(sql)),
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
