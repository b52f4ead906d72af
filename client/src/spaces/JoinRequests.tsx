import type { CircleDetail, JoinRequest } from '@circlespace/shared'
import { useState } from 'react'
import { decideJoinRequest, listJoinRequests } from '../api/circles.ts'
import { messageOf } from '../api/http.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { Avatar } from '../ui/Avatar.tsx'
import { formatAgo } from '../ui/dates.ts'
import { FormError } from '../ui/Field.tsx'
import { LoadError, Loading } from '../ui/States.tsx'
import { useResource } from '../ui/useResource.ts'
import { isFull } from './format.ts'

/**
 * Requests to join the circle, waiting for a facilitator: approve (takes a seat) or decline.
 * Hidden when there are none, so the page stays calm.
 */
export function JoinRequests({
	circle,
	version,
	onDecided,
}: {
	circle: CircleDetail
	version: number
	onDecided: () => void
}) {
	const announce = useAnnounce()
	const [requests, controls] = useResource(
		(signal) => listJoinRequests(circle.id, signal),
		[circle.id, version],
	)
	const [busyId, setBusyId] = useState<string | null>(null)
	const [error, setError] = useState<string | null>(null)

	if (requests.status === 'loading') return <Loading>Loading join requests…</Loading>
	if (requests.status === 'error') {
		return <LoadError what="The join requests" error={requests.error} onRetry={controls.reload} />
	}
	if (requests.data.length === 0) return null

	async function decide(request: JoinRequest, decision: 'approve' | 'decline') {
		setBusyId(request.id)
		setError(null)
		try {
			await decideJoinRequest(request.id, decision)
			controls.set((list) => list.filter((item) => item.id !== request.id))
			announce(
				decision === 'approve'
					? `${request.person.displayName} joined the circle.`
					: `You declined ${request.person.displayName}'s request.`,
			)
			if (decision === 'approve') onDecided()
		} catch (caught) {
			setError(`${request.person.displayName}: ${messageOf(caught)}`)
		} finally {
			setBusyId(null)
		}
	}

	const full = isFull(circle)

	return (
		<section aria-labelledby="circle-requests" className="cs-section cs-attention">
			<h2 id="circle-requests">
				Asking to join <span className="cs-count-badge">{requests.data.length}</span>
			</h2>
			{full && (
				<p className="cs-notice cs-notice-warning">
					Every seat is taken. Raise the number of seats (Edit circle) before approving.
				</p>
			)}
			<FormError message={error} />
			<ul className="cs-people-list">
				{requests.data.map((request) => (
					<li key={request.id} className="cs-person">
						<Avatar name={request.person.displayName} color={request.person.color} />
						<span className="cs-person-name">
							{request.person.displayName}
							<span className="cs-muted cs-person-meta">asked {formatAgo(request.createdAt)}</span>
						</span>
						<span className="cs-row-actions">
							<button
								type="button"
								className="cs-button cs-button-small cs-button-primary"
								disabled={busyId === request.id}
								onClick={() => decide(request, 'approve')}
								aria-label={`Approve ${request.person.displayName}`}
							>
								Approve
							</button>
							<button
								type="button"
								className="cs-button cs-button-small cs-button-quiet"
								disabled={busyId === request.id}
								onClick={() => decide(request, 'decline')}
								aria-label={`Decline ${request.person.displayName}`}
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
