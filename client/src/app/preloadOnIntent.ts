import { preloadPageCode } from './lazyPages.tsx'
import { parseRoute } from './router.ts'

/**
 * Starts loading a page's code as soon as a person shows they may follow a link to it (the
 * pointer rests on it, it takes the keyboard focus, a finger touches it), so that opening a board
 * from a list does not wait for tldraw's code to download. One listener on the document serves
 * every link in the app, including ones rendered later.
 */
export function preloadOnIntent(root: Document = document): void {
	const onIntent = (event: Event) => {
		if (!(event.target instanceof Element)) return
		const link = event.target.closest('a[href]')
		if (!(link instanceof HTMLAnchorElement) || link.origin !== window.location.origin) return
		preloadPageCode(parseRoute(link.pathname, link.search))
	}
	for (const type of ['pointerover', 'focusin', 'touchstart']) {
		root.addEventListener(type, onIntent, { passive: true, capture: true })
	}
}
