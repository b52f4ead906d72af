import { type LiveSession, MAX_AGENDA_ITEMS, MAX_TIMEBOX_MINUTES } from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { startLiveSession } from '../api/sessions.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError, TextAreaField, TextField } from '../ui/Field.tsx'
import { type FormErrors, formErrorsOf, noErrors } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'

type Field = 'title' | 'agenda' | 'timeboxMinutes'
const FIELDS: readonly Field[] = ['title', 'agenda', 'timeboxMinutes']

/** "Start session" in the board's top bar, for its facilitators, with the dialog it opens. */
export function StartSessionButton({
	boardId,
	onStarted,
}: {
	boardId: string
	onStarted: (session: LiveSession) => void
}) {
	const [open, setOpen] = useState(false)
	return (
		<>
			<button
				type="button"
				className="cs-button cs-button-small cs-topbar-button"
				onClick={() => setOpen(true)}
			>
				Start session
			</button>
			{open && (
				<StartSessionDialog
					boardId={boardId}
					onClose={() => setOpen(false)}
					onStarted={(session) => {
						setOpen(false)
						onStarted(session)
					}}
				/>
			)}
		</>
	)
}

/** The agenda as typed: one item per line, blank lines left out. */
export function agendaFromText(text: string): string[] {
	return text
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.length > 0)
}

function StartSessionDialog({
	boardId,
	onClose,
	onStarted,
}: {
	boardId: string
	onClose: () => void
	onStarted: (session: LiveSession) => void
}) {
	const [title, setTitle] = useState('')
	const [agenda, setAgenda] = useState('')
	const [minutes, setMinutes] = useState('')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<Field>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const items = agendaFromText(agenda)
		const found: FormErrors<Field> = noErrors()
		if (!title.trim()) found.fields.title = 'Give the session a title.'
		if (items.length > MAX_AGENDA_ITEMS) found.fields.agenda = `At most ${MAX_AGENDA_ITEMS} agenda items.`
		const timebox = minutes.trim() === '' ? undefined : Number(minutes)
		if (
			timebox !== undefined &&
			(!Number.isInteger(timebox) || timebox < 1 || timebox > MAX_TIMEBOX_MINUTES)
		) {
			found.fields.timeboxMinutes = `A whole number of minutes from 1 to ${MAX_TIMEBOX_MINUTES}, or leave it empty.`
		}
		if (Object.keys(found.fields).length > 0) {
			showErrors(found)
			return
		}
		setPending(true)
		clearErrors()
		try {
			const session = await startLiveSession(boardId, {
				title: title.trim(),
				agenda: items,
				...(timebox !== undefined ? { timeboxMinutes: timebox } : {}),
			})
			onStarted(session)
		} catch (caught) {
			showErrors(formErrorsOf(caught, FIELDS))
			setPending(false)
		}
	}

	return (
		<Dialog
			title="Start a live session"
			description={<p>Everyone on the board sees the session bar: its title, the agenda and the timer.</p>}
			onClose={() => !pending && onClose()}
		>
			<form ref={formRef} onSubmit={submit} noValidate aria-busy={pending} className="cs-form">
				<FormError message={errors.form} />
				<TextField
					label="Title"
					value={title}
					onChange={(event) => setTitle(event.target.value)}
					maxLength={200}
					required
					error={errors.fields.title}
				/>
				<TextAreaField
					label="Agenda (optional)"
					hint="One item per line, in order."
					value={agenda}
					onChange={(event) => setAgenda(event.target.value)}
					rows={4}
					error={errors.fields.agenda}
				/>
				<TextField
					label="Time box in minutes (optional)"
					className="cs-field-short"
					hint="The countdown starts with the session; you can pause it or add time."
					type="number"
					inputMode="numeric"
					min={1}
					max={MAX_TIMEBOX_MINUTES}
					step={1}
					value={minutes}
					onChange={(event) => setMinutes(event.target.value)}
					error={errors.fields.timeboxMinutes}
				/>
				<div className="cs-form-actions">
					<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
						{pending ? 'Starting…' : 'Start session'}
					</button>
					<button type="button" className="cs-button" onClick={onClose} disabled={pending}>
						Cancel
					</button>
				</div>
			</form>
		</Dialog>
	)
}
