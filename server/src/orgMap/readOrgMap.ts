import {
	boardPermissions,
	type CircleRelation,
	circleJourneyPermissions,
	circlePermissions,
	journeyStatusAt,
	MAP_MAX_CIRCLES_PER_TRIBE,
	MAP_MAX_CONNECTIONS,
	MAP_MAX_LIVE_BOARDS_PER_CIRCLE,
	MAP_MAX_TRIBES,
	type OrgMap,
	type OrgMapCircle,
	type OrgMapConnection,
	type OrgMapJourney,
	type OrgMapLive,
	tribePermissions,
} from '@circlespace/shared'
import type { JourneyStore, User } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type {
	OrgMapCircleRow,
	OrgMapLiveRow,
	OrgMapPairRow,
	OrgMapStore,
	OrgMapTribeRow,
} from './OrgMapStore.ts'

/** What the map is read from. */
export interface OrgMapDeps {
	orgMap: OrgMapStore
	journeys: Pick<JourneyStore, 'getTemplates'>
	/** The rooms this process holds: how many are connected to each board now. */
	rooms: Pick<RoomRegistry, 'peek'>
}

/**
 * More running sessions than this at once (on the boards of the tribes shown) are not counted:
 * a bound on one answer's work, far above what an instance runs.
 */
export const MAP_MAX_LIVE_BOARDS = 2000

/**
 * The organisation map as `user` may see it at `now`: the tribes they may see, each with its
 * circles (seats, journey day, sessions running now), and the circles tied by boards they may
 * open. Every piece is checked with the permission functions of `shared` here, after the store
 * filtered it in SQL:
 *
 * - a tribe, and so its circles, only as `tribePermissions` / `circlePermissions` allow;
 * - a journey only as `circleJourneyPermissions` allows (null otherwise, as for no journey);
 * - a live board only as `boardPermissions` allows;
 * - a connection only between two circles both on this map, counting only boards the viewer may
 *   open. A tie to a circle one may not see (or that the caps left out) is left out whole, not
 *   shown as a line to nowhere: its end, its count, even that it exists, would tell of a circle
 *   or boards kept from them.
 */
export async function readOrgMap(deps: OrgMapDeps, user: User, now: Date): Promise<OrgMap> {
	const viewer = { userId: user.id, role: user.role }
	const tribeRows = (await deps.orgMap.tribes(viewer, MAP_MAX_TRIBES + 1)).filter(
		(tribe) => tribePermissions({ instanceRole: user.role, tribeRole: tribe.tribeRole }, tribe).view,
	)
	const tribes = tribeRows.slice(0, MAP_MAX_TRIBES)
	const tribeIds = tribes.map((tribe) => tribe.id)
	const [circleRows, journeys, liveRows, shared, links] = await Promise.all([
		deps.orgMap.circles(viewer, tribeIds, MAP_MAX_CIRCLES_PER_TRIBE + 1),
		deps.orgMap.journeys(tribeIds),
		deps.orgMap.liveBoards(viewer, tribeIds, MAP_MAX_LIVE_BOARDS),
		deps.orgMap.sharedBoards(viewer, tribeIds),
		deps.orgMap.links(viewer, tribeIds),
	])

	const tribeById = new Map(tribes.map((tribe) => [tribe.id, tribe]))
	const relationOf = (circle: OrgMapCircleRow): CircleRelation => ({
		instanceRole: user.role,
		tribeRole: tribeById.get(circle.tribeId)?.tribeRole ?? null,
		circleRole: circle.circleRole,
	})
	const circlesOf = new Map<string, OrgMapCircleRow[]>()
	for (const circle of circleRows) {
		const tribe = tribeById.get(circle.tribeId)
		if (!tribe || !circlePermissions(relationOf(circle), tribe).view) continue
		const list = circlesOf.get(circle.tribeId) ?? []
		list.push(circle)
		circlesOf.set(circle.tribeId, list)
	}
	const shown = new Map<string, OrgMapCircleRow>()
	for (const list of circlesOf.values()) {
		for (const circle of list.slice(0, MAP_MAX_CIRCLES_PER_TRIBE)) shown.set(circle.id, circle)
	}

	const journeyOf = await journeysOf(deps, journeys, shown, relationOf, now)
	const liveOf = await liveOfCircles(deps, liveRows, shown, relationOf)
	const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
		a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

	const connections = connectionsOf(shared, links, shown)
	return {
		tribes: [...tribes].sort(byName).map((tribe: OrgMapTribeRow) => {
			const list = circlesOf.get(tribe.id) ?? []
			return {
				id: tribe.id,
				name: tribe.name,
				visibility: tribe.visibility,
				myRole: tribe.tribeRole,
				memberCount: tribe.memberCount,
				circles: list
					.slice(0, MAP_MAX_CIRCLES_PER_TRIBE)
					.sort(byName)
					.map(
						(circle): OrgMapCircle => ({
							id: circle.id,
							name: circle.name,
							capacity: circle.capacity,
							memberCount: circle.memberCount,
							myRole: circle.circleRole,
							journey: journeyOf.get(circle.id) ?? null,
							live: liveOf.get(circle.id) ?? { sessions: 0, peopleHere: 0, boards: [] },
						}),
					),
				circlesTruncated: list.length > MAP_MAX_CIRCLES_PER_TRIBE,
			}
		}),
		tribesTruncated: tribeRows.length > MAP_MAX_TRIBES,
		connections: connections.slice(0, MAP_MAX_CONNECTIONS),
		connectionsTruncated: connections.length > MAP_MAX_CONNECTIONS,
		asOf: now.toISOString(),
	}
}

