/**
 * Words and numbers for a session's timer and durations: what the bar shows, and the few
 * moments worth saying to screen-reader users (not every second).
 */

const SECOND = 1000
const MINUTE = 60 * SECOND

/** Remaining time as a clock: "12:05", "1:02:05"; whole seconds, a started second counting as one. */
export function clockText(ms: number): string {
	const seconds = Math.max(0, Math.ceil(Math.abs(ms) / SECOND))
	const h = Math.floor(seconds / 3600)
	const m = Math.floor((seconds % 3600) / 60)
	const s = seconds % 60
	const pad = (n: number) => String(n).padStart(2, '0')
	return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`
}

/** What the timer says next to its clock. */
export function timerStatus(remainingMs: number, running: boolean): string {
	if (remainingMs <= 0) return running ? 'over time' : 'over time, paused'
	return running ? 'left' : 'left, paused'
}

/** The timer as one sentence, for its accessible name: "12 minutes left", "Over time by 2 minutes". */
export function timerSentence(remainingMs: number, running: boolean): string {
	const paused = running ? '' : ' (paused)'
	if (remainingMs <= 0) {
		return remainingMs > -MINUTE
			? `Time is up${paused}`
			: `Over time by ${minutesText(-remainingMs)}${paused}`
	}
	return `${minutesText(remainingMs)} left${paused}`
}

/** "1 minute", "12 minutes", "less than a minute"; whole minutes, rounded up. */
export function minutesText(ms: number): string {
	if (ms < MINUTE) return 'less than a minute'
	const minutes = Math.ceil(ms / MINUTE)
	return minutes === 1 ? '1 minute' : `${minutes} minutes`
}

/** Moments of a running countdown worth announcing, in ms left. */
const MILESTONES = [5 * MINUTE, MINUTE, 0]

/**
 * What to announce when the time left went from `before` to `after` (a second's tick): "5
 * minutes left", "1 minute left", "Time is up"; null when no milestone was passed.
 */
export function milestoneCrossed(before: number, after: number): string | null {
	for (const milestone of MILESTONES) {
		if (before > milestone && after <= milestone) {
			if (milestone === 0) return 'Time is up.'
			return milestone === MINUTE ? '1 minute left.' : `${milestone / MINUTE} minutes left.`
		}
	}
	return null
}

/** A session's length as people say it: "45 min", "1 h 5 min", "under a minute". */
export function durationText(ms: number): string {
	if (ms < MINUTE) return 'under a minute'
	const minutes = Math.round(ms / MINUTE)
	const h = Math.floor(minutes / 60)
	const m = minutes % 60
	if (h === 0) return `${m} min`
	return m === 0 ? `${h} h` : `${h} h ${m} min`
}
