import type { Board } from '@circlespace/shared'
import { getBoard } from '../../api/boards.ts'
import { ApiError } from '../../api/http.ts'

/** What a link card shows of its board. */
export type LinkedBoardInfo =
	| { state: 'ready'; title: string; circleName: string | null }
	/** Hidden from the reader, deleted, or never there: the server answers 404 for all three alike. */
	| { state: 'cannot-open' }
	| { state: 'failed' }

// Cards mount and unmount as the camera moves: one request per board at most every minute.
const FRESH_MS = 60_000
const cache = new Map<string, { at: number; info: Promise<LinkedBoardInfo> }>()

/** The title of a linked board as the reader may see it, asked once a minute at most. */
export function linkedBoardInfo(boardId: string): Promise<LinkedBoardInfo> {
	const cached = cache.get(boardId)
	if (cached && Date.now() - cached.at < FRESH_MS) return cached.info
	const info = getBoard(boardId).then(
		(board: Board): LinkedBoardInfo => ({ state: 'ready', title: board.title, circleName: board.circleName }),
		(error: unknown): LinkedBoardInfo => {
			if (error instanceof ApiError && (error.status === 404 || error.status === 403))
				return { state: 'cannot-open' }
			cache.delete(boardId)
			return { state: 'failed' }
		},
	)
	cache.set(boardId, { at: Date.now(), info })
	return info
}
