import type { Board } from '@circlespace/shared'
import { api } from './client.ts'
import { call } from './http.ts'

/** All boards of the instance, as the list page shows them. */
export function listBoards(signal?: AbortSignal): Promise<Board[]> {
	return call(api.api.boards.$get(undefined, { init: { signal } }))
}

/** Creates a board and returns it (the server picks the id). */
export function createBoard(title: string): Promise<Board> {
	return call(api.api.boards.$post({ json: { title } }))
}

/** One board; rejects with an `ApiError` of status 404 when it does not exist. */
export function getBoard(id: string, signal?: AbortSignal): Promise<Board> {
	return call(api.api.boards[':id'].$get({ param: { id } }, { init: { signal } }))
}
