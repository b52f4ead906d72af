import type { BoardTemplate } from '@circlespace/shared'
import { useState } from 'react'
import { SaveAsTemplateDialog } from './SaveAsTemplateDialog.tsx'

/**
 * "Save as template…" in the board's top bar, for those who manage the board, with the dialog it
 * opens. Where the bar is short of room it shows its icon only (tablets) or the icon and
 * "Template…" (phones, whose bar wraps); its name, and its tooltip, stay "Save as template…".
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
				className="cs-button cs-button-small cs-topbar-button"
				title="Save as template…"
				aria-haspopup="dialog"
				onClick={() => setOpen(true)}
			>
				{/* A board's layout (a header and two panels): what a template keeps. */}
				<svg className="cs-topbar-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
					<rect
						x="3.5"
						y="3.5"
						width="17"
						height="17"
						rx="2"
						fill="none"
						stroke="currentColor"
						strokeWidth="2"
					/>
					<path d="M3.5 9.5h17M9.5 20.5v-11" fill="none" stroke="currentColor" strokeWidth="2" />
				</svg>
				<span className="cs-save-template-long">Save as template…</span>
				{/* On phones, where the bar wraps anyway; the name above stays for screen readers. */}
				<span className="cs-save-template-short" aria-hidden="true">
					Template…
				</span>
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
