import { type ReactNode, useState } from 'react'
import { messageOf } from '../api/http.ts'
import { Dialog } from './Dialog.tsx'

/**
 * Asks "are you sure?" before something that cannot be undone, runs it, and shows its error
 * in place when it fails (the dialog stays open so the person can try again or cancel).
 */
export function ConfirmDialog({
	title,
	children,
	confirmLabel,
	pendingLabel,
	danger = false,
	onConfirm,
	onClose,
}: {
	title: string
	children: ReactNode
	confirmLabel: string
	pendingLabel?: string
	danger?: boolean
	/** Does the thing; the dialog closes when it resolves. */
	onConfirm: () => Promise<void>
	onClose: () => void
}) {
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)

	async function confirm() {
		setPending(true)
		setError(null)
		try {
			await onConfirm()
			onClose()
		} catch (caught) {
			setError(messageOf(caught))
			setPending(false)
		}
	}

	return (
		<Dialog title={title} description={children} onClose={() => !pending && onClose()}>
			{error && (
				<p className="cs-error" role="alert">
					{error}
				</p>
			)}
			<div className="cs-dialog-actions">
				<button type="button" className="cs-button" onClick={onClose} disabled={pending}>
					Cancel
				</button>
				<button
					type="button"
					className={danger ? 'cs-button cs-button-danger' : 'cs-button cs-button-primary'}
					onClick={confirm}
					disabled={pending}
				>
					{pending ? (pendingLabel ?? `${confirmLabel}…`) : confirmLabel}
				</button>
			</div>
		</Dialog>
	)
}
