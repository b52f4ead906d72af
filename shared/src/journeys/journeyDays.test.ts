import { describe, expect, it } from 'vitest'
import {
	addDays,
	canonicalTimeZone,
	daysBetween,
	isCalendarDate,
	LocalDates,
	localDate,
} from './calendarDates.ts'
import type { JourneySchedule } from './circleJourney.ts'
import type { JourneyOutline } from './journeyDays.ts'
import { dateOfJourneyDay, journeyDayAt, journeyDayOnDate, journeyStatusAt } from './journeyDays.ts'

const at = (iso: string) => new Date(iso)
const schedule = (startDate: string, timeZone: string, pauses: JourneySchedule['pauses'] = []) => ({
	startDate,
	timeZone,
	pauses,
})
const dayAt = (s: JourneySchedule, iso: string) => journeyDayAt(s, at(iso)).day

const outline: JourneyOutline = {
	lengthDays: 100,
	sections: [
		{ name: 'Beginning', firstDay: 1, lastDay: 10 },
		{ name: 'Listening', firstDay: 11, lastDay: 20 },
	],
	actionDays: [10, 20],
	prompts: [
		{ day: 1, title: 'Why are you here?', body: '', askSomeoneElse: false },
		{ day: 12, title: 'Who listened to you?', body: 'Think of one person.', askSomeoneElse: true },
	],
}

describe('calendar dates', () => {
	it('knows real dates from look-alikes', () => {
		expect(isCalendarDate('2028-02-29')).toBe(true)
		for (const bad of ['2026-02-29', '2026-13-01', '2026-1-01', '26-01-01', '2026-01-01T00:00', '']) {
			expect(isCalendarDate(bad)).toBe(false)
		}
	})

	it('counts days between dates across month, year and leap-day ends', () => {
		expect(daysBetween('2026-02-28', '2026-03-01')).toBe(1)
		expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2)
		expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1)
		expect(daysBetween('2026-03-10', '2026-03-01')).toBe(-9)
		expect(addDays('2026-03-29', 99)).toBe('2026-07-06')
	})

	it('takes only time zone names Intl knows, in their canonical spelling', () => {
		expect(canonicalTimeZone('Europe/Berlin')).toBe('Europe/Berlin')
		expect(canonicalTimeZone('europe/berlin')).toBe('Europe/Berlin')
		expect(canonicalTimeZone('UTC')).toBe('UTC')
		for (const bad of ['Mars/Olympus_Mons', '+02:00', 'Europe/Berlin; DROP', '', 'x'.repeat(100), '../etc']) {
			expect(canonicalTimeZone(bad)).toBeUndefined()
		}
	})

	it('finds the local date of an instant on both sides of the date line', () => {
		const instant = at('2026-03-01T10:00:00Z')
		expect(localDate(instant, 'UTC')).toBe('2026-03-01')
		expect(localDate(instant, 'Pacific/Kiritimati')).toBe('2026-03-02')
		expect(localDate(instant, 'Pacific/Honolulu')).toBe('2026-03-01')
		expect(localDate(at('2026-03-01T09:59:59Z'), 'Pacific/Honolulu')).toBe('2026-02-28')
	})
})