async function journeysOf(
	deps: OrgMapDeps,
	journeys: Awaited<ReturnType<OrgMapStore['journeys']>>,
	shown: Map<string, OrgMapCircleRow>,
	relationOf: (circle: OrgMapCircleRow) => CircleRelation,
	now: Date,
): Promise<Map<string, OrgMapJourney>> {
	const visible = journeys.filter((journey) => {
		const circle = shown.get(journey.circleId)
		return circle !== undefined && circleJourneyPermissions(relationOf(circle)).view
	})
	// Circles mostly follow their tribe's few templates: each is read once.
	const templates = new Map(
		(await deps.journeys.getTemplates([...new Set(visible.map((j) => j.templateId))])).map((t) => [t.id, t]),
	)
	const result = new Map<string, OrgMapJourney>()
	for (const journey of visible) {
		const template = templates.get(journey.templateId)
		if (!template) continue
		const status = journeyStatusAt(journey, template.template, now)
		const lengthDays = status.lengthDays
		switch (status.status) {
			case 'upcoming':
				result.set(journey.circleId, { status: 'upcoming', day: 0, lengthDays })
				break
			case 'completed':
				result.set(journey.circleId, { status: 'completed', day: lengthDays, lengthDays })
				break
			case 'running':
			case 'paused':
				result.set(journey.circleId, { status: status.status, day: status.day, lengthDays })
				break
		}
	}
	return result
}

async function liveOfCircles(
	deps: OrgMapDeps,
	rows: OrgMapLiveRow[],
	shown: Map<string, OrgMapCircleRow>,
	relationOf: (circle: OrgMapCircleRow) => CircleRelation,
): Promise<Map<string, OrgMapLive>> {
	const result = new Map<string, OrgMapLive>()
	for (const row of rows) {
		const circle = shown.get(row.circleId)
		if (!circle) continue
		const { sharedMember, sharedSteward, ...roles } = row.relation
		const may = boardPermissions(
			{ ...relationOf(circle), circleRole: roles.circleRole, tribeRole: roles.tribeRole },
			{ visibility: row.visibility, archived: false, deleted: false },
			{ circleRole: sharedMember ? 'member' : null, steward: sharedSteward },
		).view
		if (!may) continue
		const room = await deps.rooms.peek(row.boardId)
		const peopleHere = room?.peopleHere ?? 0
		const live: OrgMapLive = result.get(row.circleId) ?? { sessions: 0, peopleHere: 0, boards: [] }
		live.sessions += 1
		live.peopleHere += peopleHere
		if (live.boards.length < MAP_MAX_LIVE_BOARDS_PER_CIRCLE) {
			live.boards.push({
				boardId: row.boardId,
				boardTitle: row.boardTitle,
				sessionTitle: row.sessionTitle,
				peopleHere,
			})
		}
		result.set(row.circleId, live)
	}
	return result
}

/** Ties per unordered pair of circles on the map, the strongest first. */
function connectionsOf(
	shared: OrgMapPairRow[],
	links: OrgMapPairRow[],
	shown: Map<string, OrgMapCircleRow>,
): OrgMapConnection[] {
	const pairs = new Map<string, OrgMapConnection>()
	const add = (row: OrgMapPairRow, kind: 'sharedBoards' | 'links') => {
		if (row.fromCircleId === row.toCircleId) return
		if (!shown.has(row.fromCircleId) || !shown.has(row.toCircleId)) return
		const circleIds: [string, string] =
			row.fromCircleId < row.toCircleId
				? [row.fromCircleId, row.toCircleId]
				: [row.toCircleId, row.fromCircleId]
		const key = circleIds.join(' ')
		const connection = pairs.get(key) ?? { circleIds, sharedBoards: 0, links: 0 }
		connection[kind] += row.count
		pairs.set(key, connection)
	}
	for (const row of shared) add(row, 'sharedBoards')
	for (const row of links) add(row, 'links')
	const weight = (c: OrgMapConnection) => c.sharedBoards + c.links
	return [...pairs.values()].sort(
		(a, b) => weight(b) - weight(a) || a.circleIds.join(' ').localeCompare(b.circleIds.join(' ')),
	)
}
