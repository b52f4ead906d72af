import { addDays, daysBetween, localDate } from './calendarDates.ts'
import type { JourneySchedule } from './circleJourney.ts'
import type { JourneyPrompt, JourneySection, JourneyTemplate } from './journeyTemplate.ts'

/**
 * Day numbers of journeys. A journey's day turns at midnight in the circle's time zone: day 1 is
 * its start date there, day 2 the next date, and so on, whatever the length of those days in
 * hours (23 or 25 across a change to or from summer time). Pauses hold the count (see
 * `JourneyPause`).
 */

/** The journey day of one date: ≤ 0 before the start, beyond the length after the end. */
export interface JourneyDayOnDate {
	day: number
	/** True on the dates a pause does not count, and from the start of a pause that still lasts. */
	paused: boolean
}

/** The journey day a calendar date (in the circle's time zone) falls on. */
export function journeyDayOnDate(schedule: JourneySchedule, date: string): JourneyDayOnDate {
	let skipped = 0
	for (const pause of schedule.pauses) {
		const sincePause = daysBetween(pause.pausedOn, date)
		if (sincePause < 0) break
		const pausedDay = daysBetween(schedule.startDate, pause.pausedOn) + 1 - skipped
		if (pause.resumedOn === null) return { day: pausedDay, paused: true }
		// The day it was paused on was a journey day like any other.
		if (sincePause === 0) return { day: pausedDay, paused: false }
		if (daysBetween(date, pause.resumedOn) > 0) return { day: pausedDay, paused: true }
		skipped += uncountedDays(pause.pausedOn, pause.resumedOn)
	}
	return { day: daysBetween(schedule.startDate, date) + 1 - skipped, paused: false }
}

/** The journey day an instant falls on (a session's start, a snapshot's time). */
export function journeyDayAt(schedule: JourneySchedule, instant: Date): JourneyDayOnDate {
	return journeyDayOnDate(schedule, localDate(instant, schedule.timeZone))
}

/**
 * The date of a journey day, or null when it lies after a pause that still lasts (its date is
 * not known yet).
 */
export function dateOfJourneyDay(schedule: JourneySchedule, day: number): string | null {
	let skipped = 0
	for (const pause of schedule.pauses) {
		const pausedDay = daysBetween(schedule.startDate, pause.pausedOn) + 1 - skipped
		if (pausedDay >= day) break
		if (pause.resumedOn === null) return null
		skipped += uncountedDays(pause.pausedOn, pause.resumedOn)
	}
	return addDays(schedule.startDate, day - 1 + skipped)
}

function uncountedDays(pausedOn: string, resumedOn: string): number {
	return Math.max(0, daysBetween(pausedOn, resumedOn) - 1)
}

/** What a template says about one day. */
export interface JourneyDayInfo {
	day: number
	lengthDays: number
	/** The section the day belongs to, or null for a day between sections. */
	section: JourneySection | null
	/** The day's prompt, or null when it has none. */
	prompt: JourneyPrompt | null
	actionDay: boolean
}

/**
 * Where a journey stands at one moment. `today` is the date in the circle's time zone.
 * - `upcoming`: day 1 is `startsInDays` dates away (1 = tomorrow).
 * - `running`: today is `day`.
 * - `paused`: the journey stopped on `day` (on `pausedOn`) and has not resumed.
 * - `completed`: the last day is over.
 */
export type JourneyStatus =
	| { status: 'upcoming'; today: string; startsInDays: number; lengthDays: number }
	| ({ status: 'running'; today: string } & JourneyDayInfo)
	| ({ status: 'paused'; today: string; pausedOn: string } & JourneyDayInfo)
	| { status: 'completed'; today: string; lengthDays: number }

/** The shape of a journey that day numbers need from its template. */
export type JourneyOutline = Pick<JourneyTemplate, 'lengthDays' | 'sections' | 'actionDays' | 'prompts'>

/** What the template says about day `day` (which must be within its length). */
export function journeyDayInfo(template: JourneyOutline, day: number): JourneyDayInfo {
	return {
		day,
		lengthDays: template.lengthDays,
		section: template.sections.find((s) => s.firstDay <= day && day <= s.lastDay) ?? null,
		prompt: template.prompts.find((p) => p.day === day) ?? null,
		actionDay: template.actionDays.includes(day),
	}
}

/** Where a journey following `template` on `schedule` stands at `instant`. */
export function journeyStatusAt(
	schedule: JourneySchedule,
	template: JourneyOutline,
	instant: Date,
): JourneyStatus {
	const today = localDate(instant, schedule.timeZone)
	const { day, paused } = journeyDayOnDate(schedule, today)
	const { lengthDays } = template
	if (day < 1) return { status: 'upcoming', today, startsInDays: 1 - day, lengthDays }
	if (day > lengthDays) return { status: 'completed', today, lengthDays }
	const info = journeyDayInfo(template, day)
	if (!paused) return { status: 'running', today, ...info }
	const open = schedule.pauses.at(-1)
	return { status: 'paused', today, pausedOn: open?.pausedOn ?? today, ...info }
}
