import { MAX_JOURNEY_DAYS } from '@circlespace/shared'
import { useSyncExternalStore } from 'react'

/** The pages of the app, parsed from the location's path and query. */
export type Route =
	| { page: 'home' }
	| { page: 'signin'; next: string | null }
	| { page: 'signup'; next: string | null; invite: string | null }
	| { page: 'profile' }
	| { page: 'admin' }
	| { page: 'gallery' }
	| { page: 'map' }
	| { page: 'tribe'; tribeId: string }
	| { page: 'journey-templates'; owner: TemplateOwnerRoute }
	| { page: 'journey-template'; owner: TemplateOwnerRoute; templateId: string }
	| { page: 'tribe-compare'; tribeId: string; day: number; circleIds: string[] | null }
	| { page: 'circle'; circleId: string }
	| { page: 'journey-day'; circleId: string; day: number }
	| { page: 'board'; boardId: string }
	| { page: 'snapshot'; boardId: string; snapshotId: string }
	| { page: 'replay'; boardId: string; replay: ReplayRoute }
	| { page: 'invite'; token: string }
	| { page: 'guest'; token: string }
	| { page: 'search'; query: string }
	| { page: 'person'; personId: string }
	| { page: 'not-found' }

/** What a replay page plays: a past session of the board, or a time range (ISO timestamps). */
export type ReplayRoute = { session: string } | { from: string; to: string }

/** Whose journey templates a templates page is about: a tribe's, or one circle's own. */
export type TemplateOwnerRoute = { kind: 'tribe'; tribeId: string } | { kind: 'circle'; circleId: string }

/** Pages a signed-out visitor may see; every other page sends them to sign in first. */
export function isPublicRoute(route: Route): boolean {
	switch (route.page) {
		case 'signin':
		case 'signup':
		case 'invite':
		case 'guest':
			return true
		case 'home':
		case 'profile':
		case 'admin':
		case 'gallery':
		case 'map':
		case 'tribe':
		case 'journey-templates':
		case 'journey-template':
		case 'tribe-compare':
		case 'circle':
		case 'journey-day':
		case 'board':
		case 'snapshot':
		case 'replay':
		case 'search':
		case 'person':
		case 'not-found':
			return false
	}
}

const NAVIGATE_EVENT = 'circlespace:navigate'

const withId: ReadonlyArray<[RegExp, (id: string) => Route]> = [
	[/^\/t\/([^/]+)\/?$/, (tribeId) => ({ page: 'tribe', tribeId })],
	[/^\/c\/([^/]+)\/?$/, (circleId) => ({ page: 'circle', circleId })],
	[/^\/b\/([^/]+)\/?$/, (boardId) => ({ page: 'board', boardId })],
	[/^\/invite\/([^/]+)\/?$/, (token) => ({ page: 'invite', token })],
	[/^\/guest\/([^/]+)\/?$/, (token) => ({ page: 'guest', token })],
	[/^\/people\/([^/]+)\/?$/, (personId) => ({ page: 'person', personId })],
]

const SNAPSHOT_PATH = /^\/b\/([^/]+)\/s\/([^/]+)\/?$/
// A board's replay: `?session=<id>`, or `?from=<ISO>&to=<ISO>`.
const REPLAY_PATH = /^\/b\/([^/]+)\/replay\/?$/
// A tribe's (or a circle's own) journey templates, and one of them in the editor.
const TEMPLATES_PATH = /^\/([tc])\/([^/]+)\/templates(?:\/([^/]+))?\/?$/
// Day numbers as the API allows them (1–366), written without leading zeros: one path per day.
const JOURNEY_DAY_PATH = /^\/c\/([^/]+)\/day\/([1-9]\d{0,2})\/?$/

// Compare day N of a tribe's circles; `?circles=a,b` picks which (default: all with something that day).
const TRIBE_COMPARE_PATH = /^\/t\/([^/]+)\/compare\/([1-9]\d{0,2})\/?$/

