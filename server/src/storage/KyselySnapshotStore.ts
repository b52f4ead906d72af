import type { Person } from '@circlespace/shared'
import type { Kysely } from 'kysely'
import { toBytes, toIso } from './rowValues.ts'
import type { NewSnapshot, SnapshotRecord, SnapshotStore } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

/** The columns every read of a snapshot's metadata takes (never the state, which may be large). */
const metadataColumns = [
	'id',
	'board_id',
	'session_id',
	'title',
	'kind',
	'created_by',
	'created_at',
	'shape_count',
	'participants',
] as const

interface MetadataRow {
	id: string
	board_id: string
	session_id: string | null
	title: string
	kind: SnapshotRecord['kind']
	created_by: string | null
	created_at: string | Date
	shape_count: number
	participants: string
	has_thumbnail: number | boolean | string
}

/** {@link SnapshotStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselySnapshotStore implements SnapshotStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async create(snapshot: NewSnapshot): Promise<SnapshotRecord> {
		await this.#db
			.insertInto('board_snapshots')
			.values({
				id: snapshot.id,
				board_id: snapshot.boardId,
				session_id: snapshot.sessionId,
				title: snapshot.title,
				kind: snapshot.kind,
				created_by: snapshot.createdBy,
				created_at: snapshot.createdAt.toISOString(),
				shape_count: snapshot.shapeCount,
				participants: JSON.stringify(snapshot.participants),
				state: snapshot.state,
				thumbnail: null,
			})
			.execute()
		const created = await this.get(snapshot.id)
		if (!created) throw new Error(`snapshot ${snapshot.id} vanished right after it was stored`)
		return created
	}

	async get(id: string): Promise<SnapshotRecord | undefined> {
		const rows = await this.#selectMetadata().where('id', '=', id).execute()
		return (await this.#toRecords(rows))[0]
	}

	async listOfBoard(boardId: string): Promise<SnapshotRecord[]> {
		const rows = await this.#selectMetadata()
			.where('board_id', '=', boardId)
			// The id breaks ties between snapshots taken in the same millisecond, so the order is stable.
			.orderBy('created_at', 'desc')
			.orderBy('id', 'desc')
			.execute()
		return this.#toRecords(rows)
	}

	async getState(id: string): Promise<Uint8Array | undefined> {
		const row = await this.#db
			.selectFrom('board_snapshots')
			.select('state')
			.where('id', '=', id)
			.executeTakeFirst()
		return row ? toBytes(row.state) : undefined
	}

	async setThumbnail(id: string, png: Uint8Array): Promise<boolean> {
		const result = await this.#db
			.updateTable('board_snapshots')
			.set({ thumbnail: png })
			.where('id', '=', id)
			.executeTakeFirst()
		return result.numUpdatedRows > 0n
	}

	async getThumbnail(id: string): Promise<Uint8Array | undefined> {
		const row = await this.#db
			.selectFrom('board_snapshots')
			.select('thumbnail')
			.where('id', '=', id)
			.executeTakeFirst()
		return row?.thumbnail ? toBytes(row.thumbnail) : undefined
	}

	#selectMetadata() {
		return this.#db
			.selectFrom('board_snapshots')
			.select(metadataColumns)
			.select((eb) => eb.case().when('thumbnail', 'is', null).then(0).else(1).end().as('has_thumbnail'))
	}

	/** Turns rows into records, resolving every person they name with one query. */
	async #toRecords(rows: MetadataRow[]): Promise<SnapshotRecord[]> {
		const participantsOf = rows.map((row) => parseIds(row.participants))
		const ids = new Set<string>()
		for (const row of rows) if (row.created_by) ids.add(row.created_by)
		for (const list of participantsOf) for (const id of list) ids.add(id)
		const people = new Map<string, Person>()
		if (ids.size > 0) {
			const found = await this.#db
				.selectFrom('users')
				.select(['id', 'display_name', 'color'])
				.where('id', 'in', [...ids])
				.execute()
			for (const user of found)
				people.set(user.id, { id: user.id, displayName: user.display_name, color: user.color })
		}
		return rows.map((row, i) => ({
			id: row.id,
			boardId: row.board_id,
			sessionId: row.session_id,
			title: row.title,
			kind: row.kind,
			createdBy: (row.created_by && people.get(row.created_by)) || null,
			createdAt: toIso(row.created_at),
			shapeCount: Number(row.shape_count),
			participants: (participantsOf[i] ?? []).flatMap((id) => {
				const person = people.get(id)
				return person ? [person] : []
			}),
			hasThumbnail: Number(row.has_thumbnail) === 1,
		}))
	}
}

/** The user ids of a `participants` column; anything unreadable counts as none. */
function parseIds(json: string): string[] {
	try {
		const parsed: unknown = JSON.parse(json)
		return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : []
	} catch {
		return []
	}
}
