import { z } from 'zod'
import { spaceIdSchema } from '../schemas/spaces.ts'
import { canonicalTimeZone, daysBetween, isCalendarDate } from './calendarDates.ts'

/** A calendar date, `YYYY-MM-DD`, as a journey's start date (no time, no zone: a local date). */
export const calendarDateSchema = z.string().refine(isCalendarDate, 'Not a date (YYYY-MM-DD)')

/**
 * An IANA time zone name Intl knows (`Europe/Berlin`, `Pacific/Auckland`, `UTC`), given back in
 * its canonical spelling.
 */
export const timeZoneSchema = z.string().transform((name, ctx) => {
	const canonical = canonicalTimeZone(name)
	if (!canonical) {
		ctx.addIssue({ code: 'custom', message: 'Not a time zone this server knows (e.g. Europe/Berlin)' })
		return z.NEVER
	}
	return canonical
})

/** At most this many pauses are kept for one journey (each pause is one facilitator's click). */
export const MAX_JOURNEY_PAUSES = 100

/**
 * One pause of a journey. The day it was paused on still counts as a journey day; the days after
 * it, up to the day before `resumedOn`, are not counted; `resumedOn` is the next journey day. So
 * pausing on day 12 and resuming a week later makes that later date day 13, and everything that
 * happened on day 12 stays on day 12.
 */
export const journeyPauseSchema = z
	.object({ pausedOn: calendarDateSchema, resumedOn: calendarDateSchema.nullable() })
	.strict()
	.refine((p) => p.resumedOn === null || daysBetween(p.pausedOn, p.resumedOn) >= 0, {
		message: 'A pause ends on or after the day it began',
		path: ['resumedOn'],
	})
/** One pause of a journey; `resumedOn` is null while it lasts. */
export type JourneyPause = z.infer<typeof journeyPauseSchema>

/** Pauses in order, not overlapping, only the last one still open. */
export const journeyPausesSchema = z
	.array(journeyPauseSchema)
	.max(MAX_JOURNEY_PAUSES)
	.superRefine((pauses, ctx) => {
		pauses.forEach((pause, i) => {
			const next = pauses[i + 1]
			if (!next) return
			if (pause.resumedOn === null) {
				ctx.addIssue({ code: 'custom', message: 'Only the last pause may be open', path: [i, 'resumedOn'] })
			} else if (daysBetween(pause.resumedOn, next.pausedOn) < 0) {
				ctx.addIssue({ code: 'custom', message: 'Pauses are in order', path: [i + 1, 'pausedOn'] })
			}
		})
	})

/** When a circle's journey began and in which time zone its days turn, and how it was paused. */
export interface JourneySchedule {
	/** Day 1, as a date in `timeZone`. */
	startDate: string
	/** The circle's IANA time zone: a day begins at midnight there. */
	timeZone: string
	pauses: readonly JourneyPause[]
}

/** Whether a journey runs or is paused right now. */
export type JourneyState = 'running' | 'paused'

/** A circle's journey as the API returns it. */
export interface CircleJourney extends JourneySchedule {
	circleId: string
	/** The journey template it follows (its tribe's, or the circle's own). */
	templateId: string
	state: JourneyState
	pauses: JourneyPause[]
	/** ISO timestamps. */
	createdAt: string
	updatedAt: string
}

/**
 * Body of `PUT /api/circles/:id/journey`: starts a journey, reschedules it (another start date,
 * another time zone or template), pauses (`paused: true`) or resumes it (`paused: false`).
 * A new start date begins the count afresh (earlier pauses are forgotten); nothing already made
 * moves: boards keep their day numbers.
 */
export const putCircleJourneySchema = z
	.object({
		templateId: spaceIdSchema,
		startDate: calendarDateSchema,
		timeZone: timeZoneSchema,
		paused: z.boolean().default(false),
	})
	.strict()
/** Input to start, reschedule, pause or resume a journey. */
export type PutCircleJourney = z.input<typeof putCircleJourneySchema>
