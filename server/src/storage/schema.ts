import type { ColumnType } from 'kysely'

/**
 * Timestamps are written as ISO strings; SQLite gives them back as text, PostgreSQL
 * (`timestamptz`) as `Date`.
 */
type Timestamp = ColumnType<string | Date, string, string>

/**
 * Ids of the update log: PostgreSQL's `bigint` comes back from `pg` as a string, SQLite's
 * integer as a number.
 */
type LogId = ColumnType<number | string, never, never>

/** Board metadata. */
export interface BoardsTable {
	id: string
	title: string
	created_at: Timestamp
	updated_at: Timestamp
}

/** The append-only update log of every board, with one global id sequence. */
export interface BoardUpdatesTable {
	/** Assigned by the database; never written. */
	id: LogId
	board_id: string
	bytes: Uint8Array
	created_at: Timestamp
}

/** One compacted Yjs state per board. */
export interface BoardStatesTable {
	board_id: string
	state: Uint8Array
	covers_id: ColumnType<number | string, number, number>
	updated_at: Timestamp
}

/** Accounts. `email` is stored trimmed and lower-cased. */
export interface UsersTable {
	id: string
	email: string
	display_name: string
	/** `#rrggbb`, the colour of the person's cursor. */
	color: string
	/** An argon2id PHC string. */
	password_hash: string
	role: 'admin' | 'member'
	created_at: Timestamp
}

/** Signed-in sessions; `id` is the hex SHA-256 of the token, never the token. */
export interface SessionsTable {
	id: string
	user_id: string
	expires_at: Timestamp
	created_at: Timestamp
}

/** One-time claims on the instance (e.g. `first_admin`), decided by the primary key. */
export interface InstanceClaimsTable {
	name: string
	claimed_at: Timestamp
}

/** The tables as Kysely sees them. */
export interface DatabaseSchema {
	boards: BoardsTable
	board_updates: BoardUpdatesTable
	board_states: BoardStatesTable
	users: UsersTable
	sessions: SessionsTable
	instance_claims: InstanceClaimsTable
}
