import type { JourneyItem, ParallelJourneys } from '@circlespace/shared'
import {
	type CSSProperties,
	type FocusEvent,
	type KeyboardEvent,
	type MouseEvent,
	memo,
	useCallback,
	useLayoutEffect,
	useMemo,
	useRef,
	useState,
} from 'react'
import { flushSync } from 'react-dom'
import { snapshotThumbnailUrl } from '../../api/snapshots.ts'
import { journeyDayPath, navigate } from '../../app/router.ts'
import {
	type GridAxis,
	indexesToDraw,
	inSpan,
	nextSpan,
	type Span,
	sameSpan,
	scrollToCentre,
	scrollToReveal,
	visibleSpan,
} from './gridWindow.ts'
import {
	cellLabel,
	daysByNumber,
	type GridColumns,
	moveCell,
	statusLabel,
	thumbnailOf,
	todayOf,
} from './parallelGrid.ts'

const NO_ITEMS: JourneyItem[] = []

// Days and circles drawn beyond the edges of the viewport, so that a short scroll (a wheel
// notch, an arrow key) shows cells already there; the grid re-draws once that margin is used up.
const OVERSCAN_DAYS = 6
const OVERSCAN_CIRCLES = 4

/** The grid's fixed sizes in CSS pixels, read from the layout (they follow rem and media queries). */
interface Sizes {
	/** The sticky first column of circle names. */
	names: number
	/** The two sticky header rows together. */
	header: number
	column: number
	row: number
}

// Until the first layout is measured: the sizes of parallel.css at 16 px to the rem.
const GUESSED_SIZES: Sizes = { names: 176, header: 59, column: 76, row: 58 }

interface Cursor {
	row: number
	/** The day's column (0 for day 1); kept while on a row without a journey. */
	column: number
}

/**
 * The tribe's circles as rows and journey days as columns, in one CSS grid whose size is that
 * of all 100 days × all circles, but which draws only the cells in and near the scroller's
 * viewport (and the one holding the tab stop): 30 circles × 100 days would otherwise be 3000
 * cells, each with a thumbnail. It is one tab stop: arrow keys, Home/End and Page Up/Down move
 * focus between cells, scrolling the next one into view (drawing it if it was not), Enter opens
 * the circle's day. Cells carry `aria-colindex`/`aria-rowindex` so that what is drawn says
 * where it sits in the whole grid.
 */
