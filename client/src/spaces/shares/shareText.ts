import type { Board, SharedCircle } from '@circlespace/shared'

/**
 * The badge of a board in a circle's list: "Shared by Circle A" for a board another circle shared
 * with this one, "Shared with Circle B" (or "… and 2 more") for one of its own shared out, or null.
 */
export function shareBadge(
	board: Pick<Board, 'circleId' | 'circleName' | 'sharedWith'>,
	circleId: string,
): string | null {
	if (board.circleId !== circleId) return `Shared by ${board.circleName}`
	return sharedWithText(board.sharedWith ?? [])
}

/** "Shared with Circle B", "Shared with Circle B and Circle C", "Shared with Circle B and 2 more"; null for none. */
export function sharedWithText(circles: readonly SharedCircle[]): string | null {
	const [first, second] = circles
	if (!first) return null
	if (circles.length === 1) return `Shared with ${first.circleName}`
	if (circles.length === 2 && second) return `Shared with ${first.circleName} and ${second.circleName}`
	return `Shared with ${first.circleName} and ${circles.length - 1} more`
}
