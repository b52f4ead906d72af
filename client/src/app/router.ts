import { useSyncExternalStore } from 'react'

/** The pages of the app, parsed from the location path. */
export type Route = { page: 'boards' } | { page: 'board'; boardId: string } | { page: 'not-found' }

const NAVIGATE_EVENT = 'circlespace:navigate'

/** Parses a path into a route; unknown paths give `not-found`. */
export function parseRoute(pathname: string): Route {
	if (pathname === '/' || pathname === '') return { page: 'boards' }
	const board = /^\/b\/([^/]+)\/?$/.exec(pathname)
	if (board?.[1]) return { page: 'board', boardId: decodeURIComponent(board[1]) }
	return { page: 'not-found' }
}

/** Goes to another page of the app without reloading it. */
export function navigate(path: string): void {
	if (path === window.location.pathname + window.location.search) return
	window.history.pushState(null, '', path)
	window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

function subscribe(onChange: () => void): () => void {
	window.addEventListener('popstate', onChange)
	window.addEventListener(NAVIGATE_EVENT, onChange)
	return () => {
		window.removeEventListener('popstate', onChange)
		window.removeEventListener(NAVIGATE_EVENT, onChange)
	}
}

/** The current path, re-rendering on back/forward and on {@link navigate}. */
export function usePathname(): string {
	return useSyncExternalStore(subscribe, () => window.location.pathname)
}

/** Path of a board page. */
export function boardPath(boardId: string): string {
	return `/b/${encodeURIComponent(boardId)}`
}
