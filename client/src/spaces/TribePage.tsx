import type { Circle, TribeDetail, TribeMember } from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { requestToJoin } from '../api/circles.ts'
import { ApiError, messageOf } from '../api/http.ts'
import {
	addSteward,
	createCircle,
	getTribe,
	joinTribe,
	listTribeCircles,
	listTribeMembers,
	removeTribeMember,
	updateTribe,
} from '../api/tribes.ts'
import { AppShell } from '../app/AppShell.tsx'
import { NotFoundPage } from '../app/NotFoundPage.tsx'
import { circlePath, navigate } from '../app/router.ts'
import { useUser } from '../auth/SessionProvider.tsx'
import { BoardTemplatesList } from '../boardTemplates/BoardTemplatesList.tsx'
import { GallerySection } from '../gallery/GallerySection.tsx'
import { ParallelJourneysSection } from '../journeys/parallel/ParallelJourneysSection.tsx'
import { useAnnounce } from '../ui/Announcer.tsx'
import { Avatar } from '../ui/Avatar.tsx'
import { Breadcrumbs } from '../ui/Breadcrumbs.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError, TextField } from '../ui/Field.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { isNotFound, type Resource, useResource } from '../ui/useResource.ts'
import { CircleForm } from './CircleForm.tsx'
import { CircleList } from './CircleList.tsx'
import { isFull, tribeKindLabel, tribeVisibilityHint, tribeVisibilityLabel } from './format.ts'
import { TribeForm } from './TribeForm.tsx'

/**
 * A tribe: what it is about, its circles with their seats (join or ask to join each), its
 * stewards and members, and (for its members) its circles' journeys side by side and its board
 * templates; its stewards set up circles, edit the tribe and name other stewards.
 */
export function TribePage({ tribeId }: { tribeId: string }) {
	const [tribe, tribeControls] = useResource((signal) => getTribe(tribeId, signal), [tribeId])
	// The title of the page shown, which may be the "not found" page (it sets the same title).
	usePageTitle(tribe.status === 'ready' ? tribe.data.name : isNotFound(tribe) ? 'Tribe not found' : 'Tribe')

	if (tribe.status === 'loading') {
		return (
			<AppShell>
				<Loading>Loading the tribe…</Loading>
			</AppShell>
		)
	}
	if (tribe.status === 'error') {
		if (isNotFound(tribe)) {
			return (
				<NotFoundPage title="Tribe not found">
					<p>This tribe does not exist, or it is private and you are not one of its members.</p>
				</NotFoundPage>
			)
		}
		return (
			<AppShell>
				<PageHeading>Tribe</PageHeading>
				<LoadError what="This tribe" error={tribe.error} onRetry={tribeControls.reload} />
			</AppShell>
		)
	}
	return <TribeView tribe={tribe.data} onChange={tribeControls.set} />
}

