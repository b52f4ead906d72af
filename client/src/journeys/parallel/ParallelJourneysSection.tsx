import type { ParallelJourneys } from '@circlespace/shared'
import { type FormEvent, useMemo, useState } from 'react'
import { getParallelJourneys } from '../../api/journeys.ts'
import { navigate, tribeComparePath } from '../../app/router.ts'
import { Link } from '../../ui/Link.tsx'
import { Empty, LoadError, Loading } from '../../ui/States.tsx'
import { useResource } from '../../ui/useResource.ts'
import { templatesPath } from '../templates/owner.ts'
import { ParallelJourneysGrid } from './ParallelJourneysGrid.tsx'
import { gridColumns, todayOf } from './parallelGrid.ts'
import './parallel.css'

/**
 * The tribe page's "Parallel journeys": its circles side by side by day number, and a way to
 * compare one day of several circles. Only for those who may read the tribe's journeys.
 */
export function ParallelJourneysSection({ tribeId, manage }: { tribeId: string; manage: boolean }) {
	const [view, controls] = useResource((signal) => getParallelJourneys(tribeId, signal), [tribeId])
	return (
		<section aria-labelledby="tribe-journeys" className="cs-section cs-pj-section">
			<div className="cs-section-head">
				<h2 id="tribe-journeys">Parallel journeys</h2>
				<Link href={templatesPath({ kind: 'tribe', tribeId })}>
					{manage ? 'Write journey templates' : 'Journey templates'}
				</Link>
				{view.status === 'ready' && hasJourney(view.data) && <CompareDayForm view={view.data} />}
			</div>
			{view.status === 'loading' && <Loading>Loading the journeys…</Loading>}
			{view.status === 'error' && (
				<LoadError what="The parallel journeys" error={view.error} onRetry={controls.reload} />
			)}
			{view.status === 'ready' && <ParallelJourneysBody view={view.data} manage={manage} />}
		</section>
	)
}

function hasJourney(view: ParallelJourneys): boolean {
	return view.rows.some((row) => row.journey !== null)
}

function ParallelJourneysBody({ view, manage }: { view: ParallelJourneys; manage: boolean }) {
	const columns = useMemo(() => gridColumns(view), [view])
	if (!hasJourney(view)) {
		return (
			<Empty>
				<p>No circle of this tribe has started a journey yet.</p>
				<p className="cs-muted">
					{manage
						? 'Write a journey template for the tribe; its circles’ facilitators then start it on their own dates, and their days line up here.'
						: 'Once circles start their journeys, their days line up here side by side.'}
				</p>
			</Empty>
		)
	}
	return (
		<>
			<p className="cs-section-intro cs-muted">
				Days are lined up by number, whatever date each circle started on.
				{columns.mixedTemplates &&
					' The circles follow different templates: sections are those of the most followed one.'}{' '}
				Arrow keys move between days, Home and End to the first and last; Enter opens one.
			</p>
			<ParallelJourneysGrid view={view} columns={columns} />
			<p className="cs-pj-legend cs-muted" aria-hidden="true">
				<span className="cs-pj-legend-today">Today</span> each circle’s today ·{' '}
				<span className="cs-pj-legend-action">◆</span> action day ·{' '}
				<span className="cs-pj-not-shared">Not shared</span> made that day, not shared with you
			</p>
		</>
	)
}

function CompareDayForm({ view }: { view: ParallelJourneys }) {
	const lengthDays = Math.max(1, ...view.templates.map((template) => template.lengthDays))
	const firstToday = view.rows.map((row) => todayOf(row.status)).find((day) => day !== null)
	const [day, setDay] = useState(String(firstToday ?? 1))
	const [error, setError] = useState<string | null>(null)

	function submit(event: FormEvent) {
		event.preventDefault()
		const number = Number(day)
		if (!Number.isInteger(number) || number < 1 || number > lengthDays) {
			setError(`Choose a day from 1 to ${lengthDays}.`)
			return
		}
		navigate(tribeComparePath(view.tribeId, number))
	}

	return (
		<form className="cs-pj-compare-form" onSubmit={submit} noValidate>
			<label htmlFor="cs-pj-compare-day">Compare day</label>
			<input
				id="cs-pj-compare-day"
				className="cs-pj-day-input"
				type="number"
				inputMode="numeric"
				min={1}
				max={lengthDays}
				value={day}
				aria-invalid={error ? true : undefined}
				aria-describedby={error ? 'cs-pj-compare-error' : undefined}
				onChange={(event) => {
					setDay(event.target.value)
					setError(null)
				}}
			/>
			<button type="submit" className="cs-button cs-button-small">
				Compare
			</button>
			{error && (
				<p id="cs-pj-compare-error" className="cs-error" role="alert">
					{error}
				</p>
			)}
		</form>
	)
}
