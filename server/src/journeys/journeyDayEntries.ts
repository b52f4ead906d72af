import {
	boardPermissions,
	type CircleRelation,
	type JourneyBoardItem,
	type JourneyDayEntry,
	type JourneyItem,
	type JourneySchedule,
	journeyDayOnDate,
	LocalDates,
} from '@circlespace/shared'
import type { BoardRecord, MadeInCircles } from '../storage/Storage.ts'

/** One circle whose days are wanted, with the asking person's relation to it. */
export interface CircleOnJourney {
	circleId: string
	relation: CircleRelation
	/** Undefined when the circle has no journey (it then has no days). */
	schedule: JourneySchedule | undefined
	lengthDays: number
}

interface DayBuilder {
	visible: JourneyItem[]
	hidden: boolean
}

/**
 * What each circle made on each day of its journey, as one person may see it: boards on their
 * stored day, live sessions on the day they began and hand-taken snapshots on the day they were
 * taken (both in the circle's time zone). Whatever the person may not view is reduced to one
 * `notShared` marker on its day, which says nothing about what, or how many, it hides.
 * Session-end snapshots travel with their session; `before_restore` copies are not shown.
 */
export function journeyDayEntries(
	made: MadeInCircles,
	circles: CircleOnJourney[],
): Map<string, JourneyDayEntry[]> {
	const byCircle = new Map(circles.map((c) => [c.circleId, c]))
	const days = new Map<string, Map<number, DayBuilder>>()
	const boards = new Map<
		string,
		{ board: BoardRecord; circle: CircleOnJourney; view: boolean; access: 'view' | 'edit' }
	>()
	for (const board of made.boards) {
		const circle = board.circleId === null ? undefined : byCircle.get(board.circleId)
		if (!circle) continue
		const can = boardPermissions(circle.relation, {
			visibility: board.visibility,
			archived: board.archivedAt !== null,
			deleted: false,
		})
		boards.set(board.id, { board, circle, view: can.view, access: can.edit ? 'edit' : 'view' })
	}

	const dayOf = (circle: CircleOnJourney, day: number | null): DayBuilder | undefined => {
		if (!circle.schedule || day === null || day < 1 || day > circle.lengthDays) return undefined
		let ofCircle = days.get(circle.circleId)
		if (!ofCircle) {
			ofCircle = new Map()
			days.set(circle.circleId, ofCircle)
		}
		let entry = ofCircle.get(day)
		if (!entry) {
			entry = { visible: [], hidden: false }
			ofCircle.set(day, entry)
		}
		return entry
	}
	// Intl is the slow part of a day number: one LocalDates per zone asks it about days, not instants.
	const zones = new Map<string, LocalDates>()
	const dayAt = (circle: CircleOnJourney, iso: string) => {
		const { schedule } = circle
		if (!schedule) return null
		let dates = zones.get(schedule.timeZone)
		if (!dates) {
			dates = new LocalDates(schedule.timeZone)
			zones.set(schedule.timeZone, dates)
		}
		return journeyDayOnDate(schedule, dates.dateOf(new Date(iso))).day
	}

	// The newest snapshot with a thumbnail stands for its board (snapshots come oldest first).
	const thumbnails = new Map<string, string>()
	for (const snapshot of made.snapshots)
		if (snapshot.hasThumbnail) thumbnails.set(snapshot.boardId, snapshot.id)

	const boardItems: Array<[DayBuilder, JourneyBoardItem]> = []
	for (const { board, circle, view, access } of boards.values()) {
		const entry = dayOf(circle, board.journeyDay)
		if (!entry) continue
		if (!view) {
			entry.hidden = true
			continue
		}
		boardItems.push([
			entry,
			{
				kind: 'board',
				id: board.id,
				title: board.title,
				visibility: board.visibility,
				archived: board.archivedAt !== null,
				access,
				thumbnailSnapshotId: thumbnails.get(board.id) ?? null,
			},
		])
	}
	boardItems.sort(([, a], [, b]) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
	for (const [entry, item] of boardItems) entry.visible.push(item)

	// Sessions and snapshots are merged by time so that a day reads in the order things happened.
	const timed: Array<{ at: string; circle: CircleOnJourney; view: boolean; item: JourneyItem }> = []
	for (const session of made.sessions) {
		const board = boards.get(session.boardId)
		if (!board) continue
		timed.push({
			at: session.startedAt,
			circle: board.circle,
			view: board.view,
			item: {
				kind: 'session',
				id: session.id,
				boardId: session.boardId,
				boardTitle: board.board.title,
				title: session.title,
				startedAt: session.startedAt,
				endedAt: session.endedAt,
				snapshot: session.snapshot,
			},
		})
	}
	for (const snapshot of made.snapshots) {
		const board = boards.get(snapshot.boardId)
		if (!board || snapshot.kind !== 'manual') continue
		timed.push({
			at: snapshot.createdAt,
			circle: board.circle,
			view: board.view,
			item: {
				kind: 'snapshot',
				id: snapshot.id,
				boardId: snapshot.boardId,
				boardTitle: board.board.title,
				title: snapshot.title,
				createdAt: snapshot.createdAt,
				hasThumbnail: snapshot.hasThumbnail,
			},
		})
	}
	// Timestamps are all written by toISOString (same length, UTC), so they sort as strings.
	timed.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
	for (const { at, circle, view, item } of timed) {
		const entry = dayOf(circle, dayAt(circle, at))
		if (!entry) continue
		if (view) entry.visible.push(item)
		else entry.hidden = true
	}

	const result = new Map<string, JourneyDayEntry[]>()
	for (const circle of circles) {
		const ofCircle = days.get(circle.circleId)
		const entries: JourneyDayEntry[] = ofCircle
			? [...ofCircle.entries()]
					.sort(([a], [b]) => a - b)
					.map(([day, { visible, hidden }]) => ({
						day,
						items: hidden ? [...visible, { kind: 'notShared' as const, notShared: true as const }] : visible,
					}))
			: []
		result.set(circle.circleId, entries)
	}
	return result
}
