import type { CircleDetail, CircleJourneyView } from '@circlespace/shared'
import { useState } from 'react'
import { messageOf } from '../api/http.ts'
import { deleteCircleJourney, getCircleJourney, putCircleJourney } from '../api/journeys.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError } from '../ui/Field.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useReloadOn, useResource } from '../ui/useResource.ts'
import { JourneyPrompt } from './JourneyPrompt.tsx'
import { JourneyScheduleForm } from './JourneyScheduleForm.tsx'
import { JourneyTimeline } from './JourneyTimeline.tsx'
import { journeyHeadline, todayOf } from './journeyText.ts'
import './journeys.css'

/**
 * The circle's journey on its page: where it stands ("Day 23 of 100 · Listening") with today's
 * prompt, the timeline of its days, and for facilitators start, reschedule, pause, resume, end.
 */
export function JourneySection({
	circle,
	version = 0,
	onChanged,
}: {
	circle: CircleDetail
	/** Raised by the page when boards changed (a board put on a day shows on the timeline). */
	version?: number
	/** Told when the journey was started, rescheduled, paused, resumed or ended here. */
	onChanged?: () => void
}) {
	const announce = useAnnounce()
	const [journey, controls] = useResource((signal) => getCircleJourney(circle.id, signal), [circle.id])
	useReloadOn(version, controls.reload)
	const [scheduling, setScheduling] = useState(false)
	const [ending, setEnding] = useState(false)
	const [busy, setBusy] = useState(false)
	const [error, setError] = useState<string | null>(null)

	async function setPaused(view: CircleJourneyView, paused: boolean) {
		if (!view.journey) return
		setBusy(true)
		setError(null)
		try {
			const { templateId, startDate, timeZone } = view.journey
			controls.set(await putCircleJourney(circle.id, { templateId, startDate, timeZone, paused }))
			onChanged?.()
			announce(paused ? 'The journey is paused.' : 'The journey goes on.')
		} catch (caught) {
			setError(messageOf(caught))
		} finally {
			setBusy(false)
		}
	}

	return (
		<section className="cs-section cs-journey" aria-labelledby="circle-journey">
			<h2 id="circle-journey">Journey</h2>
			{journey.status === 'loading' && <Loading>Loading the journey…</Loading>}
			{journey.status === 'error' && (
				<LoadError what="The journey" error={journey.error} onRetry={controls.reload} />
			)}
			{journey.status === 'ready' && (
				<>
					<FormError message={error} />
					{journey.data.status && journey.data.template ? (
						<>
							<p className="cs-journey-headline">{journeyHeadline(journey.data.status)}</p>
							<p className="cs-muted">{journey.data.template.template.name}</p>
							{(journey.data.status.status === 'running' || journey.data.status.status === 'paused') &&
								journey.data.status.prompt && <JourneyPrompt prompt={journey.data.status.prompt} />}
							<JourneyTimeline
								circleId={circle.id}
								template={journey.data.template}
								days={journey.data.days}
								today={todayOf(journey.data.status)}
							/>
						</>
					) : (
						<Empty>
							<p>This circle has not started a journey yet.</p>
							<p className="cs-muted">
								{journey.data.can.edit
									? 'Start one from a journey template of the tribe: its days, sections and prompts.'
									: "The circle's facilitators start its journey."}
							</p>
						</Empty>
					)}
					{journey.data.can.edit && (
						<div className="cs-title-actions">
							<button type="button" className="cs-button" onClick={() => setScheduling(true)}>
								{journey.data.journey ? 'Reschedule' : 'Start journey'}
							</button>
							{journey.data.status?.status === 'running' && (
								<button
									type="button"
									className="cs-button"
									disabled={busy}
									onClick={() => setPaused(journey.data, true)}
								>
									Pause
								</button>
							)}
							{journey.data.status?.status === 'paused' && (
								<button
									type="button"
									className="cs-button"
									disabled={busy}
									onClick={() => setPaused(journey.data, false)}
								>
									Resume
								</button>
							)}
							{journey.data.journey && (
								<button
									type="button"
									className="cs-button cs-button-danger-quiet"
									onClick={() => setEnding(true)}
								>
									End journey
								</button>
							)}
						</div>
					)}
					{scheduling && (
						<Dialog
							title={journey.data.journey ? 'Reschedule the journey' : 'Start a journey'}
							onClose={() => setScheduling(false)}
						>
							<JourneyScheduleForm
								circleId={circle.id}
								tribeId={circle.tribeId}
								current={journey.data.journey}
								onCancel={() => setScheduling(false)}
								onSubmit={async (schedule) => {
									const paused = journey.data.journey?.state === 'paused'
									controls.set(await putCircleJourney(circle.id, { ...schedule, paused }))
									onChanged?.()
									setScheduling(false)
									announce('The journey is saved.')
								}}
							/>
						</Dialog>
					)}
					{ending && (
						<ConfirmDialog
							title="End this circle's journey?"
							confirmLabel="End journey"
							pendingLabel="Ending…"
							danger
							onClose={() => setEnding(false)}
							onConfirm={async () => {
								await deleteCircleJourney(circle.id)
								controls.reload()
								onChanged?.()
								announce('The journey has ended.')
							}}
						>
							<p>The circle will have no journey. Boards keep the day they were put on.</p>
						</ConfirmDialog>
					)}
				</>
			)}
		</section>
	)
}
