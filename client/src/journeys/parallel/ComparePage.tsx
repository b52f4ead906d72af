import type { JourneyItem, ParallelJourneyRow, ParallelJourneys, TribeDetail } from '@circlespace/shared'
import { getParallelJourneys } from '../../api/journeys.ts'
import { snapshotThumbnailUrl } from '../../api/snapshots.ts'
import { getTribe } from '../../api/tribes.ts'
import { AppShell } from '../../app/AppShell.tsx'
import { NotFoundPage } from '../../app/NotFoundPage.tsx'
import {
	boardPath,
	journeyDayPath,
	navigate,
	snapshotPath,
	tribeComparePath,
	tribePath,
} from '../../app/router.ts'
import { Breadcrumbs } from '../../ui/Breadcrumbs.tsx'
import { Link } from '../../ui/Link.tsx'
import { PageHeading } from '../../ui/PageHeading.tsx'
import { Empty, LoadError, Loading } from '../../ui/States.tsx'
import { usePageTitle } from '../../ui/usePageTitle.ts'
import { isNotFound, useResource } from '../../ui/useResource.ts'
import { circlesWithSomethingOn, statusLabel } from './parallelGrid.ts'
import './parallel.css'

/**
 * "Compare day N": what several circles of a tribe made on the same journey day, side by side,
 * one column per circle. Boards show large thumbnails and open on their own page, read-only for
 * those who may only view them; what the person may not view shows as "Not shared", nothing more.
 */
export function ComparePage({
	tribeId,
	day,
	circleIds,
}: {
	tribeId: string
	day: number
	circleIds: string[] | null
}) {
	const [data, controls] = useResource(
		async (signal) => {
			const [tribe, view] = await Promise.all([
				getTribe(tribeId, signal),
				getParallelJourneys(tribeId, signal),
			])
			return { tribe, view }
		},
		[tribeId],
	)
	usePageTitle(
		data.status === 'ready'
			? `Day ${day} · ${data.data.tribe.name}`
			: isNotFound(data)
				? 'Tribe not found'
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
				<NotFoundPage title="Tribe not found">
					<p>This tribe does not exist, or you are not one of its members.</p>
				</NotFoundPage>
			)
		}
		return (
			<AppShell>
				<PageHeading>Compare day {day}</PageHeading>
				<LoadError what="The journeys" error={data.error} onRetry={controls.reload} />
			</AppShell>
		)
	}
	return <CompareView tribe={data.data.tribe} view={data.data.view} day={day} circleIds={circleIds} />
}

function CompareView({
	tribe,
	view,
	day,
	circleIds,
}: {
	tribe: TribeDetail
	view: ParallelJourneys
	day: number
	circleIds: string[] | null
}) {
	const lengthDays = Math.max(0, ...view.templates.map((template) => template.lengthDays))
	const withJourney = view.rows.filter((row) => row.journey !== null)
	const chosen = new Set(circleIds ?? circlesWithSomethingOn(view, day))
	const shown = withJourney.filter((row) => chosen.has(row.circle.id))

	function toggle(circleId: string, on: boolean) {
		const next = withJourney
			.map((row) => row.circle.id)
			.filter((id) => (id === circleId ? on : chosen.has(id)))
		navigate(tribeComparePath(tribe.id, day, next), { replace: true })
	}

	return (
		<AppShell>
			<Breadcrumbs
				trail={[
					{ href: '/', label: 'Home' },
					{ href: tribePath(tribe.id), label: tribe.name },
				]}
				current={`Compare day ${day}`}
			/>
			<div className="cs-title-row">
				<div>
					<p className="cs-eyebrow">Parallel journeys</p>
					<PageHeading>Compare day {day}</PageHeading>
				</div>
				<nav className="cs-title-actions" aria-label="Other days">
					{day > 1 && (
						<Link className="cs-button cs-button-small" href={tribeComparePath(tribe.id, day - 1)}>
							Day {day - 1}
						</Link>
					)}
					{day < lengthDays && (
						<Link className="cs-button cs-button-small" href={tribeComparePath(tribe.id, day + 1)}>
							Day {day + 1}
						</Link>
					)}
				</nav>
			</div>
			{day > lengthDays ? (
				<Empty>
					<p>
						{lengthDays === 0
							? 'No circle of this tribe has started a journey yet.'
							: `The journeys of this tribe have ${lengthDays} days.`}
					</p>
				</Empty>
			) : (
				<>
					<fieldset className="cs-fieldset cs-pj-compare-circles">
						<legend>Circles to compare</legend>
						<div className="cs-pj-compare-choices">
							{withJourney.map((row) => (
								<label key={row.circle.id} className="cs-pj-choice">
									<input
										type="checkbox"
										checked={chosen.has(row.circle.id)}
										onChange={(event) => toggle(row.circle.id, event.target.checked)}
									/>
									{row.circle.name}
								</label>
							))}
						</div>
					</fieldset>
					{shown.length === 0 ? (
						<Empty>
							<p>
								{circleIds === null
									? `No circle has anything on day ${day}.`
									: 'Choose the circles to compare.'}
							</p>
						</Empty>
					) : (
						<div className="cs-pj-compare">
							{shown.map((row) => (
								<CompareColumn key={row.circle.id} row={row} day={day} />
							))}
						</div>
					)}
				</>
			)}
		</AppShell>
	)
}

