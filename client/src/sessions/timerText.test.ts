import { describe, expect, it } from 'vitest'
import { clockText, durationText, milestoneCrossed, timerSentence, timerStatus } from './timerText.ts'

const MINUTE = 60_000

describe('session timer text', () => {
	it('shows the time left as a clock, a started second counting as one', () => {
		expect(clockText(12 * MINUTE + 5000)).toBe('12:05')
		expect(clockText(59_001)).toBe('1:00')
		expect(clockText(400)).toBe('0:01')
		expect(clockText(0)).toBe('0:00')
		expect(clockText(62 * MINUTE + 5000)).toBe('1:02:05')
		// Over time, the clock counts how far over.
		expect(clockText(-80_000)).toBe('1:20')
	})

	it('says whether it is counting, paused or over', () => {
		expect(timerStatus(MINUTE, true)).toBe('left')
		expect(timerStatus(MINUTE, false)).toBe('left, paused')
		expect(timerStatus(-1, true)).toBe('over time')
	})

	it('reads as a sentence for screen readers', () => {
		expect(timerSentence(12 * MINUTE, true)).toBe('12 minutes left')
		expect(timerSentence(30_000, false)).toBe('less than a minute left (paused)')
		expect(timerSentence(-10_000, true)).toBe('Time is up')
		expect(timerSentence(-3 * MINUTE, true)).toBe('Over time by 3 minutes')
	})

	it('announces five minutes left, one minute left and the end, once each', () => {
		expect(milestoneCrossed(5 * MINUTE + 500, 5 * MINUTE - 500)).toBe('5 minutes left.')
		expect(milestoneCrossed(MINUTE + 10, MINUTE - 990)).toBe('1 minute left.')
		expect(milestoneCrossed(400, -600)).toBe('Time is up.')
		expect(milestoneCrossed(10 * MINUTE, 10 * MINUTE - 1000)).toBeNull()
		expect(milestoneCrossed(-1000, -2000)).toBeNull()
	})

	it('gives a session’s length in hours and minutes', () => {
		expect(durationText(45 * MINUTE + 10_000)).toBe('45 min')
		expect(durationText(65 * MINUTE)).toBe('1 h 5 min')
		expect(durationText(120 * MINUTE)).toBe('2 h')
		expect(durationText(20_000)).toBe('under a minute')
	})
})
