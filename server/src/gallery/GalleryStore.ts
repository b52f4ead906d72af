import type { BoardVisibility } from '@circlespace/shared'

/** Who is looking at a gallery. */
export interface GalleryViewer {
	userId: string
	role: 'admin' | 'member'
}

/** Which boards a gallery page holds. */
export interface GalleryFilter {
	/** The boards of this tribe's circles; absent: the instance's `instance`-visible boards. */
	tribeId?: string
	circleId?: string
	journeyDay?: number
	/** Only boards edited before this position (the last card of the previous page). */
	after?: GalleryPosition
	limit: number
}

/** A place in the gallery's order (newest edit first, then board id). */
export interface GalleryPosition {
	updatedAt: string
	boardId: string
}

/** A board of a gallery page with the viewer's relation to it, for the route's permission check. */
export interface GalleryRow {
	boardId: string
	title: string
	visibility: BoardVisibility
	journeyDay: number | null
	updatedAt: string
	circle: { id: string; name: string }
	tribe: { id: string; name: string }
	/** ISO timestamp of the current thumbnail, or null. */
	thumbnailAt: string | null
	relation: {
		circleRole: 'facilitator' | 'member' | null
		tribeRole: 'steward' | 'member' | null
		/** A member of a circle the board is shared with (accepted). */
		sharedMember: boolean
		/** A steward of the tribe of a circle the board is shared with (accepted). */
		sharedSteward: boolean
	}
}

/**
 * The boards a gallery shows, newest edit first, a page at a time. Only boards the viewer may
 * view now (the rule of `boardPermissions`, as SQL), neither archived nor deleted.
 */
export interface GalleryStore {
	page(viewer: GalleryViewer, filter: GalleryFilter): Promise<GalleryRow[]>
	/** Of `boardIds`, the rows of those the viewer may view now (any order). */
	visibleAmong(viewer: GalleryViewer, boardIds: readonly string[]): Promise<GalleryRow[]>
}
