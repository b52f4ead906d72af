import { type Kysely, sql } from 'kysely'
import { toBytes, toIso, toNumber } from './rowValues.ts'
import type { BoardTemplateRecord, BoardTemplateStore, NewBoardTemplate } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

interface TemplateRow {
	id: string
	tribe_id: string
	name: string
	description: string
	shape_count: number
	state_bytes: number | string | bigint
	has_thumbnail: number | string | boolean
	created_by: string | null
	created_by_name: string | null
	created_by_color: string | null
	created_at: string | Date
	updated_at: string | Date
}

/** {@link BoardTemplateStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyBoardTemplateStore implements BoardTemplateStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async create(template: NewBoardTemplate): Promise<BoardTemplateRecord> {
		const at = template.createdAt.toISOString()
		await this.#db
			.insertInto('board_templates')
			.values({
				id: template.id,
				tribe_id: template.tribeId,
				name: template.name,
				description: template.description,
				state: template.state,
				shape_count: template.shapeCount,
				thumbnail: template.thumbnail,
				created_by: template.createdBy,
				created_at: at,
				updated_at: at,
			})
			.execute()
		const created = await this.get(template.id)
		if (!created) throw new Error(`board template ${template.id} vanished right after it was stored`)
		return created
	}

	async get(id: string): Promise<BoardTemplateRecord | undefined> {
		const row = await this.#select().where('t.id', '=', id).executeTakeFirst()
		return row ? toRecord(row) : undefined
	}

	async listOfTribe(tribeId: string): Promise<BoardTemplateRecord[]> {
		const rows = await this.#select()
			.where('t.tribe_id', '=', tribeId)
			.orderBy('t.name')
			.orderBy('t.id')
			.execute()
		return rows.map(toRecord)
	}

	async countOfTribe(tribeId: string): Promise<number> {
		const row = await this.#db
			.selectFrom('board_templates')
			.select((eb) => eb.fn.countAll().as('n'))
			.where('tribe_id', '=', tribeId)
			.executeTakeFirst()
		return toNumber(row?.n as number | string | bigint | undefined)
	}

	async getState(id: string): Promise<Uint8Array | undefined> {
		const row = await this.#db
			.selectFrom('board_templates')
			.select('state')
			.where('id', '=', id)
			.executeTakeFirst()
		return row ? toBytes(row.state) : undefined
	}

	async getThumbnail(id: string): Promise<Uint8Array | undefined> {
		const row = await this.#db
			.selectFrom('board_templates')
			.select('thumbnail')
			.where('id', '=', id)
			.executeTakeFirst()
		return row?.thumbnail ? toBytes(row.thumbnail) : undefined
	}

	async update(
		id: string,
		changes: { name?: string; description?: string },
		at: Date,
	): Promise<BoardTemplateRecord | undefined> {
		const result = await this.#db
			.updateTable('board_templates')
			.set({
				...(changes.name !== undefined ? { name: changes.name } : {}),
				...(changes.description !== undefined ? { description: changes.description } : {}),
				updated_at: at.toISOString(),
			})
			.where('id', '=', id)
			.executeTakeFirst()
		return result.numUpdatedRows > 0n ? this.get(id) : undefined
	}

	async delete(id: string): Promise<boolean> {
		const result = await this.#db.deleteFrom('board_templates').where('id', '=', id).executeTakeFirst()
		return result.numDeletedRows > 0n
	}

	/** Everything lists show, never the content itself (which may be large). */
	#select() {
		return (
			this.#db
				.selectFrom('board_templates as t')
				.leftJoin('users as u', 'u.id', 't.created_by')
				.select([
					't.id',
					't.tribe_id',
					't.name',
					't.description',
					't.shape_count',
					't.created_by',
					't.created_at',
					't.updated_at',
					'u.display_name as created_by_name',
					'u.color as created_by_color',
				])
				// length() counts the bytes of a blob (SQLite) and of a bytea (PostgreSQL).
				.select(sql<number>`length(t.state)`.as('state_bytes'))
				.select((eb) => eb.case().when('t.thumbnail', 'is', null).then(0).else(1).end().as('has_thumbnail'))
		)
	}
}

function toRecord(row: TemplateRow): BoardTemplateRecord {
	return {
		id: row.id,
		tribeId: row.tribe_id,
		name: row.name,
		description: row.description,
		shapeCount: Number(row.shape_count),
		stateBytes: toNumber(row.state_bytes),
		hasThumbnail: Number(row.has_thumbnail) === 1,
		createdBy:
			row.created_by !== null && row.created_by_name !== null
				? { id: row.created_by, displayName: row.created_by_name, color: row.created_by_color ?? '' }
				: null,
		createdAt: toIso(row.created_at),
		updatedAt: toIso(row.updated_at),
	}
}
