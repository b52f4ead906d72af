import type { JourneyBoardItem } from '@circlespace/shared'
import { boardPath } from '../../app/router.ts'
import { boardVisibilityLabel } from '../../spaces/format.ts'
import { Link } from '../../ui/Link.tsx'
import { Empty } from '../../ui/States.tsx'
import { JourneyThumbnail } from '../JourneyThumbnail.tsx'

/**
 * The boards on a journey day as cards (thumbnail, title opening the board, who can open it),
 * with "Take off this day" for those who manage them, and one "not shared" note standing for
 * whatever on the day the person may not view.
 */
export function DayBoards({
	boards,
	notShared,
	manage,
	busyId,
	onTakeOff,
	emptyHint,
}: {
	boards: JourneyBoardItem[]
	notShared: boolean
	manage: boolean
	busyId: string | null
	onTakeOff: (board: JourneyBoardItem) => void
	emptyHint: string
}) {
	if (boards.length === 0 && !notShared) {
		return (
			<Empty>
				<p>No boards on this day yet.</p>
				<p className="cs-muted">{emptyHint}</p>
			</Empty>
		)
	}
	return (
		<ul className="cs-day-boards">
			{boards.map((board) => (
				<li key={board.id} className="cs-day-board">
					<Link href={boardPath(board.id)} className="cs-day-board-link">
						<JourneyThumbnail snapshotId={board.thumbnailSnapshotId} large />
						<span className="cs-day-board-title">{board.title}</span>
					</Link>
					<span className="cs-board-meta cs-muted">
						<span>{boardVisibilityLabel(board.visibility)}</span>
						{board.archived && <span className="cs-badge">Archived</span>}
						{board.access === 'view' && !board.archived && <span className="cs-badge">View only</span>}
					</span>
					{manage && (
						<button
							type="button"
							className="cs-button cs-button-small cs-button-quiet cs-day-board-off"
							disabled={busyId === board.id}
							onClick={() => onTakeOff(board)}
							aria-label={`Take ${board.title} off this day`}
						>
							{busyId === board.id ? 'Taking off…' : 'Take off this day'}
						</button>
					)}
				</li>
			))}
			{notShared && (
				<li className="cs-day-board cs-day-not-shared">
					<span className="cs-day-not-shared-mark" aria-hidden="true">
						–
					</span>
					<span className="cs-muted">Something on this day is not shared with you.</span>
				</li>
			)}
		</ul>
	)
}
