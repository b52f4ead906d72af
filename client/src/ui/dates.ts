const DAY_MS = 24 * 60 * 60 * 1000

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateTimeSecondsFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' })

/** A day, in the person's locale ("12 Mar 2026"); the raw text when it is not a date. */
export function formatDate(iso: string): string {
	const date = new Date(iso)
	return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
}

/** A day and time, in the person's locale. */
export function formatDateTime(iso: string): string {
	const date = new Date(iso)
	return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date)
}

/**
 * A stretch of time, in the person's locale, without saying the day twice when both ends are on
 * it ("12 Mar 2026, 09:00 – 11:30"); the raw texts when either is not a date.
 */
export function formatDateTimeRange(fromIso: string, toIso: string): string {
	const from = new Date(fromIso)
	const to = new Date(toIso)
	if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return `${fromIso} – ${toIso}`
	// Within one minute, minutes alone would show the two ends as one moment.
	const sameMinute = Math.floor(from.getTime() / 60_000) === Math.floor(to.getTime() / 60_000)
	return (sameMinute ? dateTimeSecondsFormat : dateTimeFormat).formatRange(from, to)
}

/**
 * How long ago something happened, in words ("just now", "5 minutes ago", "yesterday",
 * "3 days ago"), and the date itself once it is more than a week old.
 */
export function formatAgo(iso: string, now: Date = new Date()): string {
	const then = new Date(iso)
	if (Number.isNaN(then.getTime())) return iso
	const seconds = Math.round((now.getTime() - then.getTime()) / 1000)
	if (seconds < 60) return 'just now'
	const minutes = Math.floor(seconds / 60)
	if (minutes < 60) return minutes === 1 ? '1 minute ago' : `${minutes} minutes ago`
	const hours = Math.floor(minutes / 60)
	if (hours < 24) return hours === 1 ? '1 hour ago' : `${hours} hours ago`
	const days = Math.floor(seconds / (DAY_MS / 1000))
	if (days === 1) return 'yesterday'
	if (days < 7) return `${days} days ago`
	return formatDate(iso)
}

/** Whole days from `now` until `iso` (negative when it is past), counting a part day as a day. */
export function daysUntil(iso: string, now: Date = new Date()): number {
	const diff = new Date(iso).getTime() - now.getTime()
	return diff >= 0 ? Math.ceil(diff / DAY_MS) : -Math.ceil(-diff / DAY_MS)
}
