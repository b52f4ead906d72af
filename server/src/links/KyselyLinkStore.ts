import type { Kysely } from 'kysely'
import type { DatabaseSchema } from '../storage/schema.ts'
import type { BoardLinkRow, LinkStore } from './LinkStore.ts'

/** {@link LinkStore} in the `board_links` table, on SQLite or PostgreSQL. */
export class KyselyLinkStore implements LinkStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async replaceLinksFrom(boardId: string, links: readonly BoardLinkRow[]): Promise<void> {
		await this.#db.transaction().execute(async (trx) => {
			await trx.deleteFrom('board_links').where('source_board_id', '=', boardId).execute()
			if (links.length === 0) return
			// Under the same transaction as the delete: the board row is read here, so a board
			// deleted meanwhile gets no rows (its delete cascades the ones it had).
			const board = await trx
				.selectFrom('boards')
				.select('id')
				.where('id', '=', boardId)
				.where('deleted_at', 'is', null)
				.executeTakeFirst()
			if (!board) return
			const unique = new Map(links.map((link) => [link.shapeId, link.targetBoardId]))
			const rows = [...unique].map(([shapeId, targetBoardId]) => ({
				source_board_id: boardId,
				shape_id: shapeId,
				target_board_id: targetBoardId,
			}))
			// In chunks: SQLite allows a bounded number of bound values per statement.
			for (let start = 0; start < rows.length; start += 200) {
				await trx
					.insertInto('board_links')
					.values(rows.slice(start, start + 200))
					.execute()
			}
		})
	}

	async linksFrom(boardId: string, limit: number): Promise<BoardLinkRow[]> {
		const rows = await this.#db
			.selectFrom('board_links')
			.select(['shape_id', 'target_board_id'])
			.where('source_board_id', '=', boardId)
			.orderBy('shape_id')
			.limit(limit)
			.execute()
		return rows.map((row) => ({ shapeId: row.shape_id, targetBoardId: row.target_board_id }))
	}

	async sourcesOf(boardId: string, limit: number): Promise<string[]> {
		const rows = await this.#db
			.selectFrom('board_links')
			.innerJoin('boards', 'boards.id', 'board_links.source_board_id')
			.select('board_links.source_board_id')
			.distinct()
			.where('board_links.target_board_id', '=', boardId)
			.where('board_links.source_board_id', '!=', boardId)
			.where('boards.deleted_at', 'is', null)
			.orderBy('board_links.source_board_id')
			.limit(limit)
			.execute()
		return rows.map((row) => row.source_board_id)
	}
}
