import type { Board } from '@circlespace/shared'

/**
 * Board metadata (the temporary boards API; the next issue moves boards under circles).
 */
export interface BoardStore {
	/** Creates a board with a server-chosen id. */
	create(board: { id: string; title: string }): Promise<Board>
	/** Every board, most recently updated first. */
	list(): Promise<Board[]>
	/** One board, or undefined when there is none with that id. */
	get(id: string): Promise<Board | undefined>
	/** Renames a board; undefined when there is none with that id. */
	rename(id: string, title: string): Promise<Board | undefined>
	/** Marks a board as changed now (its content was edited). */
	touch(id: string): Promise<void>
}

/** What {@link DocStore.load} returns: the compacted state and the log entries after it. */
export interface StoredDoc {
	/** Compacted Yjs state (V2 update encoding), or null when the board was never compacted. */
	state: Uint8Array | null
	/** The log id the compacted state covers (0 when none). */
	stateCoversId: number
	/** Log entries with an id greater than `stateCoversId`, oldest first (see `sync/storedDoc.ts`). */
	updates: Uint8Array[]
	/** The highest log id of this board (0 when the log is empty). */
	lastId: number
}

/** One entry of a board's update log. */
export interface LogEntry {
	id: number
	/** One persistence window's updates as the server's document emitted them (see `sync/storedDoc.ts`). */
	update: Uint8Array
	/** ISO timestamp of when it was stored. */
	createdAt: string
}

/**
 * The Yjs content of boards: an append-only update log plus one compacted state per board.
 *
 * Only updates emitted by the server's own `Y.Doc` are ever given to it, never bytes a
 * client sent. The log is kept after compaction (sessions are replayed from it later).
 */
export interface DocStore {
	/** The compacted state and the log entries after it. */
	load(boardId: string): Promise<StoredDoc>
	/** Appends one entry to the board's log and returns its log id. */
	append(boardId: string, update: Uint8Array): Promise<number>
	/** Stores `state` (V2) as the board's compacted state covering log ids up to `coversId`. */
	saveState(boardId: string, state: Uint8Array, coversId: number): Promise<void>
	/** Log entries with id > `afterId`, oldest first, at most `limit` of them. */
	readLog(boardId: string, afterId?: number, limit?: number): Promise<LogEntry[]>
	/** Byte sizes kept for a board: compacted state and whole log. */
	sizes(boardId: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }>
}

/** What an account may do on the whole instance. */
export type UserRole = 'admin' | 'member'

/** An account as the API shows it (never its password hash). */
export interface User {
	id: string
	/** Trimmed and lower-cased. */
	email: string
	displayName: string
	/** `#rrggbb`, the colour of the person's cursor. */
	color: string
	role: UserRole
	/** ISO timestamp. */
	createdAt: string
}

/** An account with its password hash, for checking a password. */
export interface UserWithPassword extends User {
	/** An argon2id PHC string. */
	passwordHash: string
}

/** What is needed to create an account. */
export interface NewUser {
	id: string
	/** Must already be normalised (trimmed, lower-cased). */
	email: string
	displayName: string
	color: string
	passwordHash: string
	/** When the account is created (from the caller's clock). */
	createdAt: Date
}

/**
 * Accounts. Email addresses are unique; callers pass them normalised.
 */
export interface UserStore {
	/**
	 * Creates an account. The first account of the instance becomes `admin`, every later one
	 * `member`, and this holds when several accounts are created at the same moment (decided
	 * inside one transaction by a conditional insert of a claim row). Returns undefined,
	 * creating nothing, when the email address is already taken.
	 */
	create(user: NewUser): Promise<User | undefined>
	/** One account, or undefined. */
	get(id: string): Promise<User | undefined>
	/** One account with its password hash, by normalised email, or undefined. */
	findByEmail(email: string): Promise<UserWithPassword | undefined>
	/** The password hash of one account, or undefined when there is no such account. */
	getPasswordHash(id: string): Promise<string | undefined>
	/** Changes profile fields that are given; undefined when there is no such account. */
	updateProfile(id: string, changes: { displayName?: string; color?: string }): Promise<User | undefined>
	/** Replaces the password hash. */
	setPasswordHash(id: string, passwordHash: string): Promise<void>
}

/** A signed-in session as stored. */
export interface Session {
	/** Hex SHA-256 of the session token; the token itself is never stored. */
	id: string
	userId: string
	expiresAt: Date
	createdAt: Date
}

/** Signed-in sessions. Expiry is decided by the caller (it owns the clock). */
export interface SessionStore {
	create(session: Session): Promise<void>
	/** One session, expired or not, or undefined. */
	get(id: string): Promise<Session | undefined>
	/** Moves a session's expiry (sliding renewal). */
	setExpiresAt(id: string, expiresAt: Date): Promise<void>
	/** Ends one session; a no-op when there is none. */
	delete(id: string): Promise<void>
	/** Ends every session of a user, except `exceptId` when given. */
	deleteAllOfUser(userId: string, exceptId?: string): Promise<void>
}

/** Everything stored in the database, behind one handle. */
export interface Storage {
	boards: BoardStore
	docs: DocStore
	users: UserStore
	sessions: SessionStore
	/** Which database this is, for logs and health checks. */
	readonly kind: 'sqlite' | 'postgres'
	/** Closes the database connection(s). */
	close(): Promise<void>
}
