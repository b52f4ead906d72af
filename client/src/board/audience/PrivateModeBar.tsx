import { useId, useState } from 'react'
import { ApiError } from '../../api/http.ts'
import { Dialog } from '../../ui/Dialog.tsx'
import { endPrivateMode, revealPrivateMode, startPrivateMode } from './privateModeApi.ts'
import type { NoteAudienceState } from './useNoteAudience.ts'

function messageOf(error: unknown): string {
	return error instanceof ApiError ? error.message : 'Something went wrong. Try again.'
}

/** "Private mode…" in the board's top bar, for its facilitators, while none runs. */
export function StartPrivateModeButton({ boardId }: { boardId: string }) {
	const [open, setOpen] = useState(false)
	const [anonymous, setAnonymous] = useState(true)
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const checkId = useId()
	const start = async () => {
		setPending(true)
		setError(null)
		try {
			await startPrivateMode(boardId, anonymous)
			setOpen(false)
		} catch (caught) {
			setError(messageOf(caught))
		} finally {
			setPending(false)
		}
	}
	return (
		<>
			<button
				type="button"
				className="cs-button cs-button-small cs-topbar-button"
				onClick={() => setOpen(true)}
			>
				Private mode
			</button>
			{open && (
				<Dialog
					title="Start private mode"
					description={
						<p>
							Everyone writes notes only they can see, until you reveal them all at once. Only a facilitator
							can reveal or end it.
						</p>
					}
					onClose={() => !pending && setOpen(false)}
				>
					<div className="cs-form">
						{error && (
							<p className="cs-form-error" role="alert">
								{error}
							</p>
						)}
						<div className="cs-check">
							<input
								id={checkId}
								type="checkbox"
								checked={anonymous}
								onChange={(event) => setAnonymous(event.target.checked)}
							/>
							<label htmlFor={checkId}>Reveal the notes without their authors’ names</label>
						</div>
						<div className="cs-form-actions">
							<button
								type="button"
								className="cs-button cs-button-primary"
								disabled={pending}
								onClick={start}
							>
								{pending ? 'Starting…' : 'Start private mode'}
							</button>
							<button type="button" className="cs-button" disabled={pending} onClick={() => setOpen(false)}>
								Cancel
							</button>
						</div>
					</div>
				</Dialog>
			)}
		</>
	)
}

/**
 * The bar everyone on the board sees while private mode runs (and, for a moment, what a reveal
 * brought); facilitators reveal or end it from here.
 */
export function PrivateModeBar({
	boardId,
	state,
	canRun,
}: {
	boardId: string
	state: NoteAudienceState
	canRun: boolean
}) {
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const mode = state.privateMode
	if (!mode && state.revealed === null) return null
	const act = async (action: () => Promise<unknown>) => {
		setPending(true)
		setError(null)
		try {
			await action()
		} catch (caught) {
			setError(messageOf(caught))
		} finally {
			setPending(false)
		}
	}
	if (!mode) {
		return (
			<section className="cs-private-bar" aria-label="Private mode">
				<span role="status">
					{state.revealed === 1 ? '1 note was revealed.' : `${state.revealed} notes were revealed.`}
				</span>
			</section>
		)
	}
	const by = mode.startedBy?.displayName ?? 'A facilitator'
	return (
		<section className="cs-private-bar" aria-label="Private mode">
			<span className="cs-private-label">Private mode</span>
			<span role="status">
				Your new notes are seen by you only until {canRun ? 'you reveal' : `${by} reveals`} them
				{mode.anonymous ? ', without names' : ''}.
			</span>
			{error && (
				<span className="cs-form-error" role="alert">
					{error}
				</span>
			)}
			{canRun && (
				<span className="cs-private-actions">
					<button
						type="button"
						className="cs-button cs-button-small cs-button-primary"
						disabled={pending}
						onClick={() => act(() => revealPrivateMode(boardId))}
					>
						Reveal notes
					</button>
					<button
						type="button"
						className="cs-button cs-button-small"
						disabled={pending}
						onClick={() => act(() => endPrivateMode(boardId))}
					>
						End without revealing
					</button>
				</span>
			)}
		</section>
	)
}
