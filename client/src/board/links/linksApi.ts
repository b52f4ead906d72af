import type { BoardBacklinksPage, BoardLinksPage } from '@circlespace/shared/boardSchema/index.ts'
import { api } from '../../api/client.ts'
import { call } from '../../api/http.ts'

/** The boards that link to a board, among those the person may view (`GET /api/boards/:id/backlinks`). */
export function getBacklinks(boardId: string, signal?: AbortSignal): Promise<BoardBacklinksPage> {
	return call(api.api.boards[':id'].backlinks.$get({ param: { id: boardId } }, { init: { signal } }))
}

/** The links on a board, each with its board or null (`GET /api/boards/:id/links`). */
export function getLinks(boardId: string, signal?: AbortSignal): Promise<BoardLinksPage> {
	return call(api.api.boards[':id'].links.$get({ param: { id: boardId } }, { init: { signal } }))
}
