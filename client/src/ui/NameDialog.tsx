import { type FormEvent, useEffect, useId, useRef, useState } from 'react'
import { saveName } from './identity.ts'

/**
 * Asks for the name others will see next to this person's cursor. A modal `<dialog>` so focus
 * is trapped and screen readers announce it; it cannot be dismissed without a name because
 * the board needs one to show presence.
 */
export function NameDialog() {
	const dialogRef = useRef<HTMLDialogElement>(null)
	const inputId = useId()
	const hintId = useId()
	const [name, setName] = useState('')
	const [error, setError] = useState<string | null>(null)

	useEffect(() => {
		const dialog = dialogRef.current
		if (dialog && !dialog.open) dialog.showModal()
	}, [])

	function submit(event: FormEvent) {
		event.preventDefault()
		const trimmed = name.trim()
		if (!trimmed) {
			setError('Please type a name.')
			return
		}
		if (trimmed.length > 40) {
			setError('Please use at most 40 characters.')
			return
		}
		saveName(trimmed)
		dialogRef.current?.close()
	}

	return (
		<dialog
			ref={dialogRef}
			className="cs-dialog"
			aria-labelledby={`${inputId}-title`}
			onCancel={(event) => event.preventDefault()}
		>
			<form onSubmit={submit} noValidate>
				<h2 id={`${inputId}-title`}>What should others call you?</h2>
				<p id={hintId} className="cs-muted">
					Your name appears next to your cursor on every board. It stays in this browser.
				</p>
				<label htmlFor={inputId}>Your name</label>
				<input
					id={inputId}
					value={name}
					onChange={(event) => setName(event.target.value)}
					autoComplete="nickname"
					maxLength={40}
					aria-describedby={hintId}
					aria-invalid={error ? true : undefined}
					autoFocus
				/>
				{error && (
					<p role="alert" className="cs-error">
						{error}
					</p>
				)}
				<div className="cs-dialog-actions">
					<button type="submit" className="cs-button cs-button-primary">
						Continue
					</button>
				</div>
			</form>
		</dialog>
	)
}
