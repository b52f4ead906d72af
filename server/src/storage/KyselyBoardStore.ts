import type { BoardVisibility, TribeVisibility } from '@circlespace/shared'
import type { Kysely, Selectable } from 'kysely'
import { toIso } from './rowValues.ts'
import type { BoardInContext, BoardRecord, BoardStore, NewBoard } from './Storage.ts'
import type { BoardsTable, DatabaseSchema } from './schema.ts'

/** {@link BoardStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyBoardStore implements BoardStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async create(board: NewBoard): Promise<BoardRecord> {
		const now = new Date().toISOString()
		const row = await this.#db
			.insertInto('boards')
			.values({
				id: board.id,
				circle_id: board.circleId,
				title: board.title,
				visibility: board.visibility,
				created_by: board.createdBy,
				archived_at: null,
				deleted_at: null,
				created_at: now,
				updated_at: now,
				journey_day: board.journeyDay ?? null,
			})
			.returningAll()
			.executeTakeFirstOrThrow()
		return toBoardRecord(row)
	}

	async get(id: string): Promise<BoardRecord | undefined> {
		const row = await this.#db
			.selectFrom('boards')
			.selectAll()
			.where('id', '=', id)
			.where('deleted_at', 'is', null)
			.executeTakeFirst()
		return row ? toBoardRecord(row) : undefined
	}

	async getInContext(id: string): Promise<BoardInContext | undefined> {
		const row = await this.#selectInContext()
			.where('boards.id', '=', id)
			.where('boards.deleted_at', 'is', null)
			.executeTakeFirst()
		return row ? toBoardInContext(row) : undefined
	}

	async listOfCircle(circleId: string, options: { includeArchived: boolean }): Promise<BoardRecord[]> {
		let query = this.#db
			.selectFrom('boards')
			.selectAll()
			.where('circle_id', '=', circleId)
			.where('deleted_at', 'is', null)
		if (!options.includeArchived) query = query.where('archived_at', 'is', null)
		const rows = await query
			// Tie-breakers keep the order stable when two boards changed in the same millisecond.
			.orderBy('updated_at', 'desc')
			.orderBy('created_at', 'desc')
			.orderBy('id')
			.execute()
		return rows.map(toBoardRecord)
	}

	async listRecentOfMember(userId: string, limit: number): Promise<BoardInContext[]> {
		const rows = await this.#selectInContext()
			.innerJoin('circle_members', (join) =>
				join
					.onRef('circle_members.circle_id', '=', 'boards.circle_id')
					.on('circle_members.user_id', '=', userId),
			)
			.where('boards.deleted_at', 'is', null)
			.where('boards.archived_at', 'is', null)
			.orderBy('boards.updated_at', 'desc')
			.orderBy('boards.created_at', 'desc')
			.orderBy('boards.id')
			.limit(limit)
			.execute()
		return rows.map(toBoardInContext)
	}

	async update(
		id: string,
		changes: {
			title?: string
			visibility?: BoardVisibility
			archivedAt?: Date | null
			journeyDay?: number | null
		},
	): Promise<BoardRecord | undefined> {
		const set: {
			title?: string
			visibility?: BoardVisibility
			archived_at?: string | null
			journey_day?: number | null
		} = {}
		if (changes.title !== undefined) set.title = changes.title
		if (changes.journeyDay !== undefined) set.journey_day = changes.journeyDay
		if (changes.visibility !== undefined) set.visibility = changes.visibility
		if (changes.archivedAt !== undefined) set.archived_at = changes.archivedAt?.toISOString() ?? null
		if (Object.keys(set).length === 0) return this.get(id)
		const row = await this.#db
			.updateTable('boards')
			.set({ ...set, updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.where('deleted_at', 'is', null)
			.returningAll()
			.executeTakeFirst()
		return row ? toBoardRecord(row) : undefined
	}

	async softDelete(id: string, at: Date): Promise<boolean> {
		const result = await this.#db
			.updateTable('boards')
			.set({ deleted_at: at.toISOString() })
			.where('id', '=', id)
			.where('deleted_at', 'is', null)
			.executeTakeFirst()
		return result.numUpdatedRows > 0n
	}

	async touch(id: string): Promise<void> {
		await this.#db
			.updateTable('boards')
			.set({ updated_at: new Date().toISOString() })
			.where('id', '=', id)
			.where('deleted_at', 'is', null)
			.execute()
	}

	/** Boards with their circle and tribe; the circle columns are null for a board of no circle. */
	#selectInContext() {
		return this.#db
			.selectFrom('boards')
			.leftJoin('circles', 'circles.id', 'boards.circle_id')
			.leftJoin('tribes', 'tribes.id', 'circles.tribe_id')
			.selectAll('boards')
			.select([
				'circles.id as c_id',
				'circles.name as c_name',
				'tribes.id as t_id',
				'tribes.name as t_name',
				'tribes.visibility as t_visibility',
			])
	}
}

type BoardInContextRow = Selectable<BoardsTable> & {
	c_id: string | null
	c_name: string | null
	t_id: string | null
	t_name: string | null
	t_visibility: TribeVisibility | null
}

function toBoardInContext(row: BoardInContextRow): BoardInContext {
	const circle =
		row.c_id !== null &&
		row.c_name !== null &&
		row.t_id !== null &&
		row.t_name !== null &&
		row.t_visibility !== null
			? {
					id: row.c_id,
					name: row.c_name,
					tribeId: row.t_id,
					tribeName: row.t_name,
					tribeVisibility: row.t_visibility,
				}
			: undefined
	return { board: toBoardRecord(row), circle }
}

/** A board row as a record; also read by the journey store. */
export function toBoardRecord(row: Selectable<BoardsTable>): BoardRecord {
	return {
		id: row.id,
		circleId: row.circle_id,
		title: row.title,
		visibility: row.visibility,
		createdBy: row.created_by,
		archivedAt: row.archived_at === null ? null : toIso(row.archived_at),
		deletedAt: row.deleted_at === null ? null : toIso(row.deleted_at),
		createdAt: toIso(row.created_at),
		updatedAt: toIso(row.updated_at),
		journeyDay: row.journey_day === null ? null : Number(row.journey_day),
	}
}