export const ParallelJourneysGrid = memo(function ParallelJourneysGrid({
	view,
	columns,
}: {
	view: ParallelJourneys
	columns: GridColumns
}) {
	const scroller = useRef<HTMLDivElement>(null)
	const table = useRef<HTMLTableElement>(null)
	const sizes = useRef<Sizes>(GUESSED_SIZES)
	const { lengthDays, groups, actionDays } = columns
	const rowCount = view.rows.length
	const rows = useMemo(
		() =>
			view.rows.map((row) => ({
				...row,
				today: todayOf(row.status),
				byDay: daysByNumber(row.days),
			})),
		[view.rows],
	)
	// The cell that takes focus first: the first circle's today, or its first day.
	const startRow = Math.max(
		0,
		rows.findIndex((row) => row.today !== null),
	)
	const startDay = rows[startRow]?.today ?? 1
	const [at, setCursor] = useState<Cursor>({ row: startRow, column: startDay - 1 })
	// A reloaded view may have fewer circles or days than the cursor was on.
	const cursor = {
		row: Math.min(at.row, Math.max(rowCount - 1, 0)),
		column: Math.min(at.column, Math.max(lengthDays - 1, 0)),
	}
	const [drawn, setDrawn] = useState<{ days: Span; circles: Span }>(() => {
		const guess = axes(null, GUESSED_SIZES, lengthDays, rowCount)
		return {
			days: visibleSpan(guess.days, OVERSCAN_DAYS),
			circles: visibleSpan(guess.circles, OVERSCAN_CIRCLES),
		}
	})

	// What is drawn, for the scroll handler (the only one to change it): most scroll events
	// change nothing, and asking React to set an unchanged state would still render the grid.
	const drawnNow = useRef(drawn)

	const follow = useCallback(() => {
		const box = scroller.current
		if (!box) return
		const { days, circles } = axes(box, sizes.current, lengthDays, rowCount)
		const now = drawnNow.current
		const next = {
			days: nextSpan(now.days, visibleSpan(days, 0), OVERSCAN_DAYS, lengthDays),
			circles: nextSpan(now.circles, visibleSpan(circles, 0), OVERSCAN_CIRCLES, rowCount),
		}
		if (sameSpan(now.days, next.days) && sameSpan(now.circles, next.circles)) return
		drawnNow.current = next
		setDrawn(next)
	}, [lengthDays, rowCount])

	useLayoutEffect(() => {
		const box = scroller.current
		const grid = table.current
		if (!box || !grid) return
		const measure = () => {
			const measured = measureSizes(grid, lengthDays, rowCount)
			if (measured) sizes.current = measured
			follow()
		}
		measure()
		const observer = new ResizeObserver(measure)
		observer.observe(box)
		return () => observer.disconnect()
	}, [follow, lengthDays, rowCount])

	useLayoutEffect(() => {
		// Opens on the first circle's today rather than on day 1.
		const box = scroller.current
		if (!box) return
		const { days, circles } = axes(box, sizes.current, lengthDays, rowCount)
		if (startDay > 3) box.scrollLeft = scrollToCentre(days, startDay - 1)
		box.scrollTop = scrollToReveal(circles, startRow)
		follow()
	}, [startDay, startRow, follow, lengthDays, rowCount])

	function moveTo(to: Cursor) {
		const box = scroller.current
		if (!box) return
		const { days, circles } = axes(box, sizes.current, lengthDays, rowCount)
		// A row without a journey is one cell as wide as the grid: the days stay where they are.
		if (rows[to.row]?.journey) box.scrollLeft = scrollToReveal(days, to.column)
		box.scrollTop = scrollToReveal(circles, to.row)
		// Drawn now, so that it can take focus in this same key press. Already in the scroller's
		// view, focusing it scrolls only the page, if the grid is partly off screen.
		flushSync(() => {
			setCursor(to)
			follow()
		})
		cellAt(to)?.focus()
	}

	function cellAt(at: Cursor): HTMLElement | null {
		const grid = table.current
		return (
			grid?.querySelector<HTMLElement>(`[data-r="${at.row}"][data-c="${at.column}"]`) ??
			grid?.querySelector<HTMLElement>(`[data-r="${at.row}"][data-c="all"]`) ??
			null
		)
	}

	function onKeyDown(event: KeyboardEvent<HTMLTableElement>) {
		const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-r]')
		if (!cell) return
		if (event.key === 'Enter' || event.key === ' ') {
			event.preventDefault()
			open(cell)
			return
		}
		const to = moveCell(
			event.key,
			{
				row: Number(cell.dataset.r),
				column: cell.dataset.c === 'all' ? cursor.column : Number(cell.dataset.c),
			},
			{ rows: rowCount, columns: lengthDays },
			event.ctrlKey || event.metaKey,
		)
		if (!to) return
		event.preventDefault()
		moveTo(to)
	}

	function onFocus(event: FocusEvent<HTMLTableElement>) {
		// A cell focused by a click or a screen reader takes the tab stop, as the arrow keys do.
		const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-r]')
		if (!cell) return
		const row = Number(cell.dataset.r)
		const column = cell.dataset.c === 'all' ? cursor.column : Number(cell.dataset.c)
		if (row !== cursor.row || column !== cursor.column) setCursor({ row, column })
	}

	function onClick(event: MouseEvent<HTMLTableElement>) {
		const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-r]')
		if (cell) open(cell)
	}

	function open(cell: HTMLElement) {
		const { circle, day } = cell.dataset
		if (circle && day) navigate(journeyDayPath(circle, Number(day)))
	}

	const dayColumns = indexesToDraw(drawn.days, inSpan(drawn.days, cursor.column) ? null : cursor.column)
	const circleRows = indexesToDraw(drawn.circles, inSpan(drawn.circles, cursor.row) ? null : cursor.row)
	const spanColumns = indexesToDraw(drawn.days, null)

	return (
		<div
			className="cs-pj-scroll"
			ref={scroller}
			onScroll={follow}
			style={{ '--cs-pj-days': lengthDays, '--cs-pj-rows': rowCount } as CSSProperties}
		>
			{/* Laid out as one CSS grid, its rows `display: contents`, every cell placed by its
			    row and column, so the cells drawn sit where they belong under the sticky headers. */}
			<table
				ref={table}
				// biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an ARIA grid (one tab stop, arrow keys between cells) is a table whose cells take focus
				role="grid"
				aria-label="Parallel journeys, circles by journey day"
				aria-rowcount={rowCount + 2}
				aria-colcount={lengthDays + 1}
				className="cs-pj-grid"
				onKeyDown={onKeyDown}
				onFocus={onFocus}
				onClick={onClick}
			>
				<thead>
					<tr aria-rowindex={1}>
						<th scope="col" className="cs-pj-corner cs-pj-section-head" aria-colindex={1}>
							Section
						</th>
						{groups.map((group) => (
							<th
								key={group.firstDay}
								scope="colgroup"
								colSpan={group.lastDay - group.firstDay + 1}
								aria-colindex={group.firstDay + 1}
								className={`cs-pj-section-head${group.name ? '' : ' is-none'}`}
								style={{ gridColumn: `${group.firstDay + 1} / span ${group.lastDay - group.firstDay + 1}` }}
								title={group.name ?? undefined}
							>
								<span className="cs-pj-section-name">{group.name ?? ''}</span>
							</th>
						))}
					</tr>
					<tr aria-rowindex={2}>
						<th scope="col" className="cs-pj-corner cs-pj-day-head" aria-colindex={1}>
							Circle
						</th>
						{dayColumns.map((column) => (
							<DayHead key={column} day={column + 1} actionDay={actionDays.has(column + 1)} />
						))}
					</tr>
				</thead>
				<tbody>
					{circleRows.map((rowIndex) => {
						const row = rows[rowIndex]
						if (!row) return null
						const gridRow = rowIndex + 3
						return (
							<tr key={row.circle.id} aria-rowindex={gridRow}>
								<th scope="row" className="cs-pj-circle" aria-colindex={1} style={{ gridRow }}>
									<span className="cs-pj-circle-name">{row.circle.name}</span>
									<span className={`cs-pj-circle-status${row.today ? ' is-today' : ''}`}>
										{statusLabel(row.status)}
									</span>
								</th>
								{row.journey ? (
									(rowIndex === cursor.row ? dayColumns : spanColumns).map((column) => {
										const day = column + 1
										return (
											<Cell
												key={day}
												rowIndex={rowIndex}
												circleId={row.circle.id}
												circleName={row.circle.name}
												day={day}
												items={row.byDay.get(day) ?? NO_ITEMS}
												today={day === row.today}
												actionDay={actionDays.has(day)}
												tabbable={rowIndex === cursor.row && column === cursor.column}
											/>
										)
									})
								) : (
									<td
										className="cs-pj-no-journey"
										colSpan={lengthDays}
										aria-colindex={2}
										data-r={rowIndex}
										data-c="all"
										style={{ gridRow }}
										tabIndex={rowIndex === cursor.row ? 0 : -1}
									>
										<span className="cs-pj-no-journey-text">
											{row.circle.name} has not started a journey.
										</span>
									</td>
								)}
							</tr>
						)
					})}
				</tbody>
			</table>
		</div>
	)
})

