import {
	type BoardTemplate,
	boardTemplateDescriptionSchema,
	boardTemplateNameSchema,
} from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { saveBoardAsTemplate } from '../api/boardTemplates.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError, TextAreaField, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'

/**
 * "Save as template": a copy of the board's content as it is now (not its history) becomes a
 * template of its tribe, which every circle of the tribe can start new boards from. Shown to
 * those who manage the board; the server refuses everyone else.
 */
export function SaveAsTemplateDialog({
	boardId,
	defaultName,
	open,
	onClose,
	onSaved,
}: {
	boardId: string
	/** What the name field starts with, e.g. the board's title. */
	defaultName: string
	open: boolean
	onClose: () => void
	/** Called with the stored template; the dialog closes itself after. */
	onSaved?: (template: BoardTemplate) => void
}) {
	if (!open) return null
	return (
		<Dialog
			title="Save as template"
			description={
				<p>
					The board’s content as it is now is copied for the whole tribe: every circle can start a new board
					from it. Later changes to this board do not change the template.
				</p>
			}
			onClose={onClose}
		>
			<SaveAsTemplateForm
				boardId={boardId}
				defaultName={defaultName}
				onCancel={onClose}
				onSaved={(template) => {
					onSaved?.(template)
					onClose()
				}}
			/>
		</Dialog>
	)
}

function SaveAsTemplateForm({
	boardId,
	defaultName,
	onCancel,
	onSaved,
}: {
	boardId: string
	defaultName: string
	onCancel: () => void
	onSaved: (template: BoardTemplate) => void
}) {
	const [name, setName] = useState(defaultName.slice(0, 200))
	const [description, setDescription] = useState('')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'name' | 'description'>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const nameCheck = boardTemplateNameSchema.safeParse(name)
		const descriptionCheck = boardTemplateDescriptionSchema.safeParse(description)
		if (!nameCheck.success || !descriptionCheck.success) {
			showErrors({
				fields: {
					...(nameCheck.success
						? {}
						: { name: 'Give the template a name of one line (up to 200 characters).' }),
					...(descriptionCheck.success ? {} : { description: 'Keep the description under 2000 characters.' }),
				},
				form: null,
			})
			return
		}
		setPending(true)
		clearErrors()
		try {
			onSaved(
				await saveBoardAsTemplate(boardId, { name: nameCheck.data, description: descriptionCheck.data }),
			)
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['name', 'description']))
			setPending(false)
		}
	}

	return (
		<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
			<FormError message={errors.form} />
			<TextField
				label="Template name"
				value={name}
				onChange={(event) => setName(event.target.value)}
				maxLength={200}
				required
				error={errors.fields.name}
			/>
			<TextAreaField
				label="What it is for (optional)"
				hint="People choose a template by this, e.g. “For the day 12 check-in: two rounds, then one word each.”"
				value={description}
				onChange={(event) => setDescription(event.target.value)}
				maxLength={2000}
				rows={3}
				error={errors.fields.description}
			/>
			<div className="cs-form-actions">
				<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
					{pending ? 'Saving…' : 'Save template'}
				</button>
				<button type="button" className="cs-button" onClick={onCancel} disabled={pending}>
					Cancel
				</button>
			</div>
		</form>
	)
}
