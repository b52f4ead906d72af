import type { BoardTemplate } from '@circlespace/shared'
import { useState } from 'react'
import { SaveAsTemplateDialog } from './SaveAsTemplateDialog.tsx'

/**
 * "Save as template…" in the board's top bar, for those who manage the board, with the dialog it
 * opens. Where the bar is short of room (tablets, phones) it shows only its icon; its name, and
 * its tooltip, stay the same.
 */
export function SaveAsTemplateButton({
	boardId,
	boardTitle,
	onSaved,
}: {
	boardId: string
	boardTitle: string
	onSaved: (template: BoardTemplate) => void
}) {
	const [open, setOpen] = useState(false)
	return (
		<>
			<button
				type="button"
				className="cs-button cs-button-small cs-topbar-button cs-save-template-button"
				title="Save as template…"
				aria-haspopup="dialog"
				onClick={() => setOpen(true)}
			>
				<svg className="cs-topbar-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
					<rect x="8" y="8" width="12" height="12" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
					<path
						d="M16 4H6a2 2 0 0 0-2 2v10"
						fill="none"
						stroke="currentColor"
						strokeWidth="2"
						strokeLinecap="round"
					/>
				</svg>
				<span className="cs-topbar-button-label">Save as template…</span>
			</button>
			<SaveAsTemplateDialog
				boardId={boardId}
				defaultName={boardTitle}
				open={open}
				onClose={() => setOpen(false)}
				onSaved={onSaved}
			/>
		</>
	)
}
