import type { Editor, TLShapeId } from 'tldraw'
import { boardOnlyShapeIds } from '../board/audience/boardOnlyShapes.ts'
import { safeFileName, saveFile } from './files.ts'

/** Widest (and tallest) a snapshot thumbnail is drawn, in pixels. */
export const THUMBNAIL_MAX_PX = 480

const THUMBNAIL_PADDING = 16

/**
 * A small PNG of the current page, at most {@link THUMBNAIL_MAX_PX} wide and tall, on the
 * page's background in light mode; null when the page has no shapes (the history then shows
 * a neutral placeholder).
 */
export async function renderThumbnail(editor: Editor): Promise<Blob | null> {
	// Only what everyone on the board sees: thumbnails and snapshots leave this browser.
	const ids = boardOnlyShapeIds(editor)
	const bounds = editor.getShapesPageBounds(ids)
	if (ids.length === 0 || !bounds) return null
	const width = bounds.w + 2 * THUMBNAIL_PADDING
	const height = bounds.h + 2 * THUMBNAIL_PADDING
	const scale = Math.min(1, THUMBNAIL_MAX_PX / width, THUMBNAIL_MAX_PX / height)
	const { blob } = await editor.toImage(ids, {
		format: 'png',
		scale,
		pixelRatio: 1,
		background: true,
		padding: THUMBNAIL_PADDING,
		darkMode: false,
	})
	return blob
}

/** What an image export shows. */
export type ImageScope =
	| { kind: 'page' }
	| { kind: 'selection'; count: number }
	| { kind: 'frame'; id: TLShapeId; name: string }

/** The image formats offered. */
export type ImageFormat = 'png' | 'svg'

/**
 * What can be exported as an image right now: the selection (when something is selected),
 * the whole current page (when it has shapes) and each frame on it, in that order, so the
 * first is the best guess of what the person wants.
 */
export function imageScopes(editor: Editor): ImageScope[] {
	const scopes: ImageScope[] = []
	const selected = editor.getSelectedShapeIds()
	if (selected.length > 0) scopes.push({ kind: 'selection', count: selected.length })
	const shapes = editor.getCurrentPageShapesSorted()
	if (shapes.length > 0) scopes.push({ kind: 'page' })
	let unnamed = 0
	for (const shape of shapes) {
		if (!editor.isShapeOfType(shape, 'frame')) continue
		unnamed += shape.props.name.trim() ? 0 : 1
		scopes.push({ kind: 'frame', id: shape.id, name: shape.props.name.trim() || `Frame ${unnamed}` })
	}
	return scopes
}

/** A stable key for a scope (for a `<select>`). */
export function scopeKey(scope: ImageScope): string {
	return scope.kind === 'frame' ? `frame:${scope.id}` : scope.kind
}

/** How a scope reads in the export menu. */
export function scopeLabel(scope: ImageScope): string {
	switch (scope.kind) {
		case 'page':
			return 'The whole page'
		case 'selection':
			return scope.count === 1 ? 'The selected shape' : `The ${scope.count} selected shapes`
		case 'frame':
			return `Frame: ${scope.name}`
	}
}

/**
 * Renders the scope with tldraw (in this browser, so it looks exactly as on screen) and saves
 * it as `<base name>.png` or `.svg`. Resolves once the file has been handed to the browser.
 */
export async function exportImage(
	editor: Editor,
	scope: ImageScope,
	format: ImageFormat,
	baseName: string,
): Promise<string> {
	const ids = idsOf(editor, scope)
	if (ids.length === 0) throw new Error('There is nothing to export: the page is empty.')
	const { blob } = await editor.toImage(ids, { format, background: true, padding: 'auto' })
	const suffix =
		scope.kind === 'selection' ? ' — selection' : scope.kind === 'frame' ? ` — ${scope.name}` : ''
	const fileName = `${safeFileName(`${baseName}${suffix}`)}.${format}`
	saveFile(blob, fileName)
	return fileName
}

function idsOf(editor: Editor, scope: ImageScope): TLShapeId[] {
	switch (scope.kind) {
		case 'page':
			return editor.getCurrentPageShapesSorted().map((shape) => shape.id)
		case 'selection':
			return editor.getSelectedShapeIds()
		case 'frame':
			return editor.getShape(scope.id) ? [scope.id] : []
	}
}
