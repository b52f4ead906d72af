import {
	type InputHTMLAttributes,
	type ReactNode,
	type SelectHTMLAttributes,
	type TextareaHTMLAttributes,
	useId,
} from 'react'

interface FieldFrame {
	label: string
	/** A sentence under the label that helps fill the field in. */
	hint?: ReactNode
	/** What is wrong with the value, shown under the field and tied to it for screen readers. */
	error?: string | null | undefined
}

/** A labelled text input with an optional hint and error, wired up with the right ARIA attributes. */
export function TextField({
	label,
	hint,
	error,
	className,
	...input
}: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
	const id = useId()
	const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ')
	return (
		<div className={className ? `cs-field ${className}` : 'cs-field'}>
			<label htmlFor={id}>{label}</label>
			{hint && (
				<p id={`${id}-hint`} className="cs-hint">
					{hint}
				</p>
			)}
			<input
				id={id}
				aria-invalid={error ? true : undefined}
				aria-describedby={describedBy || undefined}
				{...input}
			/>
			{error && (
				<p id={`${id}-error`} className="cs-error cs-field-error">
					{error}
				</p>
			)}
		</div>
	)
}

/** A labelled text area. */
export function TextAreaField({
	label,
	hint,
	error,
	...textarea
}: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
	const id = useId()
	const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ')
	return (
		<div className="cs-field">
			<label htmlFor={id}>{label}</label>
			{hint && (
				<p id={`${id}-hint`} className="cs-hint">
					{hint}
				</p>
			)}
			<textarea
				id={id}
				aria-invalid={error ? true : undefined}
				aria-describedby={describedBy || undefined}
				{...textarea}
			/>
			{error && (
				<p id={`${id}-error`} className="cs-error cs-field-error">
					{error}
				</p>
			)}
		</div>
	)
}

/** A labelled select. */
export function SelectField({
	label,
	hint,
	error,
	children,
	...select
}: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
	const id = useId()
	const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ')
	return (
		<div className="cs-field">
			<label htmlFor={id}>{label}</label>
			{hint && (
				<p id={`${id}-hint`} className="cs-hint">
					{hint}
				</p>
			)}
			<select
				id={id}
				aria-invalid={error ? true : undefined}
				aria-describedby={describedBy || undefined}
				{...select}
			>
				{children}
			</select>
			{error && (
				<p id={`${id}-error`} className="cs-error cs-field-error">
					{error}
				</p>
			)}
		</div>
	)
}

/** The error of a whole form (not of one field), announced when it appears. */
export function FormError({ message }: { message: string | null | undefined }) {
	if (!message) return null
	return (
		<p className="cs-notice cs-notice-error cs-form-error" role="alert">
			{message}
		</p>
	)
}
