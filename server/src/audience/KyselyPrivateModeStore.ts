import type { Kysely } from 'kysely'
import { toIso } from '../storage/rowValues.ts'
import type { DatabaseSchema } from '../storage/schema.ts'

/** A board's running private mode. */
export interface PrivateModeRecord {
	boardId: string
	id: string
	/** Revealed notes lose their author. */
	anonymous: boolean
	startedBy: string | null
	/** ISO timestamp. */
	startedAt: string
}

/** Boards' private modes (one running per board at most). */
export interface PrivateModeStore {
	get(boardId: string): Promise<PrivateModeRecord | undefined>
	/** Starts one; false when the board already has one running. */
	start(mode: PrivateModeRecord): Promise<boolean>
	/** Ends the board's private mode if it is `id`; false when it was not running. */
	end(boardId: string, id: string): Promise<boolean>
}

export class KyselyPrivateModeStore implements PrivateModeStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async get(boardId: string): Promise<PrivateModeRecord | undefined> {
		const row = await this.#db
			.selectFrom('board_private_modes')
			.selectAll()
			.where('board_id', '=', boardId)
			.executeTakeFirst()
		if (!row) return undefined
		return {
			boardId: row.board_id,
			id: row.id,
			anonymous: Number(row.anonymous) === 1,
			startedBy: row.started_by,
			startedAt: toIso(row.started_at),
		}
	}

	async start(mode: PrivateModeRecord): Promise<boolean> {
		const result = await this.#db
			.insertInto('board_private_modes')
			.values({
				board_id: mode.boardId,
				id: mode.id,
				anonymous: mode.anonymous ? 1 : 0,
				started_by: mode.startedBy,
				started_at: mode.startedAt,
			})
			.onConflict((oc) => oc.column('board_id').doNothing())
			.executeTakeFirst()
		return Number(result.numInsertedOrUpdatedRows ?? 0) > 0
	}

	async end(boardId: string, id: string): Promise<boolean> {
		const result = await this.#db
			.deleteFrom('board_private_modes')
			.where('board_id', '=', boardId)
			.where('id', '=', id)
			.executeTakeFirst()
		return Number(result.numDeletedRows) > 0
	}
}
