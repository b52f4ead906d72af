import { BOARD_LINK_DEFAULT_SIZE, BOARD_LINK_SHAPE_TYPE } from '@circlespace/shared/boardSchema/index.ts'
import { createShapeId, type Editor, type TLExternalContent, type VecLike } from 'tldraw'
import { boardIdOfAddress } from './boardLinkAddress.ts'

type UrlHandler = (info: Extract<TLExternalContent<unknown>, { type: 'url' }>) => unknown

/** Puts a link to `boardId` on the canvas, centred on `point` (the view's centre by default), selected. */
export function createBoardLink(editor: Editor, boardId: string, point?: VecLike): void {
	const center = point ?? editor.getViewportPageBounds().center
	const id = createShapeId()
	editor.markHistoryStoppingPoint('link a board')
	editor.createShape({
		id,
		type: BOARD_LINK_SHAPE_TYPE,
		x: center.x - BOARD_LINK_DEFAULT_SIZE.w / 2,
		y: center.y - BOARD_LINK_DEFAULT_SIZE.h / 2,
		props: { boardId, ...BOARD_LINK_DEFAULT_SIZE },
	})
	editor.select(id)
}

/**
 * Pasting (or dropping) a board's address of this Circlespace puts a link card to that board;
 * any other address goes to tldraw's own handler (a bookmark or an embed). Call from `onMount`,
 * after tldraw registered its defaults.
 */
export function registerBoardLinkPaste(editor: Editor): void {
	// tldraw keeps its handlers in a map left out of its public types: ours wraps its own.
	const handlers = (
		editor as unknown as { externalContentHandlers: Record<string, UrlHandler | null | undefined> }
	).externalContentHandlers
	const fallback = handlers?.url
	editor.registerExternalContentHandler('url', async (info) => {
		const boardId = boardIdOfAddress(info.url, window.location.origin)
		if (boardId === null) {
			await fallback?.(info)
			return
		}
		if (editor.getIsReadonly()) return
		createBoardLink(editor, boardId, info.point)
	})
}
