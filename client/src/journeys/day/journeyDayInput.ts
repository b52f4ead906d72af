import { type JourneyOutline, journeyDayInfo, MAX_JOURNEY_DAYS } from '@circlespace/shared'
import { dayHeadline } from '../journeyText.ts'

/** A journey day typed into a field: none (empty), a day, or what is wrong with it. */
export type JourneyDayInput = { ok: true; day: number | null } | { ok: false; error: string }

/**
 * Reads a "Journey day" field: empty means no day; otherwise a whole number from 1 to the
 * journey's length (`lengthDays`, or the most the format allows when the circle has no journey).
 */
export function parseJourneyDayInput(text: string, lengthDays: number | null): JourneyDayInput {
	const trimmed = text.trim()
	if (trimmed === '') return { ok: true, day: null }
	const max = lengthDays ?? MAX_JOURNEY_DAYS
	const day = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN
	if (!Number.isInteger(day) || day < 1)
		return { ok: false, error: 'A journey day is a whole number from 1.' }
	if (day > max) {
		return {
			ok: false,
			error:
				lengthDays === null ? `A journey has at most ${max} days.` : `This circle's journey has ${max} days.`,
		}
	}
	return { ok: true, day }
}

/**
 * What a day of the journey is, to show beside a "Journey day" field: "Day 12 of 100 ·
 * Listening: “Who listened to you?”" (with "action day" on one); null when the text is not a
 * day of it.
 */
export function journeyDayHint(template: JourneyOutline, text: string): string | null {
	const parsed = parseJourneyDayInput(text, template.lengthDays)
	if (!parsed.ok || parsed.day === null) return null
	const info = journeyDayInfo(template, parsed.day)
	const headline = dayHeadline(info.day, info.lengthDays, info.section?.name)
	const day = info.actionDay ? `${headline} · action day` : headline
	return info.prompt ? `${day}: “${info.prompt.title}”` : `${day} (no prompt)`
}