function TribeView({ tribe, onChange }: { tribe: TribeDetail; onChange: (tribe: TribeDetail) => void }) {
	const user = useUser()
	const announce = useAnnounce()
	const canSeeMembers = tribe.myRole !== null || tribe.can.manage
	const [circles, circlesControls] = useResource((signal) => listTribeCircles(tribe.id, signal), [tribe.id])
	const [members, membersControls] = useResource(
		(signal) => (canSeeMembers ? listTribeMembers(tribe.id, signal) : Promise.resolve(null)),
		[tribe.id, canSeeMembers],
	)
	const [editing, setEditing] = useState(false)
	const [creatingCircle, setCreatingCircle] = useState(false)
	const [leaving, setLeaving] = useState(false)
	const [joining, setJoining] = useState(false)
	const [joinError, setJoinError] = useState<string | null>(null)

	async function join() {
		setJoining(true)
		setJoinError(null)
		try {
			onChange(await joinTribe(tribe.id))
			membersControls.reload()
			announce(`You joined ${tribe.name}.`)
		} catch (caught) {
			setJoinError(messageOf(caught))
		} finally {
			setJoining(false)
		}
	}

	return (
		<AppShell>
			<Breadcrumbs trail={[{ href: '/', label: 'Home' }]} current={tribe.name} />
			<div className="cs-title-row">
				<div>
					<p className="cs-eyebrow">Tribe</p>
					<PageHeading>{tribe.name}</PageHeading>
					<p className="cs-badges">
						<span className="cs-badge" title={tribeVisibilityHint(tribe.visibility)}>
							{tribeVisibilityLabel(tribe.visibility)}
						</span>
						<span
							className="cs-badge cs-badge-quiet"
							title={tribe.kind === 'convened' ? 'Set up by the organisation' : 'Claimed by its members'}
						>
							{tribeKindLabel(tribe.kind)}
						</span>
						{tribe.myRole && (
							<span className="cs-badge cs-badge-accent">
								You are {tribe.myRole === 'steward' ? 'a steward' : 'a member'}
							</span>
						)}
					</p>
				</div>
				<div className="cs-title-actions">
					{tribe.can.join && (
						<button type="button" className="cs-button cs-button-primary" onClick={join} disabled={joining}>
							{joining ? 'Joining…' : 'Join this tribe'}
						</button>
					)}
					{tribe.can.manage && (
						<button type="button" className="cs-button" onClick={() => setEditing(true)}>
							Edit tribe
						</button>
					)}
					{tribe.myRole && (
						<button
							type="button"
							className="cs-button cs-button-danger-quiet"
							onClick={() => setLeaving(true)}
						>
							Leave tribe
						</button>
					)}
				</div>
			</div>
			<FormError message={joinError} />

			<section aria-labelledby="tribe-about" className="cs-section">
				<h2 id="tribe-about">About</h2>
				{tribe.description ? (
					<p className="cs-prose-text">{tribe.description}</p>
				) : (
					<p className="cs-muted">No description yet.</p>
				)}
				<p className="cs-muted">{tribeVisibilityHint(tribe.visibility)}</p>
			</section>

			{canSeeMembers && <ParallelJourneysSection tribeId={tribe.id} manage={tribe.can.manage} />}

			<GallerySection tribeId={tribe.id} />

			<div className="cs-columns">
				<section aria-labelledby="tribe-circles" className="cs-section cs-column-main">
					<div className="cs-section-head">
						<h2 id="tribe-circles">Circles</h2>
						{tribe.can.manage && (
							<button
								type="button"
								className="cs-button cs-button-small"
								onClick={() => setCreatingCircle(true)}
							>
								New circle
							</button>
						)}
					</div>
					<TribeCircles
						circles={circles}
						manage={tribe.can.manage}
						onRetry={circlesControls.reload}
						onRequested={(circleId) =>
							circlesControls.set((list) =>
								list.map((circle) =>
									circle.id === circleId ? { ...circle, myRequestPending: true } : circle,
								),
							)
						}
					/>
				</section>
				<section aria-labelledby="tribe-people" className="cs-section cs-column-side">
					<h2 id="tribe-people">People</h2>
					{canSeeMembers ? (
						<TribePeople
							tribe={tribe}
							members={members}
							selfId={user.id}
							onRetry={membersControls.reload}
							onMembers={(list) => membersControls.set(list)}
						/>
					) : (
						<p className="cs-muted">Members of the tribe see who is in it.</p>
					)}
				</section>
			</div>

			{/* Its members start boards from them; stewards (and whoever saved one) rename and delete. */}
			{canSeeMembers && <BoardTemplatesList tribeId={tribe.id} />}

			{editing && (
				<Dialog title="Edit tribe" onClose={() => setEditing(false)} wide>
					<TribeForm
						initial={tribe}
						submitLabel="Save changes"
						pendingLabel="Saving…"
						onCancel={() => setEditing(false)}
						onSubmit={async (values) => {
							onChange(await updateTribe(tribe.id, values))
							setEditing(false)
							announce('Tribe saved.')
						}}
					/>
				</Dialog>
			)}
			{creatingCircle && (
				<Dialog
					title="New circle"
					description={<p>You become its first facilitator, and can invite people right after.</p>}
					onClose={() => setCreatingCircle(false)}
					wide
				>
					<CircleForm
						submitLabel="Create circle"
						pendingLabel="Creating…"
						onCancel={() => setCreatingCircle(false)}
						onSubmit={async (values) => {
							const circle = await createCircle(tribe.id, values)
							setCreatingCircle(false)
							navigate(circlePath(circle.id))
						}}
					/>
				</Dialog>
			)}
			{leaving && (
				<ConfirmDialog
					title={`Leave ${tribe.name}?`}
					confirmLabel="Leave tribe"
					pendingLabel="Leaving…"
					danger
					onClose={() => setLeaving(false)}
					onConfirm={async () => {
						await removeTribeMember(tribe.id, user.id)
						announce(`You left ${tribe.name}.`)
						// A private tribe is no longer visible once left: home is the one page sure to exist.
						navigate('/')
					}}
				>
					<p>You also leave its circles, and lose access to boards shared with the tribe.</p>
				</ConfirmDialog>
			)}
		</AppShell>
	)
}

function TribeCircles({
	circles,
	manage,
	onRetry,
	onRequested,
}: {
	circles: Resource<Circle[]>
	manage: boolean
	onRetry: () => void
	onRequested: (circleId: string) => void
}) {
	if (circles.status === 'loading') return <Loading>Loading circles…</Loading>
	if (circles.status === 'error')
		return <LoadError what="The circles" error={circles.error} onRetry={onRetry} />
	if (circles.data.length === 0) {
		return (
			<Empty>
				<p>No circles yet.</p>
				<p className="cs-muted">
					{manage
						? 'Set up the first circle with “New circle”.'
						: 'The stewards of this tribe set up its circles.'}
				</p>
			</Empty>
		)
	}
	return (
		<CircleList
			circles={circles.data}
			actions={(circle) => <CircleJoinAction circle={circle} onRequested={() => onRequested(circle.id)} />}
		/>
	)
}

