import type { Home, InstanceInfo, Tribe } from '@circlespace/shared'
import { useState } from 'react'
import { getHome } from '../api/home.ts'
import { getInstance } from '../api/instance.ts'
import { createTribe, listTribes } from '../api/tribes.ts'
import { AppShell } from '../app/AppShell.tsx'
import { navigate, tribePath } from '../app/router.ts'
import { useUser } from '../auth/SessionProvider.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { type Resource, useResource } from '../ui/useResource.ts'
import { BoardList } from './BoardList.tsx'
import { CircleList } from './CircleList.tsx'
import { countOf, tribeKindLabel, tribeRoleLabel, tribeVisibilityLabel } from './format.ts'
import { TribeForm } from './TribeForm.tsx'

/**
 * The home page: my circles with their seats, recent boards of my circles, my tribes, and
 * the other tribes I can see. A fresh instance guides its admin to create the first tribe;
 * members may claim a space when the instance allows it.
 */
export function HomePage() {
	usePageTitle('Home')
	const user = useUser()
	const [home, homeControls] = useResource((signal) => getHome(signal), [])
	const [instance] = useResource((signal) => getInstance(signal), [])
	const [tribes, tribesControls] = useResource((signal) => listTribes(signal), [])

	const info = instance.status === 'ready' ? instance.data : null

	return (
		<AppShell>
			<div className="cs-title-row">
				<div>
					<PageHeading>Welcome, {user.displayName}</PageHeading>
					<p className="cs-muted cs-lead">Your circles, their boards and the tribes around them.</p>
				</div>
				{info && !info.firstRun && <NewTribeButton info={info} />}
			</div>
			{info?.firstRun ? (
				<FirstRun info={info} />
			) : (
				<div className="cs-columns">
					<div className="cs-column-main">
						<MyCircles home={home} onRetry={homeControls.reload} />
						<RecentBoards home={home} />
					</div>
					<div className="cs-column-side">
						<MyTribes home={home} />
						<OtherTribes tribes={tribes} onRetry={tribesControls.reload} />
					</div>
				</div>
			)}
		</AppShell>
	)
}

function MyCircles({ home, onRetry }: { home: Resource<Home>; onRetry: () => void }) {
	return (
		<section aria-labelledby="home-circles" className="cs-section">
			<h2 id="home-circles">Your circles</h2>
			{home.status === 'loading' && <Loading>Loading your circles…</Loading>}
			{home.status === 'error' && <LoadError what="Your circles" error={home.error} onRetry={onRetry} />}
			{home.status === 'ready' &&
				(home.data.circles.length === 0 ? (
					<Empty>
						<p>You are not in a circle yet.</p>
						<p className="cs-muted">
							Open one of the tribes and ask to join a circle, or follow an invitation link a facilitator sent
							you.
						</p>
					</Empty>
				) : (
					<CircleList circles={home.data.circles} showTribe />
				))}
		</section>
	)
}

function RecentBoards({ home }: { home: Resource<Home> }) {
	if (home.status !== 'ready') return null
	const boards = home.data.recentBoards
	return (
		<section aria-labelledby="home-boards" className="cs-section">
			<h2 id="home-boards">Recent boards</h2>
			{boards.length === 0 ? (
				<Empty>
					<p>No boards yet.</p>
					<p className="cs-muted">
						{home.data.circles.length > 0
							? 'Facilitators create boards on their circle’s page.'
							: 'Boards of your circles will appear here.'}
					</p>
				</Empty>
			) : (
				<BoardList boards={boards} showCircle />
			)}
		</section>
	)
}

function MyTribes({ home }: { home: Resource<Home> }) {
	if (home.status !== 'ready') return null
	return (
		<section aria-labelledby="home-tribes" className="cs-section">
			<h2 id="home-tribes">Your tribes</h2>
			{home.data.tribes.length === 0 ? (
				<Empty>
					<p className="cs-muted">You are not part of a tribe yet.</p>
				</Empty>
			) : (
				<TribeLinks tribes={home.data.tribes} />
			)}
		</section>
	)
}

