import { z } from 'zod'
import type { CircleRole, TribeRole, TribeVisibility } from '../schemas/spaces.ts'

/** `GET /api/map` takes no parameters; any given is refused (400), not ignored. */
export const orgMapQuerySchema = z.object({}).strict()

/** At most this many tribes in `GET /api/map` (by name); `tribesTruncated` tells of more. */
export const MAP_MAX_TRIBES = 60

/** At most this many circles of one tribe in the map (by name); `circlesTruncated` tells of more. */
export const MAP_MAX_CIRCLES_PER_TRIBE = 60

/** At most this many connections in the map (the strongest first); `connectionsTruncated` tells of more. */
export const MAP_MAX_CONNECTIONS = 500

/** At most this many live boards are named for one circle (`live.sessions` counts them all). */
export const MAP_MAX_LIVE_BOARDS_PER_CIRCLE = 5

/**
 * Where a circle's journey stands today, as `GET /api/map` shows it: day `day` of `lengthDays`.
 * `upcoming` has day 0, `completed` day `lengthDays`.
 */
export interface OrgMapJourney {
	status: 'upcoming' | 'running' | 'paused' | 'completed'
	day: number
	lengthDays: number
}

/** A board of a circle with a live session running now. */
export interface OrgMapLiveBoard {
	boardId: string
	boardTitle: string
	sessionTitle: string
	/** Open live connections to the board on this server process now. */
	peopleHere: number
}

/** What is live in a circle now, counting only the boards the viewer may open. */
export interface OrgMapLive {
	/** Running sessions on the circle's boards. */
	sessions: number
	/** People connected to those boards (one person in two tabs counts twice). */
	peopleHere: number
	/** The first of those boards, by title (at most {@link MAP_MAX_LIVE_BOARDS_PER_CIRCLE}). */
	boards: OrgMapLiveBoard[]
}

/** A circle on the map. */
export interface OrgMapCircle {
	id: string
	name: string
	/** Seats. */
	capacity: number
	memberCount: number
	/** The viewer's role in it, or null. */
	myRole: CircleRole | null
	/**
	 * Its journey today, or null when it has none or the viewer may not see its journey (people
	 * outside the tribe: `circleJourneyPermissions`). The two are not told apart.
	 */
	journey: OrgMapJourney | null
	live: OrgMapLive
}

/** A tribe on the map, with its circles. */
export interface OrgMapTribe {
	id: string
	name: string
	visibility: TribeVisibility
	/** The viewer's role in it, or null. */
	myRole: TribeRole | null
	memberCount: number
	/** Its circles by name, at most {@link MAP_MAX_CIRCLES_PER_TRIBE}. */
	circles: OrgMapCircle[]
	/** Whether the tribe has more circles than the map holds. */
	circlesTruncated: boolean
}

/**
 * Two circles of the map tied by boards: boards of one shared with the other (accepted shares),
 * and boards of one linking to boards of the other. Only boards the viewer may open are counted,
 * and only circles both on the map are joined.
 */
export interface OrgMapConnection {
	/** The two circles' ids, the smaller first. */
	circleIds: [string, string]
	sharedBoards: number
	links: number
}

/** `GET /api/map`: the instance's tribes and circles as the viewer may see them, and their ties. */
export interface OrgMap {
	/** By name, at most {@link MAP_MAX_TRIBES}. */
	tribes: OrgMapTribe[]
	/** Whether the viewer may see more tribes than the map holds. */
	tribesTruncated: boolean
	/** The strongest first (shared boards and links together), at most {@link MAP_MAX_CONNECTIONS}. */
	connections: OrgMapConnection[]
	connectionsTruncated: boolean
	/** ISO timestamp of the server's now. */
	asOf: string
}
