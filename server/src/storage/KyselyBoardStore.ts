import type { Board } from '@circlespace/shared'
import type { Kysely, Selectable } from 'kysely'
import { toIso } from './rowValues.ts'
import type { BoardStore } from './Storage.ts'
import type { BoardsTable, DatabaseSchema } from './schema.ts'

/** {@link BoardStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyBoardStore implements BoardStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async create(board: { id: string; title: string }): Promise<Board> {
		const now = new Date().toISOString()
		const row = await this.#db
			.insertInto('boards')
			.values({ id: board.id, title: board.title, created_at: now, updated_at: now })
			.returningAll()
			.executeTakeFirstOrThrow()
		return toBoard(row)
	}

	async list(): Promise<Board[]> {
		const rows = await this.#db
			.selectFrom('boards')
			.selectAll()
			// Tie-breakers keep the order stable when two boards changed in the same millisecond.
			.orderBy('updated_at', 'desc')
			.orderBy('created_at', 'desc')
			.orderBy('id')
			.execute()
		return rows.map(toBoard)
	}

	async get(id: string): Promise<Board | undefined> {
		const row = await this.#db.selectFrom('boards').selectAll().where('id', '=', id).executeTakeFirst()
		return row ? toBoard(row) : undefined
	}

	async rename(id: string, title: string): Promise<Board | undefined> {
		const row = await this.#db
			.updateTable('boards')
			.set({ title, updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.returningAll()
			.executeTakeFirst()
		return row ? toBoard(row) : undefined
	}

	async touch(id: string): Promise<void> {
		await this.#db
			.updateTable('boards')
			.set({ updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.execute()
	}
}

function toBoard(row: Selectable<BoardsTable>): Board {
	return { id: row.id, title: row.title, createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
}
