import { useState } from 'react'
import { InviteGuestDialog } from './InviteGuestDialog.tsx'

/** "Invite a guest…" in the board's top bar, for those who manage the board, with its dialog. */
export function InviteGuestButton({ boardId }: { boardId: string }) {
	const [open, setOpen] = useState(false)
	return (
		<>
			<button
				type="button"
				className="cs-button cs-button-small cs-topbar-button"
				title="Invite a guest…"
				aria-haspopup="dialog"
				onClick={() => setOpen(true)}
			>
				{/* A person with a plus: someone from outside joins. */}
				<svg className="cs-topbar-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
					<circle cx="9" cy="8" r="3.5" fill="none" stroke="currentColor" strokeWidth="2" />
					<path
						d="M2.5 20c.6-3.6 3.3-6 6.5-6s5.9 2.4 6.5 6M19 8v6M16 11h6"
						fill="none"
						stroke="currentColor"
						strokeWidth="2"
						strokeLinecap="round"
					/>
				</svg>
				<span className="cs-invite-guest-long">Invite a guest…</span>
				<span className="cs-invite-guest-short" aria-hidden="true">
					Guest…
				</span>
			</button>
			{open && <InviteGuestDialog boardId={boardId} onClose={() => setOpen(false)} />}
		</>
	)
}
