import type { Board } from '@circlespace/shared'

/**
 * The boards a facilitator may put on day `day`: the circle's current boards they manage that
 * are not on it already (those on another day move), by title.
 */
export function boardsToPutOn(boards: readonly Board[], day: number): Board[] {
	return boards
		.filter((board) => board.canManage && !board.archivedAt && board.journeyDay !== day)
		.sort((a, b) => a.title.localeCompare(b.title) || a.id.localeCompare(b.id))
}

/** How a board is offered in the list: its title, and the day it would leave. */
export function boardChoiceLabel(board: Board): string {
	return board.journeyDay == null ? board.title : `${board.title} (now on day ${board.journeyDay})`
}
