import { type Kysely, type SelectQueryBuilder, sql } from 'kysely'
import { toBytes, toIso, toNumber } from './rowValues.ts'
import type { DocStore, LogAppend, LogEntry, StoredDoc } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

type LogTable = 'board_updates' | 'board_layer_updates'
type StateTable = 'board_states' | 'board_layer_states'

/** The columns of one document's rows in a {@link LogStateTables} pair. */
export interface DocColumns {
	/**
	 * The columns that name the document, with their values, in the order of the state table's
	 * key. Every such document is a board's, so `board_id` comes first.
	 */
	key: { readonly board_id: string; readonly [column: string]: string }
	/** What else every row of the document records about it (whose note layer it is). */
	recorded: Readonly<Record<string, string | null>>
}

/**
 * Where a {@link KyselyLogStateStore} keeps its documents: an append-only log table, a table of
 * compacted states, and how a document's key maps onto their columns.
 */
export interface LogStateTables {
	/** One row per update; ids from one sequence, shared by every document of the table. */
	log: LogTable
	/** One compacted state per document, keyed by the columns of {@link DocColumns.key}. */
	state: StateTable
	/** The columns of the document `key`; throws when `key` names no document of these tables. */
	columnsOf(key: string): DocColumns
}

/**
 * {@link DocStore} on any database Kysely speaks (SQLite, PostgreSQL), over one pair of a log
 * table and a state table. Boards' docs (`KyselyDocStore`) and note layers' docs
 * (`KyselyNoteLayerStore`) are this over their own tables.
 */
export class KyselyLogStateStore implements DocStore {
	readonly #db: Kysely<DatabaseSchema>
	readonly #tables: LogStateTables

	constructor(db: Kysely<DatabaseSchema>, tables: LogStateTables) {
		this.#db = db
		this.#tables = tables
	}

	async load(key: string): Promise<StoredDoc> {
		const { log, state } = this.#tables
		const doc = this.#tables.columnsOf(key).key
		const stateRow = await whereDoc(
			this.#db.selectFrom(state).select(['state', 'covers_id']),
			doc,
		).executeTakeFirst()
		const stateCoversId = toNumber(stateRow?.covers_id)
		// The upper bound is read first so that `lastId` and `updates` describe the same
		// moment even while other writers append.
		const lastRow = await whereDoc(
			this.#db.selectFrom(log).select((eb) => eb.fn.max('id').as('last_id')),
			doc,
		).executeTakeFirst()
		const lastId = toNumber(lastRow?.last_id)
		const rows =
			lastId > stateCoversId
				? await whereDoc(this.#db.selectFrom(log).select('bytes'), doc)
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

	async append(key: string, update: Uint8Array): Promise<number> {
		const row = await this.#db
			.insertInto(this.#tables.log)
			.values(this.#logRow(key, update, new Date().toISOString()))
			.returning('id')
			.executeTakeFirstOrThrow()
		return toNumber(row.id)
	}

	async appendMany(entries: ReadonlyArray<LogAppend>): Promise<number[]> {
		if (entries.length === 0) return []
		const createdAt = new Date().toISOString()
		// One insert per entry rather than one multi-row insert: neither database promises that
		// RETURNING lists rows in the order of VALUES, and the ids must match the entries. The
		// cost saved is the commit per document; the inserts themselves are cheap (and, on SQLite,
		// one prepared statement).
		return await this.#db.transaction().execute(async (trx) => {
			const ids: number[] = []
			for (const { boardId: key, update } of entries) {
				const row = await trx
					.insertInto(this.#tables.log)
					.values(this.#logRow(key, update, createdAt))
					.returning('id')
					.executeTakeFirstOrThrow()
				ids.push(toNumber(row.id))
			}
			return ids
		})
	}

	async saveState(key: string, state: Uint8Array, coversId: number): Promise<void> {
		const columns = this.#tables.columnsOf(key)
		const updatedAt = new Date().toISOString()
		await this.#db
			.insertInto(this.#tables.state)
			.values({ ...columns.key, ...columns.recorded, state, covers_id: coversId, updated_at: updatedAt })
			.onConflict((oc) =>
				oc
					// The key's own columns (`board_id`, and `layer` for note layers), which Kysely can
					// only type as the columns every state table has.
					.columns(Object.keys(columns.key) as ['board_id'])
					.doUpdateSet({ state, covers_id: coversId, updated_at: updatedAt }),
			)
			.execute()
	}

	async readLog(key: string, afterId = 0, limit?: number): Promise<LogEntry[]> {
		const doc = this.#tables.columnsOf(key).key
		const rows = await whereDoc(
			this.#db.selectFrom(this.#tables.log).select(['id', 'bytes', 'created_at']),
			doc,
		)
			.where('id', '>', afterId)
			.orderBy('id')
			.$if(limit !== undefined, (q) => q.limit(limit ?? 0))
			.execute()
		return rows.map((r) => ({ id: toNumber(r.id), update: toBytes(r.bytes), createdAt: toIso(r.created_at) }))
	}

	async sizes(key: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }> {
		const doc = this.#tables.columnsOf(key).key
		// `length()` of a blob (SQLite) or bytea (PostgreSQL) is its size in bytes on both.
		const state = await whereDoc(
			this.#db.selectFrom(this.#tables.state).select(sql<number | string>`length(state)`.as('state_bytes')),
			doc,
		).executeTakeFirst()
		const log = await whereDoc(
			this.#db
				.selectFrom(this.#tables.log)
				.select([
					sql<number | string | null>`sum(length(bytes))`.as('log_bytes'),
					(eb) => eb.fn.countAll<number | string>().as('log_entries'),
				]),
			doc,
		).executeTakeFirst()
		return {
			stateBytes: toNumber(state?.state_bytes),
			logBytes: toNumber(log?.log_bytes),
			logEntries: toNumber(log?.log_entries),
		}
	}

	#logRow(key: string, update: Uint8Array, createdAt: string) {
		const columns = this.#tables.columnsOf(key)
		return { ...columns.key, ...columns.recorded, bytes: update, created_at: createdAt }
	}
}

/** Narrows a query to one document's rows: `where <column> = <value>` for each key column, in order. */
function whereDoc<TB extends LogTable | StateTable, O>(
	query: SelectQueryBuilder<DatabaseSchema, TB, O>,
	key: Readonly<Record<string, string>>,
): SelectQueryBuilder<DatabaseSchema, TB, O> {
	let narrowed = query
	for (const [column, value] of Object.entries(key)) narrowed = narrowed.where(sql.ref(column), '=', value)
	return narrowed
}
