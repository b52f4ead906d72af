import type { GalleryCard } from '@circlespace/shared'
import { useState } from 'react'
import { boardThumbnailUrl } from '../api/boardThumbnails.ts'
import { boardPath } from '../app/router.ts'
import { formatAgo, formatDateTime } from '../ui/dates.ts'
import { Link } from '../ui/Link.tsx'

/**
 * Boards as cards: the board's thumbnail (a calm placeholder before its first), its title (the
 * link to the board; the whole card opens it), its circle, journey day, when it last changed, and
 * how many are on it now. `showTribe` names the tribe too (the instance's gallery).
 */
export function GalleryCards({ cards, showTribe = false }: { cards: GalleryCard[]; showTribe?: boolean }) {
	return (
		<ul className="cs-gallery-grid">
			{cards.map((card) => (
				<li key={card.boardId} className="cs-gallery-card">
					<Thumbnail card={card} />
					<div className="cs-gallery-card-body">
						<Link href={boardPath(card.boardId)} className="cs-gallery-card-title">
							{card.title}
						</Link>
						<p className="cs-gallery-card-where cs-muted">
							{card.circles.map((circle) => circle.name).join(', ')}
							{showTribe && ` · ${card.tribe.name}`}
						</p>
						<p className="cs-gallery-card-meta">
							{card.journeyDay !== null && (
								<span className="cs-badge cs-badge-accent">Day {card.journeyDay}</span>
							)}
							<span className="cs-muted">
								Edited{' '}
								<time dateTime={card.updatedAt} title={formatDateTime(card.updatedAt)}>
									{formatAgo(card.updatedAt)}
								</time>
							</span>
						</p>
						<Presence count={card.presence} />
					</div>
				</li>
			))}
		</ul>
	)
}

function Thumbnail({ card }: { card: GalleryCard }) {
	// The address changes with the thumbnail, so a failed one is not retried until it is replaced.
	const [failedAt, setFailedAt] = useState<string | null>(null)
	if (card.thumbnailAt === null || failedAt === card.thumbnailAt) {
		return (
			<div className="cs-gallery-thumb cs-gallery-thumb-empty" aria-hidden="true">
				<span>No picture yet</span>
			</div>
		)
	}
	return (
		<div className="cs-gallery-thumb">
			<img
				src={boardThumbnailUrl(card.boardId, card.thumbnailAt)}
				alt=""
				loading="lazy"
				decoding="async"
				onError={() => setFailedAt(card.thumbnailAt)}
			/>
		</div>
	)
}

function Presence({ count }: { count: number }) {
	return (
		<p className={`cs-gallery-presence${count > 0 ? ' cs-gallery-presence-live' : ''}`} data-presence={count}>
			<span className="cs-gallery-presence-dot" aria-hidden="true" />
			{count === 0 ? 'No one here now' : count === 1 ? '1 person here now' : `${count} people here now`}
		</p>
	)
}
