import { describe, expect, it } from 'vitest'
import { formatDateTimeRange } from './dates.ts'

describe('formatDateTimeRange', () => {
	it('says the day once when both ends are on it', () => {
		const text = formatDateTimeRange('2026-03-12T09:00:00Z', '2026-03-12T10:30:00Z')
		expect(text.match(/2026/g)).toHaveLength(1)
		expect(text).toMatch(/–/)
	})

	it('says both days when the ends are on different days', () => {
		const text = formatDateTimeRange('2026-03-10T09:00:00Z', '2026-03-12T09:00:00Z')
		expect(text.match(/2026/g)).toHaveLength(2)
	})

	it('shows the seconds of a stretch shorter than a minute, so its two ends are not one moment', () => {
		const text = formatDateTimeRange('2026-03-12T09:00:00Z', '2026-03-12T09:00:30Z')
		expect(text).toMatch(/–/)
		expect(text).toMatch(/:30/)
	})

	it('gives back the raw texts when they are not dates', () => {
		expect(formatDateTimeRange('soon', '2026-03-12T09:00:00Z')).toBe('soon – 2026-03-12T09:00:00Z')
	})
})
