/**
 * The arithmetic of drawing only part of the parallel journeys grid: which columns (days) and
 * rows (circles) are in or near the scroller's viewport, and where to scroll to bring one cell
 * into view. Columns and rows have fixed sizes, so an index maps to an offset and back.
 */

/** One axis of the grid as the scroller shows it, in CSS pixels. */
export interface GridAxis {
	/** How far the scroller is scrolled along the axis (`scrollLeft` or `scrollTop`). */
	scroll: number
	/** The scroller's inner size along the axis (`clientWidth` or `clientHeight`). */
	viewport: number
	/** The sticky band before the first item (the circle names, or the two header rows). */
	sticky: number
	/** The size of one item (a day's column, or a circle's row). */
	size: number
	/** How many items the axis has. */
	count: number
}

/** Items `first` to `last` (both included); empty when `last < first`. */
export interface Span {
	first: number
	last: number
}

/** The span of an axis with no items. */
export const EMPTY_SPAN: Span = { first: 0, last: -1 }

/**
 * The items of the axis that show, wholly or partly, beside the sticky band, with `overscan`
 * more on each side so that a short scroll shows cells already drawn.
 */
export function visibleSpan(axis: GridAxis, overscan: number): Span {
	const { scroll, viewport, sticky, size, count } = axis
	if (count <= 0 || size <= 0) return EMPTY_SPAN
	// Item i lies at [sticky + i·size, sticky + (i+1)·size) of the content; what shows beside
	// the sticky band is [scroll + sticky, scroll + viewport).
	const start = Math.max(0, scroll)
	const first = Math.floor(start / size)
	const last = Math.ceil((start + Math.max(viewport - sticky, 0)) / size) - 1
	return {
		first: clamp(first - overscan, 0, count - 1),
		last: clamp(Math.max(last, first) + overscan, 0, count - 1),
	}
}

/**
 * The span to draw next, from the one drawn now and the items that show (`visibleSpan` with no
 * overscan): the same while what shows stays within it, so that scrolling re-draws once every
 * `overscan` items rather than at every item; else what shows with `overscan` more each side.
 */
export function nextSpan(drawn: Span, showing: Span, overscan: number, count: number): Span {
	if (showing.last < showing.first) return EMPTY_SPAN
	const fits = drawn.first <= showing.first && drawn.last >= showing.last
	// A span much wider than what shows (the viewport shrank) is drawn anew, not kept.
	const wide = drawn.last - drawn.first > showing.last - showing.first + 4 * overscan
	if (fits && !wide) return drawn
	return {
		first: clamp(showing.first - overscan, 0, count - 1),
		last: clamp(showing.last + overscan, 0, count - 1),
	}
}

/** Whether two spans hold the same items. */
export function sameSpan(a: Span, b: Span): boolean {
	return a.first === b.first && a.last === b.last
}

/** Whether `index` is in `span`. */
export function inSpan(span: Span, index: number): boolean {
	return index >= span.first && index <= span.last
}

/**
 * The indexes to draw: those of `span`, and `extra` too when it lies outside it (the cell that
 * holds the grid's tab stop is always drawn, wherever the grid is scrolled).
 */
export function indexesToDraw(span: Span, extra: number | null): number[] {
	const indexes: number[] = []
	if (extra !== null && extra < span.first) indexes.push(extra)
	for (let index = span.first; index <= span.last; index++) indexes.push(index)
	if (extra !== null && extra > span.last) indexes.push(extra)
	return indexes
}

/**
 * The scroll position that shows item `index` whole beside the sticky band, moving as little as
 * possible (not at all when it shows already).
 */
export function scrollToReveal(axis: GridAxis, index: number): number {
	const { scroll, viewport, sticky, size } = axis
	const start = index * size
	const visibleLength = Math.max(viewport - sticky, 0)
	if (start < scroll) return start
	if (start + size > scroll + visibleLength) return Math.max(0, start + size - visibleLength)
	return scroll
}

/** The scroll position that puts item `index` in the middle of what shows beside the sticky band. */
export function scrollToCentre(axis: GridAxis, index: number): number {
	const { viewport, sticky, size, count } = axis
	const visibleLength = Math.max(viewport - sticky, 0)
	const most = Math.max(0, count * size - visibleLength)
	return clamp(index * size + size / 2 - visibleLength / 2, 0, most)
}

function clamp(value: number, min: number, max: number): number {
	return Math.min(Math.max(value, min), max)
}
