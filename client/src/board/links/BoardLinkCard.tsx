import { useEffect, useState } from 'react'
import './boardLinks.css'
import { type LinkedBoardInfo, linkedBoardInfo } from './linkedBoardInfo.ts'

/** What a link card says of a board the reader may not open: never its title. */
export const CANNOT_OPEN_TEXT = 'A board you cannot open'

/**
 * The face of a board link on the canvas: the target's thumbnail (or a calm placeholder before
 * it has one), its title and circle, and an "Open" button. A board the reader may not view,
 * deleted or never there, shows only "A board you cannot open".
 */
export function BoardLinkCard({ boardId, onOpen }: { boardId: string; onOpen: (() => void) | null }) {
	const [info, setInfo] = useState<LinkedBoardInfo | 'loading'>('loading')
	const [thumbnailFailed, setThumbnailFailed] = useState(false)

	useEffect(() => {
		let current = true
		setInfo('loading')
		setThumbnailFailed(false)
		linkedBoardInfo(boardId).then((found) => {
			if (current) setInfo(found)
		})
		return () => {
			current = false
		}
	}, [boardId])

	const ready = info !== 'loading' && info.state === 'ready' ? info : null
	const title = ready
		? ready.title
		: info === 'loading'
			? 'Loading board…'
			: info.state === 'failed'
				? 'Board link (could not load)'
				: CANNOT_OPEN_TEXT
	return (
		<div className="board-link-card" data-state={info === 'loading' ? 'loading' : info.state}>
			<div className="board-link-card__picture" aria-hidden="true">
				{ready && !thumbnailFailed ? (
					<img
						src={`/api/boards/${encodeURIComponent(boardId)}/thumbnail`}
						alt=""
						draggable={false}
						onError={() => setThumbnailFailed(true)}
					/>
				) : (
					<span className="board-link-card__placeholder" />
				)}
			</div>
			<div className="board-link-card__text">
				<span className="board-link-card__title">{title}</span>
				{ready?.circleName && <span className="board-link-card__circle">{ready.circleName}</span>}
			</div>
			{ready && onOpen && (
				<button
					type="button"
					className="board-link-card__open"
					aria-label={`Open board ${ready.title}`}
					// The canvas would otherwise take the press to select or drag the card.
					onPointerDown={(event) => event.stopPropagation()}
					onClick={onOpen}
				>
					Open
				</button>
			)}
		</div>
	)
}
