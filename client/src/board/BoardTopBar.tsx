import type { Board } from '@circlespace/shared'
import type { ReactNode } from 'react'
import { circlePath, journeyDayPath, parseRoute, tribePath, useLocation } from '../app/router.ts'
import { InviteGuestButton } from '../guests/InviteGuestButton.tsx'
import { Link } from '../ui/Link.tsx'

/**
 * The slim bar above a canvas: the way back to the board's tribe and circle, a title (the
 * board's, unless `title` says otherwise) and, at its end, the page's controls; on the live board,
 * those who manage it also find "Invite a guest…" there.
 */
export function BoardTopBar({
	board,
	title,
	children,
}: {
	board: Board | null
	title?: string
	children?: ReactNode
}) {
	// Guests are invited from the live board only: this bar also frames snapshots and replays.
	const location = useLocation()
	const onLiveBoard = board !== null && parseRoute(location.pathname).page === 'board'
	const mayInviteGuests = onLiveBoard && board.canManage && board.archivedAt === null
	return (
		<header className="cs-topbar">
			<nav aria-label="Breadcrumb" className="cs-board-crumbs">
				{board?.circleId ? (
					<ol>
						<li className="cs-crumb-tribe">
							<Link href={tribePath(board.tribeId)}>{board.tribeName}</Link>
						</li>
						<li>
							<Link href={circlePath(board.circleId)} className="cs-back">
								<span aria-hidden="true">← </span>
								{board.circleName}
							</Link>
						</li>
					</ol>
				) : (
					<Link href="/" className="cs-back">
						<span aria-hidden="true">← </span>Home
					</Link>
				)}
			</nav>
			<h1 className="cs-board-name">{title ?? board?.title ?? 'Board'}</h1>
			{board?.circleId && board.journeyDay != null && (
				<Link
					href={journeyDayPath(board.circleId, board.journeyDay)}
					className="cs-badge cs-badge-accent cs-journey-day-chip"
					aria-label={`Day ${board.journeyDay} of the journey: open the day`}
				>
					Day {board.journeyDay}
				</Link>
			)}
			<div className="cs-topbar-end">
				{children}
				{mayInviteGuests && <InviteGuestButton boardId={board.id} />}
			</div>
		</header>
	)
}
