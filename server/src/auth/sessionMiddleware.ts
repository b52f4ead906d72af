import { createMiddleware } from 'hono/factory'
import type { GuestPrincipal } from '../guests/Guests.ts'
import type { Session, SessionStore, User, UserStore } from '../storage/Storage.ts'
import type { Clock } from './Clock.ts'
import { SessionManager } from './SessionManager.ts'
import { sessionCookie } from './sessionCookie.ts'

/** The Hono environment of routes behind {@link sessionMiddleware}. */
export interface AuthEnv {
	Variables: {
		/** The signed-in account, or null. */
		user: User | null
		/** The current session, or null. */
		session: Session | null
		/**
		 * A guest of one board (`guests/`) when the request carries a guest's cookie and no account's
		 * session, else null. Never a user: routes that need one refuse a guest by themselves.
		 */
		guest: GuestPrincipal | null
	}
}

/** What the session middleware needs. */
export interface SessionMiddlewareDeps {
	sessions: SessionStore
	users: UserStore
	clock: Clock
	/** Whether cookies carry `Secure` (the instance is served over https). */
	secureCookies: boolean
}

/**
 * Reads the session cookie and sets `c.var.user` and `c.var.session` (null when there is no
 * valid session; it never refuses a request itself). A session renewed by sliding expiry gets
 * its cookie sent again; a cookie naming no valid session is cleared.
 */
export function sessionMiddleware(deps: SessionMiddlewareDeps) {
	const manager = new SessionManager(deps.sessions, deps.clock)
	return createMiddleware<AuthEnv>(async (c, next) => {
		c.set('user', null)
		c.set('session', null)
		c.set('guest', null)
		const token = sessionCookie.read(c)
		if (token !== undefined) {
			const validated = await manager.validate(token)
			const user = validated ? await deps.users.get(validated.session.userId) : undefined
			if (validated && user) {
				c.set('user', user)
				c.set('session', validated.session)
				if (validated.renewed) {
					sessionCookie.write(c, token, {
						expiresAt: validated.session.expiresAt,
						now: deps.clock.now(),
						secure: deps.secureCookies,
					})
				}
			} else {
				sessionCookie.clear(c, { secure: deps.secureCookies })
			}
		}
		await next()
	})
}
