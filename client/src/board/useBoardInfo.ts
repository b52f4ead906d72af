import type { Board } from '@circlespace/shared'
import { useCallback, useEffect, useState } from 'react'
import { getBoard } from '../api/boards.ts'
import { ApiError } from '../api/http.ts'

/**
 * The board's metadata (title, circle, the person's access): loading, found, missing (404:
 * it does not exist or may not be seen), or unknown because the server cannot be reached,
 * with what this browser last knew of it.
 */
export type BoardInfo =
	| { kind: 'loading' }
	| { kind: 'found'; board: Board }
	| { kind: 'missing' }
	| { kind: 'unreachable'; board: Board | null }

const cacheKey = (id: string) => `circlespace:board:${id}`

/**
 * Loads the board's metadata; `refetch` asks again (after the server said the person's
 * access changed) without going back to the loading state. When the server cannot be
 * reached the last known metadata is used, because the board itself still opens from this
 * browser's copy.
 */
export function useBoardInfo(boardId: string): { info: BoardInfo; refetch: () => Promise<Board | null> } {
	const [info, setInfo] = useState<BoardInfo>({ kind: 'loading' })

	const load = useCallback(
		async (signal?: AbortSignal): Promise<Board | null> => {
			try {
				const board = await getBoard(boardId, signal)
				setInfo({ kind: 'found', board })
				remember(board)
				return board
			} catch (error) {
				if (signal?.aborted) return null
				if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
					forget(boardId)
					setInfo({ kind: 'missing' })
					return null
				}
				setInfo((previous) =>
					previous.kind === 'found'
						? { kind: 'unreachable', board: previous.board }
						: { kind: 'unreachable', board: readRemembered(boardId) },
				)
				return null
			}
		},
		[boardId],
	)

	useEffect(() => {
		const controller = new AbortController()
		setInfo({ kind: 'loading' })
		void load(controller.signal)
		return () => controller.abort()
	}, [load])

	const refetch = useCallback(() => load(), [load])
	return { info, refetch }
}

function remember(board: Board): void {
	try {
		localStorage.setItem(cacheKey(board.id), JSON.stringify(board))
	} catch {
		// Only an offline nicety.
	}
}

function forget(boardId: string): void {
	try {
		localStorage.removeItem(cacheKey(boardId))
	} catch {
		// Nothing was kept.
	}
}

function readRemembered(boardId: string): Board | null {
	try {
		const raw = localStorage.getItem(cacheKey(boardId))
		const parsed: unknown = raw ? JSON.parse(raw) : null
		if (parsed && typeof parsed === 'object' && typeof (parsed as Board).title === 'string')
			return parsed as Board
	} catch {
		// Fall through.
	}
	return null
}
