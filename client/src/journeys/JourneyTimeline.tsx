import type { JourneyDayEntry, JourneyTemplateDetail } from '@circlespace/shared'
import { type KeyboardEvent, useEffect, useMemo, useRef, useState } from 'react'
import { journeyDayPath, navigate } from '../app/router.ts'
import { itemLabel, thumbnailOf } from './items.ts'
import { JourneyThumbnail } from './JourneyThumbnail.tsx'
import { dayForKey, dayGroups } from './journeyText.ts'
import './journeys.css'

/** At most this many thumbnails per day on the timeline; the rest are counted ("+3"). */
const THUMBNAILS_PER_DAY = 3

/**
 * A circle's journey as a timeline: the days in their sections (each a labelled group), action
 * days and today marked, each day with small thumbnails of what is on it. One tab stop: the
 * arrow keys move between days (Home/End, PageUp/PageDown by section), Enter opens the day.
 * Today is scrolled into view when it opens.
 */
export function JourneyTimeline({
	circleId,
	template,
	days,
	today,
}: {
	circleId: string
	template: JourneyTemplateDetail
	days: JourneyDayEntry[]
	today: number | null
}) {
	const { lengthDays, actionDays } = template.template
	const groups = useMemo(() => dayGroups(template.template), [template.template])
	const byDay = useMemo(() => new Map(days.map((entry) => [entry.day, entry.items])), [days])
	const actions = useMemo(() => new Set(actionDays), [actionDays])
	const [focusDay, setFocusDay] = useState(() => Math.min(Math.max(today ?? 1, 1), lengthDays))
	const listRef = useRef<HTMLFieldSetElement>(null)

	// biome-ignore lint/correctness/useExhaustiveDependencies: only when the timeline opens
	useEffect(() => {
		const element = listRef.current?.querySelector<HTMLElement>(`[data-day="${focusDay}"]`)
		element?.scrollIntoView({ block: 'nearest', inline: 'center' })
	}, [])

	function moveTo(day: number) {
		setFocusDay(day)
		const element = listRef.current?.querySelector<HTMLElement>(`[data-day="${day}"]`)
		element?.focus()
		element?.scrollIntoView({ block: 'nearest', inline: 'nearest' })
	}

	function onKeyDown(event: KeyboardEvent<HTMLFieldSetElement>) {
		if (event.key === 'Enter' || event.key === ' ') {
			event.preventDefault()
			navigate(journeyDayPath(circleId, focusDay))
			return
		}
		const next = dayForKey(event.key, focusDay, lengthDays, groups)
		if (next === null) return
		event.preventDefault()
		moveTo(next)
	}

	return (
		<fieldset
			ref={listRef}
			className="cs-timeline"
			aria-label="Journey timeline: arrow keys move between days, Page Up and Page Down between sections, Enter opens a day"
			onKeyDown={onKeyDown}
		>
			{groups.map((group) => (
				<section
					key={group.firstDay}
					className={group.name ? 'cs-timeline-group' : 'cs-timeline-group cs-timeline-group-none'}
					aria-label={
						group.name
							? `${group.name}, days ${group.firstDay} to ${group.lastDay}`
							: `Days ${group.firstDay} to ${group.lastDay}`
					}
				>
					<p className="cs-timeline-group-name" aria-hidden="true">
						{group.name ?? '\u00a0'}
						<span className="cs-timeline-group-days">
							{group.firstDay}–{group.lastDay}
						</span>
					</p>
					<ol className="cs-timeline-days">
						{range(group.firstDay, group.lastDay).map((day) => {
							const items = byDay.get(day) ?? []
							const isToday = day === today
							const isAction = actions.has(day)
							const shown = items.slice(0, THUMBNAILS_PER_DAY)
							const more = items.length - shown.length
							const notShared = items.some((item) => item.kind === 'notShared')
							const label = [
								`Day ${day}`,
								isToday ? 'today' : null,
								isAction ? 'action day' : null,
								items.length === 0 ? 'nothing yet' : items.map(itemLabel).join(', '),
							]
								.filter(Boolean)
								.join(', ')
							return (
								<li key={day} className="cs-timeline-day-slot">
									<a
										href={journeyDayPath(circleId, day)}
										data-day={day}
										tabIndex={day === focusDay ? 0 : -1}
										aria-label={label}
										aria-current={isToday ? 'date' : undefined}
										className={[
											'cs-timeline-day',
											isToday && 'cs-timeline-today',
											isAction && 'cs-timeline-action',
											items.length > 0 && 'cs-timeline-filled',
										]
											.filter(Boolean)
											.join(' ')}
										onFocus={() => setFocusDay(day)}
										onClick={(event) => {
											if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return
											event.preventDefault()
											navigate(journeyDayPath(circleId, day))
										}}
									>
										<span className="cs-timeline-day-number" aria-hidden="true">
											{day}
										</span>
										{isToday && (
											<span className="cs-timeline-tag cs-timeline-tag-today" aria-hidden="true">
												Today
											</span>
										)}
										{isAction && !isToday && (
											<span className="cs-timeline-tag" aria-hidden="true">
												Action
											</span>
										)}
										<span className="cs-timeline-thumbs" aria-hidden="true">
											{shown.map((item) =>
												item.kind === 'notShared' ? (
													<span
														key="not-shared"
														className="cs-journey-thumb cs-not-shared"
														title="Not shared"
													>
														–
													</span>
												) : (
													<JourneyThumbnail key={`${item.kind}-${item.id}`} snapshotId={thumbnailOf(item)} />
												),
											)}
											{more > 0 && <span className="cs-timeline-more">+{more}</span>}
										</span>
										{notShared && shown.every((item) => item.kind !== 'notShared') && (
											<span className="cs-visually-hidden">Not shared</span>
										)}
									</a>
								</li>
							)
						})}
					</ol>
				</section>
			))}
		</fieldset>
	)
}

function range(first: number, last: number): number[] {
	return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}
