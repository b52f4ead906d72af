import {
	type CircleDetail,
	type CircleJourneyView,
	dateOfJourneyDay,
	type JourneyBoardItem,
	type JourneyItem,
	journeyDayInfo,
} from '@circlespace/shared'
import { useState } from 'react'
import { updateBoard } from '../../api/boards.ts'
import { getCircle } from '../../api/circles.ts'
import { messageOf } from '../../api/http.ts'
import { getCircleJourney } from '../../api/journeys.ts'
import { AppShell } from '../../app/AppShell.tsx'
import { NotFoundPage } from '../../app/NotFoundPage.tsx'
import { circlePath, journeyDayPath, tribeComparePath, tribePath } from '../../app/router.ts'
import { useAnnounce } from '../../ui/Announcer.tsx'
import { Breadcrumbs } from '../../ui/Breadcrumbs.tsx'
import { Dialog } from '../../ui/Dialog.tsx'
import { FormError } from '../../ui/Field.tsx'
import { Link } from '../../ui/Link.tsx'
import { PageHeading } from '../../ui/PageHeading.tsx'
import { Empty, LoadError, Loading } from '../../ui/States.tsx'
import { usePageTitle } from '../../ui/usePageTitle.ts'
import { isNotFound, useResource } from '../../ui/useResource.ts'
import { JourneyPrompt } from '../JourneyPrompt.tsx'
import { dayHeadline } from '../journeyText.ts'
import { DayBoards } from './DayBoards.tsx'
import { DayMoments } from './DayMoments.tsx'
import { calendarDateText, dayTiming } from './dayText.ts'
import { NewDayBoardForm } from './NewDayBoardForm.tsx'
import { PutBoardOnDayForm } from './PutBoardOnDayForm.tsx'
import '../journeys.css'
import './journeyDay.css'

/**
 * One day of a circle's journey: where it stands (today, past, upcoming), its prompt, and what
 * sits on it (boards, live sessions, snapshots), as the person may see them. Facilitators make
 * a new board on the day, put one of the circle's boards on it, or take one off. The circle and
 * its journey load once; moving to the previous or next day only shows another day of them.
 */
export function JourneyDayPage({ circleId, day }: { circleId: string; day: number }) {
	const [data, controls] = useResource(
		async (signal) => {
			const [circle, view] = await Promise.all([
				getCircle(circleId, signal),
				getCircleJourney(circleId, signal),
			])
			return { circle, view }
		},
		[circleId],
	)
	const lengthDays = data.status === 'ready' ? data.data.view.template?.template.lengthDays : undefined
	const beyond = lengthDays !== undefined && day > lengthDays
	usePageTitle(
		data.status === 'ready' && !beyond
			? `Day ${day} · ${data.data.circle.name}`
			: isNotFound(data) || beyond
				? 'No such circle or day'
				: `Day ${day}`,
	)

	if (data.status === 'loading') {
		return (
			<AppShell>
				<Loading>Loading day {day}…</Loading>
			</AppShell>
		)
	}
	if (data.status === 'error') {
		if (isNotFound(data)) {
			return (
				<NotFoundPage title="No such circle or day">
					<p>This circle does not exist, or you cannot see its journey.</p>
				</NotFoundPage>
			)
		}
		return (
			<AppShell>
				<PageHeading>Day {day}</PageHeading>
				<LoadError what="This day of the journey" error={data.error} onRetry={controls.reload} />
			</AppShell>
		)
	}
	const { circle, view } = data.data
	if (beyond) {
		return (
			<NotFoundPage title="No such circle or day">
				<p>
					The journey of <Link href={circlePath(circle.id)}>{circle.name}</Link> has {lengthDays} days, so it
					has no day {day}.{' '}
					<Link href={journeyDayPath(circle.id, lengthDays)}>Go to its last day, day {lengthDays}</Link>.
				</p>
			</NotFoundPage>
		)
	}
	// Keyed by day: each day is a page of its own, whose heading takes focus when it appears.
	return <JourneyDayView key={day} circle={circle} view={view} day={day} onChanged={controls.reload} />
}

type Adding = 'new' | 'existing' | null

