import type { Board, CreateBoard, UpdateBoard } from '@circlespace/shared'
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
