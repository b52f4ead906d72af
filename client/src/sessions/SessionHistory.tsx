import type { PastSession } from '@circlespace/shared'
import { useState } from 'react'
import { listCircleSessions } from '../api/sessions.ts'
import { snapshotThumbnailUrl } from '../api/snapshots.ts'
import { replayPath, snapshotPath } from '../app/router.ts'
import { useUser } from '../auth/SessionProvider.tsx'
import { RecogniseDialog } from '../recognition/RecogniseDialog.tsx'
import { formatDateTime } from '../ui/dates.ts'
import { Link } from '../ui/Link.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useResource } from '../ui/useResource.ts'
import { durationText } from './timerText.ts'

/**
 * "Past sessions" of a circle, on its page: each session's title, board, date, length and
 * who took part, with the thumbnail of the snapshot it ended with, opening that snapshot.
 * Only sessions of boards the person may view are listed (the server decides).
 */
export function SessionHistory({ circleId }: { circleId: string }) {
	const self = useUser()
	const [sessions, controls] = useResource((signal) => listCircleSessions(circleId, signal), [circleId])
	return (
		<section className="cs-section" aria-labelledby="circle-past-sessions">
			<h2 id="circle-past-sessions">Past sessions</h2>
			{sessions.status === 'loading' && <Loading>Loading the past sessions…</Loading>}
			{sessions.status === 'error' && (
				<LoadError what="The past sessions" error={sessions.error} onRetry={controls.reload} />
			)}
			{sessions.status === 'ready' &&
				(sessions.data.length === 0 ? (
					<Empty>
						<p>No live sessions yet. A facilitator starts one from a board; when it ends, it is kept here.</p>
					</Empty>
				) : (
					<ul className="cs-session-history">
						{sessions.data.map((session) => (
							<PastSessionItem key={session.id} session={session} selfId={self.id} />
						))}
					</ul>
				))}
		</section>
	)
}

function PastSessionItem({ session, selfId }: { session: PastSession; selfId: string }) {
	const [thumbnailFailed, setThumbnailFailed] = useState(false)
	const [recognising, setRecognising] = useState(false)
	const [thanked, setThanked] = useState<string[]>([])
	// Nobody recognises themselves: only the others who took part are offered.
	const others = session.participants
		.filter((person) => person.id !== selfId)
		.sort((a, b) => a.displayName.localeCompare(b.displayName))
	const snapshot = session.snapshot
	const names = session.participants.map((person) => person.displayName)
	const thumbnail =
		snapshot?.hasThumbnail && !thumbnailFailed ? (
			<img
				className="cs-past-session-thumb"
				src={snapshotThumbnailUrl(snapshot.id)}
				alt=""
				loading="lazy"
				onError={() => setThumbnailFailed(true)}
			/>
		) : (
			<span className="cs-past-session-thumb" aria-hidden="true" />
		)
	return (
		<li className="cs-past-session">
			{thumbnail}
			<div>
				{snapshot ? (
					<Link href={snapshotPath(session.boardId, snapshot.id)} className="cs-past-session-title">
						{session.title}
					</Link>
				) : (
					<span className="cs-past-session-title">{session.title}</span>
				)}
				<p className="cs-past-session-meta">
					<time dateTime={session.startedAt}>{formatDateTime(session.startedAt)}</time>
					<span>{durationText(session.durationMs)}</span>
					<span>on {session.boardTitle}</span>
					<Link href={replayPath(session.boardId, { session: session.id })}>
						Replay<span className="cs-visually-hidden"> {session.title}</span>
					</Link>
				</p>
				<p className="cs-past-session-people">
					{names.length === 0
						? 'Nobody was on the board.'
						: `${names.length === 1 ? '1 person' : `${names.length} people`} took part: ${names.join(', ')}`}
					{others.length > 0 && (
						<>
							{' '}
							<button
								type="button"
								className="cs-button cs-button-small cs-button-quiet"
								onClick={() => setRecognising(true)}
							>
								Recognise…<span className="cs-visually-hidden"> a part in {session.title}</span>
							</button>
						</>
					)}
				</p>
				{thanked.length > 0 && (
					<p className="cs-past-session-people" role="status">
						You thanked {thanked.join(', ')} for this session.
					</p>
				)}
				{recognising && (
					<RecogniseDialog
						contribution={{ kind: 'session', sessionId: session.id, title: session.title, people: others }}
						onClose={() => setRecognising(false)}
						onGiven={(recognition) => setThanked((names) => [...names, recognition.recipient.displayName])}
					/>
				)}
			</div>
		</li>
	)
}
