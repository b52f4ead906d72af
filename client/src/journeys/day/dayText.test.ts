import type { JourneyStatus } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { calendarDateText, dayBoardTitle, dayTiming } from './dayText.ts'

const info = { lengthDays: 100, section: null, prompt: null, actionDay: false }
const running: JourneyStatus = { status: 'running', today: '2026-03-23', day: 23, ...info }
const paused: JourneyStatus = {
	status: 'paused',
	today: '2026-03-30',
	pausedOn: '2026-03-23',
	day: 23,
	...info,
}

describe('dayTiming', () => {
	it("calls the journey's current day today", () => {
		expect(dayTiming(running, 23)).toEqual({ when: 'today', label: 'Today', detail: null })
	})

	it('calls an earlier day past and says which day today is', () => {
		expect(dayTiming(running, 12)).toMatchObject({
			when: 'past',
			label: 'Past day',
			detail: 'Today is day 23.',
		})
	})

	it('says how far off a later day is', () => {
		expect(dayTiming(running, 24).detail).toBe('Today is day 23: this day comes tomorrow.')
		expect(dayTiming(running, 30)).toMatchObject({
			when: 'upcoming',
			detail: 'Today is day 23: this day comes in 7 days.',
		})
	})

	it('says a paused journey is paused rather than counting days it cannot know', () => {
		expect(dayTiming(paused, 23)).toMatchObject({ when: 'today', label: 'Paused on this day' })
		expect(dayTiming(paused, 12)).toMatchObject({ when: 'past', detail: 'The journey is paused on day 23.' })
		expect(dayTiming(paused, 40)).toMatchObject({
			when: 'upcoming',
			detail: 'The journey is paused on day 23; this day comes once it goes on.',
		})
	})

	it('says a journey that has not started yet starts in so many days', () => {
		const upcoming: JourneyStatus = {
			status: 'upcoming',
			today: '2026-03-01',
			startsInDays: 5,
			lengthDays: 100,
		}
		expect(dayTiming(upcoming, 1)).toEqual({
			when: 'upcoming',
			label: 'Upcoming',
			detail: 'The journey has not started yet: it starts in 5 days.',
		})
		expect(dayTiming({ ...upcoming, startsInDays: 1 }, 3).detail).toBe(
			'The journey has not started yet: it starts tomorrow.',
		)
	})

	it('calls every day of a completed journey past', () => {
		const completed: JourneyStatus = { status: 'completed', today: '2026-09-01', lengthDays: 100 }
		expect(dayTiming(completed, 100)).toMatchObject({
			when: 'past',
			detail: 'The journey is complete: all 100 days.',
		})
	})
})

describe('calendarDateText', () => {
	it('writes the date as it is, whatever the zone the browser is in', () => {
		expect(calendarDateText('2026-11-10', 'en-GB')).toBe('Tue, 10 Nov 2026')
		expect(calendarDateText('2026-01-01', 'en-US')).toBe('Thu, Jan 1, 2026')
	})

	it('gives back text that is not a date unchanged', () => {
		expect(calendarDateText('soon', 'en-GB')).toBe('soon')
	})
})

describe('dayBoardTitle', () => {
	it("starts a day's board with the day and its prompt", () => {
		expect(dayBoardTitle(12, { title: 'Who listened to you?' })).toBe('Day 12 · Who listened to you?')
		expect(dayBoardTitle(3, null)).toBe('Day 3')
	})

	it('keeps within the 200 characters of a title', () => {
		expect(dayBoardTitle(100, { title: 'x'.repeat(200) })).toHaveLength(200)
	})
})
