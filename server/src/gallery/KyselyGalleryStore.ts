import { type Kysely, type RawBuilder, sql } from 'kysely'
import { boardVisibilitySql } from '../storage/boardVisibilitySql.ts'
import { toIso } from '../storage/rowValues.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import type { GalleryFilter, GalleryRow, GalleryStore, GalleryViewer } from './GalleryStore.ts'

interface Row {
	id: string
	title: string
	visibility: GalleryRow['visibility']
	journey_day: number | string | null
	updated_at: string | Date
	circle_id: string
	circle_name: string
	tribe_id: string
	tribe_name: string
	thumbnail_at: string | Date | null
	circle_role: GalleryRow['relation']['circleRole']
	tribe_role: GalleryRow['relation']['tribeRole']
	shared_member: number | string | boolean
	shared_steward: number | string | boolean
}

/** {@link GalleryStore} over the boards, memberships and shares tables, on SQLite or PostgreSQL. */
export class KyselyGalleryStore implements GalleryStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async page(viewer: GalleryViewer, filter: GalleryFilter): Promise<GalleryRow[]> {
		const where: RawBuilder<unknown>[] = [
			filter.tribeId !== undefined ? sql`c.tribe_id = ${filter.tribeId}` : sql`b.visibility = 'instance'`,
		]
		if (filter.circleId !== undefined) where.push(sql`c.id = ${filter.circleId}`)
		if (filter.journeyDay !== undefined) where.push(sql`b.journey_day = ${filter.journeyDay}`)
		if (filter.after) {
			const { updatedAt, boardId } = filter.after
			where.push(sql`(b.updated_at < ${updatedAt} or (b.updated_at = ${updatedAt} and b.id < ${boardId}))`)
		}
		const result = await sql<Row>`${visibleBoards(viewer, sql.join(where, sql` and `))}
			order by b.updated_at desc, b.id desc
			limit ${filter.limit}`.execute(this.#db)
		return result.rows.map(rowOf)
	}

	async visibleAmong(viewer: GalleryViewer, boardIds: readonly string[]): Promise<GalleryRow[]> {
		if (boardIds.length === 0) return []
		const result = await sql<Row>`${visibleBoards(
			viewer,
			sql`b.id in (${sql.join(boardIds.map((id) => sql`${id}`))})`,
		)}`.execute(this.#db)
		return result.rows.map(rowOf)
	}
}

/**
 * The boards matching `where` that the viewer may view now (`boardVisibilitySql`), for boards
 * that are neither archived nor deleted and belong to a circle. The route applies
 * `boardPermissions` itself once more to every row.
 */
function visibleBoards(viewer: GalleryViewer, where: RawBuilder<unknown>): RawBuilder<unknown> {
	const visibility = boardVisibilitySql(viewer)
	return sql`select b.id, b.title, b.visibility, b.journey_day, b.updated_at,
			c.id as circle_id, c.name as circle_name, t.id as tribe_id, t.name as tribe_name,
			th.updated_at as thumbnail_at, ${visibility.columns}
		from boards b
		join circles c on c.id = b.circle_id
		join tribes t on t.id = c.tribe_id
		${visibility.joins}
		left join board_thumbnails th on th.board_id = b.id
		where b.deleted_at is null and b.archived_at is null and ${where} and ${visibility.mayView}`
}

const truthy = (value: number | string | boolean) => value === true || Number(value) === 1

function rowOf(row: Row): GalleryRow {
	return {
		boardId: row.id,
		title: row.title,
		visibility: row.visibility,
		journeyDay: row.journey_day === null ? null : Number(row.journey_day),
		updatedAt: toIso(row.updated_at),
		circle: { id: row.circle_id, name: row.circle_name },
		tribe: { id: row.tribe_id, name: row.tribe_name },
		thumbnailAt: row.thumbnail_at === null ? null : toIso(row.thumbnail_at),
		relation: {
			circleRole: row.circle_role,
			tribeRole: row.tribe_role,
			sharedMember: truthy(row.shared_member),
			sharedSteward: truthy(row.shared_steward),
		},
	}
}
