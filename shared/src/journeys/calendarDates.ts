/**
 * Calendar dates (`YYYY-MM-DD`, no time, no zone) and the date an instant falls on in a time
 * zone, with `Intl` only. A journey counts its days by these dates, never by 24-hour periods.
 */

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/
const DAY_MS = 24 * 60 * 60 * 1000

/** Whether `value` is a real calendar date written `YYYY-MM-DD` (years 1900–2200). */
export function isCalendarDate(value: string): boolean {
	const match = DATE_PATTERN.exec(value)
	if (!match) return false
	const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
	if (year < 1900 || year > 2200) return false
	const date = new Date(Date.UTC(year, month - 1, day))
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

/** Days from UTC midnight of 1 January 1970 to the date; callers pass valid dates. */
function dayIndex(date: string): number {
	const match = DATE_PATTERN.exec(date)
	if (!match) throw new RangeError(`Not a calendar date: ${date}`)
	return Math.round(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS)
}

/** How many days `to` is after `from` (negative when before): 1 from a Monday to its Tuesday. */
export function daysBetween(from: string, to: string): number {
	return dayIndex(to) - dayIndex(from)
}

/** The date `days` after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
	return new Date((dayIndex(date) + days) * DAY_MS).toISOString().slice(0, 10)
}

// One formatter per zone: building one costs far more than using it, and the set of zones is
// bounded (only names Intl accepts get here).
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatterFor(timeZone: string): Intl.DateTimeFormat {
	let formatter = formatters.get(timeZone)
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			calendar: 'gregory',
			numberingSystem: 'latn',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
		})
		formatters.set(timeZone, formatter)
	}
	return formatter
}

/** The calendar date the instant falls on in the time zone (an IANA name Intl knows). */
export function localDate(instant: Date, timeZone: string): string {
	const parts = formatterFor(timeZone).formatToParts(instant)
	const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
	return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`
}

/**
 * The canonical name of an IANA time zone (`europe/berlin` → `Europe/Berlin`), or undefined when
 * Intl does not know it. Only region names and `UTC` are accepted: offsets like `+02:00` would
 * not follow a region's summer time.
 */
export function canonicalTimeZone(name: string): string | undefined {
	if (name.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(name)) return undefined
	try {
		return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone
	} catch {
		return undefined
	}
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>()

/** The zone's offset from UTC at an instant, in ms (to the second). */
function offsetAt(ms: number, timeZone: string): number {
	let formatter = offsetFormatters.get(timeZone)
	if (!formatter) {
		formatter = new Intl.DateTimeFormat('en-US', {
			timeZone,
			calendar: 'gregory',
			numberingSystem: 'latn',
			hourCycle: 'h23',
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: 'numeric',
			minute: 'numeric',
			second: 'numeric',
		})
		offsetFormatters.set(timeZone, formatter)
	}
	const parts = formatter.formatToParts(ms)
	const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value)
	const wall = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	)
	return wall - Math.floor(ms / 1000) * 1000
}

/**
 * The local dates of many instants in one time zone, as {@link localDate} gives them, asking Intl
 * twice per UTC day met instead of once per instant: on a day whose offset is the same at its
 * first and last millisecond the offset holds all day (zones never change twice in one day and
 * back); on a day of a change each instant is asked about. For the days of a journey's sessions
 * and snapshots, where hundreds of instants share few days.
 */
export class LocalDates {
	readonly #timeZone: string
	/** Per UTC day (days since 1970): its offset, or null on a day the offset changes. */
	readonly #offsets = new Map<number, number | null>()

	constructor(timeZone: string) {
		this.#timeZone = timeZone
	}

	/** The calendar date the instant falls on in this time zone. */
	dateOf(instant: Date): string {
		const ms = instant.getTime()
		const day = Math.floor(ms / DAY_MS)
		let offset = this.#offsets.get(day)
		if (offset === undefined) {
			const first = offsetAt(day * DAY_MS, this.#timeZone)
			const last = offsetAt((day + 1) * DAY_MS - 1, this.#timeZone)
			offset = first === last ? first : null
			this.#offsets.set(day, offset)
		}
		if (offset === null) return localDate(instant, this.#timeZone)
		return new Date(ms + offset).toISOString().slice(0, 10)
	}
}
