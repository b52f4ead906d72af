import type { Editor, TLCameraMoveOptions } from 'tldraw'

/** Opening a board never zooms in past 100%: one small note should not fill the screen. */
const MAX_OPENING_ZOOM = 1

// Boards this tab just made from a file, to open on their whole content (see openOnContent).
const madeFromFile = new Set<string>()

/**
 * Marks a board this tab has just made from an imported file: when it opens next (here, right
 * after the import), it opens on all of its content, wherever the file had put it.
 */
export function openOnContentWhenOpened(boardId: string): void {
	madeFromFile.add(boardId)
}

/**
 * Fits the current page's content in view, at most at 100%, centred. Does nothing on an empty
 * page.
 */
export function fitContent(editor: Editor, options: TLCameraMoveOptions = {}): void {
	const bounds = editor.getCurrentPageBounds()
	if (!bounds) return
	editor.zoomToBounds(bounds, { ...options, targetZoom: MAX_OPENING_ZOOM })
}

/**
 * Where a board opens. Nobody's camera is remembered between visits (tldraw keeps it in the
 * session-scoped records, which the Yjs binding does not store), so every opening starts at the
 * page's origin at 100%. That is where people drew on a board made here, but content that came
 * from a file, or was moved away, can sit anywhere: when none of it is in view, the view fits it
 * rather than showing an empty canvas with only tldraw's "Back to content". A board just made
 * from a file always opens on all of its content. Returns whether the view moved.
 */
export function openOnContent(editor: Editor, boardId: string): boolean {
	const justImported = madeFromFile.delete(boardId)
	if (editor.getCurrentPageShapeIds().size === 0) return false
	const nothingInView = editor.getShapeIdsInsideBounds(editor.getViewportPageBounds()).size === 0
	if (!justImported && !nothingInView) return false
	fitContent(editor)
	return true
}
