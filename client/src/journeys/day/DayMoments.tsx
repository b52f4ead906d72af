import type { JourneySessionItem, JourneySnapshotItem } from '@circlespace/shared'
import { boardPath, snapshotPath } from '../../app/router.ts'
import { durationText } from '../../sessions/timerText.ts'
import { formatDateTime } from '../../ui/dates.ts'
import { Link } from '../../ui/Link.tsx'
import { thumbnailOf } from '../items.ts'
import { JourneyThumbnail } from '../JourneyThumbnail.tsx'

/**
 * The live sessions and hand-taken snapshots of a journey day, in the order they happened: a
 * session opens the snapshot it ended with, a snapshot opens itself, and both name their board.
 */
export function DayMoments({ items }: { items: Array<JourneySessionItem | JourneySnapshotItem> }) {
	if (items.length === 0) return <p className="cs-muted">No live sessions or snapshots on this day.</p>
	return (
		<ul className="cs-day-moments">
			{items.map((item) => (
				<li key={`${item.kind}-${item.id}`} className="cs-day-moment">
					<JourneyThumbnail snapshotId={thumbnailOf(item)} />
					<div>
						{item.kind === 'session' ? <SessionLine session={item} /> : <SnapshotLine snapshot={item} />}
					</div>
				</li>
			))}
		</ul>
	)
}

function SessionLine({ session }: { session: JourneySessionItem }) {
	return (
		<>
			{session.snapshot ? (
				<Link href={snapshotPath(session.boardId, session.snapshot.id)} className="cs-day-moment-title">
					{session.title}
				</Link>
			) : (
				<span className="cs-day-moment-title">{session.title}</span>
			)}
			<p className="cs-board-meta cs-muted">
				<span>Live session</span>
				<time dateTime={session.startedAt}>{formatDateTime(session.startedAt)}</time>
				<span>
					{session.endedAt
						? durationText(new Date(session.endedAt).getTime() - new Date(session.startedAt).getTime())
						: 'running now'}
				</span>
				<span>
					on <Link href={boardPath(session.boardId)}>{session.boardTitle}</Link>
				</span>
			</p>
		</>
	)
}

function SnapshotLine({ snapshot }: { snapshot: JourneySnapshotItem }) {
	return (
		<>
			<Link href={snapshotPath(snapshot.boardId, snapshot.id)} className="cs-day-moment-title">
				{snapshot.title}
			</Link>
			<p className="cs-board-meta cs-muted">
				<span>Snapshot</span>
				<time dateTime={snapshot.createdAt}>{formatDateTime(snapshot.createdAt)}</time>
				<span>
					of <Link href={boardPath(snapshot.boardId)}>{snapshot.boardTitle}</Link>
				</span>
			</p>
		</>
	)
}
