import type { CircleDetail } from '@circlespace/shared'
import { useState } from 'react'
import { getCircle, removeCircleMember, requestToJoin, updateCircle } from '../api/circles.ts'
import { messageOf } from '../api/http.ts'
import { AppShell } from '../app/AppShell.tsx'
import { NotFoundPage } from '../app/NotFoundPage.tsx'
import { navigate, tribePath } from '../app/router.ts'
import { useUser } from '../auth/SessionProvider.tsx'
import { JourneySection } from '../journeys/JourneySection.tsx'
import { SessionHistory } from '../sessions/SessionHistory.tsx'
import { useAnnounce } from '../ui/Announcer.tsx'
import { Breadcrumbs } from '../ui/Breadcrumbs.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError } from '../ui/Field.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { isNotFound, useResource } from '../ui/useResource.ts'
import { CircleBoards } from './CircleBoards.tsx'
import { CircleForm } from './CircleForm.tsx'
import { CircleMembers } from './CircleMembers.tsx'
import { isFull } from './format.ts'
import { InvitationLinks } from './InvitationLinks.tsx'
import { JoinRequests } from './JoinRequests.tsx'
import { SeatMeter } from './SeatMeter.tsx'
import { BoardOffers } from './shares/BoardOffers.tsx'

/**
 * A circle: its boards, its members with their roles and seats "23 / 30", and for its
 * facilitators the offers of boards from other circles, the invitation links and the requests
 * waiting for an answer. Non-members who
 * may see it can ask to join.
 */
export function CirclePage({ circleId }: { circleId: string }) {
	const [circle, controls] = useResource((signal) => getCircle(circleId, signal), [circleId])
	// The title of the page shown, which may be the "not found" page (it sets the same title).
	usePageTitle(
		circle.status === 'ready' ? circle.data.name : isNotFound(circle) ? 'Circle not found' : 'Circle',
	)

	if (circle.status === 'loading') {
		return (
			<AppShell>
				<Loading>Loading the circle…</Loading>
			</AppShell>
		)
	}
	if (circle.status === 'error') {
		if (isNotFound(circle)) {
			return (
				<NotFoundPage title="Circle not found">
					<p>This circle does not exist, or it belongs to a private tribe you are not part of.</p>
				</NotFoundPage>
			)
		}
		return (
			<AppShell>
				<PageHeading>Circle</PageHeading>
				<LoadError what="This circle" error={circle.error} onRetry={controls.reload} />
			</AppShell>
		)
	}
	return <CircleView circle={circle.data} onChange={controls.set} onReload={controls.reload} />
}

