import { useEffect, useState } from 'react'
import { DefaultHelperButtons, TldrawUiMenuActionItem, useActions, useEditor, useValue } from 'tldraw'

// As tldraw does: content that leaves the view only for a moment (while panning) brings no button.
const BACK_TO_CONTENT_DELAY_MS = 1000

/**
 * tldraw's helper buttons over the canvas ("Exit pen mode", "Back to content") without its
 * "Stop following": on a board, following only ever starts with a live session's "follow me",
 * and the session bar already says whom you follow and offers "Stop following" and "Follow"
 * again. Two buttons for one thing would leave people wondering which one counts.
 */
export function BoardHelperButtons() {
	return (
		<DefaultHelperButtons>
			<ExitPenMode />
			<BackToContent />
		</DefaultHelperButtons>
	)
}

function ExitPenMode() {
	const editor = useEditor()
	const penMode = useValue('pen mode', () => editor.getInstanceState().isPenMode, [editor])
	return penMode ? <TldrawUiMenuActionItem actionId="exit-pen-mode" /> : null
}

/** Shown once everything on the page has been out of view for a second. */
function BackToContent() {
	const editor = useEditor()
	const actions = useActions()
	const allOutOfView = useValue('all content out of view', () => {
		const shapes = editor.getCurrentPageShapeIds()
		return shapes.size > 0 && editor.getNotVisibleShapes().size === shapes.size
	}, [editor])
	const [shown, setShown] = useState(false)
	useEffect(() => {
		if (!allOutOfView) {
			setShown(false)
			return
		}
		const timer = setTimeout(() => setShown(true), BACK_TO_CONTENT_DELAY_MS)
		return () => clearTimeout(timer)
	}, [allOutOfView])
	if (!shown) return null
	// tldraw's own action brings the content back; the button goes at once rather than when
	// the camera's glide ends.
	return (
		<TldrawUiMenuActionItem
			actionId="back-to-content"
			onSelect={() => {
				actions['back-to-content']?.onSelect('helper-buttons')
				setShown(false)
			}}
		/>
	)
}
