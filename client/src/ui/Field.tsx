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

/** The ARIA attributes that tie a control to its hint and error. */
interface ControlProps {
	id: string
	'aria-invalid': true | undefined
	'aria-describedby': string | undefined
}

/**
 * Label, hint and error around one control, wired up with the right ARIA attributes; the
 * control itself is rendered by `control` with the props that tie it to them.
 */
function FieldFrameView({
	label,
	hint,
	error,
	className,
	control,
}: FieldFrame & { className?: string | undefined; control: (props: ControlProps) => ReactNode }) {
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
			{control({
				id,
				'aria-invalid': error ? true : undefined,
				'aria-describedby': describedBy || undefined,
			})}
			{error && (
				<p id={`${id}-error`} className="cs-error cs-field-error">
					{error}
				</p>
			)}
		</div>
	)
}

/** A labelled text input with an optional hint and error. */
export function TextField({
	label,
	hint,
	error,
	className,
	...input
}: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
	return (
		<FieldFrameView
			label={label}
			hint={hint}
			error={error}
			className={className}
			control={(props) => <input {...props} {...input} />}
		/>
	)
}

/** A labelled text area. */
export function TextAreaField({
	label,
	hint,
	error,
	...textarea
}: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
	return (
		<FieldFrameView
			label={label}
			hint={hint}
			error={error}
			control={(props) => <textarea {...props} {...textarea} />}
		/>
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
	return (
		<FieldFrameView
			label={label}
			hint={hint}
			error={error}
			control={(props) => (
				<select {...props} {...select}>
					{children}
				</select>
			)}
		/>
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
