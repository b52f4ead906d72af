import type {
	Board,
	BoardOffer,
	BoardShare,
	BoardShares,
	CreateBoard,
	UpdateBoard,
} from '@circlespace/shared'
import { api } from './client.ts'
import { call, callNoContent } from './http.ts'

/** The boards of a circle the person may see: current ones, or archived ones only. */
export function listCircleBoards(
	circleId: string,
	options: { archived?: boolean; signal?: AbortSignal } = {},
): Promise<Board[]> {
	return call(
		api.api.circles[':id'].boards.$get(
			{ param: { id: circleId }, query: options.archived ? { archived: 'true' } : {} },
			{ init: { signal: options.signal } },
		),
	)
}

/** Creates a board in a circle and returns it (the server picks the id). */
export function createBoard(circleId: string, input: CreateBoard): Promise<Board> {
	return call(api.api.circles[':id'].boards.$post({ param: { id: circleId }, json: input }))
}

/** One board with the person's access; rejects with an `ApiError` of status 404 when it cannot be seen. */
export function getBoard(id: string, signal?: AbortSignal): Promise<Board> {
	return call(api.api.boards[':id'].$get({ param: { id } }, { init: { signal } }))
}

/** Renames a board, changes its visibility, archives or unarchives it. */
export function updateBoard(id: string, changes: UpdateBoard): Promise<Board> {
	return call(api.api.boards[':id'].$patch({ param: { id }, json: changes }))
}

/** Deletes a board (it disappears for everyone). */
export function deleteBoard(id: string): Promise<void> {
	return callNoContent(api.api.boards[':id'].$delete({ param: { id } }))
}

/** The circles a board is shared with or offered to, as far as the person may see them. */
export function listBoardShares(boardId: string, signal?: AbortSignal): Promise<BoardShares> {
	return call(api.api.boards[':id'].shares.$get({ param: { id: boardId } }, { init: { signal } }))
}

/** Offers a board to another circle (or shares it at once, for who also manages that circle). */
export function offerBoardShare(boardId: string, circleId: string): Promise<BoardShare> {
	return call(api.api.boards[':id'].shares.$post({ param: { id: boardId }, json: { circleId } }))
}

/** Accepts an offer to a circle the person manages. */
export function acceptBoardShare(shareId: string): Promise<BoardShare> {
	return call(api.api['board-shares'][':id'].accept.$post({ param: { id: shareId } }))
}

/** Declines an offer to a circle the person manages. */
export function declineBoardShare(shareId: string): Promise<void> {
	return callNoContent(api.api['board-shares'][':id'].decline.$post({ param: { id: shareId } }))
}

/** Ends a share: the receiving circle withdraws, or the board's circle stops sharing or takes an offer back. */
export function endBoardShare(shareId: string): Promise<void> {
	return callNoContent(api.api['board-shares'][':id'].$delete({ param: { id: shareId } }))
}

/** The offers of boards waiting for a circle's answer (for those who manage it). */
export function listBoardOffers(circleId: string, signal?: AbortSignal): Promise<BoardOffer[]> {
	return call(api.api.circles[':id']['board-offers'].$get({ param: { id: circleId } }, { init: { signal } }))
}