/** Parses a path (and its query, for the sign-in pages) into a route; unknown paths give `not-found`. */
export function parseRoute(pathname: string, search = ''): Route {
	const path = pathname.length > 1 ? pathname.replace(/\/$/, '') : pathname
	const query = new URLSearchParams(search)
	switch (path) {
		case '':
		case '/':
			return { page: 'home' }
		case '/signin':
			return { page: 'signin', next: safeReturnPath(query.get('next')) }
		case '/signup':
			return { page: 'signup', next: safeReturnPath(query.get('next')), invite: query.get('invite') || null }
		case '/profile':
			return { page: 'profile' }
		case '/admin':
			return { page: 'admin' }
		case '/search':
			return { page: 'search', query: query.get('q') ?? '' }
		case '/gallery':
			return { page: 'gallery' }
		case '/map':
			return { page: 'map' }
	}
	const snapshot = SNAPSHOT_PATH.exec(pathname)
	if (snapshot?.[1] && snapshot[2]) {
		try {
			return {
				page: 'snapshot',
				boardId: decodeURIComponent(snapshot[1]),
				snapshotId: decodeURIComponent(snapshot[2]),
			}
		} catch {
			return { page: 'not-found' }
		}
	}
	const replay = REPLAY_PATH.exec(pathname)
	if (replay?.[1]) {
		const session = query.get('session')
		const from = query.get('from')
		const to = query.get('to')
		const range: ReplayRoute | null = session ? { session } : from && to ? { from, to } : null
		if (!range) return { page: 'not-found' }
		try {
			return { page: 'replay', boardId: decodeURIComponent(replay[1]), replay: range }
		} catch {
			return { page: 'not-found' }
		}
	}
	const journeyDay = JOURNEY_DAY_PATH.exec(pathname)
	if (journeyDay?.[1] && journeyDay[2]) {
		const day = Number(journeyDay[2])
		if (day > MAX_JOURNEY_DAYS) return { page: 'not-found' }
		try {
			return { page: 'journey-day', circleId: decodeURIComponent(journeyDay[1]), day }
		} catch {
			return { page: 'not-found' }
		}
	}
	const compare = TRIBE_COMPARE_PATH.exec(pathname)
	if (compare?.[1] && compare[2]) {
		const day = Number(compare[2])
		const circles = query.get('circles')
		try {
			const circleIds = circles === null ? null : circles.split(',').filter(Boolean)
			return { page: 'tribe-compare', tribeId: decodeURIComponent(compare[1]), day, circleIds }
		} catch {
			return { page: 'not-found' }
		}
	}
	const templates = TEMPLATES_PATH.exec(pathname)
	if (templates?.[1] && templates[2]) {
		try {
			const id = decodeURIComponent(templates[2])
			const owner: TemplateOwnerRoute =
				templates[1] === 't' ? { kind: 'tribe', tribeId: id } : { kind: 'circle', circleId: id }
			return templates[3]
				? { page: 'journey-template', owner, templateId: decodeURIComponent(templates[3]) }
				: { page: 'journey-templates', owner }
		} catch {
			return { page: 'not-found' }
		}
	}
	for (const [pattern, build] of withId) {
		const match = pattern.exec(pathname)
		if (!match?.[1]) continue
		try {
			return build(decodeURIComponent(match[1]))
		} catch {
			// A malformed %-escape names nothing.
			return { page: 'not-found' }
		}
	}
	return { page: 'not-found' }
}

/**
 * A path to come back to after signing in, or null when the value is not one of our own
 * paths. Only same-origin paths are accepted, so that a crafted sign-in link cannot send a
 * person to another site after they type their password (an open redirect).
 */
export function safeReturnPath(raw: string | null | undefined): string | null {
	if (!raw?.startsWith('/')) return null
	// "//host" and "/\host" are protocol-relative URLs to another origin in browsers.
	if (raw.startsWith('//') || raw.startsWith('/\\')) return null
	// Browsers drop tabs and newlines from URLs, which can turn "/\t/host" into "//host".
	if (Array.from(raw).some((char) => char.charCodeAt(0) < 0x20)) return null
	try {
		const url = new URL(raw, 'http://circlespace.invalid')
		if (url.origin !== 'http://circlespace.invalid') return null
		const path = url.pathname + url.search + url.hash
		// Coming back to the sign-in pages themselves would be a loop.
		if (url.pathname === '/signin' || url.pathname === '/signup') return null
		return path
	} catch {
		return null
	}
}

