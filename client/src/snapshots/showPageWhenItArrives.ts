import { type Editor, PageRecordType, type TLPageId } from 'tldraw'
import { fitContent } from '../board/openingView.ts'

/**
 * Switches the editor to a page as soon as the store holds it (at once when it does already)
 * and fits its content in view (at most at 100%). A page added on the server reaches the store over the live
 * connection, a moment after the request that added it has answered. Returns a function that
 * stops waiting.
 */
export function showPageWhenItArrives(editor: Editor, pageId: string): () => void {
	if (!PageRecordType.isId(pageId)) return () => {}
	const id: TLPageId = pageId
	const show = () => {
		if (editor.isDisposed || !editor.getPage(id)) return false
		editor.setCurrentPage(id)
		fitContent(editor, { animation: { duration: 200 } })
		return true
	}
	if (show()) return () => {}
	let stopped = false
	const stop = editor.store.listen(
		() => {
			// Not from inside the store's own notification: switching pages is a change itself.
			queueMicrotask(() => {
				if (!stopped && show()) finish()
			})
		},
		{ scope: 'document', source: 'remote' },
	)
	const finish = () => {
		stopped = true
		stop()
	}
	return finish
}
