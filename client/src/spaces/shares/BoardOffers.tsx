import type { BoardOffer, CircleDetail } from '@circlespace/shared'
import { useState } from 'react'
import { acceptBoardShare, declineBoardShare, listBoardOffers } from '../../api/boards.ts'
import { messageOf } from '../../api/http.ts'
import { useAnnounce } from '../../ui/Announcer.tsx'
import { formatAgo } from '../../ui/dates.ts'
import { FormError } from '../../ui/Field.tsx'
import { LoadError, Loading } from '../../ui/States.tsx'
import { useResource } from '../../ui/useResource.ts'
import './shares.css'

/**
 * "Offers from other circles" on a circle page, for those who manage the circle: boards other
 * circles offered to it, by title and origin only (nothing of a board is readable before it is
 * accepted), with Accept and Decline. Hidden when there are none, so the page stays calm.
 */
export function BoardOffers({ circle, onAccepted }: { circle: CircleDetail; onAccepted: () => void }) {
	const announce = useAnnounce()
	const [offers, controls] = useResource((signal) => listBoardOffers(circle.id, signal), [circle.id])
	const [busyId, setBusyId] = useState<string | null>(null)
	const [error, setError] = useState<string | null>(null)

	if (offers.status === 'loading') return <Loading>Loading offers from other circles…</Loading>
	if (offers.status === 'error') {
		return <LoadError what="The offers from other circles" error={offers.error} onRetry={controls.reload} />
	}
	if (offers.data.length === 0) return null

	async function answer(offer: BoardOffer, decision: 'accept' | 'decline') {
		setBusyId(offer.id)
		setError(null)
		try {
			if (decision === 'accept') await acceptBoardShare(offer.id)
			else await declineBoardShare(offer.id)
			controls.set((list) => list.filter((item) => item.id !== offer.id))
			announce(
				decision === 'accept'
					? `${offer.board.title} is now among ${circle.name}’s boards.`
					: `You declined ${offer.board.title}.`,
			)
			if (decision === 'accept') onAccepted()
		} catch (caught) {
			setError(`${offer.board.title}: ${messageOf(caught)}`)
			controls.reload()
		} finally {
			setBusyId(null)
		}
	}

	return (
		<section aria-labelledby="circle-board-offers" className="cs-section cs-attention">
			<h2 id="circle-board-offers">
				Offers from other circles <span className="cs-count-badge">{offers.data.length}</span>
			</h2>
			<p className="cs-muted">
				Accepted, a board is listed here and every member of {circle.name} edits it with its own circle.
			</p>
			<FormError message={error} />
			<ul className="cs-people-list">
				{offers.data.map((offer) => (
					<li key={offer.id} className="cs-person">
						<span className="cs-person-name">
							{offer.board.title}
							<span className="cs-offer-from">
								from {offer.fromCircle.name}
								{offer.fromCircle.tribeId === circle.tribeId ? '' : ` (${offer.fromCircle.tribeName})`}
								{offer.offeredBy ? `, by ${offer.offeredBy.displayName}` : ''}, {formatAgo(offer.offeredAt)}
							</span>
						</span>
						<span className="cs-row-actions">
							<button
								type="button"
								className="cs-button cs-button-small cs-button-primary"
								disabled={busyId === offer.id}
								onClick={() => answer(offer, 'accept')}
								aria-label={`Accept ${offer.board.title}`}
							>
								Accept
							</button>
							<button
								type="button"
								className="cs-button cs-button-small cs-button-quiet"
								disabled={busyId === offer.id}
								onClick={() => answer(offer, 'decline')}
								aria-label={`Decline ${offer.board.title}`}
							>
								Decline
							</button>
						</span>
					</li>
				))}
			</ul>
		</section>
	)
}
