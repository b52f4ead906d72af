import { describe, expect, it } from 'vitest'
import {
	EMPTY_SPAN,
	type GridAxis,
	indexesToDraw,
	inSpan,
	nextSpan,
	sameSpan,
	scrollToCentre,
	scrollToReveal,
	visibleSpan,
} from './gridWindow.ts'

// 100 days of 76 px beside 176 px of circle names, in a scroller 1100 px wide: 924 px of days show.
const days: GridAxis = { scroll: 0, viewport: 1100, sticky: 176, size: 76, count: 100 }

describe('which days and circles of the grid are drawn', () => {
	it('draws, unscrolled, the days that show beside the circle names, the last one partly', () => {
		// 924 / 76 = 12.2: days 1–12 whole, day 13 partly.
		expect(visibleSpan(days, 0)).toEqual({ first: 0, last: 12 })
	})

	it('follows the scroll: scrolled to day 90 it draws day 90 and the days after it that show', () => {
		expect(visibleSpan({ ...days, scroll: 89 * 76 }, 0)).toEqual({ first: 89, last: 99 })
		// Scrolled half a column on, the half-hidden first day is still drawn.
		expect(visibleSpan({ ...days, scroll: 40 * 76 + 38 }, 0)).toEqual({ first: 40, last: 52 })
	})

	it('draws a few more on each side, never beyond the first and the last', () => {
		expect(visibleSpan({ ...days, scroll: 40 * 76 }, 4)).toEqual({ first: 36, last: 56 })
		expect(visibleSpan(days, 4)).toEqual({ first: 0, last: 16 })
		const end = { ...days, scroll: 100 * 76 - 924 }
		expect(visibleSpan(end, 4).last).toBe(99)
	})

	it('draws every circle of a tribe whose rows all fit, and nothing of an empty axis', () => {
		const rows: GridAxis = { scroll: 0, viewport: 600, sticky: 59, size: 57.6, count: 3 }
		expect(visibleSpan(rows, 3)).toEqual({ first: 0, last: 2 })
		expect(visibleSpan({ ...rows, count: 0 }, 3)).toEqual(EMPTY_SPAN)
		expect(indexesToDraw(EMPTY_SPAN, null)).toEqual([])
	})

	it('copes with an overscrolled or not yet measured scroller', () => {
		expect(visibleSpan({ ...days, scroll: -30 }, 0)).toEqual({ first: 0, last: 12 })
		expect(visibleSpan({ ...days, viewport: 0 }, 0)).toEqual({ first: 0, last: 0 })
		expect(visibleSpan({ ...days, size: 0 }, 2)).toEqual(EMPTY_SPAN)
	})

	it('keeps what is drawn while what shows stays within it, and draws anew with a margin when it leaves it', () => {
		const drawn = { first: 36, last: 56 }
		expect(nextSpan(drawn, { first: 38, last: 50 }, 4, 100)).toBe(drawn)
		expect(nextSpan(drawn, { first: 45, last: 57 }, 4, 100)).toEqual({ first: 41, last: 61 })
		expect(nextSpan(drawn, { first: 0, last: 12 }, 4, 100)).toEqual({ first: 0, last: 16 })
		expect(nextSpan(drawn, { first: 89, last: 99 }, 4, 100)).toEqual({ first: 85, last: 99 })
		// At tablet width fewer days show: the wide span of a laptop is not kept.
		expect(nextSpan({ first: 0, last: 40 }, { first: 2, last: 9 }, 4, 100)).toEqual({ first: 0, last: 13 })
		expect(nextSpan(drawn, EMPTY_SPAN, 4, 100)).toEqual(EMPTY_SPAN)
	})

	it('always draws the cell that holds the tab stop, in order, once', () => {
		const span = { first: 10, last: 13 }
		expect(indexesToDraw(span, null)).toEqual([10, 11, 12, 13])
		expect(indexesToDraw(span, 12)).toEqual([10, 11, 12, 13])
		expect(indexesToDraw(span, 99)).toEqual([10, 11, 12, 13, 99])
		expect(indexesToDraw(span, 0)).toEqual([0, 10, 11, 12, 13])
		expect(inSpan(span, 13)).toBe(true)
		expect(inSpan(span, 14)).toBe(false)
		expect(sameSpan(span, { first: 10, last: 13 })).toBe(true)
		expect(sameSpan(span, { first: 10, last: 14 })).toBe(false)
	})
})

describe('scrolling a cell into view', () => {
	it('does not move for a day that shows whole', () => {
		expect(scrollToReveal({ ...days, scroll: 76 * 5 }, 8)).toBe(76 * 5)
	})

	it('brings the last day (End) to the right edge, and day 1 (Home) back beside the names', () => {
		expect(scrollToReveal(days, 99)).toBe(100 * 76 - 924)
		expect(scrollToReveal({ ...days, scroll: 5000 }, 0)).toBe(0)
	})

	it('brings a day hidden under the sticky names out from under them', () => {
		// Scrolled by 10.5 columns, day 11 is half under the names: it comes to their edge.
		expect(scrollToReveal({ ...days, scroll: 76 * 10.5 }, 10)).toBe(760)
	})

	it('puts a circle’s today in the middle, or as near as the ends allow', () => {
		expect(scrollToCentre(days, 49)).toBe(49 * 76 + 38 - 462)
		expect(scrollToCentre(days, 2)).toBe(0)
		expect(scrollToCentre(days, 99)).toBe(100 * 76 - 924)
	})
})
