import {
	MAX_RECOGNITION_MESSAGE_LENGTH,
	type Recognition,
	recognitionMessageSchema,
} from '@circlespace/shared/recognition/recognitionApi.ts'
import { type FormEvent, useState } from 'react'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError, TextAreaField } from '../ui/Field.tsx'
import { FormActions } from '../ui/FormActions.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { recogniseNote } from './recognitionApi.ts'

/**
 * "Recognise…": a few words of thanks for a note by someone else. The server decides who that is
 * (the note's author as the board stores it); the name here only says whom the words are for.
 */
export function RecogniseDialog({
	boardId,
	shapeId,
	authorName,
	excerpt,
	onClose,
	onGiven,
}: {
	boardId: string
	shapeId: string
	authorName: string
	/** The note's text, for the reader to see what they thank for. */
	excerpt: string
	onClose: () => void
	onGiven: (recognition: Recognition) => void
}) {
	const [message, setMessage] = useState('')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'message'>()

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
			onGiven(await recogniseNote(boardId, shapeId, checked.data))
			onClose()
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['message']))
			setPending(false)
		}
	}

	return (
		<Dialog
			title={`Recognise ${authorName}’s note`}
			description={
				<>
					{excerpt && <blockquote className="cs-recognition-quote">{excerpt}</blockquote>}
					<p>
						Your words show on the note and on {authorName}’s page, to the people of this board’s circle and
						tribe who can see it.
					</p>
				</>
			}
			onClose={onClose}
		>
			<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
				<FormError message={errors.form} />
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
