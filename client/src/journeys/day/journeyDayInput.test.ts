import type { JourneyOutline } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { journeyDayHint, parseJourneyDayInput } from './journeyDayInput.ts'

describe('parseJourneyDayInput', () => {
	it('reads an empty field as no day (the board is taken off its day)', () => {
		expect(parseJourneyDayInput('  ', 100)).toEqual({ ok: true, day: null })
	})

	it('reads a day within the journey', () => {
		expect(parseJourneyDayInput('12', 100)).toEqual({ ok: true, day: 12 })
		expect(parseJourneyDayInput(' 100 ', 100)).toEqual({ ok: true, day: 100 })
	})

	it("refuses a day beyond the circle's journey, saying how long it is", () => {
		expect(parseJourneyDayInput('101', 100)).toEqual({
			ok: false,
			error: "This circle's journey has 100 days.",
		})
	})

	it('without a journey, allows any day the format allows', () => {
		expect(parseJourneyDayInput('366', null)).toEqual({ ok: true, day: 366 })
		expect(parseJourneyDayInput('367', null)).toEqual({ ok: false, error: 'A journey has at most 366 days.' })
	})

	it('refuses zero, negative, fractional and other text', () => {
		for (const text of ['0', '-3', '2.5', '1e2', 'twelve']) {
			expect(parseJourneyDayInput(text, 100)).toEqual({
				ok: false,
				error: 'A journey day is a whole number from 1.',
			})
		}
	})
})

describe('journeyDayHint', () => {
	const template: JourneyOutline = {
		lengthDays: 30,
		sections: [{ name: 'Listening', firstDay: 11, lastDay: 20 }],
		actionDays: [20],
		prompts: [{ day: 12, title: 'Who listened to you?', body: '', askSomeoneElse: true }],
	}

	it("names the day's section and prompt", () => {
		expect(journeyDayHint(template, '12')).toBe('Day 12 of 30 · Listening: “Who listened to you?”')
	})

	it('marks an action day', () => {
		expect(journeyDayHint(template, '20')).toBe('Day 20 of 30 · Listening · action day (no prompt)')
	})

	it('says when the day has no prompt', () => {
		expect(journeyDayHint(template, '3')).toBe('Day 3 of 30 (no prompt)')
	})

	it('says nothing for an empty field or a day that is not in the journey', () => {
		expect(journeyDayHint(template, '')).toBeNull()
		expect(journeyDayHint(template, '31')).toBeNull()
	})
})
