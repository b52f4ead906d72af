import type { Kysely } from 'kysely'
import { KyselyLogStateStore, type LogStateTables } from '../storage/KyselyLogStateStore.ts'
import type { DocStore } from '../storage/Storage.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import { type LayerKey, type LayerName, layerRoomKey, parseLayerRoomKey } from './layerKeys.ts'

/** Note layers' docs: a document per board and layer, recording whose layer it is. */
const noteLayerTables: LogStateTables = {
	log: 'board_layer_updates',
	state: 'board_layer_states',
	columnsOf(key) {
		const at = keyOf(key)
		return {
			key: { board_id: at.boardId, layer: at.layer },
			recorded: { user_id: at.userId, circle_id: at.circleId },
		}
	},
}

/**
 * The docs of boards' note layers, as a {@link DocStore} keyed by layer room key
 * (`<boardId>#<layer>`, see layerKeys.ts), so that the sync server's rooms store them as they
 * store boards. Kept in tables of their own (`board_layer_updates`, `board_layer_states`): what
 * reads boards' content reads `board_updates` and `board_states` only, and never sees a layer.
 */
export class KyselyNoteLayerStore extends KyselyLogStateStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		super(db, noteLayerTables)
		this.#db = db
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