function JourneyDayView({
	circle,
	view,
	day,
	onChanged,
}: {
	circle: CircleDetail
	view: CircleJourneyView
	day: number
	onChanged: () => void
}) {
	const announce = useAnnounce()
	const [adding, setAdding] = useState<Adding>(null)
	const [busyId, setBusyId] = useState<string | null>(null)
	const [actionError, setActionError] = useState<string | null>(null)
	const manage = view.can.edit || circle.can.manage
	const template = view.journey && view.status ? view.template : null

	const breadcrumbs = (
		<Breadcrumbs
			trail={[
				{ href: '/', label: 'Home' },
				{ href: tribePath(circle.tribeId), label: circle.tribeName },
				{ href: circlePath(circle.id), label: circle.name },
			]}
			current={`Day ${day}`}
		/>
	)

	if (!template || !view.journey || !view.status) {
		return (
			<AppShell>
				{breadcrumbs}
				<p className="cs-eyebrow">Journey</p>
				<PageHeading>Day {day}</PageHeading>
				<Empty>
					<p>{circle.name} has not started a journey yet, so it has no days to show.</p>
					<p className="cs-muted">
						{manage
							? 'Start one on the circle page, from one of the tribe’s journey templates.'
							: 'The circle’s facilitators start its journey.'}{' '}
						<Link href={circlePath(circle.id)}>Back to {circle.name}</Link>
					</p>
				</Empty>
			</AppShell>
		)
	}

	const { lengthDays } = template.template
	const info = journeyDayInfo(template.template, day)
	const timing = dayTiming(view.status, day)
	const date = dateOfJourneyDay(view.journey, day)
	const items: JourneyItem[] = view.days.find((entry) => entry.day === day)?.items ?? []
	const boards = items.filter((item): item is JourneyBoardItem => item.kind === 'board')
	const moments = items.filter((item) => item.kind === 'session' || item.kind === 'snapshot')
	const notShared = items.some((item) => item.kind === 'notShared')

	async function takeOff(board: JourneyBoardItem) {
		setBusyId(board.id)
		setActionError(null)
		try {
			await updateBoard(board.id, { journeyDay: null })
			onChanged()
			announce(`${board.title} is no longer on day ${day}.`)
		} catch (caught) {
			setActionError(`${board.title}: ${messageOf(caught)}`)
		} finally {
			setBusyId(null)
		}
	}

	function added(title: string) {
		setAdding(null)
		onChanged()
		announce(`${title} is on day ${day}.`)
	}

	return (
		<AppShell>
			{breadcrumbs}
			<div className="cs-title-row">
				<div>
					<p className="cs-eyebrow">{template.template.name}</p>
					<PageHeading>{dayHeadline(day, lengthDays, info.section?.name)}</PageHeading>
					<div className="cs-badges">
						<span className={`cs-badge cs-day-when cs-day-when-${timing.when}`}>{timing.label}</span>
						{info.actionDay && <span className="cs-badge cs-badge-warning">Action day</span>}
						{date && (
							<time className="cs-muted" dateTime={date}>
								{calendarDateText(date)}
							</time>
						)}
					</div>
					{timing.detail && <p className="cs-muted cs-day-detail">{timing.detail}</p>}
				</div>
				<DayNav circle={circle} day={day} lengthDays={lengthDays} />
			</div>

			<section className="cs-section" aria-labelledby="day-prompt">
				<h2 id="day-prompt">Prompt</h2>
				{info.prompt ? (
					<div className="cs-day-prompt">
						<JourneyPrompt prompt={info.prompt} />
					</div>
				) : (
					<Empty>
						<p>No prompt for this day.</p>
						<p className="cs-muted">The journey template leaves it open.</p>
					</Empty>
				)}
			</section>

			<section className="cs-section" aria-labelledby="day-boards">
				<div className="cs-section-head">
					<h2 id="day-boards">Boards</h2>
					{manage && (
						<div className="cs-title-actions">
							<button type="button" className="cs-button cs-button-primary" onClick={() => setAdding('new')}>
								New board on this day
							</button>
							<button type="button" className="cs-button" onClick={() => setAdding('existing')}>
								Put a board on this day
							</button>
						</div>
					)}
				</div>
				<FormError message={actionError} />
				<DayBoards
					boards={boards}
					notShared={notShared}
					manage={manage}
					busyId={busyId}
					onTakeOff={takeOff}
					emptyHint={
						manage
							? 'Make a new one for this day, or put one of the circle’s boards on it.'
							: 'The circle’s facilitators put boards on the days of its journey.'
					}
				/>
			</section>

			<section className="cs-section" aria-labelledby="day-moments">
				<h2 id="day-moments">Sessions and snapshots</h2>
				<DayMoments items={moments} />
			</section>

			{adding === 'new' && (
				<Dialog title={`New board on day ${day}`} onClose={() => setAdding(null)} wide>
					<NewDayBoardForm
						circleId={circle.id}
						tribeId={circle.tribeId}
						day={day}
						prompt={info.prompt}
						onCancel={() => setAdding(null)}
						onCreated={(board) => added(board.title)}
					/>
				</Dialog>
			)}
			{adding === 'existing' && (
				<Dialog title={`Put a board on day ${day}`} onClose={() => setAdding(null)}>
					<PutBoardOnDayForm
						circleId={circle.id}
						day={day}
						onCancel={() => setAdding(null)}
						onPut={(board) => added(board.title)}
					/>
				</Dialog>
			)}
		</AppShell>
	)
}

/** Links to the day before and after (within the journey), and to the tribe's circles on this day. */
function DayNav({ circle, day, lengthDays }: { circle: CircleDetail; day: number; lengthDays: number }) {
	return (
		<nav className="cs-title-actions cs-day-nav" aria-label="Other days">
			{day > 1 && (
				<Link
					className="cs-button cs-button-small"
					href={journeyDayPath(circle.id, day - 1)}
					aria-label={`Previous day, day ${day - 1}`}
				>
					<span aria-hidden="true">← </span>Day {day - 1}
				</Link>
			)}
			{day < lengthDays && (
				<Link
					className="cs-button cs-button-small"
					href={journeyDayPath(circle.id, day + 1)}
					aria-label={`Next day, day ${day + 1}`}
				>
					Day {day + 1}
					<span aria-hidden="true"> →</span>
				</Link>
			)}
			<Link
				className="cs-button cs-button-small cs-button-quiet"
				href={tribeComparePath(circle.tribeId, day)}
			>
				Compare with other circles
			</Link>
		</nav>
	)
}
