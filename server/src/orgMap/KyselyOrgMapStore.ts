import type { JourneyPause } from '@circlespace/shared'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { boardVisibilitySql } from '../storage/boardVisibilitySql.ts'
import { toIso, toNumber } from '../storage/rowValues.ts'
import type { CircleJourneyRecord } from '../storage/Storage.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import type {
	OrgMapCircleRow,
	OrgMapLiveRow,
	OrgMapPairRow,
	OrgMapStore,
	OrgMapTribeRow,
	OrgMapViewer,
} from './OrgMapStore.ts'

type Count = number | string | bigint
type Flag = number | string | boolean

/** {@link OrgMapStore} over the tribes, circles, journeys, sessions, shares and links tables. */
export class KyselyOrgMapStore implements OrgMapStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async tribes(viewer: OrgMapViewer, limit: number): Promise<OrgMapTribeRow[]> {
		// The rule of `tribePermissions(...).view`: admins, members, and every tribe not private.
		const result = await sql<{
			id: string
			name: string
			visibility: OrgMapTribeRow['visibility']
			tribe_role: OrgMapTribeRow['tribeRole']
			member_count: Count
		}>`select t.id, t.name, t.visibility, tm.role as tribe_role,
				(select count(*) from tribe_members m where m.tribe_id = t.id) as member_count
			from tribes t
			left join tribe_members tm on tm.tribe_id = t.id and tm.user_id = ${viewer.userId}
			where ${isAdmin(viewer)} or tm.role is not null or t.visibility <> 'private'
			order by t.name, t.id
			limit ${limit}`.execute(this.#db)
		return result.rows.map((row) => ({
			id: row.id,
			name: row.name,
			visibility: row.visibility,
			tribeRole: row.tribe_role,
			memberCount: toNumber(row.member_count),
		}))
	}