function CompareColumn({ row, day }: { row: ParallelJourneyRow; day: number }) {
	const items = row.days.find((entry) => entry.day === day)?.items ?? []
	const boards = items.filter((item) => item.kind === 'board')
	const others = items.filter((item) => item.kind === 'session' || item.kind === 'snapshot')
	const notShared = items.some((item) => item.kind === 'notShared')
	const headingId = `cs-pj-col-${row.circle.id}`
	return (
		<section className="cs-pj-compare-column" aria-labelledby={headingId}>
			<h2 id={headingId} className="cs-pj-compare-title">
				{row.circle.name}
			</h2>
			<p className="cs-muted cs-pj-compare-status">
				{statusLabel(row.status)} ·{' '}
				<Link href={journeyDayPath(row.circle.id, day)}>Day {day} of this circle</Link>
			</p>
			{items.length === 0 && <p className="cs-muted">Nothing on day {day}.</p>}
			<ul className="cs-pj-compare-list">
				{boards.map((board) => (
					<li key={board.id} className="cs-pj-compare-board">
						<BoardPreview item={board} />
					</li>
				))}
				{others.map((item) => (
					<li key={item.id} className="cs-pj-compare-other">
						<OtherItem item={item} />
					</li>
				))}
				{notShared && (
					<li className="cs-pj-compare-not-shared">
						<span className="cs-pj-not-shared">Not shared</span>
						<span className="cs-muted">
							{row.circle.name} made something on this day that is not shared with you.
						</span>
					</li>
				)}
			</ul>
		</section>
	)
}

function BoardPreview({ item }: { item: Extract<JourneyItem, { kind: 'board' }> }) {
	return (
		<>
			{item.thumbnailSnapshotId ? (
				<img
					className="cs-pj-compare-thumb"
					src={snapshotThumbnailUrl(item.thumbnailSnapshotId)}
					alt={`The latest snapshot of ${item.title}`}
					loading="lazy"
				/>
			) : (
				<div className="cs-pj-compare-thumb cs-pj-tile">
					<span className="cs-muted">No snapshot yet</span>
				</div>
			)}
			<div className="cs-pj-compare-caption">
				<span className="cs-pj-compare-board-title">{item.title}</span>
				{item.access === 'view' && <span className="cs-badge cs-badge-quiet">View only</span>}
				<Link
					className="cs-button cs-button-small"
					href={boardPath(item.id)}
					aria-label={`Open ${item.title}${item.access === 'view' ? ' (view only)' : ''}`}
				>
					Open
				</Link>
			</div>
		</>
	)
}

function OtherItem({ item }: { item: Extract<JourneyItem, { kind: 'session' | 'snapshot' }> }) {
	if (item.kind === 'session') {
		return (
			<>
				<span>
					Session “{item.title}” on {item.boardTitle}
				</span>
				{item.snapshot && <Link href={snapshotPath(item.boardId, item.snapshot.id)}>What it made</Link>}
			</>
		)
	}
	return (
		<>
			<span>
				Snapshot “{item.title}” of {item.boardTitle}
			</span>
			<Link href={snapshotPath(item.boardId, item.id)}>View</Link>
		</>
	)
}
