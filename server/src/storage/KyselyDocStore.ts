import { type Kysely, sql } from 'kysely'
import { toBytes, toIso, toNumber } from './rowValues.ts'
import type { DocStore, LogAppend, LogEntry, StoredDoc } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

/** {@link DocStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyDocStore implements DocStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async load(boardId: string): Promise<StoredDoc> {
		const stateRow = await this.#db
			.selectFrom('board_states')
			.select(['state', 'covers_id'])
			.where('board_id', '=', boardId)
			.executeTakeFirst()
		const stateCoversId = toNumber(stateRow?.covers_id)
		// The upper bound is read first so that `lastId` and `updates` describe the same
		// moment even while other writers append.
		const lastRow = await this.#db
			.selectFrom('board_updates')
			.select((eb) => eb.fn.max('id').as('last_id'))
			.where('board_id', '=', boardId)
			.executeTakeFirst()
		const lastId = toNumber(lastRow?.last_id)
		const rows =
			lastId > stateCoversId
				? await this.#db
						.selectFrom('board_updates')
						.select('bytes')
						.where('board_id', '=', boardId)
						.where('id', '>', stateCoversId)
						.where('id', '<=', lastId)
						.orderBy('id')
						.execute()
				: []
		return {
			state: stateRow ? toBytes(stateRow.state) : null,
			stateCoversId,
			updates: rows.map((r) => toBytes(r.bytes)),
			lastId,
		}
	}

	async append(boardId: string, update: Uint8Array): Promise<number> {
		const row = await this.#db
			.insertInto('board_updates')
			.values({ board_id: boardId, bytes: update, created_at: new Date().toISOString() })
			.returning('id')
			.executeTakeFirstOrThrow()
		return toNumber(row.id)
	}

	async appendMany(entries: ReadonlyArray<LogAppend>): Promise<number[]> {
		if (entries.length === 0) return []
		const createdAt = new Date().toISOString()
		// One insert per entry rather than one multi-row insert: neither database promises that
		// RETURNING lists rows in the order of VALUES, and the ids must match the entries. The
		// cost saved is the commit per board; the inserts themselves are cheap (and, on SQLite,
		// one prepared statement).
		return await this.#db.transaction().execute(async (trx) => {
			const ids: number[] = []
			for (const { boardId, update } of entries) {
				const row = await trx
					.insertInto('board_updates')
					.values({ board_id: boardId, bytes: update, created_at: createdAt })
					.returning('id')
					.executeTakeFirstOrThrow()
				ids.push(toNumber(row.id))
			}
			return ids
		})
	}

	async saveState(boardId: string, state: Uint8Array, coversId: number): Promise<void> {
		const updatedAt = new Date().toISOString()
		await this.#db
			.insertInto('board_states')
			.values({ board_id: boardId, state, covers_id: coversId, updated_at: updatedAt })
			.onConflict((oc) =>
				oc.column('board_id').doUpdateSet({ state, covers_id: coversId, updated_at: updatedAt }),
			)
			.execute()
	}

	async readLog(boardId: string, afterId = 0, limit?: number): Promise<LogEntry[]> {
		const rows = await this.#db
			.selectFrom('board_updates')
			.select(['id', 'bytes', 'created_at'])
			.where('board_id', '=', boardId)
			.where('id', '>', afterId)
			.orderBy('id')
			.$if(limit !== undefined, (q) => q.limit(limit ?? 0))
			.execute()
		return rows.map((r) => ({ id: toNumber(r.id), update: toBytes(r.bytes), createdAt: toIso(r.created_at) }))
	}

	async sizes(boardId: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }> {
		// `length()` of a blob (SQLite) or bytea (PostgreSQL) is its size in bytes on both.
		const state = await this.#db
			.selectFrom('board_states')
			.select(sql<number | string>`length(state)`.as('state_bytes'))
			.where('board_id', '=', boardId)
			.executeTakeFirst()
		const log = await this.#db
			.selectFrom('board_updates')
			.select([
				sql<number | string | null>`sum(length(bytes))`.as('log_bytes'),
				(eb) => eb.fn.countAll<number | string>().as('log_entries'),
			])
			.where('board_id', '=', boardId)
			.executeTakeFirst()
		return {
			stateBytes: toNumber(state?.state_bytes),
			logBytes: toNumber(log?.log_bytes),
			logEntries: toNumber(log?.log_entries),
		}
	}
}
