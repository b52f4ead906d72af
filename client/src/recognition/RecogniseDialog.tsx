import type { Person } from '@circlespace/shared'
import {
	MAX_RECOGNITION_MESSAGE_LENGTH,
	type Recognition,
	recognitionMessageSchema,
} from '@circlespace/shared/recognition/recognitionApi.ts'
import { type FormEvent, useState } from 'react'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError, SelectField, TextAreaField } from '../ui/Field.tsx'
import { FormActions } from '../ui/FormActions.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { recogniseNote, recogniseSession } from './recognitionApi.ts'
import './recognition.css'

/** What can be recognised from this dialog. */
export type Contribution =
	/** A note by someone else; the server decides who that is (its author as the board stores it). */
	| {
			kind: 'note'
			boardId: string
			shapeId: string
			/** Only says whom the words are for. */
			authorName: string
			/** The note's text, for the reader to see what they thank for. */
			excerpt: string
	  }
	/** Someone's part in a past live session. */
	| {
			kind: 'session'
			sessionId: string
			title: string
			/** Those who took part, but the reader: at least one. */
			people: readonly Person[]
	  }

/**
 * "Recognise…": a few words of thanks for a note by someone else, or for someone's part in a
 * past live session (then the reader chooses whom, when more than one other took part).
 */
export function RecogniseDialog({
	contribution,
	onClose,
	onGiven,
}: {
	contribution: Contribution
	onClose: () => void
	onGiven: (recognition: Recognition) => void
}) {
	const [message, setMessage] = useState('')
	const people = contribution.kind === 'session' ? contribution.people : []
	const [recipientId, setRecipientId] = useState(people[0]?.id ?? '')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'message' | 'recipientId'>()
	const recipientName =
		contribution.kind === 'note'
			? contribution.authorName
			: (people.find((person) => person.id === recipientId)?.displayName ?? '')

	async function submit(event: FormEvent) {
		event.preventDefault()
		if (pending) return
		const checked = recognitionMessageSchema.safeParse(message)
		if (!checked.success) {
			showErrors({
				fields: {
					message: `Write a few words of thanks (up to ${MAX_RECOGNITION_MESSAGE_LENGTH} characters).`,
				},
				form: null,
			})
			return
		}
		setPending(true)
		clearErrors()
		try {
			onGiven(
				contribution.kind === 'note'
					? await recogniseNote(contribution.boardId, contribution.shapeId, checked.data)
					: await recogniseSession(contribution.sessionId, recipientId, checked.data),
			)
			onClose()
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['message', 'recipientId']))
			setPending(false)
		}
	}

	const title =
		contribution.kind === 'note'
			? `Recognise ${contribution.authorName}’s note`
			: people.length === 1
				? `Recognise ${recipientName}’s part in “${contribution.title}”`
				: `Recognise someone’s part in “${contribution.title}”`
	const where =
		contribution.kind === 'note' ? `on the note and on ${recipientName}’s page` : `on ${recipientName}’s page`
	return (
		<Dialog
			title={title}
			description={
				<>
					{contribution.kind === 'note' && contribution.excerpt && (
						<blockquote className="cs-recognition-quote">{contribution.excerpt}</blockquote>
					)}
					<p>Your words show {where}, to the people of this board’s circle and tribe who can see it.</p>
				</>
			}
			onClose={onClose}
		>
			<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
				<FormError message={errors.form} />
				{people.length > 1 && (
					<SelectField
						label="Whom to thank"
						value={recipientId}
						onChange={(event) => setRecipientId(event.target.value)}
						error={errors.fields.recipientId}
					>
						{people.map((person) => (
							<option key={person.id} value={person.id}>
								{person.displayName}
							</option>
						))}
					</SelectField>
				)}
				<TextAreaField
					label="A few words of thanks"
					value={message}
					onChange={(event) => setMessage(event.target.value)}
					maxLength={MAX_RECOGNITION_MESSAGE_LENGTH}
					rows={3}
					required
					error={errors.fields.message}
				/>
				<FormActions submitLabel="Send thanks" pendingLabel="Sending…" pending={pending} onCancel={onClose} />
			</form>
		</Dialog>
	)
}
