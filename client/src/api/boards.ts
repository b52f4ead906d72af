import type { Board } from '@circlespace/shared'
import { requestJson } from './http.ts'

/** All boards of the instance, as the list page shows them. */
export function listBoards(signal?: AbortSignal): Promise<Board[]> {
	return requestJson<Board[]>('/api/boards', { signal })
}

/** Creates a board and returns it (the server picks the id). */
export function createBoard(title: string): Promise<Board> {
	return requestJson<Board>('/api/boards', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ title }),
	})
}

/** One board; rejects with an `ApiError` of status 404 when it does not exist. */
export function getBoard(id: string, signal?: AbortSignal): Promise<Board> {
	return requestJson<Board>(`/api/boards/${encodeURIComponent(id)}`, { signal })
}
