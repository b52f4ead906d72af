import type { Editor, TLParentId, TLShapeId } from 'tldraw'
import { audienceOf } from './noteAudience.ts'

/**
 * The shapes of the current page that everyone who sees the board sees, for pictures that leave
 * this browser (the board's thumbnail, a snapshot's): a private or circle note is left out, and so
 * is a shape that holds one (a frame: it would draw its children), whose other children are then
 * drawn on their own.
 */
export function boardOnlyShapeIds(editor: Editor): TLShapeId[] {
	const ids: TLShapeId[] = []
	const holdsPrivate = (id: TLShapeId): boolean =>
		editor.getSortedChildIdsForParent(id).some((child) => {
			const shape = editor.getShape(child)
			return !shape || audienceOf(shape) !== 'board' || holdsPrivate(child)
		})
	const visit = (parent: TLParentId) => {
		for (const id of editor.getSortedChildIdsForParent(parent)) {
			const shape = editor.getShape(id)
			if (!shape || audienceOf(shape) !== 'board') continue
			if (holdsPrivate(id)) visit(id)
			else ids.push(id)
		}
	}
	visit(editor.getCurrentPageId())
	return ids
}