	async circles(
		viewer: OrgMapViewer,
		tribeIds: readonly string[],
		perTribe: number,
	): Promise<OrgMapCircleRow[]> {
		if (tribeIds.length === 0) return []
		const result = await sql<{
			id: string
			tribe_id: string
			name: string
			capacity: Count
			member_count: Count
			circle_role: OrgMapCircleRow['circleRole']
		}>`select id, tribe_id, name, capacity, member_count, circle_role from (
				select c.id, c.tribe_id, c.name, c.capacity, cm.role as circle_role,
					(select count(*) from circle_members m where m.circle_id = c.id) as member_count,
					row_number() over (partition by c.tribe_id order by c.name, c.id) as rank_in_tribe
				from circles c
				left join circle_members cm on cm.circle_id = c.id and cm.user_id = ${viewer.userId}
				where c.tribe_id in (${idList(tribeIds)})
			) ranked
			where rank_in_tribe <= ${perTribe}
			order by tribe_id, name, id`.execute(this.#db)
		return result.rows.map((row) => ({
			id: row.id,
			tribeId: row.tribe_id,
			name: row.name,
			capacity: toNumber(row.capacity),
			memberCount: toNumber(row.member_count),
			circleRole: row.circle_role,
		}))
	}

	async journeys(tribeIds: readonly string[]): Promise<CircleJourneyRecord[]> {
		if (tribeIds.length === 0) return []
		const rows = await this.#db
			.selectFrom('circle_journeys')
			.innerJoin('circles', 'circles.id', 'circle_journeys.circle_id')
			.selectAll('circle_journeys')
			.where('circles.tribe_id', 'in', [...tribeIds])
			.execute()
		return rows.map((row) => ({
			circleId: row.circle_id,
			templateId: row.template_id,
			startDate: row.start_date,
			timeZone: row.time_zone,
			// Validated before it was written (see JourneyStore).
			pauses: JSON.parse(row.pauses) as JourneyPause[],
			createdAt: toIso(row.created_at),
			updatedAt: toIso(row.updated_at),
		}))
	}

	async liveBoards(
		viewer: OrgMapViewer,
		tribeIds: readonly string[],
		limit: number,
	): Promise<OrgMapLiveRow[]> {
		if (tribeIds.length === 0) return []
		const visibility = boardVisibilitySql(viewer)
		const result = await sql<{
			id: string
			title: string
			visibility: OrgMapLiveRow['visibility']
			circle_id: string
			session_title: string
			circle_role: OrgMapLiveRow['relation']['circleRole']
			tribe_role: OrgMapLiveRow['relation']['tribeRole']
			shared_member: Flag
			shared_steward: Flag
		}>`select b.id, b.title, b.visibility, b.circle_id, ls.title as session_title, ${visibility.columns}
			from live_sessions ls
			join boards b on b.id = ls.board_id
			join circles c on c.id = b.circle_id
			${visibility.joins}
			where ls.ended_at is null and b.deleted_at is null and b.archived_at is null
				and c.tribe_id in (${idList(tribeIds)}) and ${visibility.mayView}
			order by b.title, b.id
			limit ${limit}`.execute(this.#db)
		return result.rows.map((row) => ({
			boardId: row.id,
			boardTitle: row.title,
			visibility: row.visibility,
			circleId: row.circle_id,
			sessionTitle: row.session_title,
			relation: {
				circleRole: row.circle_role,
				tribeRole: row.tribe_role,
				sharedMember: truthy(row.shared_member),
				sharedSteward: truthy(row.shared_steward),
			},
		}))
	}

	async sharedBoards(viewer: OrgMapViewer, tribeIds: readonly string[]): Promise<OrgMapPairRow[]> {
		if (tribeIds.length === 0) return []
		const tribes = idList(tribeIds)
		const result = await sql<{ from_circle: string; to_circle: string; n: Count }>`select
				b.circle_id as from_circle, s.circle_id as to_circle, count(*) as n
			from board_shares s
			join boards b on b.id = s.board_id
			join circles sc on sc.id = s.circle_id
			where s.state = 'accepted' and b.circle_id <> s.circle_id
				and b.deleted_at is null and b.archived_at is null
				and sc.tribe_id in (${tribes})
				and ${mayOpen(viewer, sql`s.board_id`, tribes)}
			group by b.circle_id, s.circle_id`.execute(this.#db)
		return result.rows.map(pairOf)
	}

	async links(viewer: OrgMapViewer, tribeIds: readonly string[]): Promise<OrgMapPairRow[]> {
		if (tribeIds.length === 0) return []
		const tribes = idList(tribeIds)
		// A board with several cards for the same board is one tie, so pairs of boards are counted.
		const result = await sql<{ from_circle: string; to_circle: string; n: Count }>`select
				from_circle, to_circle, count(*) as n
			from (
				select distinct sb.circle_id as from_circle, tb.circle_id as to_circle,
					l.source_board_id, l.target_board_id
				from board_links l
				join boards sb on sb.id = l.source_board_id
				join boards tb on tb.id = l.target_board_id
				where sb.circle_id <> tb.circle_id
					and sb.deleted_at is null and sb.archived_at is null
					and tb.deleted_at is null and tb.archived_at is null
					and ${mayOpen(viewer, sql`l.source_board_id`, tribes)}
					and ${mayOpen(viewer, sql`l.target_board_id`, tribes)}
			) pairs
			group by from_circle, to_circle`.execute(this.#db)
		return result.rows.map(pairOf)
	}
}

/**
 * Whether the viewer may open the board `boardId` names, a board of a circle of one of `tribes`:
 * the one SQL form of the board-viewing rule, in a subquery of its own (its aliases `b` and `c`
 * are then this board's, whatever the outer query calls its tables).
 */
function mayOpen(viewer: OrgMapViewer, boardId: RawBuilder<unknown>, tribes: RawBuilder<unknown>) {
	const visibility = boardVisibilitySql(viewer)
	return sql`exists (select 1 from boards b
		join circles c on c.id = b.circle_id
		${visibility.joins}
		where b.id = ${boardId} and c.tribe_id in (${tribes}) and ${visibility.mayView})`
}

// Not a bound parameter: node:sqlite binds no booleans, and this is ours, not the viewer's.
const isAdmin = (viewer: OrgMapViewer) => sql.raw(viewer.role === 'admin' ? '1 = 1' : '1 = 0')

const idList = (ids: readonly string[]) => sql.join(ids.map((id) => sql`${id}`))

const truthy = (value: Flag) => value === true || Number(value) === 1

const pairOf = (row: { from_circle: string; to_circle: string; n: Count }): OrgMapPairRow => ({
	fromCircleId: row.from_circle,
	toCircleId: row.to_circle,
	count: toNumber(row.n),
})
