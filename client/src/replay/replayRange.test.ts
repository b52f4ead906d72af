import { replayQuerySchema } from '@circlespace/shared/replay/index.ts'
import { describe, expect, it } from 'vitest'
import {
	ceilToMinute,
	checkRange,
	defaultRange,
	localInputText,
	parseLocalInput,
	quickRange,
} from './replayRange.ts'

// Dates are made with the local-time constructor, so every expectation holds in any time zone.
const now = new Date(2026, 2, 12, 14, 37, 25, 400)
const minutes = (n: number) => n * 60 * 1000

describe('localInputText and parseLocalInput', () => {
	it('write a moment as a datetime-local input shows it, in local time, to the minute', () => {
		expect(localInputText(now)).toBe('2026-03-12T14:37')
		expect(localInputText(new Date(2026, 0, 5, 7, 3))).toBe('2026-01-05T07:03')
	})

	it('read back what they wrote, and the seconds an input may add', () => {
		expect(parseLocalInput('2026-03-12T14:37')).toEqual(new Date(2026, 2, 12, 14, 37))
		expect(parseLocalInput('2026-03-12T14:37:25')).toEqual(new Date(2026, 2, 12, 14, 37, 25))
		expect(parseLocalInput('2026-03-12T14:37:25.4')).toEqual(new Date(2026, 2, 12, 14, 37, 25, 400))
	})

	it('read nothing from an empty, half-typed or impossible moment', () => {
		for (const text of [
			'',
			'2026-03-12',
			'2026-03-12T',
			'2026-02-30T10:00',
			'2026-13-01T10:00',
			'2026-03-12T24:00',
		]) {
			expect(parseLocalInput(text), text).toBeNull()
		}
	})
})

describe('quickRange', () => {
	it('"Last hour" ends at the minute after now, so that this minute is in, and starts an hour before', () => {
		expect(quickRange('last-hour', now)).toEqual({ from: '2026-03-12T13:38', to: '2026-03-12T14:38' })
	})

	it('"Last 24 hours" spans exactly the longest replay the server allows', () => {
		const range = quickRange('last-24-hours', now)
		expect(range.to).toBe('2026-03-12T14:38')
		const from = parseLocalInput(range.from)?.getTime() ?? 0
		const to = parseLocalInput(range.to)?.getTime() ?? 0
		expect(to - from).toBe(24 * 60 * minutes(1))
	})

	it('"Today" starts at midnight', () => {
		expect(quickRange('today', now)).toEqual({ from: '2026-03-12T00:00', to: '2026-03-12T14:38' })
	})

	it('the form opens on the last hour', () => {
		expect(defaultRange(now)).toEqual(quickRange('last-hour', now))
	})

	it('a moment on the minute stays where it is', () => {
		const onTheMinute = new Date(2026, 2, 12, 14, 37)
		expect(ceilToMinute(onTheMinute)).toEqual(onTheMinute)
		expect(ceilToMinute(now)).toEqual(new Date(2026, 2, 12, 14, 38))
	})

	it('every quick choice is a range the server accepts', () => {
		for (const choice of ['last-hour', 'today', 'last-24-hours'] as const) {
			const checked = checkRange(quickRange(choice, now), now)
			expect(checked.ok, choice).toBe(true)
			if (checked.ok)
				expect(replayQuerySchema.safeParse({ from: checked.from, to: checked.to }).success).toBe(true)
		}
	})
})

describe('checkRange', () => {
	it('makes a range in the past the UTC timestamps the replay address takes', () => {
		const from = new Date(2026, 2, 12, 9, 0)
		const to = new Date(2026, 2, 12, 11, 30)
		expect(checkRange({ from: '2026-03-12T09:00', to: '2026-03-12T11:30' }, now)).toEqual({
			ok: true,
			from: from.toISOString().replace('.000Z', 'Z'),
			to: to.toISOString().replace('.000Z', 'Z'),
		})
	})

	it('brings an end in the future back to now, rounded up to the second', () => {
		const checked = checkRange({ from: '2026-03-12T14:00', to: '2026-03-12T18:00' }, now)
		expect(checked).toMatchObject({
			ok: true,
			to: new Date(2026, 2, 12, 14, 37, 26).toISOString().replace('.000Z', 'Z'),
		})
	})

	it('asks for both moments when they are missing or half typed', () => {
		expect(checkRange({ from: '', to: '2026-03-12T' }, now)).toEqual({
			ok: false,
			errors: {
				from: 'Enter when the stretch starts: a day and a time.',
				to: 'Enter when the stretch ends: a day and a time.',
			},
		})
	})

	it('refuses an end before the start, or at it, as the server does', () => {
		for (const to of ['2026-03-12T08:59', '2026-03-12T09:00']) {
			const input = { from: '2026-03-12T09:00', to }
			expect(checkRange(input, now)).toEqual({
				ok: false,
				errors: { to: 'The end must be after the start.' },
			})
			expect(serverAccepts(input)).toBe(false)
		}
	})

	it('refuses more than 24 hours, as the server does, and takes exactly 24', () => {
		const tooLong = { from: '2026-03-10T09:00', to: '2026-03-11T09:01' }
		expect(checkRange(tooLong, now)).toEqual({
			ok: false,
			errors: { to: 'A replay covers at most 24 hours: choose a shorter stretch.' },
		})
		expect(serverAccepts(tooLong)).toBe(false)
		const whole = { from: '2026-03-10T09:00', to: '2026-03-11T09:00' }
		const wholeMs =
			(parseLocalInput(whole.to)?.getTime() ?? 0) - (parseLocalInput(whole.from)?.getTime() ?? 0)
		// Across a change of the clocks, 09:00 to 09:00 is not 24 hours: only check the common case.
		if (wholeMs === 24 * 60 * minutes(1)) {
			expect(checkRange(whole, now).ok).toBe(true)
			expect(serverAccepts(whole)).toBe(true)
		}
	})

	it('counts the 24 hours up to now when the end is in the future', () => {
		const checked = checkRange({ from: '2026-03-11T14:38', to: '2026-03-13T00:00' }, now)
		expect(checked.ok).toBe(true)
	})

	it('refuses a start that has not happened yet', () => {
		expect(checkRange({ from: '2026-03-12T15:00', to: '2026-03-12T16:00' }, now)).toEqual({
			ok: false,
			errors: { from: 'The start is in the future: choose a moment before now.' },
		})
	})
})

/** Whether the server's schema takes the inputs, read as the browser reads them. */
function serverAccepts(input: { from: string; to: string }): boolean {
	const from = parseLocalInput(input.from)
	const to = parseLocalInput(input.to)
	if (!from || !to) return false
	return replayQuerySchema.safeParse({ from: from.toISOString(), to: to.toISOString() }).success
}
