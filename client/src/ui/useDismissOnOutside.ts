import { type RefObject, useEffect } from 'react'

/**
 * Closes an open disclosure (a button that shows a popup) the way people expect: a press or
 * focus outside `root` closes it; Escape closes it and gives focus back to `button`.
 */
export function useDismissOnOutside(
	open: boolean,
	close: () => void,
	root: RefObject<HTMLElement | null>,
	button: RefObject<HTMLElement | null>,
): void {
	useEffect(() => {
		if (!open) return
		const outside = (target: EventTarget | null) => !root.current?.contains(target as Node)
		const onPointer = (event: PointerEvent) => {
			if (outside(event.target)) close()
		}
		const onKey = (event: KeyboardEvent) => {
			if (event.key !== 'Escape') return
			close()
			button.current?.focus()
		}
		const onFocus = (event: FocusEvent) => {
			if (outside(event.target)) close()
		}
		document.addEventListener('pointerdown', onPointer)
		document.addEventListener('keydown', onKey)
		document.addEventListener('focusin', onFocus)
		return () => {
			document.removeEventListener('pointerdown', onPointer)
			document.removeEventListener('keydown', onKey)
			document.removeEventListener('focusin', onFocus)
		}
	}, [open, close, root, button])
}
