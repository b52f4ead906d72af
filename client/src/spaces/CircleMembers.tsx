import type { CircleDetail, CircleMember, CircleRole } from '@circlespace/shared'
import { useState } from 'react'
import { listCircleMembers, removeCircleMember, setCircleRole } from '../api/circles.ts'
import { messageOf } from '../api/http.ts'
import { personPath } from '../recognition/personPath.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { Avatar } from '../ui/Avatar.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { FormError } from '../ui/Field.tsx'
import { Link } from '../ui/Link.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useResource } from '../ui/useResource.ts'
import { circleRoleLabel } from './format.ts'

/**
 * The members of a circle, facilitators first. Its managers make or unmake facilitators and
 * remove members; the server refuses to leave a circle without a facilitator, and that
 * refusal is shown here as it is.
 */
export function CircleMembers({
	circle,
	selfId,
	version,
	onMembershipChanged,
}: {
	circle: CircleDetail
	selfId: string
	/** Changes when the member list should be loaded again. */
	version: number
	onMembershipChanged: () => void
}) {
	const announce = useAnnounce()
	const [members, controls] = useResource(
		(signal) => listCircleMembers(circle.id, signal),
		[circle.id, version],
	)
	const [removing, setRemoving] = useState<CircleMember | null>(null)
	const [busyId, setBusyId] = useState<string | null>(null)
	const [error, setError] = useState<string | null>(null)
	const manage = circle.can.manage

	async function changeRole(member: CircleMember, role: CircleRole) {
		setBusyId(member.id)
		setError(null)
		try {
			controls.set(await setCircleRole(circle.id, member.id, role))
			announce(
				role === 'facilitator'
					? `${member.displayName} is now a facilitator.`
					: `${member.displayName} is now a member.`,
			)
			if (member.id === selfId) onMembershipChanged()
		} catch (caught) {
			setError(messageOf(caught))
		} finally {
			setBusyId(null)
		}
	}

	return (
		<section aria-labelledby="circle-members" className="cs-section">
			<h2 id="circle-members">
				Members{' '}
				<span className="cs-muted cs-count">
					{circle.memberCount} of {circle.capacity}
				</span>
			</h2>
			<FormError message={error} />
			{members.status === 'loading' && <Loading>Loading members…</Loading>}
			{members.status === 'error' && (
				<LoadError what="The members" error={members.error} onRetry={controls.reload} />
			)}
			{members.status === 'ready' &&
				(members.data.length === 0 ? (
					<Empty>
						<p className="cs-muted">Nobody is in this circle yet.</p>
					</Empty>
				) : (
					<ul className="cs-people-list">
						{sortMembers(members.data).map((member) => {
							// A circle never loses its last facilitator: offer nothing that would.
							const lastFacilitator =
								member.role === 'facilitator' &&
								members.data.filter((other) => other.role === 'facilitator').length === 1
							return (
								<li key={member.id} className="cs-person">
									<Avatar name={member.displayName} color={member.color} />
									<span className="cs-person-name">
										<Link href={personPath(member.id)}>{member.displayName}</Link>
										{member.id === selfId && <span className="cs-muted"> (you)</span>}
										<span
											className={member.role === 'facilitator' ? 'cs-role cs-role-facilitator' : 'cs-role'}
										>
											{circleRoleLabel(member.role)}
										</span>
									</span>
									{manage && !lastFacilitator && (
										<span className="cs-row-actions">
											<button
												type="button"
												className="cs-button cs-button-small cs-button-quiet"
												disabled={busyId === member.id}
												onClick={() =>
													changeRole(member, member.role === 'facilitator' ? 'member' : 'facilitator')
												}
												aria-label={
													member.role === 'facilitator'
														? `Unmake facilitator: ${member.displayName}`
														: `Make facilitator: ${member.displayName}`
												}
											>
												{member.role === 'facilitator' ? 'Unmake facilitator' : 'Make facilitator'}
											</button>
											{member.id !== selfId && (
												<button
													type="button"
													className="cs-button cs-button-small cs-button-quiet cs-danger-text"
													onClick={() => setRemoving(member)}
													aria-label={`Remove ${member.displayName} from the circle`}
												>
													Remove
												</button>
											)}
										</span>
									)}
								</li>
							)
						})}
					</ul>
				))}
			{removing && (
				<ConfirmDialog
					title={`Remove ${removing.displayName}?`}
					confirmLabel="Remove from circle"
					pendingLabel="Removing…"
					danger
					onClose={() => setRemoving(null)}
					onConfirm={async () => {
						await removeCircleMember(circle.id, removing.id)
						controls.set((list) => list.filter((member) => member.id !== removing.id))
						onMembershipChanged()
						announce(`${removing.displayName} was removed from the circle.`)
					}}
				>
					<p>
						{removing.displayName} loses access to the circle's boards at once; a board they have open closes
						with an explanation. They can come back with a new invitation.
					</p>
				</ConfirmDialog>
			)}
		</section>
	)
}

function sortMembers(members: CircleMember[]): CircleMember[] {
	return [...members].sort(
		(a, b) =>
			Number(b.role === 'facilitator') - Number(a.role === 'facilitator') ||
			a.displayName.localeCompare(b.displayName),
	)
}
