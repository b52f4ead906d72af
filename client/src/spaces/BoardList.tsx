import type { Board } from '@circlespace/shared'
import type { ReactNode } from 'react'
import { boardPath, journeyDayPath } from '../app/router.ts'
import { formatAgo, formatDateTime } from '../ui/dates.ts'
import { Link } from '../ui/Link.tsx'
import { boardVisibilityLabel } from './format.ts'
import './shares/shares.css'
import { shareBadge } from './shares/shareText.ts'

/**
 * Boards as rows: the title (a link to the board), where it belongs when asked, its
 * visibility, when it last changed, whether it is shared with or by another circle; `actions` adds
 * the managers' buttons per board.
 */
export function BoardList({
	boards,
	showCircle = false,
	circleId,
	actions,
}: {
	boards: Board[]
	showCircle?: boolean
	/** The circle whose list this is: boards are marked "Shared by …" / "Shared with …" relative to it. */
	circleId?: string
	actions?: (board: Board) => ReactNode
}) {
	return (
		<ul className="cs-board-list">
			{boards.map((board) => {
				const shared = circleId === undefined ? null : shareBadge(board, circleId)
				return (
					<li key={board.id} className="cs-board-row">
						<div className="cs-board-row-main">
							<Link href={boardPath(board.id)} className="cs-board-title">
								{board.title}
							</Link>
							<span className="cs-board-meta cs-muted">
								{showCircle && <span>{board.circleName}</span>}
								<span>{boardVisibilityLabel(board.visibility)}</span>
								<span>
									Changed{' '}
									<time dateTime={board.updatedAt} title={formatDateTime(board.updatedAt)}>
										{formatAgo(board.updatedAt)}
									</time>
								</span>
							</span>
						</div>
						<div className="cs-board-row-end">
							{board.journeyDay != null && (
								<Link
									href={journeyDayPath(board.circleId, board.journeyDay)}
									className="cs-badge cs-badge-accent"
									aria-label={`${board.title} is on day ${board.journeyDay} of the journey`}
								>
									Day {board.journeyDay}
								</Link>
							)}
							{shared && <span className="cs-badge cs-badge-shared">{shared}</span>}
							{board.archivedAt && <span className="cs-badge">Archived</span>}
							{board.access === 'view' && !board.archivedAt && <span className="cs-badge">View only</span>}
							{actions?.(board)}
						</div>
					</li>
				)
			})}
		</ul>
	)
}