// Set by in-app navigation (and back/forward) so that the next page moves focus to its
// heading; not on the first load, where the browser starts at the top of the document.
let focusPending = false

/** Whether the page that just appeared should take focus (true once per navigation). */
export function takePendingFocus(): boolean {
	const pending = focusPending
	focusPending = false
	return pending
}

/** Goes to another page of the app without reloading it. `replace` keeps it out of the history. */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
	if (path === window.location.pathname + window.location.search) return
	if (options.replace) window.history.replaceState(null, '', path)
	else window.history.pushState(null, '', path)
	focusPending = true
	window.dispatchEvent(new Event(NAVIGATE_EVENT))
}

function subscribe(onChange: () => void): () => void {
	const onPop = () => {
		focusPending = true
		onChange()
	}
	window.addEventListener('popstate', onPop)
	window.addEventListener(NAVIGATE_EVENT, onChange)
	return () => {
		window.removeEventListener('popstate', onPop)
		window.removeEventListener(NAVIGATE_EVENT, onChange)
	}
}

function readLocation(): string {
	return window.location.pathname + window.location.search
}

/** The current path with its query, re-rendering on back/forward and on {@link navigate}. */
export function useLocation(): { pathname: string; search: string; href: string } {
	const href = useSyncExternalStore(subscribe, readLocation)
	const queryAt = href.indexOf('?')
	return queryAt === -1
		? { pathname: href, search: '', href }
		: { pathname: href.slice(0, queryAt), search: href.slice(queryAt), href }
}

/** Path of the home page. */
export const homePath = '/'

/** Path of a tribe page. */
export function tribePath(tribeId: string): string {
	return `/t/${encodeURIComponent(tribeId)}`
}

/** Path of a tribe's "Compare day N": the day's boards of its circles side by side (`circleIds`: which). */
export function tribeComparePath(tribeId: string, day: number, circleIds?: readonly string[] | null): string {
	const path = `${tribePath(tribeId)}/compare/${day}`
	return circleIds ? `${path}?${new URLSearchParams({ circles: circleIds.join(',') })}` : path
}

/** Path of a circle page. */
export function circlePath(circleId: string): string {
	return `/c/${encodeURIComponent(circleId)}`
}

/** Path of the day view of a circle's journey: day `day`'s prompt, boards, sessions and snapshots. */
export function journeyDayPath(circleId: string, day: number): string {
	return `${circlePath(circleId)}/day/${day}`
}

/** Path of a board page. */
export function boardPath(boardId: string): string {
	return `/b/${encodeURIComponent(boardId)}`
}

/** Path of a snapshot of a board, shown read-only. */
export function snapshotPath(boardId: string, snapshotId: string): string {
	return `${boardPath(boardId)}/s/${encodeURIComponent(snapshotId)}`
}

/** Path of a board's replay: one of its past sessions, or a time range. */
export function replayPath(boardId: string, replay: ReplayRoute): string {
	return `${boardPath(boardId)}/replay?${new URLSearchParams(replay)}`
}

/** Path of the full results page of a search for `query`. */
export function searchPath(query: string): string {
	return query ? `/search?${new URLSearchParams({ q: query })}` : '/search'
}

/** Path of the page of an invitation link. */
export function invitePath(token: string): string {
	return `/invite/${encodeURIComponent(token)}`
}

/** Path of the page of a guest link: a name, then the one board it opens (no account). */
export function guestPath(token: string): string {
	return `/guest/${encodeURIComponent(token)}`
}

/** Path of the sign-in page, coming back to `next` afterwards. */
export function signInPath(next?: string | null): string {
	const back = safeReturnPath(next)
	return back && back !== '/' ? `/signin?${new URLSearchParams({ next: back })}` : '/signin'
}

/** Path of the sign-up page, with an invitation token to carry and a page to come back to. */
export function signUpPath(options: { next?: string | null; invite?: string | null } = {}): string {
	const query = new URLSearchParams()
	if (options.invite) query.set('invite', options.invite)
	const back = safeReturnPath(options.next)
	if (back && back !== '/') query.set('next', back)
	const text = query.toString()
	return text ? `/signup?${text}` : '/signup'
}
