import type { BoardTemplate, SaveBoardAsTemplate, UpdateBoardTemplate } from '@circlespace/shared'
import { api } from './client.ts'
import { call, callNoContent } from './http.ts'

/** A tribe's board templates, by name (its members, stewards and admins). */
export function listBoardTemplates(tribeId: string, signal?: AbortSignal): Promise<BoardTemplate[]> {
	return call(api.api.tribes[':id']['board-templates'].$get({ param: { id: tribeId } }, { init: { signal } }))
}

/** One board template, with whether the person may change it. */
export function getBoardTemplate(id: string, signal?: AbortSignal): Promise<BoardTemplate> {
	return call(api.api['board-templates'][':id'].$get({ param: { id } }, { init: { signal } }))
}

/**
 * Saves a copy of a board's current content (not its history) as a template of its tribe. Those
 * who manage the board.
 */
export function saveBoardAsTemplate(boardId: string, input: SaveBoardAsTemplate): Promise<BoardTemplate> {
	return call(api.api.boards[':id']['save-as-template'].$post({ param: { id: boardId }, json: input }))
}

/** Renames a template or changes its description (its maker, the tribe's stewards). */
export function updateBoardTemplate(id: string, changes: UpdateBoardTemplate): Promise<BoardTemplate> {
	return call(api.api['board-templates'][':id'].$patch({ param: { id }, json: changes }))
}

/** Deletes a template; boards started from it keep their content. */
export function deleteBoardTemplate(id: string): Promise<void> {
	return callNoContent(api.api['board-templates'][':id'].$delete({ param: { id } }))
}

/** Where a template's picture is (only when `hasThumbnail`). */
export function boardTemplateThumbnailUrl(template: Pick<BoardTemplate, 'id' | 'updatedAt'>): string {
	return `/api/board-templates/${encodeURIComponent(template.id)}/thumbnail`
}
