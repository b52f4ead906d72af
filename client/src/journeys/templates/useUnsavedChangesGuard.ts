import { useEffect, useState } from 'react'

/**
 * While `dirty`, keeps a person from losing what they wrote: closing or reloading the tab asks
 * the browser's own question, and a click on a link inside the app is held back and handed to
 * the page as `leaving` (the path it would go to), for the page to ask and then go or stay.
 * Back and forward are not held (the browser has moved by the time the app hears of it).
 */
export function useUnsavedChangesGuard(dirty: boolean): {
	leaving: string | null
	stay: () => void
} {
	const [leaving, setLeaving] = useState<string | null>(null)
	useEffect(() => {
		if (!dirty) return
		const beforeUnload = (event: BeforeUnloadEvent) => {
			event.preventDefault()
		}
		// Captured on the document, before the app's own link handling (on React's root) sees it.
		const click = (event: MouseEvent) => {
			if (event.defaultPrevented || event.button !== 0) return
			if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
			const link = event.target instanceof Element ? event.target.closest('a[href]') : null
			if (!(link instanceof HTMLAnchorElement) || link.target === '_blank' || link.hasAttribute('download'))
				return
			const url = new URL(link.href, window.location.href)
			if (url.origin !== window.location.origin) return
			if (url.pathname === window.location.pathname && url.hash) return
			event.preventDefault()
			event.stopPropagation()
			setLeaving(url.pathname + url.search + url.hash)
		}
		window.addEventListener('beforeunload', beforeUnload)
		document.addEventListener('click', click, true)
		return () => {
			window.removeEventListener('beforeunload', beforeUnload)
			document.removeEventListener('click', click, true)
		}
	}, [dirty])
	return { leaving, stay: () => setLeaving(null) }
}