describe('day numbers by local calendar date', () => {
	it('day 1 is the start date, from its first second to its last, in the circle’s zone', () => {
		const s = schedule('2026-03-02', 'Europe/Berlin')
		// Midnight in Berlin (UTC+1 in winter) is 23:00 UTC the evening before.
		expect(dayAt(s, '2026-03-01T22:59:59Z')).toBe(0)
		expect(dayAt(s, '2026-03-01T23:00:00Z')).toBe(1)
		expect(dayAt(s, '2026-03-02T22:59:59.999Z')).toBe(1)
		expect(dayAt(s, '2026-03-02T23:00:00Z')).toBe(2)
	})

	it('Europe/Berlin in March: the 23-hour day is still one day, and the next one starts at midnight', () => {
		// Summer time begins on 29 March 2026 at 02:00 (01:00 UTC); midnight moves from 23:00 to 22:00 UTC.
		const s = schedule('2026-03-28', 'Europe/Berlin')
		expect(dayAt(s, '2026-03-28T22:59:59Z')).toBe(1)
		expect(dayAt(s, '2026-03-28T23:00:00Z')).toBe(2)
		expect(dayAt(s, '2026-03-29T21:59:59Z')).toBe(2)
		// Counting 24-hour periods from the start would still say day 2 here (47.5 hours in).
		expect(dayAt(s, '2026-03-29T22:30:00Z')).toBe(3)
	})

	it('Europe/Berlin in October: the 25-hour day is one day', () => {
		// Summer time ends on 25 October 2026 at 03:00 (01:00 UTC); midnight moves from 22:00 to 23:00 UTC.
		const s = schedule('2026-10-24', 'Europe/Berlin')
		expect(dayAt(s, '2026-10-24T21:59:59Z')).toBe(1)
		expect(dayAt(s, '2026-10-24T22:00:00Z')).toBe(2)
		// 24 hours after day 2 began, it is still day 2 (23:00 local).
		expect(dayAt(s, '2026-10-25T22:30:00Z')).toBe(2)
		expect(dayAt(s, '2026-10-25T23:00:00Z')).toBe(3)
	})

	it('America/New_York across both changes of 2026', () => {
		const spring = schedule('2026-03-07', 'America/New_York')
		// 8 March: clocks go from 02:00 EST to 03:00 EDT; midnight is 05:00 UTC before, 04:00 UTC after.
		expect(dayAt(spring, '2026-03-08T04:59:59Z')).toBe(1)
		expect(dayAt(spring, '2026-03-08T05:00:00Z')).toBe(2)
		expect(dayAt(spring, '2026-03-09T03:59:59Z')).toBe(2)
		expect(dayAt(spring, '2026-03-09T04:00:00Z')).toBe(3)
		const autumn = schedule('2026-10-31', 'America/New_York')
		// 1 November: back from 02:00 EDT to 01:00 EST.
		expect(dayAt(autumn, '2026-11-01T03:59:59Z')).toBe(1)
		expect(dayAt(autumn, '2026-11-01T04:00:00Z')).toBe(2)
		expect(dayAt(autumn, '2026-11-02T04:59:59Z')).toBe(2)
		expect(dayAt(autumn, '2026-11-02T05:00:00Z')).toBe(3)
	})

	it('Pacific/Auckland (UTC+13) is already on the next day when UTC is not', () => {
		const s = schedule('2026-03-02', 'Pacific/Auckland')
		expect(dayAt(s, '2026-03-01T10:59:59Z')).toBe(0)
		expect(dayAt(s, '2026-03-01T11:00:00Z')).toBe(1)
		// New Zealand's summer time ends on 5 April 2026 at 03:00: midnight moves to 12:00 UTC.
		expect(dayAt(s, '2026-04-05T11:59:59Z')).toBe(35)
		expect(dayAt(s, '2026-04-05T12:00:00Z')).toBe(36)
	})

	it('Pacific/Kiritimati (UTC+14) and Honolulu (UTC−10) are two dates apart at the same instant', () => {
		const instant = '2026-03-01T10:30:00Z'
		expect(dayAt(schedule('2026-03-01', 'Pacific/Kiritimati'), instant)).toBe(2)
		expect(dayAt(schedule('2026-03-01', 'Pacific/Honolulu'), instant)).toBe(1)
		expect(dayAt(schedule('2026-03-01', 'UTC'), instant)).toBe(1)
		expect(dayAt(schedule('2026-03-01', 'Pacific/Honolulu'), '2026-03-01T09:59:59Z')).toBe(0)
	})
})

describe('pauses', () => {
	const start = '2026-03-01'

	it('a pause holds the day it began, and resuming continues with the next day', () => {
		const s = schedule(start, 'UTC', [{ pausedOn: '2026-03-12', resumedOn: '2026-03-20' }])
		expect(journeyDayOnDate(s, '2026-03-11')).toEqual({ day: 11, paused: false })
		expect(journeyDayOnDate(s, '2026-03-12')).toEqual({ day: 12, paused: false })
		expect(journeyDayOnDate(s, '2026-03-15')).toEqual({ day: 12, paused: true })
		expect(journeyDayOnDate(s, '2026-03-19')).toEqual({ day: 12, paused: true })
		expect(journeyDayOnDate(s, '2026-03-20')).toEqual({ day: 13, paused: false })
		expect(journeyDayOnDate(s, '2026-03-30')).toEqual({ day: 23, paused: false })
	})

	it('pausing and resuming the next day loses nothing', () => {
		const s = schedule(start, 'UTC', [{ pausedOn: '2026-03-12', resumedOn: '2026-03-13' }])
		expect(journeyDayOnDate(s, '2026-03-13')).toEqual({ day: 13, paused: false })
	})

	it('a pause that lasts holds the day from the day it began', () => {
		const s = schedule(start, 'UTC', [
			{ pausedOn: '2026-03-05', resumedOn: '2026-03-08' },
			{ pausedOn: '2026-03-20', resumedOn: null },
		])
		expect(journeyDayOnDate(s, '2026-03-19')).toEqual({ day: 17, paused: false })
		expect(journeyDayOnDate(s, '2026-03-20')).toEqual({ day: 18, paused: true })
		expect(journeyDayOnDate(s, '2026-05-01')).toEqual({ day: 18, paused: true })
		// What happened before the second pause keeps its day.
		expect(journeyDayOnDate(s, '2026-03-06')).toEqual({ day: 5, paused: true })
		expect(journeyDayOnDate(s, '2026-03-08')).toEqual({ day: 6, paused: false })
	})

	it('gives back the date of a day, or null past a pause that still lasts', () => {
		const s = schedule(start, 'UTC', [
			{ pausedOn: '2026-03-12', resumedOn: '2026-03-20' },
			{ pausedOn: '2026-04-01', resumedOn: null },
		])
		expect(dateOfJourneyDay(s, 1)).toBe('2026-03-01')
		expect(dateOfJourneyDay(s, 12)).toBe('2026-03-12')
		expect(dateOfJourneyDay(s, 13)).toBe('2026-03-20')
		for (const day of [1, 5, 12, 13, 20]) {
			const date = dateOfJourneyDay(s, day)
			expect(date && journeyDayOnDate(s, date)).toEqual({ day, paused: false })
		}
		expect(dateOfJourneyDay(s, 30)).toBeNull()
	})
})

