import { type CreateTribe, type TribeVisibility, tribeVisibilitySchema } from '@circlespace/shared'
import { type FormEvent, useId, useState } from 'react'
import { FormError, TextAreaField, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { tribeVisibilityHint, tribeVisibilityLabel } from './format.ts'

type Field = 'name' | 'description' | 'visibility'

/** The values of a tribe that its form edits. */
export interface TribeValues {
	name: string
	description: string
	visibility: TribeVisibility
}

/**
 * Name, description and visibility of a tribe, for convening, claiming or editing one. The
 * form shows the server's complaints beside the fields they concern.
 */
export function TribeForm({
	initial,
	submitLabel,
	pendingLabel,
	onSubmit,
	onCancel,
}: {
	initial?: TribeValues
	submitLabel: string
	pendingLabel: string
	onSubmit: (values: Required<CreateTribe>) => Promise<void>
	onCancel?: () => void
}) {
	const legendId = useId()
	const [name, setName] = useState(initial?.name ?? '')
	const [description, setDescription] = useState(initial?.description ?? '')
	const [visibility, setVisibility] = useState<TribeVisibility>(initial?.visibility ?? 'listed')
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<Field>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		if (!name.trim()) {
			showErrors({ fields: { name: 'Give the tribe a name.' }, form: null })
			return
		}
		setPending(true)
		clearErrors()
		try {
			await onSubmit({ name: name.trim(), description: description.trim(), visibility })
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['name', 'description', 'visibility']))
		} finally {
			if (formRef.current?.isConnected) setPending(false)
		}
	}

	return (
		<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
			<FormError message={errors.form} />
			<TextField
				label="Name"
				value={name}
				onChange={(event) => setName(event.target.value)}
				error={errors.fields.name}
				maxLength={100}
				placeholder="e.g. Northern region"
			/>
			<TextAreaField
				label="About"
				hint="What brings these circles together (optional)."
				value={description}
				onChange={(event) => setDescription(event.target.value)}
				error={errors.fields.description}
				maxLength={2000}
				rows={3}
			/>
			<fieldset className="cs-fieldset">
				<legend id={legendId}>Who can see it</legend>
				<div className="cs-choices">
					{tribeVisibilitySchema.options.map((option) => (
						<label key={option} className="cs-choice">
							<input
								type="radio"
								name="tribe-visibility"
								value={option}
								checked={visibility === option}
								onChange={() => setVisibility(option)}
							/>
							<span>
								<strong>{tribeVisibilityLabel(option)}</strong>
								<span className="cs-hint">{tribeVisibilityHint(option)}</span>
							</span>
						</label>
					))}
				</div>
				{errors.fields.visibility && <p className="cs-error">{errors.fields.visibility}</p>}
			</fieldset>
			<div className="cs-form-actions">
				<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
					{pending ? pendingLabel : submitLabel}
				</button>
				{onCancel && (
					<button type="button" className="cs-button" onClick={onCancel} disabled={pending}>
						Cancel
					</button>
				)}
			</div>
		</form>
	)
}
