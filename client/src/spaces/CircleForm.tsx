import { DEFAULT_CIRCLE_CAPACITY, MAX_CIRCLE_CAPACITY } from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { FormError, TextAreaField, TextField } from '../ui/Field.tsx'
import { type FormErrors, formErrorsOf } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'

type Field = 'name' | 'description' | 'capacity'

/** The values of a circle that its form edits. */
export interface CircleValues {
	name: string
	description: string
	capacity: number
}

/**
 * Name, description and capacity of a circle, for setting one up or editing it. `memberCount`
 * (when editing) warns before the capacity goes below the seats already taken.
 */
export function CircleForm({
	initial,
	memberCount,
	submitLabel,
	pendingLabel,
	onSubmit,
	onCancel,
}: {
	initial?: CircleValues
	memberCount?: number
	submitLabel: string
	pendingLabel: string
	onSubmit: (values: CircleValues) => Promise<void>
	onCancel?: () => void
}) {
	const [name, setName] = useState(initial?.name ?? '')
	const [description, setDescription] = useState(initial?.description ?? '')
	const [capacity, setCapacity] = useState(String(initial?.capacity ?? DEFAULT_CIRCLE_CAPACITY))
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<Field>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const seats = Number(capacity)
		const fields: FormErrors<Field>['fields'] = {}
		if (!name.trim()) fields.name = 'Give the circle a name.'
		if (!Number.isInteger(seats) || seats < 1 || seats > MAX_CIRCLE_CAPACITY) {
			fields.capacity = `Choose a whole number from 1 to ${MAX_CIRCLE_CAPACITY}.`
		}
		if (Object.keys(fields).length > 0) {
			showErrors({ fields, form: null })
			return
		}
		setPending(true)
		clearErrors()
		try {
			await onSubmit({ name: name.trim(), description: description.trim(), capacity: seats })
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['name', 'description', 'capacity']))
		} finally {
			if (formRef.current?.isConnected) setPending(false)
		}
	}

	const seats = Number(capacity)
	const belowMembers =
		memberCount !== undefined && Number.isInteger(seats) && seats > 0 && seats < memberCount

	return (
		<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
			<FormError message={errors.form} />
			<TextField
				label="Name"
				value={name}
				onChange={(event) => setName(event.target.value)}
				error={errors.fields.name}
				maxLength={100}
				placeholder="e.g. Spring cohort"
			/>
			<TextAreaField
				label="About"
				hint="Who this circle is for, when it meets (optional)."
				value={description}
				onChange={(event) => setDescription(event.target.value)}
				error={errors.fields.description}
				maxLength={2000}
				rows={3}
			/>
			<TextField
				label="Seats"
				hint={`How many people the circle holds. Circles are small on purpose: ${DEFAULT_CIRCLE_CAPACITY} is usual.`}
				type="number"
				inputMode="numeric"
				min={1}
				max={MAX_CIRCLE_CAPACITY}
				value={capacity}
				onChange={(event) => setCapacity(event.target.value)}
				error={errors.fields.capacity}
				className="cs-field-short"
			/>
			{belowMembers && (
				<p className="cs-notice cs-notice-warning" role="status">
					The circle already has {memberCount} members. Nobody is removed, but nobody new can join until seats
					free up.
				</p>
			)}
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