describe('journey status', () => {
	const s = schedule('2026-03-10', 'Europe/Berlin')

	it('is upcoming before day 1, counting dates, not hours', () => {
		expect(journeyStatusAt(s, outline, at('2026-03-09T22:59:00Z'))).toEqual({
			status: 'upcoming',
			today: '2026-03-09',
			startsInDays: 1,
			lengthDays: 100,
		})
		expect(journeyStatusAt(s, outline, at('2026-03-05T12:00:00Z'))).toMatchObject({ startsInDays: 5 })
	})

	it('runs with the day, its section, its prompt and whether it is an action day', () => {
		expect(journeyStatusAt(s, outline, at('2026-03-21T08:00:00Z'))).toEqual({
			status: 'running',
			today: '2026-03-21',
			day: 12,
			lengthDays: 100,
			section: { name: 'Listening', firstDay: 11, lastDay: 20 },
			prompt: outline.prompts[1],
			actionDay: false,
		})
		expect(journeyStatusAt(s, outline, at('2026-03-19T08:00:00Z'))).toMatchObject({
			day: 10,
			section: { name: 'Beginning' },
			prompt: null,
			actionDay: true,
		})
		expect(journeyStatusAt(s, outline, at('2026-04-10T08:00:00Z'))).toMatchObject({ day: 32, section: null })
	})

	it('is completed from the day after the last one (midnight in the circle’s zone)', () => {
		// Day 100 is 17 June 2026; Berlin is UTC+2 then.
		expect(journeyStatusAt(s, outline, at('2026-06-17T21:59:59Z'))).toMatchObject({
			status: 'running',
			day: 100,
		})
		expect(journeyStatusAt(s, outline, at('2026-06-17T22:00:00Z'))).toEqual({
			status: 'completed',
			today: '2026-06-18',
			lengthDays: 100,
		})
	})

	it('is paused on the day it was paused, however long ago', () => {
		const paused = schedule('2026-03-10', 'Europe/Berlin', [{ pausedOn: '2026-03-21', resumedOn: null }])
		expect(journeyStatusAt(paused, outline, at('2026-06-30T12:00:00Z'))).toMatchObject({
			status: 'paused',
			day: 12,
			pausedOn: '2026-03-21',
			prompt: { title: 'Who listened to you?' },
		})
	})
})

describe('local dates of many instants', () => {
	it('agree with localDate every 23 minutes of 2026, changes of summer time included', () => {
		for (const zone of [
			'Europe/Berlin',
			'America/New_York',
			'Pacific/Auckland',
			'Pacific/Kiritimati',
			'Australia/Lord_Howe',
			'Asia/Kathmandu',
			'UTC',
		]) {
			const dates = new LocalDates(zone)
			const mismatches: string[] = []
			for (
				let ms = Date.parse('2026-01-01T00:00:00Z');
				ms < Date.parse('2027-01-01T00:00:00Z');
				ms += 23 * 60_000 + 13_000
			) {
				const instant = new Date(ms)
				if (dates.dateOf(instant) !== localDate(instant, zone)) mismatches.push(instant.toISOString())
			}
			expect(mismatches, zone).toEqual([])
		}
	})
})
