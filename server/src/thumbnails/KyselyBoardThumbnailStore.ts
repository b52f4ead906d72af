import type { Kysely } from 'kysely'
import { toBytes, toIso } from '../storage/rowValues.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import type { BoardThumbnail, BoardThumbnailStore, NewBoardThumbnail } from './BoardThumbnailStore.ts'

/** {@link BoardThumbnailStore} in the `board_thumbnails` table, on SQLite or PostgreSQL. */
export class KyselyBoardThumbnailStore implements BoardThumbnailStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async put(boardId: string, thumbnail: NewBoardThumbnail): Promise<boolean> {
		const values = {
			png: thumbnail.png,
			width: thumbnail.width,
			height: thumbnail.height,
			updated_by: thumbnail.updatedBy,
			updated_at: thumbnail.updatedAt,
		}
		// One statement, so that a board deleted meanwhile inserts nothing (no row to select).
		const result = await this.#db
			.insertInto('board_thumbnails')
			.columns(['board_id', 'png', 'width', 'height', 'updated_by', 'updated_at'])
			.expression((eb) =>
				eb
					.selectFrom('boards')
					.select([
						'boards.id',
						eb.val(values.png).as('png'),
						eb.val(values.width).as('width'),
						eb.val(values.height).as('height'),
						eb.val(values.updated_by).as('updated_by'),
						eb.val(values.updated_at).as('updated_at'),
					])
					.where('boards.id', '=', boardId)
					.where('boards.deleted_at', 'is', null),
			)
			.onConflict((oc) => oc.column('board_id').doUpdateSet(values))
			.executeTakeFirst()
		return (result.numInsertedOrUpdatedRows ?? 0n) > 0n
	}

	async get(boardId: string): Promise<BoardThumbnail | undefined> {
		const row = await this.#db
			.selectFrom('board_thumbnails')
			.select(['png', 'width', 'height', 'updated_at'])
			.where('board_id', '=', boardId)
			.executeTakeFirst()
		if (!row) return undefined
		return { png: toBytes(row.png), width: row.width, height: row.height, updatedAt: toIso(row.updated_at) }
	}
}
