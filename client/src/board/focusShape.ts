import type { Editor, TLShapeId } from 'tldraw'

/** The query parameter of a board's address naming a shape to open on (`/b/:id?shape=shape:…`). */
export const SHAPE_PARAM = 'shape'

/** Said over the canvas when the shape a link named is not on the board (any more). */
export const SHAPE_GONE_NOTICE = 'That note is no longer on this board.'

// A focused shape is shown at most at 100%, as a board opens: one note should not fill the screen.
const MAX_FOCUS_ZOOM = 1
const FOCUS_ANIMATION_MS = 320

/**
 * The shape a board's address asks to open on, or null. The parameter is a tldraw shape id, its
 * `shape:` prefix optional; anything else names no shape.
 */
export function shapeParamOf(search: string): TLShapeId | null {
	const raw = new URLSearchParams(search).get(SHAPE_PARAM)?.trim()
	if (!raw || raw.length > 200) return null
	const id = raw.startsWith('shape:') ? raw : `shape:${raw}`
	return id.length > 'shape:'.length ? (id as TLShapeId) : null
}

/** What {@link focusLinkedShape} did: nothing was asked, the shape is in view, or it is gone. */
export type FocusOutcome = 'none' | 'focused' | 'missing'

/**
 * Opens the board on the shape its address names (a search result's note): its page, the shape
 * selected and centred, at most at 100%; moved there without animation for people who ask for
 * reduced motion. Call once the board's content has arrived.
 */
export function focusLinkedShape(editor: Editor, search: string = window.location.search): FocusOutcome {
	const id = shapeParamOf(search)
	if (!id) return 'none'
	const shape = editor.getShape(id)
	if (!shape) return 'missing'
	const pageId = editor.getAncestorPageId(shape)
	if (pageId && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
	editor.select(id)
	const bounds = editor.getShapePageBounds(id)
	if (bounds) {
		const reduceMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
		editor.zoomToBounds(bounds, {
			targetZoom: MAX_FOCUS_ZOOM,
			...(reduceMotion ? { immediate: true } : { animation: { duration: FOCUS_ANIMATION_MS } }),
		})
	}
	return 'focused'
}
