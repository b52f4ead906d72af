import { MAX_REPLAY_RANGE_MS } from '@circlespace/shared/replay/index.ts'

const SECOND_MS = 1000
const MINUTE_MS = 60 * SECOND_MS
const HOUR_MS = 60 * MINUTE_MS

/** What the form's two `datetime-local` inputs hold: texts in the browser's local time. */
export interface RangeInput {
	from: string
	to: string
}

/** The quick choices the form offers. */
export type QuickRange = 'last-hour' | 'today' | 'last-24-hours'

/** What {@link checkRange} found: the range to replay (ISO, UTC), or what is wrong with each input. */
export type RangeCheck =
	| { ok: true; from: string; to: string }
	| { ok: false; errors: Partial<Record<keyof RangeInput, string>> }

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/

const two = (n: number) => String(n).padStart(2, '0')

/** A moment as a `datetime-local` input shows it: local time, to the minute. */
export function localInputText(date: Date): string {
	const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`
	return `${day}T${two(date.getHours())}:${two(date.getMinutes())}`
}

/**
 * The moment a `datetime-local` input's text names, in local time; null for an empty or
 * impossible one (the input gives the empty text while it is half filled in).
 */
export function parseLocalInput(text: string): Date | null {
	const parts = LOCAL_INPUT.exec(text.trim())
	if (!parts) return null
	const [y, mo, d, h, mi, s] = parts.slice(1, 7).map((part) => (part === undefined ? 0 : Number(part))) as [
		number,
		number,
		number,
		number,
		number,
		number,
	]
	const ms = parts[7] ? Number(parts[7].padEnd(3, '0')) : 0
	if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null
	const date = new Date(y, mo - 1, d, h, mi, s, ms)
	// The day must exist (no 30 February). The hour may move: a time in the hour that clocks skip
	// when summer time starts is read as the moment after it, as the browser's own picker does.
	if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null
	return date
}

/** The next whole minute at or after `date`: the inputs show minutes, and "to" must not cut off the last one. */
export function ceilToMinute(date: Date): Date {
	return new Date(Math.ceil(date.getTime() / MINUTE_MS) * MINUTE_MS)
}

/** The inputs for a quick choice at `now`: each ends at the minute after now (clamped to now when sent). */
export function quickRange(choice: QuickRange, now: Date): RangeInput {
	const to = ceilToMinute(now)
	let from: Date
	switch (choice) {
		case 'last-hour':
			from = new Date(to.getTime() - HOUR_MS)
			break
		case 'last-24-hours':
			from = new Date(to.getTime() - MAX_REPLAY_RANGE_MS)
			break
		case 'today': {
			const midnight = new Date(now.getFullYear(), now.getMonth(), now.getDate())
			// A day on which clocks go back is 25 hours long: its last hour cannot be replayed with the rest.
			from = new Date(Math.max(midnight.getTime(), to.getTime() - MAX_REPLAY_RANGE_MS))
			break
		}
	}
	return { from: localInputText(from), to: localInputText(to) }
}

/** The form's first range: the last hour. */
export function defaultRange(now: Date): RangeInput {
	return quickRange('last-hour', now)
}

/** An ISO timestamp (UTC) without the zero milliseconds, for a readable address. */
function isoText(date: Date): string {
	return date.toISOString().replace('.000Z', 'Z')
}

/**
 * Checks the inputs as the server will (`from` before `to`, at most 24 hours apart) and makes
 * them the range to replay. An end after `now` is brought back to now (rounded up to the second,
 * so that what was stored this very second is in): nothing has happened after it yet.
 */
export function checkRange(input: RangeInput, now: Date): RangeCheck {
	const from = parseLocalInput(input.from)
	const to = parseLocalInput(input.to)
	const errors: Partial<Record<keyof RangeInput, string>> = {}
	if (!from) errors.from = 'Enter when the stretch starts: a day and a time.'
	if (!to) errors.to = 'Enter when the stretch ends: a day and a time.'
	if (!from || !to) return { ok: false, errors }
	const nowMs = Math.ceil(now.getTime() / SECOND_MS) * SECOND_MS
	if (from.getTime() >= nowMs) {
		return { ok: false, errors: { from: 'The start is in the future: choose a moment before now.' } }
	}
	const end = Math.min(to.getTime(), nowMs)
	if (from.getTime() >= end) return { ok: false, errors: { to: 'The end must be after the start.' } }
	if (end - from.getTime() > MAX_REPLAY_RANGE_MS) {
		return { ok: false, errors: { to: 'A replay covers at most 24 hours: choose a shorter stretch.' } }
	}
	return { ok: true, from: isoText(from), to: isoText(new Date(end)) }
}
