import type { PrivateMode, RevealResult } from '@circlespace/shared/audience/index.ts'
import { api } from '../../api/client.ts'
import { call, callNoContent } from '../../api/http.ts'

/** Starts private mode on a board (facilitators). */
export function startPrivateMode(boardId: string, anonymous: boolean): Promise<PrivateMode> {
	return call(api.api.boards[':id']['private-mode'].$post({ param: { id: boardId }, json: { anonymous } }))
}

/** Reveals every note written in the running private mode and ends it (facilitators). */
export function revealPrivateMode(boardId: string): Promise<RevealResult> {
	return call(api.api.boards[':id']['private-mode'].reveal.$post({ param: { id: boardId } }))
}

/** Ends private mode, the notes left with their writers (facilitators). */
export function endPrivateMode(boardId: string): Promise<void> {
	return callNoContent(api.api.boards[':id']['private-mode'].$delete({ param: { id: boardId } }))
}
