import type { GalleryCard } from '@circlespace/shared'
import { useState } from 'react'
import type { Editor } from 'tldraw'
import { getTribeGallery } from '../../api/gallery.ts'
import { messageOf } from '../../api/http.ts'
import { useAnnounce } from '../../ui/Announcer.tsx'
import { Dialog } from '../../ui/Dialog.tsx'
import { TextField } from '../../ui/Field.tsx'
import { Empty, LoadError, Loading } from '../../ui/States.tsx'
import { useResource } from '../../ui/useResource.ts'
import { createBoardLink } from './pasteBoardLinks.ts'
import './boardLinks.css'

/**
 * "Link to a board…" in the top bar of a board one may edit: a dialog listing the boards the
 * person may view across the tribe's circles (the tribe gallery's pages), filtered as they type;
 * choosing one puts its link card in the middle of the view, selected.
 */
export function LinkBoardButton({
	editor,
	boardId,
	tribeId,
}: {
	editor: Editor | null
	boardId: string
	tribeId: string
}) {
	const [open, setOpen] = useState(false)
	const announce = useAnnounce()
	return (
		<>
			<button
				type="button"
				className="cs-button cs-button-small cs-topbar-button"
				disabled={!editor}
				// The same name at every width: below 1440 px only "Link…" shows, so the bar keeps the title.
				aria-label="Link to a board…"
				onClick={() => setOpen(true)}
			>
				Link<span className="cs-link-board-long"> to a board</span>…
			</button>
			{open && editor && (
				<LinkBoardDialog
					boardId={boardId}
					tribeId={tribeId}
					onClose={() => setOpen(false)}
					onChoose={(card) => {
						setOpen(false)
						createBoardLink(editor, card.boardId)
						announce(`Linked to ${card.title}.`)
					}}
				/>
			)}
		</>
	)
}

function LinkBoardDialog({
	boardId,
	tribeId,
	onClose,
	onChoose,
}: {
	boardId: string
	tribeId: string
	onClose: () => void
	onChoose: (card: GalleryCard) => void
}) {
	const [filter, setFilter] = useState('')
	const [more, setMore] = useState<{
		cards: GalleryCard[]
		nextCursor: string | null
		error: string | null
	} | null>(null)
	const [first, controls] = useResource((signal) => getTribeGallery(tribeId, {}, signal), [tribeId])
	const cards = first.status === 'ready' ? [...first.data.cards, ...(more?.cards ?? [])] : []
	const nextCursor = more ? more.nextCursor : first.status === 'ready' ? first.data.nextCursor : null
	const words = filter.trim().toLocaleLowerCase()
	const shown = cards.filter(
		(card) => card.boardId !== boardId && (words === '' || card.title.toLocaleLowerCase().includes(words)),
	)

	async function showMore() {
		if (!nextCursor) return
		try {
			const page = await getTribeGallery(tribeId, { cursor: nextCursor })
			setMore((previous) => ({
				cards: [...(previous?.cards ?? []), ...page.cards],
				nextCursor: page.nextCursor,
				error: null,
			}))
		} catch (error) {
			setMore((previous) => ({ cards: previous?.cards ?? [], nextCursor, error: messageOf(error) }))
		}
	}

	return (
		<Dialog
			title="Link to a board"
			description="Boards you may open in this tribe, newest edit first."
			onClose={onClose}
		>
			<TextField
				label="Find a board by title"
				type="search"
				value={filter}
				onChange={(event) => setFilter(event.target.value)}
				autoComplete="off"
			/>
			{first.status === 'loading' && <Loading>Loading boards…</Loading>}
			{first.status === 'error' && (
				<LoadError what="The boards" error={first.error} onRetry={controls.reload} />
			)}
			{first.status === 'ready' &&
				(shown.length === 0 ? (
					<Empty>
						<p>
							{words === ''
								? 'No other board you may open in this tribe yet.'
								: 'No board of those shown has that title.'}
						</p>
					</Empty>
				) : (
					<ul className="cs-link-picker" aria-label="Boards to link to">
						{shown.map((card) => (
							<li key={card.boardId}>
								<span>
									{card.title}
									<span className="cs-muted"> · {card.circles.map((circle) => circle.name).join(', ')}</span>
								</span>
								<button
									type="button"
									className="cs-button cs-button-small"
									aria-label={`Link to ${card.title}`}
									onClick={() => onChoose(card)}
								>
									Link
								</button>
							</li>
						))}
					</ul>
				))}
			{more?.error && <p role="alert">{more.error}</p>}
			<div className="cs-link-picker-actions">
				{nextCursor && (
					<button
						type="button"
						className="cs-button cs-button-small cs-button-quiet"
						onClick={() => void showMore()}
					>
						Show more boards
					</button>
				)}
				<button type="button" className="cs-button cs-button-small" onClick={onClose}>
					Cancel
				</button>
			</div>
		</Dialog>
	)
}
