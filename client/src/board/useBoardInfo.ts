import type { Board } from '@circlespace/shared'
import { useEffect, useState } from 'react'
import { getBoard } from '../api/boards.ts'
import { ApiError } from '../api/http.ts'

/** The board's metadata: loading, found, missing (404), or unknown because the server is unreachable. */
export type BoardInfo =
	| { kind: 'loading' }
	| { kind: 'found'; board: Board }
	| { kind: 'missing' }
	| { kind: 'unreachable'; title: string | null }

const titleKey = (id: string) => `circlespace:board-title:${id}`

/**
 * Loads the board's title. When the server cannot be reached the last known title is used,
 * because the board itself still opens from this browser's copy.
 */
export function useBoardInfo(boardId: string): BoardInfo {
	const [info, setInfo] = useState<BoardInfo>({ kind: 'loading' })
	useEffect(() => {
		const controller = new AbortController()
		setInfo({ kind: 'loading' })
		getBoard(boardId, controller.signal).then(
			(board) => {
				setInfo({ kind: 'found', board })
				try {
					localStorage.setItem(titleKey(boardId), board.title)
				} catch {
					// Only an offline nicety.
				}
			},
			(error: unknown) => {
				if (controller.signal.aborted) return
				if (error instanceof ApiError && (error.status === 404 || error.status === 400)) {
					setInfo({ kind: 'missing' })
					return
				}
				let title: string | null = null
				try {
					title = localStorage.getItem(titleKey(boardId))
				} catch {
					title = null
				}
				setInfo({ kind: 'unreachable', title })
			},
		)
		return () => controller.abort()
	}, [boardId])
	return info
}