function CircleView({
	circle,
	onChange,
	onReload,
}: {
	circle: CircleDetail
	onChange: (circle: CircleDetail) => void
	onReload: () => void
}) {
	const user = useUser()
	const announce = useAnnounce()
	const [editing, setEditing] = useState(false)
	const [leaving, setLeaving] = useState(false)
	const [requesting, setRequesting] = useState(false)
	const [requestError, setRequestError] = useState<string | null>(null)
	// Bumped when membership changes, so the member list and join requests load again.
	const [peopleVersion, setPeopleVersion] = useState(0)
	// Bumped when an offer from another circle is accepted, so the board list loads again.
	const [boardsVersion, setBoardsVersion] = useState(0)
	// The journey section and the boards each show what the other changes (a board's day on the
	// timeline; the journey's days in the "Journey day" field): each tells the page, which tells the other.
	const [boardsChanged, setBoardsChanged] = useState(0)
	const [journeyChanged, setJourneyChanged] = useState(0)
	const manage = circle.can.manage

	function membershipChanged() {
		onReload()
		setPeopleVersion((value) => value + 1)
	}

	async function askToJoin() {
		setRequesting(true)
		setRequestError(null)
		try {
			await requestToJoin(circle.id)
			onChange({ ...circle, myRequestPending: true })
			announce('Request sent. A facilitator will answer it.')
		} catch (caught) {
			setRequestError(messageOf(caught))
		} finally {
			setRequesting(false)
		}
	}

	return (
		<AppShell>
			<Breadcrumbs
				trail={[
					{ href: '/', label: 'Home' },
					{ href: tribePath(circle.tribeId), label: circle.tribeName },
				]}
				current={circle.name}
			/>
			<div className="cs-title-row">
				<div>
					<p className="cs-eyebrow">Circle</p>
					<PageHeading>{circle.name}</PageHeading>
					<div className="cs-badges">
						<SeatMeter memberCount={circle.memberCount} capacity={circle.capacity} />
						{circle.myRole && (
							<span className={circle.myRole === 'facilitator' ? 'cs-badge cs-badge-accent' : 'cs-badge'}>
								You are {circle.myRole === 'facilitator' ? 'a facilitator' : 'a member'}
							</span>
						)}
						{!circle.myRole && manage && <span className="cs-badge">You steward its tribe</span>}
					</div>
				</div>
				<div className="cs-title-actions">
					{manage && (
						<button type="button" className="cs-button" onClick={() => setEditing(true)}>
							Edit circle
						</button>
					)}
					{circle.can.requestToJoin &&
						!circle.myRole &&
						(circle.myRequestPending ? (
							<span className="cs-badge cs-badge-quiet">Your request is waiting for a facilitator</span>
						) : isFull(circle) ? (
							<span className="cs-badge">This circle is full</span>
						) : (
							<button
								type="button"
								className="cs-button cs-button-primary"
								onClick={askToJoin}
								disabled={requesting}
							>
								{requesting ? 'Sending…' : 'Ask to join'}
							</button>
						))}
					{circle.can.leave && (
						<button
							type="button"
							className="cs-button cs-button-danger-quiet"
							onClick={() => setLeaving(true)}
						>
							Leave circle
						</button>
					)}
				</div>
			</div>
			<FormError message={requestError} />
			{circle.description && <p className="cs-prose-text cs-lead">{circle.description}</p>}

			<JourneySection
				circle={circle}
				version={boardsChanged}
				onChanged={() => setJourneyChanged((value) => value + 1)}
			/>

			<div className="cs-columns">
				<div className="cs-column-main">
					<CircleBoards
						circle={circle}
						version={boardsVersion}
						journeyVersion={journeyChanged}
						onBoardsChanged={() => setBoardsChanged((value) => value + 1)}
					/>
					<SessionHistory circleId={circle.id} />
				</div>
				<div className="cs-column-side">
					{manage && (
						<BoardOffers circle={circle} onAccepted={() => setBoardsVersion((value) => value + 1)} />
					)}
					{manage && <JoinRequests circle={circle} version={peopleVersion} onDecided={membershipChanged} />}
					{circle.can.seeMembers ? (
						<CircleMembers
							circle={circle}
							selfId={user.id}
							version={peopleVersion}
							onMembershipChanged={membershipChanged}
						/>
					) : (
						<section className="cs-section" aria-labelledby="circle-members">
							<h2 id="circle-members">Members</h2>
							<p className="cs-muted">Members of the circle see who is in it.</p>
						</section>
					)}
					{manage && <InvitationLinks circle={circle} />}
				</div>
			</div>

			{editing && (
				<Dialog title="Edit circle" onClose={() => setEditing(false)} wide>
					<CircleForm
						initial={circle}
						memberCount={circle.memberCount}
						submitLabel="Save changes"
						pendingLabel="Saving…"
						onCancel={() => setEditing(false)}
						onSubmit={async (values) => {
							onChange(await updateCircle(circle.id, values))
							setEditing(false)
							announce('Circle saved.')
						}}
					/>
				</Dialog>
			)}
			{leaving && (
				<ConfirmDialog
					title={`Leave ${circle.name}?`}
					confirmLabel="Leave circle"
					pendingLabel="Leaving…"
					danger
					onClose={() => setLeaving(false)}
					onConfirm={async () => {
						await removeCircleMember(circle.id, user.id)
						announce(`You left ${circle.name}.`)
						navigate(tribePath(circle.tribeId))
					}}
				>
					<p>
						You will no longer edit its boards.
						{circle.myRole === 'facilitator' && ' If you are its only facilitator, name another one first.'}
					</p>
				</ConfirmDialog>
			)}
		</AppShell>
	)
}
