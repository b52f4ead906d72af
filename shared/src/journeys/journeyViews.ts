import type { BoardAccess, BoardVisibility } from '../schemas/board.ts'
import type { CircleRole, Person } from '../schemas/spaces.ts'
import type { CircleJourney } from './circleJourney.ts'
import type { JourneyStatus } from './journeyDays.ts'
import type { JourneyTemplate } from './journeyTemplate.ts'

/** A journey template as the API returns it, with what the asking person may do with it. */
export interface JourneyTemplateDetail {
	id: string
	tribeId: string
	/** The circle whose own template it is, or null for one of the tribe's. */
	circleId: string | null
	template: JourneyTemplate
	/** How many circles' journeys follow it. */
	usedBy: number
	createdBy: Person | null
	/** ISO timestamps. */
	createdAt: string
	updatedAt: string
	can: { edit: boolean }
}

/** A journey template in lists: its shape without its prompts. */
export interface JourneyTemplateSummary {
	id: string
	tribeId: string
	circleId: string | null
	name: string
	lengthDays: number
	sectionCount: number
	promptCount: number
	usedBy: number
	createdAt: string
	updatedAt: string
}

/** What a timeline needs of a template to draw its days: everything but the prompts. */
export interface JourneyTemplateOutline {
	id: string
	name: string
	lengthDays: number
	sections: JourneyTemplate['sections']
	actionDays: number[]
}

/** A board given a journey day, as someone who may view it sees it on that day. */
export interface JourneyBoardItem {
	kind: 'board'
	id: string
	title: string
	visibility: BoardVisibility
	archived: boolean
	access: BoardAccess
	/** The newest snapshot of the board that has a thumbnail (`GET /api/snapshots/:id/thumbnail`). */
	thumbnailSnapshotId: string | null
}

/** A live session, on the day it began (in the circle's time zone). */
export interface JourneySessionItem {
	kind: 'session'
	id: string
	boardId: string
	boardTitle: string
	title: string
	/** ISO timestamps; `endedAt` is null while it runs. */
	startedAt: string
	endedAt: string | null
	/** The snapshot taken at its end. */
	snapshot: { id: string; hasThumbnail: boolean } | null
}

/** A snapshot taken by hand, on the day it was taken. */
export interface JourneySnapshotItem {
	kind: 'snapshot'
	id: string
	boardId: string
	boardTitle: string
	title: string
	createdAt: string
	hasThumbnail: boolean
}

/**
 * Stands for everything of that circle on that day that the asking person may not view: one
 * marker however many boards, sessions or snapshots it hides, with nothing about them.
 */
export interface JourneyNotSharedItem {
	kind: 'notShared'
	notShared: true
}

/** One thing on a journey day. */
export type JourneyItem = JourneyBoardItem | JourneySessionItem | JourneySnapshotItem | JourneyNotSharedItem

/** A journey day that has something on it. */
export interface JourneyDayEntry {
	day: number
	/** Boards first, then sessions and snapshots by time; a `notShared` marker last, at most one. */
	items: JourneyItem[]
}

/** `GET /api/circles/:id/journey`. */
export interface CircleJourneyView {
	circleId: string
	/** Null when the circle has not started a journey. */
	journey: CircleJourney | null
	/** The whole template the journey follows (prompts included), or null. */
	template: JourneyTemplateDetail | null
	/** Where the journey stands now, or null without a journey. */
	status: JourneyStatus | null
	/** Days 1 to the journey's length that have something on them, in order. */
	days: JourneyDayEntry[]
	/** ISO timestamp of the server's now. */
	asOf: string
	can: { edit: boolean }
}

/** One circle's row of a tribe's parallel journeys. */
export interface ParallelJourneyRow {
	circle: { id: string; name: string; myRole: CircleRole | null }
	/** Null when the circle has not started a journey (its row is empty). */
	journey: CircleJourney | null
	status: JourneyStatus | null
	days: JourneyDayEntry[]
}

/** `GET /api/tribes/:id/journeys`: the tribe's circles side by side, aligned by day number. */
export interface ParallelJourneys {
	tribeId: string
	/** The templates the rows follow (each once), to draw sections and action days. */
	templates: JourneyTemplateOutline[]
	/** Every circle of the tribe, by name. */
	rows: ParallelJourneyRow[]
	asOf: string
}
