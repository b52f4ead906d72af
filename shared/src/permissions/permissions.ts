import type { BoardVisibility } from '../schemas/board.ts'
import type { CircleRole, InstanceSettings, TribeRole, TribeVisibility } from '../schemas/spaces.ts'

/**
 * Who may do what, as pure functions of a person's roles and a thing's state. The server
 * enforces exactly these (on every route and on the live connection); the web app uses them
 * only to decide which buttons to show. See `CONTEXT.md` beside this file for the table.
 */

/** What a signed-in account is on the whole instance. */
export type InstanceRole = 'admin' | 'member'

/** A signed-in person's relation to a tribe. */
export interface TribeRelation {
	instanceRole: InstanceRole
	/** Null when not a member of the tribe. */
	tribeRole: TribeRole | null
}

/** A signed-in person's relation to a circle (and so to its tribe). */
export interface CircleRelation extends TribeRelation {
	/** Null when not a member of the circle. */
	circleRole: CircleRole | null
}

/** What may be done on the instance as a whole. */
export interface InstancePermissions {
	/** Change the sign-up policy and tribe claiming. */
	manageSettings: boolean
	/** Set up a `convened` tribe and name its stewards. */
	conveneTribe: boolean
	/** Claim an `emergent` tribe ("claim a space"). */
	claimTribe: boolean
}

/** Instance-wide permissions of a signed-in account. */
export function instancePermissions(role: InstanceRole, settings: InstanceSettings): InstancePermissions {
	const admin = role === 'admin'
	return { manageSettings: admin, conveneTribe: admin, claimTribe: !admin && settings.tribeClaiming }
}

/** What may be done with a tribe. */
export interface TribePermissions {
	/** See it at all (otherwise it answers 404). */
	view: boolean
	/** Join it directly, without an invitation or a request. */
	join: boolean
	/** Rename it, change its visibility, set up circles, name stewards, manage its members. */
	manage: boolean
}

/**
 * Tribe permissions. Admins and stewards manage; a `private` tribe is invisible to everyone
 * else who is not a member; an `open` tribe may be joined by anyone signed in.
 */
export function tribePermissions(
	relation: TribeRelation,
	tribe: { visibility: TribeVisibility },
): TribePermissions {
	const manage = relation.instanceRole === 'admin' || relation.tribeRole === 'steward'
	const view = manage || relation.tribeRole !== null || tribe.visibility !== 'private'
	return { view, join: relation.tribeRole === null && tribe.visibility === 'open', manage }
}

/** What may be done with a circle. */
export interface CirclePermissions {
	/** See its name, description and seat count (otherwise 404). */
	view: boolean
	/** See who its members are. */
	seeMembers: boolean
	/**
	 * Manage it: members, roles, invitation links, join requests, capacity, boards. Its
	 * facilitators, and the stewards of its tribe.
	 */
	manage: boolean
	/** Ask to join (a facilitator approves). */
	requestToJoin: boolean
	/** Leave it. */
	leave: boolean
}

/**
 * Circle permissions. A circle is as visible as its tribe; its facilitators and the tribe's
 * stewards (and admins) manage it.
 */
export function circlePermissions(
	relation: CircleRelation,
	tribe: { visibility: TribeVisibility },
): CirclePermissions {
	const { view, manage: manageTribe } = tribePermissions(relation, tribe)
	const manage = manageTribe || relation.circleRole === 'facilitator'
	const member = relation.circleRole !== null
	return {
		view,
		seeMembers: member || manage,
		manage,
		requestToJoin: view && !member,
		leave: member,
	}
}

/** What may be done with a board. */
export interface BoardPermissions {
	/** Open it and see its content and who is there (otherwise 404). */
	view: boolean
	/** Change its content (live). */
	edit: boolean
	/** Rename, change visibility, archive, unarchive, delete. */
	manage: boolean
}

/** The state of a board that permissions depend on. */
export interface BoardState {
	visibility: BoardVisibility
	archived: boolean
	deleted: boolean
}

const NOTHING: BoardPermissions = { view: false, edit: false, manage: false }

/**
 * A person's relation to the other circles a board is shared with (accepted shares only; an
 * offer that was not accepted gives nothing).
 */
export interface SharedBoardRelation {
	/** Their best role among those circles, or null when they are in none of them. */
	circleRole: CircleRole | null
	/** Whether they are a steward of the tribe of one of those circles. */
	steward: boolean
}

/** The relation of someone the board is not shared with in any way. */
export const NOT_SHARED: SharedBoardRelation = { circleRole: null, steward: false }

/**
 * Board permissions, relative to the board's own circle and to the circles it is shared with.
 *
 * - A deleted board is gone for everyone.
 * - Members of the circle edit it, unless it is archived (then everyone only reads it).
 * - Members of a circle the board is shared with (accepted) edit it as its own members do.
 * - Facilitators of the circle, stewards of its tribe and admins manage it (and so read it,
 *   whatever its visibility), but only circle members edit its content. Managing stays with the
 *   board's own circle: the circles it is shared with withdraw, they do not rename or archive.
 * - Stewards of the tribe of a circle it is shared with read it (they manage that circle).
 * - `tribe` boards are readable by the tribe's members, `instance` boards by everyone signed in
 *   (the tribe of the board's own circle: a share does not widen its visibility).
 */
export function boardPermissions(
	relation: CircleRelation,
	board: BoardState,
	shared: SharedBoardRelation = NOT_SHARED,
): BoardPermissions {
	if (board.deleted) return NOTHING
	const member = relation.circleRole !== null || shared.circleRole !== null
	const manage =
		relation.circleRole === 'facilitator' ||
		relation.tribeRole === 'steward' ||
		relation.instanceRole === 'admin'
	const view =
		member ||
		manage ||
		shared.steward ||
		board.visibility === 'instance' ||
		(board.visibility === 'tribe' && relation.tribeRole !== null)
	return { view, edit: member && !board.archived, manage }
}

/** What may be done with a tribe's journey templates and its circles' journeys side by side. */
export interface TribeJourneyPermissions {
	/** Read the tribe's journey templates and its parallel journeys (otherwise 404). */
	view: boolean
	/** Write, import, change and delete the tribe's journey templates. */
	editTemplates: boolean
}

/**
 * Journeys of a tribe. Its stewards (and admins) write its templates; every member of the tribe
 * (of any of its circles) reads them and sees the circles' journeys side by side, each board only
 * as far as `boardPermissions` lets them. People outside the tribe see nothing of its journeys,
 * even where they may see the tribe.
 */
export function tribeJourneyPermissions(relation: TribeRelation): TribeJourneyPermissions {
	const steward = relation.instanceRole === 'admin' || relation.tribeRole === 'steward'
	return { view: steward || relation.tribeRole !== null, editTemplates: steward }
}

/** What may be done with one circle's journey. */
export interface CircleJourneyPermissions {
	/** See the circle's journey, its template and its timeline (otherwise 404). */
	view: boolean
	/**
	 * Start, reschedule, pause and resume it, write the circle's own template, and put the
	 * circle's boards on journey days: those who manage the circle.
	 */
	edit: boolean
}

/**
 * A circle's journey. Its facilitators (and the tribe's stewards and admins, who manage the
 * circle) edit it; members of the tribe read it, as they read its parallel journeys; outsiders
 * see nothing of it.
 */
export function circleJourneyPermissions(relation: CircleRelation): CircleJourneyPermissions {
	const edit =
		relation.instanceRole === 'admin' ||
		relation.tribeRole === 'steward' ||
		relation.circleRole === 'facilitator'
	return { view: edit || relation.circleRole !== null || relation.tribeRole !== null, edit }
}
