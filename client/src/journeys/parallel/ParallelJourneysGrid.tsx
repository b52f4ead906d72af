import type { JourneyItem, ParallelJourneys } from '@circlespace/shared'
import { type CSSProperties, type KeyboardEvent, type MouseEvent, memo, useLayoutEffect, useRef } from 'react'
import { snapshotThumbnailUrl } from '../../api/snapshots.ts'
import { journeyDayPath, navigate } from '../../app/router.ts'
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

/**
 * The tribe's circles as rows and journey days as columns, in one CSS grid. It is one tab stop:
 * arrow keys move focus between cells by setting `tabindex` on the DOM directly (no React state
 * per cell, so moving re-renders nothing), Enter opens the circle's day.
 */
export const ParallelJourneysGrid = memo(function ParallelJourneysGrid({
	view,
	columns,
}: {
	view: ParallelJourneys
	columns: GridColumns
}) {
	const scroller = useRef<HTMLDivElement>(null)
	const lastColumn = useRef(0)
	const { lengthDays, groups, actionDays } = columns
	const days = Array.from({ length: lengthDays }, (_, index) => index + 1)
	const rowCount = view.rows.length
	// The cell that takes focus first: the first circle's today, or its first day.
	const startRow = Math.max(
		0,
		view.rows.findIndex((row) => todayOf(row.status) !== null),
	)
	const startDay = todayOf(view.rows[startRow]?.status ?? null) ?? 1

	useLayoutEffect(() => {
		// Opens on the first circle's today rather than on day 1.
		const box = scroller.current
		const cell = box?.querySelector<HTMLElement>('[tabindex="0"]')
		if (box && cell && startDay > 3) box.scrollLeft = Math.max(0, cell.offsetLeft - box.clientWidth / 2)
	}, [startDay])

	function cellAt(row: number, column: number): HTMLElement | null {
		const grid = scroller.current
		return (
			grid?.querySelector<HTMLElement>(`[data-r="${row}"][data-c="${column}"]`) ??
			grid?.querySelector<HTMLElement>(`[data-r="${row}"][data-c="all"]`) ??
			null
		)
	}

	function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
		const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-r]')
		if (!cell) return
		if (event.key === 'Enter' || event.key === ' ') {
			event.preventDefault()
			open(cell)
			return
		}
		const row = Number(cell.dataset.r)
		const column = cell.dataset.c === 'all' ? lastColumn.current : Number(cell.dataset.c)
		const to = moveCell(
			event.key,
			{ row, column },
			{ rows: rowCount, columns: lengthDays },
			event.ctrlKey || event.metaKey,
		)
		if (!to) return
		event.preventDefault()
		const next = cellAt(to.row, to.column)
		if (!next || next === cell) return
		lastColumn.current = to.column
		cell.tabIndex = -1
		next.tabIndex = 0
		next.focus()
	}

	function onClick(event: MouseEvent<HTMLDivElement>) {
		const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-r]')
		if (cell) open(cell)
	}

	function open(cell: HTMLElement) {
		const { circle, day } = cell.dataset
		if (circle && day) navigate(journeyDayPath(circle, Number(day)))
	}

	return (
		<div className="cs-pj-scroll" ref={scroller} style={{ '--cs-pj-days': lengthDays } as CSSProperties}>
			{/* Laid out as one CSS grid, its rows `display: contents`, so cells line up under the sticky headers. */}
			<table
				// biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: an ARIA grid (one tab stop, arrow keys between cells) is a table whose cells take focus
				role="grid"
				aria-label="Parallel journeys, circles by journey day"
				aria-rowcount={rowCount + 2}
				aria-colcount={lengthDays + 1}
				className="cs-pj-grid"
				onKeyDown={onKeyDown}
				onClick={onClick}
			>
				<thead>
					<tr aria-rowindex={1}>
						<th scope="col" className="cs-pj-corner cs-pj-section-head">
							Section
						</th>
						{groups.map((group) => (
							<th
								key={group.firstDay}
								scope="colgroup"
								colSpan={group.lastDay - group.firstDay + 1}
								className={`cs-pj-section-head${group.name ? '' : ' is-none'}`}
								style={{ gridColumn: `${group.firstDay + 1} / span ${group.lastDay - group.firstDay + 1}` }}
								title={group.name ?? undefined}
							>
								<span className="cs-pj-section-name">{group.name ?? ''}</span>
							</th>
						))}
					</tr>
					<tr aria-rowindex={2}>
						<th scope="col" className="cs-pj-corner cs-pj-day-head">
							Circle
						</th>
						{days.map((day) => (
							<th
								key={day}
								scope="col"
								className={`cs-pj-day-head${actionDays.has(day) ? ' is-action' : ''}`}
							>
								<span className="cs-visually-hidden">Day </span>
								{day}
								{actionDays.has(day) && (
									<span className="cs-pj-action-mark" title="Action day">
										<span aria-hidden="true">◆</span>
										<span className="cs-visually-hidden">, action day</span>
									</span>
								)}
							</th>
						))}
					</tr>
				</thead>
				<tbody>
					{view.rows.map((row, rowIndex) => {
						const today = todayOf(row.status)
						const byDay = daysByNumber(row.days)
						return (
							<tr key={row.circle.id} aria-rowindex={rowIndex + 3}>
								<th scope="row" className="cs-pj-circle">
									<span className="cs-pj-circle-name">{row.circle.name}</span>
									<span className={`cs-pj-circle-status${today ? ' is-today' : ''}`}>
										{statusLabel(row.status)}
									</span>
								</th>
								{row.journey ? (
									days.map((day) => (
										<Cell
											key={day}
											rowIndex={rowIndex}
											circleId={row.circle.id}
											circleName={row.circle.name}
											day={day}
											items={byDay.get(day) ?? NO_ITEMS}
											today={day === today}
											actionDay={actionDays.has(day)}
											tabbable={rowIndex === startRow && day === startDay}
										/>
									))
								) : (
									<td
										className="cs-pj-no-journey"
										colSpan={lengthDays}
										data-r={rowIndex}
										data-c="all"
										tabIndex={rowIndex === startRow ? 0 : -1}
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

function Cell({
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
			aria-label={cellLabel(circleName, day, items, { today, actionDay })}
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
}
