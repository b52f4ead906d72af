/** One quiet button of a list row. */
export interface RowAction {
	/** What the button shows ("Rename"); its accessible name adds the row's name. */
	label: string
	onClick: () => void
	danger?: boolean
	disabled?: boolean
}

/**
 * The small quiet buttons at the end of a list row (Rename, Delete…). Each is named for screen
 * readers with what it acts on ("Rename Day 12 check-in"), since a list holds many alike.
 */
export function RowActions({ of, actions }: { of: string; actions: RowAction[] }) {
	if (actions.length === 0) return null
	return (
		<span className="cs-row-actions">
			{actions.map((action) => (
				<button
					key={action.label}
					type="button"
					className={`cs-button cs-button-small cs-button-quiet${action.danger ? ' cs-danger-text' : ''}`}
					onClick={action.onClick}
					disabled={action.disabled}
					aria-label={`${action.label} ${of}`}
				>
					{action.label}
				</button>
			))}
		</span>
	)
}
