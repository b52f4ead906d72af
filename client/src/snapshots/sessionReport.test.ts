import { describe, expect, it } from 'vitest'
import { formatDuration } from './sessionReport.ts'

describe('session report', () => {
	it('says how long a session took in hours and minutes', () => {
		expect(formatDuration(20_000)).toBe('less than a minute')
		expect(formatDuration(25 * 60_000)).toBe('25 min')
		expect(formatDuration(60 * 60_000)).toBe('1 h')
		expect(formatDuration(65 * 60_000 + 20_000)).toBe('1 h 5 min')
	})
})
