import type { CircleJourney, JourneyTemplateSummary } from '@circlespace/shared'
import { isCalendarDate, localDate } from '@circlespace/shared'
import { type FormEvent, useMemo, useState } from 'react'
import { circleTemplates, listJourneyTemplates, tribeTemplates } from '../api/journeys.ts'
import { FormError, SelectField, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { LoadError, Loading } from '../ui/States.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { useResource } from '../ui/useResource.ts'
import { browserTimeZone } from './journeyText.ts'

/** What the form sends: the template, day 1 and the zone days turn in. */
export interface JourneySchedule {
	templateId: string
	startDate: string
	timeZone: string
}

/**
 * Starts a journey (choose a template of the tribe or the circle's own, a start date and a time
 * zone, the browser's by default) or reschedules one (`current` given).
 */
export function JourneyScheduleForm({
	circleId,
	tribeId,
	current,
	onCancel,
	onSubmit,
}: {
	circleId: string
	tribeId: string
	current: CircleJourney | null
	onCancel: () => void
	onSubmit: (schedule: JourneySchedule) => Promise<void>
}) {
	const [templates, controls] = useResource(
		async (signal) => {
			const [tribe, circle] = await Promise.all([
				listJourneyTemplates(tribeTemplates(tribeId), signal),
				listJourneyTemplates(circleTemplates(circleId), signal),
			])
			return { tribe, circle }
		},
		[tribeId, circleId],
	)
	const initialZone = current?.timeZone ?? browserTimeZone()
	const [templateId, setTemplateId] = useState(current?.templateId ?? '')
	const [timeZone, setTimeZone] = useState(initialZone)
	const [startDate, setStartDate] = useState(current?.startDate ?? localDate(new Date(), initialZone))
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<
		'templateId' | 'startDate' | 'timeZone'
	>()
	const zones = useMemo(() => knownTimeZones(timeZone), [timeZone])

	const chosen = templateId || firstTemplate(templates.status === 'ready' ? templates.data : null)

	async function submit(event: FormEvent) {
		event.preventDefault()
		if (!chosen) {
			showErrors({ fields: { templateId: 'Choose a journey template.' }, form: null })
			return
		}
		if (!isCalendarDate(startDate)) {
			showErrors({ fields: { startDate: 'Give the date of day 1.' }, form: null })
			return
		}
		setPending(true)
		clearErrors()
		try {
			await onSubmit({ templateId: chosen, startDate, timeZone })
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['templateId', 'startDate', 'timeZone']))
			setPending(false)
		}
	}

	if (templates.status === 'loading') return <Loading>Loading the journey templates…</Loading>
	if (templates.status === 'error')
		return <LoadError what="The journey templates" error={templates.error} onRetry={controls.reload} />
	const { tribe, circle } = templates.data
	if (tribe.length === 0 && circle.length === 0) {
		return (
			<div className="cs-form">
				<p>
					This tribe has no journey template yet. Its stewards write one (or start from the example) on the
					tribe page; a circle's facilitators may also add the circle's own.
				</p>
				<div className="cs-form-actions">
					<button type="button" className="cs-button" onClick={onCancel}>
						Close
					</button>
				</div>
			</div>
		)
	}

	return (
		<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
			{current && (
				<p className="cs-notice">
					Nothing already made moves: boards keep the day they were put on. A new start date begins the count
					afresh, and earlier pauses are forgotten.
				</p>
			)}
			<FormError message={errors.form} />
			<SelectField
				label="Journey template"
				value={chosen}
				onChange={(event) => setTemplateId(event.target.value)}
				error={errors.fields.templateId}
			>
				<TemplateOptions label="The tribe's templates" templates={tribe} />
				<TemplateOptions label="This circle's own" templates={circle} />
			</SelectField>
			<TextField
				label="Day 1"
				hint="The date the journey starts, in the circle's time zone."
				type="date"
				value={startDate}
				onChange={(event) => setStartDate(event.target.value)}
				error={errors.fields.startDate}
			/>
			<SelectField
				label="Time zone"
				hint="Each journey day begins at midnight in this zone."
				value={timeZone}
				onChange={(event) => setTimeZone(event.target.value)}
				error={errors.fields.timeZone}
			>
				{zones.map((zone) => (
					<option key={zone} value={zone}>
						{zone.replaceAll('_', ' ')}
					</option>
				))}
			</SelectField>
			<div className="cs-form-actions">
				<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
					{pending ? 'Saving…' : current ? 'Reschedule' : 'Start journey'}
				</button>
				<button type="button" className="cs-button" onClick={onCancel} disabled={pending}>
					Cancel
				</button>
			</div>
		</form>
	)
}

function TemplateOptions({ label, templates }: { label: string; templates: JourneyTemplateSummary[] }) {
	if (templates.length === 0) return null
	return (
		<optgroup label={label}>
			{templates.map((template) => (
				<option key={template.id} value={template.id}>
					{template.name} ({template.lengthDays} days)
				</option>
			))}
		</optgroup>
	)
}

function firstTemplate(data: { tribe: JourneyTemplateSummary[]; circle: JourneyTemplateSummary[] } | null) {
	return data?.tribe[0]?.id ?? data?.circle[0]?.id ?? ''
}

/** The zones Intl knows, with the current one among them even if the list leaves it out. */
function knownTimeZones(current: string): string[] {
	let zones: string[] = []
	try {
		zones = Intl.supportedValuesOf('timeZone')
	} catch {
		// Older browsers: the current zone alone.
	}
	if (!zones.includes('UTC')) zones = [...zones, 'UTC']
	return zones.includes(current) ? zones : [current, ...zones]
}
