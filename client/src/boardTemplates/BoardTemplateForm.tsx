import { boardTemplateDescriptionSchema, boardTemplateNameSchema } from '@circlespace/shared'
import { type FormEvent, type ReactNode, useState } from 'react'
import { FormError, TextAreaField, TextField } from '../ui/Field.tsx'
import { FormActions } from '../ui/FormActions.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'

/** What a board template is called and what it is for, as the server takes them. */
export interface BoardTemplateFields {
	name: string
	description: string
}

/**
 * A template's name and description, checked here with the server's own rules before sending
 * (a problem lands on its field, with focus moved there); what the server still refuses is shown
 * on the field it names, or above the form. Saving a new template and renaming one both use it.
 */
export function BoardTemplateForm({
	initial,
	submitLabel,
	pendingLabel = 'Saving…',
	descriptionHint,
	onSubmit,
	onCancel,
}: {
	initial: BoardTemplateFields
	submitLabel: string
	pendingLabel?: string
	descriptionHint?: ReactNode
	/**
	 * Sends the checked fields and does what follows (the form stays busy until it resolves; the
	 * caller closes it then). A rejection is shown in the form, which can be sent again.
	 */
	onSubmit: (fields: BoardTemplateFields) => Promise<void>
	onCancel: () => void
}) {
	const [name, setName] = useState(initial.name.slice(0, 200))
	const [description, setDescription] = useState(initial.description)
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'name' | 'description'>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		if (pending) return
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
			await onSubmit({ name: nameCheck.data, description: descriptionCheck.data })
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
				hint={descriptionHint}
				value={description}
				onChange={(event) => setDescription(event.target.value)}
				maxLength={2000}
				rows={3}
				error={errors.fields.description}
			/>
			<FormActions
				submitLabel={submitLabel}
				pendingLabel={pendingLabel}
				pending={pending}
				onCancel={onCancel}
			/>
		</form>
	)
}
