import type { PersonProfile, Recognition } from '@circlespace/shared/recognition/recognitionApi.ts'
import { AppShell } from '../app/AppShell.tsx'
import { boardPath, circlePath, journeyDayPath } from '../app/router.ts'
import { useUser } from '../auth/SessionProvider.tsx'
import { Avatar } from '../ui/Avatar.tsx'
import { formatDate } from '../ui/dates.ts'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { isNotFound, useResource } from '../ui/useResource.ts'
import { getPersonProfile } from './recognitionApi.ts'
import './recognition.css'

/**
 * A person's page (`/people/:id`): what others thanked them for, in the tribes the reader shares
 * with them and on boards the reader may open, newest first. Deliberately no counts, badges or
 * order by how often: recognition is given between people, not a score (docs/ARCHITECTURE.md).
 */
export function PersonPage({ personId }: { personId: string }) {
	const self = useUser()
	const [profile, { reload }] = useResource((signal) => getPersonProfile(personId, signal), [personId])
	const data = profile.status === 'ready' ? profile.data : null
	const isSelf = personId === self.id
	usePageTitle(isNotFound(profile) ? 'Person not found' : (data?.person.displayName ?? 'Person'))

	if (isNotFound(profile)) {
		return (
			<AppShell narrow>
				<PageHeading>Person not found</PageHeading>
				<p>There is no such person here, or you share no tribe with them.</p>
				<p>
					<Link href="/">Go to your home page</Link>
				</p>
			</AppShell>
		)
	}
	return (
		<AppShell narrow>
			{profile.status === 'loading' && <Loading>Opening the page…</Loading>}
			{profile.status === 'error' && <LoadError what="This page" error={profile.error} onRetry={reload} />}
			{data && <PersonView profile={data} isSelf={isSelf} />}
		</AppShell>
	)
}

function PersonView({ profile, isSelf }: { profile: PersonProfile; isSelf: boolean }) {
	const { person, sharedTribes, recognitions } = profile
	return (
		<>
			<div className="cs-person-page-heading">
				<Avatar name={person.displayName} color={person.color} />
				<PageHeading>{isSelf ? `${person.displayName} (you)` : person.displayName}</PageHeading>
			</div>
			{sharedTribes.length > 0 && (
				<p className="cs-muted">
					{isSelf ? 'Your tribes: ' : 'Tribes you share: '}
					{sharedTribes.map((tribe) => tribe.name).join(', ')}
				</p>
			)}
			<section aria-labelledby="person-recognitions">
				<h2 id="person-recognitions">Recognised for</h2>
				{recognitions.length === 0 ? (
					<Empty>
						<p>
							{isSelf
								? 'Nothing yet. When someone thanks you for a note or a session, it shows here.'
								: `Nothing you can see yet. Select a note by ${person.displayName} on a board and choose “Recognise…” to thank them.`}
						</p>
					</Empty>
				) : (
					<ul className="cs-person-page-recognitions">
						{recognitions.map((recognition) => (
							<RecognitionItem key={recognition.id} recognition={recognition} />
						))}
					</ul>
				)}
			</section>
		</>
	)
}

function RecognitionItem({ recognition }: { recognition: Recognition }) {
	const { subject, board, circle } = recognition
	const where =
		subject.kind === 'note'
			? `${boardPath(board.id)}?${new URLSearchParams({ shape: subject.shapeId })}`
			: boardPath(board.id)
	return (
		<li className="cs-person-page-recognition">
			<h3>
				{subject.kind === 'note' ? 'A note on ' : 'The session “'}
				{subject.kind === 'session' && `${recognition.excerpt}” on `}
				<Link href={where}>{board.title}</Link>
			</h3>
			{subject.kind === 'note' && recognition.excerpt && (
				<blockquote className="cs-recognition-quote">{recognition.excerpt}</blockquote>
			)}
			<p className="cs-recognition-message">
				“{recognition.message}” — {recognition.giver.displayName}
			</p>
			<p className="cs-muted cs-recognition-meta">
				<Link href={circlePath(circle.id)}>{circle.name}</Link>, {recognition.tribe.name}
				{board.journeyDay !== null && (
					<>
						{' · '}
						<Link href={journeyDayPath(circle.id, board.journeyDay)}>
							Day {board.journeyDay} of the journey
						</Link>
					</>
				)}
				{' · '}
				{formatDate(recognition.createdAt)}
			</p>
		</li>
	)
}
