import type { JourneyPrompt, JourneyStatus } from '@circlespace/shared'
import { startsInText } from '../journeyText.ts'

/** Where one day of a journey stands against today: the day itself, before it, or after it. */
export interface DayTiming {
	when: 'today' | 'past' | 'upcoming'
	/** A short word for a badge: "Today", "Past day", "Upcoming", "Paused on this day". */
	label: string
	/** A calm sentence to go with it, or null when the label says it all. */
	detail: string | null
}

/**
 * Whether day `day` is today, a past day or one still to come, from where the journey stands. A
 * journey that has not started or is paused says so rather than counting days it cannot know.
 */
export function dayTiming(status: JourneyStatus, day: number): DayTiming {
	switch (status.status) {
		case 'upcoming':
			return {
				when: 'upcoming',
				label: 'Upcoming',
				detail: `The journey has not started yet: it ${startsInText(status.startsInDays).toLowerCase()}.`,
			}
		case 'completed':
			return {
				when: 'past',
				label: 'Past day',
				detail: `The journey is complete: all ${status.lengthDays} days.`,
			}
		case 'running': {
			if (day === status.day) return { when: 'today', label: 'Today', detail: null }
			if (day < status.day) return { when: 'past', label: 'Past day', detail: `Today is day ${status.day}.` }
			const ahead = day - status.day
			return {
				when: 'upcoming',
				label: 'Upcoming',
				detail: `Today is day ${status.day}: this day comes ${ahead === 1 ? 'tomorrow' : `in ${ahead} days`}.`,
			}
		}
		case 'paused':
			if (day === status.day)
				return {
					when: 'today',
					label: 'Paused on this day',
					detail: 'The journey is paused here; it goes on when a facilitator resumes it.',
				}
			return day < status.day
				? {
						when: 'past',
						label: 'Past day',
						detail: `The journey is paused on day ${status.day}.`,
					}
				: {
						when: 'upcoming',
						label: 'Upcoming',
						detail: `The journey is paused on day ${status.day}; this day comes once it goes on.`,
					}
	}
}

/** A calendar date (`YYYY-MM-DD`, a date in the circle's zone) as words: "Tue, 10 Nov 2026". */
export function calendarDateText(date: string, locale?: string): string {
	const [year, month, day] = date.split('-').map(Number)
	if (!year || !month || !day) return date
	// The date is already local to the circle: format it in UTC so that no zone shifts it.
	return new Intl.DateTimeFormat(locale, {
		weekday: 'short',
		day: 'numeric',
		month: 'short',
		year: 'numeric',
		timeZone: 'UTC',
	}).format(new Date(Date.UTC(year, month - 1, day)))
}

/**
 * The title a new board on a day starts with: the day and its prompt ("Day 12 · Who listened
 * to you?"), cut to the 200 characters a title may have.
 */
export function dayBoardTitle(day: number, prompt: Pick<JourneyPrompt, 'title'> | null): string {
	return (prompt ? `Day ${day} · ${prompt.title}` : `Day ${day}`).slice(0, 200).trim()
}
