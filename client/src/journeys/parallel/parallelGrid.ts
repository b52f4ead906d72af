import type {
	JourneyDayEntry,
	JourneyItem,
	JourneyStatus,
	JourneyTemplateOutline,
	ParallelJourneys,
} from '@circlespace/shared'

/** A run of day columns under one header: a section of the template, or days between sections. */
export interface ColumnGroup {
	name: string | null
	firstDay: number
	lastDay: number
}

/** What the grid draws its columns from: how many days, their groups, which are action days. */
export interface GridColumns {
	lengthDays: number
	groups: ColumnGroup[]
	actionDays: ReadonlySet<number>
	/** True when the rows follow more than one template (the header shows the most followed one). */
	mixedTemplates: boolean
}

/**
 * The columns of the parallel view. Days are aligned by number, so the header follows the
 * template most rows follow (ties: the first listed); the grid is as long as the longest journey.
 */
export function gridColumns(view: ParallelJourneys): GridColumns {
	const followers = new Map<string, number>()
	for (const row of view.rows) {
		if (row.journey) followers.set(row.journey.templateId, (followers.get(row.journey.templateId) ?? 0) + 1)
	}
	let main: JourneyTemplateOutline | undefined
	for (const template of view.templates) {
		if (!main || (followers.get(template.id) ?? 0) > (followers.get(main.id) ?? 0)) main = template
	}
	const lengthDays = Math.max(0, ...view.templates.map((template) => template.lengthDays))
	return {
		lengthDays,
		groups: main
			? columnGroups(main.sections, lengthDays)
			: [{ name: null, firstDay: 1, lastDay: lengthDays }],
		actionDays: new Set(main?.actionDays ?? []),
		mixedTemplates: followers.size > 1,
	}
}

function columnGroups(sections: JourneyTemplateOutline['sections'], lengthDays: number): ColumnGroup[] {
	const groups: ColumnGroup[] = []
	let next = 1
	for (const section of sections) {
		if (section.firstDay > lengthDays) break
		if (section.firstDay > next) groups.push({ name: null, firstDay: next, lastDay: section.firstDay - 1 })
		const lastDay = Math.min(section.lastDay, lengthDays)
		groups.push({ name: section.name, firstDay: section.firstDay, lastDay })
		next = lastDay + 1
	}
	if (next <= lengthDays) groups.push({ name: null, firstDay: next, lastDay: lengthDays })
	return groups
}

/** The day a row's circle is on today (running, or paused on it), or null. */
export function todayOf(status: JourneyStatus | null): number | null {
	if (status?.status === 'running' || status?.status === 'paused') return status.day
	return null
}

/** What a row's first cell says of where the circle's journey stands. */
export function statusLabel(status: JourneyStatus | null): string {
	if (!status) return 'No journey yet'
	switch (status.status) {
		case 'upcoming':
			return status.startsInDays === 1 ? 'Starts tomorrow' : `Starts in ${status.startsInDays} days`
		case 'running':
			return `Day ${status.day}`
		case 'paused':
			return `Paused on day ${status.day}`
		case 'completed':
			return 'Completed'
	}
}

/** A row's days by day number. */
export function daysByNumber(days: JourneyDayEntry[]): Map<number, JourneyItem[]> {
	return new Map(days.map((entry) => [entry.day, entry.items]))
}

/** The snapshot whose thumbnail stands for an item, or null (the item gets a placeholder tile). */
export function thumbnailOf(item: JourneyItem): string | null {
	switch (item.kind) {
		case 'board':
			return item.thumbnailSnapshotId
		case 'session':
			return item.snapshot?.hasThumbnail ? item.snapshot.id : null
		case 'snapshot':
			return item.hasThumbnail ? item.id : null
		case 'notShared':
			return null
	}
}

/** "2 boards, 1 session, not shared": what a cell holds, for its accessible name. */
export function itemsSummary(items: readonly JourneyItem[]): string {
	const counts = { board: 0, session: 0, snapshot: 0 }
	let notShared = false
	for (const item of items) {
		if (item.kind === 'notShared') notShared = true
		else counts[item.kind] += 1
	}
	const parts: string[] = []
	if (counts.board) parts.push(plural(counts.board, 'board'))
	if (counts.session) parts.push(plural(counts.session, 'session'))
	if (counts.snapshot) parts.push(plural(counts.snapshot, 'snapshot'))
	if (notShared) parts.push(parts.length ? 'more not shared' : 'not shared')
	return parts.length ? parts.join(', ') : 'nothing'
}

function plural(count: number, noun: string): string {
	return `${count} ${noun}${count === 1 ? '' : 's'}`
}

/** The accessible name of one cell: "Circle A, day 12 (today, action day): 2 boards". */
export function cellLabel(
	circleName: string,
	day: number,
	items: readonly JourneyItem[],
	marks: { today: boolean; actionDay: boolean },
): string {
	const notes = [marks.today && 'today', marks.actionDay && 'action day'].filter(Boolean)
	return `${circleName}, day ${day}${notes.length ? ` (${notes.join(', ')})` : ''}: ${itemsSummary(items)}`
}

/**
 * The cell a key moves to from (row, column) in a grid of `rows` × `columns`, or null for a key
 * the grid does not handle. Home/End go along the row; Ctrl+Home/End to the corners.
 */
export function moveCell(
	key: string,
	at: { row: number; column: number },
	size: { rows: number; columns: number },
	ctrl = false,
): { row: number; column: number } | null {
	const clamp = (value: number, max: number) => Math.min(Math.max(value, 0), max - 1)
	switch (key) {
		case 'ArrowLeft':
			return { row: at.row, column: clamp(at.column - 1, size.columns) }
		case 'ArrowRight':
			return { row: at.row, column: clamp(at.column + 1, size.columns) }
		case 'ArrowUp':
			return { row: clamp(at.row - 1, size.rows), column: at.column }
		case 'ArrowDown':
			return { row: clamp(at.row + 1, size.rows), column: at.column }
		case 'PageUp':
			return { row: at.row, column: clamp(at.column - 10, size.columns) }
		case 'PageDown':
			return { row: at.row, column: clamp(at.column + 10, size.columns) }
		case 'Home':
			return ctrl ? { row: 0, column: 0 } : { row: at.row, column: 0 }
		case 'End':
			return ctrl
				? { row: size.rows - 1, column: size.columns - 1 }
				: { row: at.row, column: size.columns - 1 }
		default:
			return null
	}
}

/** The circles to compare by default on a day: those with anything on it (shared or not). */
export function circlesWithSomethingOn(view: ParallelJourneys, day: number): string[] {
	return view.rows.filter((row) => row.days.some((entry) => entry.day === day)).map((row) => row.circle.id)
}
