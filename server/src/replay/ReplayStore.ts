import type { Kysely } from 'kysely'
import { toBytes, toIso, toNumber } from '../storage/rowValues.ts'
import type { LogEntry } from '../storage/Storage.ts'
import type { DatabaseSchema } from '../storage/schema.ts'

/** When a session moved to an agenda item. */
export interface ItemChange {
	item: number
	/** ISO timestamp. */
	at: string
}

/** A board's content known to hold exactly the log entries up to `coversId` (see {@link ReplayStore.checkpoint}). */
export interface ReplayCheckpoint {
	coversId: number
	/** Yjs state, V2 encoding. */
	state: Uint8Array
}

/**
 * What replay reads and keeps besides the board log itself (which it only reads): log ids by
 * time, the agenda item changes of sessions, where a session's end snapshot stands in the log,
 * and checkpoints to start a replay from without applying a board's whole log.
 */
export interface ReplayStore {
	/** The highest log id of the board stored at or before `at` (ISO), 0 when none. */
	lastIdAt(boardId: string, at: string): Promise<number>
	/** The board's log entries with `afterId` < id ≤ `upToId`, oldest first, at most `limit`. */
	readRange(boardId: string, afterId: number, upToId: number, limit: number): Promise<LogEntry[]>
	/**
	 * The newest checkpoint holding no entry after `upToId`: a session's end snapshot (which holds
	 * the log up to the session's `end_log_id`) or one replay stored ({@link saveCheckpoint}).
	 */
	checkpoint(boardId: string, upToId: number): Promise<ReplayCheckpoint | undefined>
	/** Keeps a board state that holds exactly the log up to `coversId`. */
	saveCheckpoint(boardId: string, coversId: number, state: Uint8Array): Promise<void>
	/** Records that a session moved to agenda item `item`. */
	recordItem(sessionId: string, item: number, at: Date): Promise<void>
	/** A session's agenda item changes, oldest first. */
	items(sessionId: string): Promise<ItemChange[]>
	/** Records the last log id a session's end snapshot holds. */
	setEndLogId(sessionId: string, logId: number): Promise<void>
	/** The last log id a session's end snapshot holds; null when not recorded. */
	endLogId(sessionId: string): Promise<number | null>
}

/** {@link ReplayStore} on SQLite or PostgreSQL. */
export class KyselyReplayStore implements ReplayStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async lastIdAt(boardId: string, at: string): Promise<number> {
		// Read back from the newest entry along the (board_id, id) index: the rows passed over are
		// those stored after `at`, few for a recent moment, however long the board's log is.
		const row = await this.#db
			.selectFrom('board_updates')
			.select('id')
			.where('board_id', '=', boardId)
			.where('created_at', '<=', at)
			.orderBy('id', 'desc')
			.limit(1)
			.executeTakeFirst()
		return toNumber(row?.id)
	}

	async readRange(boardId: string, afterId: number, upToId: number, limit: number): Promise<LogEntry[]> {
		if (upToId <= afterId || limit <= 0) return []
		const rows = await this.#db
			.selectFrom('board_updates')
			.select(['id', 'bytes', 'created_at'])
			.where('board_id', '=', boardId)
			.where('id', '>', afterId)
			.where('id', '<=', upToId)
			.orderBy('id')
			.limit(limit)
			.execute()
		return rows.map((r) => ({ id: toNumber(r.id), update: toBytes(r.bytes), createdAt: toIso(r.created_at) }))
	}

	async checkpoint(boardId: string, upToId: number): Promise<ReplayCheckpoint | undefined> {
		const [stored, session] = await Promise.all([
			this.#db
				.selectFrom('board_replay_checkpoints')
				.select(['covers_id', 'state'])
				.where('board_id', '=', boardId)
				.where('covers_id', '<=', upToId)
				.orderBy('covers_id', 'desc')
				.limit(1)
				.executeTakeFirst(),
			this.#db
				.selectFrom('live_sessions')
				.innerJoin('board_snapshots', 'board_snapshots.id', 'live_sessions.snapshot_id')
				.select(['live_sessions.end_log_id as covers_id', 'board_snapshots.state'])
				.where('live_sessions.board_id', '=', boardId)
				.where('live_sessions.end_log_id', 'is not', null)
				.where('live_sessions.end_log_id', '<=', upToId)
				.orderBy('live_sessions.end_log_id', 'desc')
				.limit(1)
				.executeTakeFirst(),
		])
		const candidates = [stored, session]
			.filter((row) => row !== undefined)
			.map((row) => ({ coversId: toNumber(row.covers_id), state: toBytes(row.state) }))
		return candidates.sort((a, b) => b.coversId - a.coversId)[0]
	}

	async saveCheckpoint(boardId: string, coversId: number, state: Uint8Array): Promise<void> {
		await this.#db
			.insertInto('board_replay_checkpoints')
			.values({ board_id: boardId, covers_id: coversId, state, created_at: new Date().toISOString() })
			.onConflict((oc) => oc.columns(['board_id', 'covers_id']).doNothing())
			.execute()
	}

	async recordItem(sessionId: string, item: number, at: Date): Promise<void> {
		await this.#db
			.insertInto('live_session_items')
			.values({ session_id: sessionId, item, at: at.toISOString() })
			.execute()
	}

	async items(sessionId: string): Promise<ItemChange[]> {
		const rows = await this.#db
			.selectFrom('live_session_items')
			.select(['item', 'at'])
			.where('session_id', '=', sessionId)
			.orderBy('at')
			.execute()
		return rows.map((row) => ({ item: toNumber(row.item), at: toIso(row.at) }))
	}

	async setEndLogId(sessionId: string, logId: number): Promise<void> {
		await this.#db
			.updateTable('live_sessions')
			.set({ end_log_id: logId })
			.where('id', '=', sessionId)
			.execute()
	}

	async endLogId(sessionId: string): Promise<number | null> {
		const row = await this.#db
			.selectFrom('live_sessions')
			.select('end_log_id')
			.where('id', '=', sessionId)
			.executeTakeFirst()
		return row?.end_log_id === null || row?.end_log_id === undefined ? null : toNumber(row.end_log_id)
	}
}