/** The axes of the grid as the scroller shows it now (or, before it is mounted, at a guess). */
function axes(
	box: HTMLElement | null,
	sizes: Sizes,
	lengthDays: number,
	rowCount: number,
): { days: GridAxis; circles: GridAxis } {
	return {
		days: {
			scroll: box?.scrollLeft ?? 0,
			viewport: box?.clientWidth ?? 1100,
			sticky: sizes.names,
			size: sizes.column,
			count: lengthDays,
		},
		circles: {
			scroll: box?.scrollTop ?? 0,
			viewport: box?.clientHeight ?? 600,
			sticky: sizes.header,
			size: sizes.row,
			count: rowCount,
		},
	}
}

/** The grid's sizes from its layout: it is as wide and as tall as all its columns and rows. */
function measureSizes(grid: HTMLElement, lengthDays: number, rowCount: number): Sizes | null {
	const corners = grid.querySelectorAll<HTMLElement>('thead .cs-pj-corner')
	const [top, bottom] = [corners[0], corners[1]]
	if (!top || !bottom || lengthDays <= 0) return null
	const box = grid.getBoundingClientRect()
	const names = top.getBoundingClientRect().width
	const header = bottom.getBoundingClientRect().bottom - top.getBoundingClientRect().top
	return {
		names,
		header,
		column: (box.width - names) / lengthDays,
		row: rowCount > 0 ? (box.height - header) / rowCount : GUESSED_SIZES.row,
	}
}

