import { z } from 'zod'
import type { SnapshotInfo } from './snapshots.ts'
import type { Person } from './spaces.ts'

/** Longest time box a session may start with (minutes): a long workshop day. */
export const MAX_TIMEBOX_MINUTES = 480
/** Most minutes one "extend" may add. */
export const MAX_EXTEND_MINUTES = 120
/** Most agenda items a session may have. */
export const MAX_AGENDA_ITEMS = 30

/** A session title as people type it: trimmed, 1–200 characters. */
export const sessionTitleSchema = z.string().trim().min(1, 'A title is required').max(200)

/** One agenda item: trimmed, 1–200 characters. */
export const agendaItemSchema = z.string().trim().min(1, 'An agenda item cannot be empty').max(200)

/** Body of `POST /api/boards/:id/session`: start a live session. */
export const startSessionSchema = z
	.object({
		title: sessionTitleSchema,
		agenda: z.array(agendaItemSchema).max(MAX_AGENDA_ITEMS).default([]),
		/** A countdown of this many minutes, started at once; without it the session has no timer. */
		timeboxMinutes: z.number().int().min(1).max(MAX_TIMEBOX_MINUTES).optional(),
	})
	.strict()
/** Input to start a live session. */
export type StartSession = z.input<typeof startSessionSchema>

/** What a facilitator does to the timer: pause it, resume it, or give it more minutes. */
export const timerChangeSchema = z.union([
	z.enum(['pause', 'resume']),
	z.object({ extendMinutes: z.number().int().min(1).max(MAX_EXTEND_MINUTES) }).strict(),
])
/** A change of a session's timer. */
export type TimerChange = z.infer<typeof timerChangeSchema>

/** Body of `PATCH /api/boards/:id/session`: at least one change. */
export const updateSessionSchema = z
	.object({
		/** The agenda item now being worked on (0-based). */
		currentItem: z.number().int().min(0),
		timer: timerChangeSchema,
		/** True: participants follow the caller's view; false: nobody is followed. */
		followMe: z.boolean(),
	})
	.partial()
	.strict()
	.refine((changes) => Object.keys(changes).length > 0, { message: 'Say what to change' })
/** Changes to a running session. */
export type UpdateSession = z.infer<typeof updateSessionSchema>

/** Body of `POST /api/boards/:id/session/summon`: where to bring everyone (page coordinates). */
export const summonSchema = z
	.object({
		/** The centre of the facilitator's viewport, in page coordinates. */
		x: z.number().finite().min(-1e9).max(1e9),
		y: z.number().finite().min(-1e9).max(1e9),
		/** The facilitator's zoom level (tldraw's camera z). */
		z: z.number().finite().min(0.01).max(100),
		/** The tldraw page the facilitator is on; participants switch to it when they have it. */
		pageId: z
			.string()
			.regex(/^page:[A-Za-z0-9_-]{1,100}$/, 'Not a page id')
			.optional(),
	})
	.strict()
/** Where a facilitator brings everyone. */
export type SummonTarget = z.infer<typeof summonSchema>

/** A session's countdown. */
export interface SessionTimer {
	/** The whole time box with every extension (ms). */
	durationMs: number
	/**
	 * Time left at {@link LiveSession.asOf} (ms); negative once the time box is over. While
	 * `running`, it goes down by one second every second after that moment.
	 */
	remainingMs: number
	running: boolean
}

/** A live session on a board, as the API and the live connection show it. */
export interface LiveSession {
	id: string
	boardId: string
	title: string
	agenda: string[]
	/** Index into `agenda` of the item being worked on (0 when there is no agenda). */
	currentItem: number
	/** Null when the session has no time box. */
	timer: SessionTimer | null
	/** The person whose view participants follow, or null. */
	followMe: Person | null
	/** Who started it (null when the account no longer exists). */
	startedBy: Person | null
	/** ISO timestamps. */
	startedAt: string
	/** Null while the session runs. */
	endedAt: string | null
	/** Everyone who had a live connection to the board during the session, in the order they came. */
	participants: Person[]
	/** The server's time when this was written: the moment `timer.remainingMs` refers to. */
	asOf: string
}

/** The answer of `POST /api/boards/:id/session/end`. */
export interface EndedSession {
	session: LiveSession
	/** The board as the session left it (kind `session`, with the participants). */
	snapshot: SnapshotInfo
}

/** A session that ended, as the circle's history lists it (`GET /api/circles/:id/sessions`). */
export interface PastSession {
	id: string
	boardId: string
	boardTitle: string
	title: string
	agenda: string[]
	startedBy: Person | null
	/** ISO timestamps. */
	startedAt: string
	endedAt: string
	durationMs: number
	participants: Person[]
	/** The snapshot taken when it ended (null if it was deleted with its board's history). */
	snapshot: { id: string; hasThumbnail: boolean } | null
}

/** The title of the snapshot taken when a session ends: "<title> — 2026-03-01". */
export function sessionSnapshotTitle(title: string, endedAt: Date): string {
	return `${title} — ${endedAt.toISOString().slice(0, 10)}`
}

/**
 * Time left on a timer `elapsedMs` after the view of it was written (negative once over).
 * A paused timer does not move.
 */
export function remainingAfter(timer: SessionTimer, elapsedMs: number): number {
	return timer.running ? timer.remainingMs - Math.max(0, elapsedMs) : timer.remainingMs
}