function CircleJoinAction({ circle, onRequested }: { circle: Circle; onRequested: () => void }) {
	const announce = useAnnounce()
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)
	if (circle.myRole) return null
	if (circle.myRequestPending) return <span className="cs-badge cs-badge-quiet">Request sent</span>
	if (isFull(circle)) return null

	async function ask() {
		setPending(true)
		setError(null)
		try {
			await requestToJoin(circle.id)
			onRequested()
			announce(`Request sent to the facilitators of ${circle.name}.`)
		} catch (caught) {
			setError(messageOf(caught))
			setPending(false)
		}
	}

	return (
		<span className="cs-inline-action">
			<button
				type="button"
				className="cs-button cs-button-small"
				onClick={ask}
				disabled={pending}
				aria-label={`Ask to join ${circle.name}`}
			>
				{pending ? 'Sending…' : 'Ask to join'}
			</button>
			{error && (
				<span className="cs-error" role="alert">
					{error}
				</span>
			)}
		</span>
	)
}

function TribePeople({
	tribe,
	members,
	selfId,
	onRetry,
	onMembers,
}: {
	tribe: TribeDetail
	members: Resource<TribeMember[] | null>
	selfId: string
	onRetry: () => void
	onMembers: (members: TribeMember[]) => void
}) {
	const [removing, setRemoving] = useState<TribeMember | null>(null)
	const announce = useAnnounce()
	if (members.status === 'loading') return <Loading>Loading people…</Loading>
	if (members.status === 'error')
		return <LoadError what="The people" error={members.error} onRetry={onRetry} />
	const list = members.data ?? []
	const stewards = list.filter((member) => member.role === 'steward')
	const others = list.filter((member) => member.role !== 'steward')

	const renderPerson = (member: TribeMember) => (
		<li key={member.id} className="cs-person">
			<Avatar name={member.displayName} color={member.color} />
			<span className="cs-person-name">
				{member.displayName}
				{member.id === selfId && <span className="cs-muted"> (you)</span>}
			</span>
			{tribe.can.manage && member.id !== selfId && (
				<button
					type="button"
					className="cs-button cs-button-small cs-button-quiet"
					onClick={() => setRemoving(member)}
					aria-label={`Remove ${member.displayName} from the tribe`}
				>
					Remove
				</button>
			)}
		</li>
	)

	return (
		<>
			<h3 className="cs-subhead">Stewards</h3>
			{stewards.length === 0 ? (
				<p className="cs-muted">No stewards.</p>
			) : (
				<ul className="cs-people-list">{stewards.map(renderPerson)}</ul>
			)}
			{tribe.can.manage && <AddStewardForm tribeId={tribe.id} onMembers={onMembers} />}
			<h3 className="cs-subhead">Members</h3>
			{others.length === 0 ? (
				<p className="cs-muted">No other members yet.</p>
			) : (
				<ul className="cs-people-list">{others.map(renderPerson)}</ul>
			)}
			{removing && (
				<ConfirmDialog
					title={`Remove ${removing.displayName}?`}
					confirmLabel="Remove"
					pendingLabel="Removing…"
					danger
					onClose={() => setRemoving(null)}
					onConfirm={async () => {
						await removeTribeMember(tribe.id, removing.id)
						onMembers(list.filter((member) => member.id !== removing.id))
						announce(`${removing.displayName} was removed from the tribe.`)
					}}
				>
					<p>
						{removing.displayName} leaves {tribe.name} and its circles. Their boards stay with their circles.
					</p>
				</ConfirmDialog>
			)}
		</>
	)
}

function AddStewardForm({
	tribeId,
	onMembers,
}: {
	tribeId: string
	onMembers: (members: TribeMember[]) => void
}) {
	const announce = useAnnounce()
	const [email, setEmail] = useState('')
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)

	async function submit(event: FormEvent) {
		event.preventDefault()
		if (!email.trim()) {
			setError('Type the email address of their account.')
			return
		}
		setPending(true)
		setError(null)
		try {
			onMembers(await addSteward(tribeId, email.trim()))
			announce(`${email.trim()} is now a steward.`)
			setEmail('')
		} catch (caught) {
			setError(
				caught instanceof ApiError && caught.status === 404
					? 'No account has this email address. They need to sign up first.'
					: messageOf(caught),
			)
		} finally {
			setPending(false)
		}
	}

	return (
		<form onSubmit={submit} noValidate className="cs-inline-form" aria-busy={pending}>
			<TextField
				label="Name a steward"
				hint="The email address of their account."
				type="email"
				autoComplete="off"
				value={email}
				onChange={(event) => setEmail(event.target.value)}
				error={error}
			/>
			<button type="submit" className="cs-button cs-button-small" disabled={pending}>
				{pending ? 'Adding…' : 'Add steward'}
			</button>
		</form>
	)
}