const DayHead = memo(function DayHead({ day, actionDay }: { day: number; actionDay: boolean }) {
	return (
		<th
			scope="col"
			aria-colindex={day + 1}
			className={`cs-pj-day-head${actionDay ? ' is-action' : ''}`}
			style={{ gridColumn: day + 1 }}
		>
			{/* One name for the header ("Day 10, action day"), drawn as "10 ◆". */}
			<span className="cs-visually-hidden">
				Day {day}
				{actionDay && ', action day'}
			</span>
			<span aria-hidden="true">{day}</span>
			{actionDay && (
				<span className="cs-pj-action-mark" title="Action day" aria-hidden="true">
					◆
				</span>
			)}
		</th>
	)
})

const Cell = memo(function Cell({
	rowIndex,
	circleId,
	circleName,
	day,
	items,
	today,
	actionDay,
	tabbable,
}: {
	rowIndex: number
	circleId: string
	circleName: string
	day: number
	items: JourneyItem[]
	today: boolean
	actionDay: boolean
	tabbable: boolean
}) {
	const shared = items.filter((item) => item.kind !== 'notShared')
	const notShared = shared.length < items.length
	const thumbnail = shared.map(thumbnailOf).find((id) => id !== null)
	const className = `cs-pj-cell${today ? ' is-today' : ''}${actionDay ? ' is-action' : ''}`
	return (
		<td
			className={className}
			tabIndex={tabbable ? 0 : -1}
			data-r={rowIndex}
			data-c={day - 1}
			data-circle={circleId}
			data-day={day}
			aria-colindex={day + 1}
			aria-label={cellLabel(circleName, day, items, { today, actionDay })}
			style={{ gridRow: rowIndex + 3, gridColumn: day + 1 }}
		>
			{shared.length > 0 &&
				(thumbnail ? (
					<img
						className="cs-pj-thumb"
						src={snapshotThumbnailUrl(thumbnail)}
						alt=""
						loading="lazy"
						decoding="async"
						width={64}
						height={40}
					/>
				) : (
					<span className="cs-pj-thumb cs-pj-tile" aria-hidden="true" />
				))}
			{shared.length > 1 && (
				<span className="cs-pj-count" aria-hidden="true">
					+{shared.length - 1}
				</span>
			)}
			{notShared && (
				<span className="cs-pj-not-shared" aria-hidden="true">
					Not shared
				</span>
			)}
			{today && (
				<span className="cs-pj-today" aria-hidden="true">
					Today
				</span>
			)}
		</td>
	)
})