function OtherTribes({ tribes, onRetry }: { tribes: Resource<Tribe[]>; onRetry: () => void }) {
	return (
		<section aria-labelledby="home-other-tribes" className="cs-section">
			<h2 id="home-other-tribes">Other tribes</h2>
			{tribes.status === 'loading' && <Loading>Loading tribes…</Loading>}
			{tribes.status === 'error' && <LoadError what="The tribes" error={tribes.error} onRetry={onRetry} />}
			{tribes.status === 'ready' &&
				(() => {
					const others = tribes.data.filter((tribe) => tribe.myRole === null)
					if (others.length === 0) {
						return (
							<Empty>
								<p className="cs-muted">No other tribes to browse.</p>
							</Empty>
						)
					}
					return <TribeLinks tribes={others} />
				})()}
		</section>
	)
}

/** A compact list of tribes, each a link with its counts and how to get in. */
export function TribeLinks({ tribes }: { tribes: Tribe[] }) {
	return (
		<ul className="cs-tribe-list">
			{tribes.map((tribe) => (
				<li key={tribe.id}>
					<Link href={tribePath(tribe.id)} className="cs-tribe-link">
						<span className="cs-tribe-name">{tribe.name}</span>
						<span className="cs-muted cs-tribe-meta">
							{countOf(tribe.circleCount, 'circle')} · {countOf(tribe.memberCount, 'member')}
						</span>
					</Link>
					<span className="cs-tribe-badges">
						{tribe.myRole ? (
							<span className="cs-badge">{tribeRoleLabel(tribe.myRole)}</span>
						) : (
							<span className="cs-badge">{tribeVisibilityLabel(tribe.visibility)}</span>
						)}
						{tribe.kind === 'emergent' && (
							<span className="cs-badge cs-badge-quiet">{tribeKindLabel(tribe.kind)}</span>
						)}
					</span>
				</li>
			))}
		</ul>
	)
}

function FirstRun({ info }: { info: InstanceInfo }) {
	if (info.can.conveneTribe) {
		return (
			<section className="cs-card cs-welcome" aria-labelledby="first-tribe-title">
				<h2 id="first-tribe-title">Create your first tribe</h2>
				<p>
					A tribe is a community of circles: a region, a programme, a part of your organisation. Once it
					exists, you set up its circles (cohorts of about thirty) and invite people into them.
				</p>
				<TribeForm
					submitLabel="Create tribe"
					pendingLabel="Creating…"
					onSubmit={async (values) => {
						const tribe = await createTribe(values)
						navigate(tribePath(tribe.id))
					}}
				/>
			</section>
		)
	}
	return (
		<section className="cs-card cs-welcome" aria-labelledby="first-tribe-title">
			<h2 id="first-tribe-title">No tribes yet</h2>
			{info.can.claimTribe ? (
				<>
					<p>
						Nobody has set up a tribe here yet. You can claim a space for your community and invite others in.
					</p>
					<TribeForm
						submitLabel="Claim this space"
						pendingLabel="Claiming…"
						onSubmit={async (values) => {
							const tribe = await createTribe(values)
							navigate(tribePath(tribe.id))
						}}
					/>
				</>
			) : (
				<p>
					The admin of this instance has not set up a tribe yet. When they do, or when a facilitator sends you
					an invitation link, your circles appear here.
				</p>
			)}
		</section>
	)
}

function NewTribeButton({ info }: { info: InstanceInfo }) {
	const [open, setOpen] = useState(false)
	const convene = info.can.conveneTribe
	if (!convene && !info.can.claimTribe) return null
	const label = convene ? 'Convene a tribe' : 'Claim a space'
	return (
		<>
			<button type="button" className="cs-button" onClick={() => setOpen(true)}>
				{label}
			</button>
			{open && (
				<Dialog
					title={label}
					description={
						convene ? (
							<p>
								Set up a tribe for a part of the organisation. You become its steward and can name others.
							</p>
						) : (
							<p>
								Start an emergent tribe for your community. You become its steward and can set up circles.
							</p>
						)
					}
					onClose={() => setOpen(false)}
					wide
				>
					<TribeForm
						submitLabel={convene ? 'Convene tribe' : 'Claim this space'}
						pendingLabel="Creating…"
						onCancel={() => setOpen(false)}
						onSubmit={async (values) => {
							const tribe = await createTribe(values)
							setOpen(false)
							navigate(tribePath(tribe.id))
						}}
					/>
				</Dialog>
			)}
		</>
	)
}
