import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { boardPath } from '../../app/router.ts'
import { Link } from '../../ui/Link.tsx'
import { Empty, LoadError, Loading } from '../../ui/States.tsx'
import { useResource } from '../../ui/useResource.ts'
import { getBacklinks } from './linksApi.ts'
import './boardLinks.css'

/**
 * "Linked from" in the board's top bar: a toggle that opens a small panel listing the boards
 * that link to this one (those the person may view; others are left out, uncounted), each
 * opening it. Escape or Close shuts the panel and gives focus back to the toggle.
 */
export function BacklinksToggle({ boardId }: { boardId: string }) {
	const [open, setOpen] = useState(false)
	const panelId = useId()
	const buttonRef = useRef<HTMLButtonElement>(null)
	const close = () => {
		setOpen(false)
		buttonRef.current?.focus()
	}
	return (
		<>
			<button
				ref={buttonRef}
				type="button"
				className="cs-button cs-button-small cs-topbar-button"
				aria-expanded={open}
				aria-controls={open ? panelId : undefined}
				onClick={() => setOpen((shown) => !shown)}
			>
				Linked from
			</button>
			{open && <BacklinksPanel id={panelId} boardId={boardId} onClose={close} />}
		</>
	)
}

/** The list of boards linking to `boardId`, asked when it opens. */
export function BacklinksPanel({
	id,
	boardId,
	onClose,
}: {
	id: string
	boardId: string
	onClose: () => void
}) {
	const headingId = useId()
	const headingRef = useRef<HTMLHeadingElement>(null)
	const [backlinks, controls] = useResource((signal) => getBacklinks(boardId, signal), [boardId])

	useEffect(() => {
		headingRef.current?.focus()
	}, [])

	function onKeyDown(event: KeyboardEvent) {
		if (event.key !== 'Escape' || event.defaultPrevented) return
		event.preventDefault()
		onClose()
	}

	return (
		<section id={id} className="cs-backlinks" aria-labelledby={headingId} onKeyDown={onKeyDown}>
			<div className="cs-backlinks-head">
				<h2 id={headingId} ref={headingRef} tabIndex={-1}>
					Linked from
				</h2>
				<button type="button" className="cs-button cs-button-small cs-button-quiet" onClick={onClose}>
					Close<span className="cs-visually-hidden"> linked from</span>
				</button>
			</div>
			{backlinks.status === 'loading' && <Loading>Loading the boards that link here…</Loading>}
			{backlinks.status === 'error' && (
				<LoadError what="The boards that link here" error={backlinks.error} onRetry={controls.reload} />
			)}
			{backlinks.status === 'ready' &&
				(backlinks.data.boards.length === 0 ? (
					<Empty>
						<p>No board you can open links here yet.</p>
						<p className="cs-muted">Paste this board’s address onto another board to link them.</p>
					</Empty>
				) : (
					<ul aria-label="Boards that link here" className="cs-backlinks-list">
						{backlinks.data.boards.map((board) => (
							<li key={board.id}>
								<Link href={boardPath(board.id)}>{board.title}</Link>
								{board.circle && <span className="cs-muted"> · {board.circle.name}</span>}
								{board.archived && <span className="cs-muted"> · archived</span>}
							</li>
						))}
					</ul>
				))}
		</section>
	)
}
