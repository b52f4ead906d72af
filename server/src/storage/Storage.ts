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
	/** Log entries with an id greater than `stateCoversId`, oldest first (V2 update encoding). */
	updates: Uint8Array[]
	/** The highest log id of this board (0 when the log is empty). */
	lastId: number
}

/** One entry of a board's update log. */
export interface LogEntry {
	id: number
	/** A Yjs update in the V2 encoding, as emitted by the server's document. */
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
	/** Appends one update (V2) to the board's log and returns its log id. */
	append(boardId: string, update: Uint8Array): Promise<number>
	/** Stores `state` (V2) as the board's compacted state covering log ids up to `coversId`. */
	saveState(boardId: string, state: Uint8Array, coversId: number): Promise<void>
	/** Log entries with id > `afterId`, oldest first, at most `limit` of them. */
	readLog(boardId: string, afterId?: number, limit?: number): Promise<LogEntry[]>
	/** Byte sizes kept for a board: compacted state and whole log. */
	sizes(boardId: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }>
}

/** Everything stored in the database, behind one handle. */
export interface Storage {
	boards: BoardStore
	docs: DocStore
	/** Which database this is, for logs and health checks. */
	readonly kind: 'sqlite' | 'postgres'
	/** Closes the database connection(s). */
	close(): Promise<void>
}
