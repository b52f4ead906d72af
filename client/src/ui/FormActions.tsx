/**
 * The row under a form in a dialog or a panel: its submit button (which says it is busy while the
 * form is sent) and Cancel. Both are disabled while pending, so a form is not sent twice and
 * not left half way.
 */
export function FormActions({
	submitLabel,
	pendingLabel = 'Saving…',
	pending,
	onCancel,
}: {
	submitLabel: string
	pendingLabel?: string
	pending: boolean
	onCancel: () => void
}) {
	return (
		<div className="cs-form-actions">
			<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
				{pending ? pendingLabel : submitLabel}
			</button>
			<button type="button" className="cs-button" onClick={onCancel} disabled={pending}>
				Cancel
			</button>
		</div>
	)
}
