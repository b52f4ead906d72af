import { MAX_BOARD_THUMBNAIL_BYTES } from '@circlespace/shared'
import { useEffect } from 'react'
import type { Editor } from 'tldraw'
import { uploadBoardThumbnail } from '../../api/boardThumbnails.ts'
import { renderThumbnail } from '../../snapshots/images.ts'
import { ThumbnailScheduler } from './ThumbnailScheduler.ts'

/**
 * Keeps the board's thumbnail current from this browser while its person edits it: told of the
 * editor's own document changes and of those that arrive from others, a {@link ThumbnailScheduler}
 * decides when (5 s after a burst, at most every 30 s, and when the page is hidden or closed) and
 * whether (only the browser that made the last change draws). The picture is drawn here, never on
 * the server. Does nothing for someone who may only view the board.
 */
export function useBoardThumbnail(editor: Editor | null, boardId: string, canEdit: boolean): void {
	useEffect(() => {
		if (!editor || !canEdit) return
		const scheduler = new ThumbnailScheduler(async ({ leaving }) => {
			const png = await renderThumbnail(editor)
			// An empty page keeps the placeholder; a picture too large for the server is not sent.
			if (!png || png.size > MAX_BOARD_THUMBNAIL_BYTES) return true
			await uploadBoardThumbnail(boardId, png, leaving)
			return true
		})
		const stopLocal = editor.store.listen(() => scheduler.localChange(), {
			source: 'user',
			scope: 'document',
		})
		const stopRemote = editor.store.listen(() => scheduler.remoteChange(), {
			source: 'remote',
			scope: 'document',
		})
		const onHidden = () => {
			if (document.visibilityState === 'hidden') scheduler.leave()
		}
		const onPageHide = () => scheduler.leave()
		document.addEventListener('visibilitychange', onHidden)
		window.addEventListener('pagehide', onPageHide)
		return () => {
			// Leaving the board within the app: what is not drawn yet is drawn before the editor goes.
			scheduler.leave()
			scheduler.stop()
			stopLocal()
			stopRemote()
			document.removeEventListener('visibilitychange', onHidden)
			window.removeEventListener('pagehide', onPageHide)
		}
	}, [editor, boardId, canEdit])
}
