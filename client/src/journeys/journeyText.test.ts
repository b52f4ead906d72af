import { describe, expect, it } from 'vitest'
import { dayForKey, dayGroups, dayHeadline, journeyHeadline, startsInText, todayOf } from './journeyText.ts'

const section = { name: 'Listening', firstDay: 11, lastDay: 20 }
const info = { lengthDays: 100, section, prompt: null, actionDay: false }

describe('journey headlines', () => {
	it('says the day, the length and the section', () => {
		expect(dayHeadline(23, 100, 'Listening')).toBe('Day 23 of 100 · Listening')
		expect(dayHeadline(23, 100, null)).toBe('Day 23 of 100')
		expect(journeyHeadline({ status: 'running', today: '2026-03-02', day: 12, ...info })).toBe(
			'Day 12 of 100 · Listening',
		)
	})

	it('counts down to the start in words', () => {
		expect(startsInText(1)).toBe('Starts tomorrow')
		expect(startsInText(5)).toBe('Starts in 5 days')
		expect(
			journeyHeadline({ status: 'upcoming', today: '2026-03-02', startsInDays: 5, lengthDays: 100 }),
		).toBe('Starts in 5 days')
	})

	it('says when it is paused and when it is over', () => {
		const paused = {
			status: 'paused',
			today: '2026-03-09',
			pausedOn: '2026-03-02',
			day: 12,
			...info,
		} as const
		expect(journeyHeadline(paused)).toBe('Paused on day 12 of 100')
		expect(journeyHeadline({ status: 'completed', today: '2026-09-01', lengthDays: 100 })).toBe(
			'Completed: all 100 days',
		)
	})

	it('marks today only while the journey is under way', () => {
		expect(todayOf({ status: 'running', today: '2026-03-02', day: 12, ...info })).toBe(12)
		expect(todayOf({ status: 'completed', today: '2026-09-01', lengthDays: 100 })).toBeNull()
		expect(todayOf(null)).toBeNull()
	})
})

describe('dayGroups', () => {
	it('puts every day in one group, naming the days between sections as none', () => {
		expect(
			dayGroups({
				lengthDays: 30,
				sections: [
					{ name: 'A', firstDay: 3, lastDay: 10 },
					{ name: 'B', firstDay: 11, lastDay: 20 },
				],
			}),
		).toEqual([
			{ name: null, firstDay: 1, lastDay: 2 },
			{ name: 'A', firstDay: 3, lastDay: 10 },
			{ name: 'B', firstDay: 11, lastDay: 20 },
			{ name: null, firstDay: 21, lastDay: 30 },
		])
		expect(dayGroups({ lengthDays: 5, sections: [] })).toEqual([{ name: null, firstDay: 1, lastDay: 5 }])
	})
})

describe('dayForKey', () => {
	const groups = dayGroups({
		lengthDays: 30,
		sections: [
			{ name: 'A', firstDay: 1, lastDay: 10 },
			{ name: 'B', firstDay: 11, lastDay: 20 },
			{ name: 'C', firstDay: 21, lastDay: 30 },
		],
	})

	it('moves a day at a time and stops at the ends', () => {
		expect(dayForKey('ArrowRight', 5, 30, groups)).toBe(6)
		expect(dayForKey('ArrowLeft', 5, 30, groups)).toBe(4)
		expect(dayForKey('ArrowLeft', 1, 30, groups)).toBe(1)
		expect(dayForKey('ArrowRight', 30, 30, groups)).toBe(30)
		expect(dayForKey('Home', 17, 30, groups)).toBe(1)
		expect(dayForKey('End', 17, 30, groups)).toBe(30)
	})

	it('moves by section with PageUp and PageDown', () => {
		expect(dayForKey('PageDown', 5, 30, groups)).toBe(11)
		expect(dayForKey('PageDown', 25, 30, groups)).toBe(30)
		expect(dayForKey('PageUp', 15, 30, groups)).toBe(11)
		expect(dayForKey('PageUp', 11, 30, groups)).toBe(1)
		expect(dayForKey('PageUp', 1, 30, groups)).toBe(1)
	})

	it('leaves other keys alone', () => {
		expect(dayForKey('Tab', 5, 30, groups)).toBeNull()
	})
})
