import { isPublicRoute, type Route, signInPath } from './router.ts'

/** What the app knows of the session when it decides where a visitor may go. */
export type SessionStatus = 'loading' | 'signed-in' | 'signed-out' | 'expired'

/**
 * Where to send the visitor instead of this page, if anywhere: signed-out visitors of a
 * private page go to sign in (and come back to `here` after); signed-in ones do not need the
 * sign-in pages. A session that ended while the page was open is explained instead (no
 * redirect), so the person knows why their page went away.
 */
export function redirectFor(route: Route, status: SessionStatus, here: string): string | null {
	if (status === 'signed-out' && !isPublicRoute(route)) return signInPath(here)
	if (status === 'signed-in' && (route.page === 'signin' || route.page === 'signup')) return route.next ?? '/'
	return null
}
