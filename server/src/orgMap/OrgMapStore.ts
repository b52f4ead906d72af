import type { BoardVisibility, CircleRole, TribeRole, TribeVisibility } from '@circlespace/shared'
import type { BoardViewer } from '../storage/boardVisibilitySql.ts'
import type { CircleJourneyRecord } from '../storage/Storage.ts'

/** Who is looking at the map. */
export type OrgMapViewer = BoardViewer

/** A tribe the viewer may see, with their role in it. */
export interface OrgMapTribeRow {
	id: string
	name: string
	visibility: TribeVisibility
	memberCount: number
	tribeRole: TribeRole | null
}

/** A circle of a tribe on the map, with the viewer's role in it. */
export interface OrgMapCircleRow {
	id: string
	tribeId: string
	name: string
	capacity: number
	memberCount: number
	circleRole: CircleRole | null
}

/** A board with a running session, with the viewer's relation to it for the route's own check. */
export interface OrgMapLiveRow {
	boardId: string
	boardTitle: string
	visibility: BoardVisibility
	circleId: string
	sessionTitle: string
	relation: {
		circleRole: CircleRole | null
		tribeRole: TribeRole | null
		sharedMember: boolean
		sharedSteward: boolean
	}
}

/** How many boards tie one circle to another (in one direction: `from`'s boards). */
export interface OrgMapPairRow {
	fromCircleId: string
	toCircleId: string
	count: number
}

/**
 * What the organisation map is read from (`server/src/orgMap/`). Every question is bounded:
 * by `limit`s, or by the tribes asked about. Tribes and boards are filtered in the database by
 * what the viewer may see (tribe visibility; `boardVisibilitySql` for boards); the route applies
 * the permission functions of `shared` once more.
 */
export interface OrgMapStore {
	/** The tribes the viewer may see, by name; at most `limit`. */
	tribes(viewer: OrgMapViewer, limit: number): Promise<OrgMapTribeRow[]>
	/** The circles of these tribes, by name; at most `perTribe` of each tribe. */
	circles(viewer: OrgMapViewer, tribeIds: readonly string[], perTribe: number): Promise<OrgMapCircleRow[]>
	/** The journeys of these tribes' circles. */
	journeys(tribeIds: readonly string[]): Promise<CircleJourneyRecord[]>
	/**
	 * The boards of these tribes' circles, neither archived nor deleted, with a running session,
	 * that the viewer may open; by title, at most `limit`.
	 */
	liveBoards(viewer: OrgMapViewer, tribeIds: readonly string[], limit: number): Promise<OrgMapLiveRow[]>
	/**
	 * Boards (neither archived nor deleted) of one circle shared with another (accepted shares),
	 * both circles in these tribes, counted per pair of circles: only boards the viewer may open.
	 */
	sharedBoards(viewer: OrgMapViewer, tribeIds: readonly string[]): Promise<OrgMapPairRow[]>
	/**
	 * Pairs of boards (neither archived nor deleted) of two different circles of these tribes,
	 * the first with a link to the second, counted per pair of circles: only pairs whose two
	 * boards the viewer may open.
	 */
	links(viewer: OrgMapViewer, tribeIds: readonly string[]): Promise<OrgMapPairRow[]>
}
