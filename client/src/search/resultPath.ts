import type { SearchResult } from '@circlespace/shared'
import { boardPath } from '../app/router.ts'

/** Where a result opens: its board, zoomed to the shape that matched (`?shape=`, see board/focusShape.ts). */
export function resultPath(result: Pick<SearchResult, 'boardId' | 'shapeId'>): string {
	const path = boardPath(result.boardId)
	return result.shapeId ? `${path}?${new URLSearchParams({ shape: result.shapeId })}` : path
}
