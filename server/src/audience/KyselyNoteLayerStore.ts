import { type Kysely, sql } from 'kysely'
import { toBytes, toIso, toNumber } from '../storage/rowValues.ts'
import type { DocStore, LogAppend, LogEntry, StoredDoc } from '../storage/Storage.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import { type LayerKey, type LayerName, layerRoomKey, parseLayerRoomKey } from './layerKeys.ts'

/**
 * The docs of boards' note layers, as a {@link DocStore} keyed by layer room key
 * (`<boardId>#<layer>`, see layerKeys.ts), so that the sync server's rooms store them as they
 * store boards. Kept in tables of their own (`board_layer_updates`, `board_layer_states`): what
 * reads boards' content reads `board_updates` and `board_states` only, and never sees a layer.
 */
export class KyselyNoteLayerStore implements DocStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async load(key: string): Promise<StoredDoc> {
		const { boardId, layer } = keyOf(key)
		const stateRow = await this.#db
			.selectFrom('board_layer_states')
			.select(['state', 'covers_id'])
			.where('board_id', '=', boardId)
			.where('layer', '=', layer)
			.executeTakeFirst()
		const stateCoversId = toNumber(stateRow?.covers_id)
		const lastRow = await this.#db
			.selectFrom('board_layer_updates')
			.select((eb) => eb.fn.max('id').as('last_id'))
			.where('board_id', '=', boardId)
			.where('layer', '=', layer)
			.executeTakeFirst()
		const lastId = toNumber(lastRow?.last_id)
		const rows =
			lastId > stateCoversId
				? await this.#db
						.selectFrom('board_layer_updates')
						.select('bytes')
						.where('board_id', '=', boardId)
						.where('layer', '=', layer)
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
		const [id] = await this.appendMany([{ boardId: key, update }])
		return id as number
	}

	async appendMany(entries: ReadonlyArray<LogAppend>): Promise<number[]> {
		if (entries.length === 0) return []
		const createdAt = new Date().toISOString()
		return await this.#db.transaction().execute(async (trx) => {
			const ids: number[] = []
			for (const { boardId: key, update } of entries) {
				const at = keyOf(key)
				const row = await trx
					.insertInto('board_layer_updates')
					.values({
						board_id: at.boardId,
						layer: at.layer,
						user_id: at.userId,
						circle_id: at.circleId,
						bytes: update,
						created_at: createdAt,
					})
					.returning('id')
					.executeTakeFirstOrThrow()
				ids.push(toNumber(row.id))
			}
			return ids
		})
	}

	async saveState(key: string, state: Uint8Array, coversId: number): Promise<void> {
		const at = keyOf(key)
		const updatedAt = new Date().toISOString()
		await this.#db
			.insertInto('board_layer_states')
			.values({
				board_id: at.boardId,
				layer: at.layer,
				user_id: at.userId,
				circle_id: at.circleId,
				state,
				covers_id: coversId,
				updated_at: updatedAt,
			})
			.onConflict((oc) =>
				oc.columns(['board_id', 'layer']).doUpdateSet({ state, covers_id: coversId, updated_at: updatedAt }),
			)
			.execute()
	}

	async readLog(key: string, afterId = 0, limit?: number): Promise<LogEntry[]> {
		const { boardId, layer } = keyOf(key)
		const rows = await this.#db
			.selectFrom('board_layer_updates')
			.select(['id', 'bytes', 'created_at'])
			.where('board_id', '=', boardId)
			.where('layer', '=', layer)
			.where('id', '>', afterId)
			.orderBy('id')
			.$if(limit !== undefined, (q) => q.limit(limit ?? 0))
			.execute()
		return rows.map((r) => ({ id: toNumber(r.id), update: toBytes(r.bytes), createdAt: toIso(r.created_at) }))
	}

	async sizes(key: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }> {
		const { boardId, layer } = keyOf(key)
		const state = await this.#db
			.selectFrom('board_layer_states')
			.select(sql<number | string>`length(state)`.as('state_bytes'))
			.where('board_id', '=', boardId)
			.where('layer', '=', layer)
			.executeTakeFirst()
		const log = await this.#db
			.selectFrom('board_layer_updates')
			.select([
				sql<number | string | null>`sum(length(bytes))`.as('log_bytes'),
				(eb) => eb.fn.countAll<number | string>().as('log_entries'),
			])
			.where('board_id', '=', boardId)
			.where('layer', '=', layer)
			.executeTakeFirst()
		return {
			stateBytes: toNumber(state?.state_bytes),
			logBytes: toNumber(log?.log_bytes),
			logEntries: toNumber(log?.log_entries),
		}
	}

	/** The room keys of the personal layers stored for a board (for a reveal). */
	async personalLayersOf(boardId: string): Promise<string[]> {
		const rows = await this.#db
			.selectFrom('board_layer_updates')
			.select('layer')
			.distinct()
			.where('board_id', '=', boardId)
			.where('user_id', 'is not', null)
			.union(
				this.#db
					.selectFrom('board_layer_states')
					.select('layer')
					.where('board_id', '=', boardId)
					.where('user_id', 'is not', null),
			)
			.execute()
		return rows.map((row) => layerRoomKey(boardId, row.layer as LayerName))
	}
}

function keyOf(key: string): LayerKey {
	const parsed = parseLayerRoomKey(key)
	if (!parsed) throw new Error(`not a note layer: ${key}`)
	return parsed
}
