import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import type { Guests } from './Guests.ts'

const NAME = 'circlespace_guest'

/**
 * A guest's cookie, apart from the account's session cookie (a person signed in who opens a guest
 * link stays themselves): HttpOnly, SameSite=Lax, `Secure` over https, living as long as the link.
 */
export const guestCookie = {
	name: NAME,

	read(c: Context): string | undefined {
		return getCookie(c, NAME)
	},

	write(c: Context, token: string, options: { expiresAt: Date; now: Date; secure: boolean }): void {
		setCookie(c, NAME, token, {
			httpOnly: true,
			sameSite: 'Lax',
			path: '/',
			secure: options.secure,
			maxAge: Math.max(0, Math.floor((options.expiresAt.getTime() - options.now.getTime()) / 1000)),
		})
	},

	clear(c: Context, options: { secure: boolean }): void {
		deleteCookie(c, NAME, { httpOnly: true, sameSite: 'Lax', path: '/', secure: options.secure })
	},
}

/**
 * After the session middleware: a request with no account's session but a guest's cookie gets
 * `c.var.guest` while the guest's link works (a cookie naming no working guest is cleared). An
 * account's session always wins, so a signed-in person is never taken for a guest.
 */
export function guestMiddleware(deps: { guests: Guests; secureCookies: boolean }) {
	return createMiddleware<AuthEnv>(async (c, next) => {
		const token = c.var.user === null ? guestCookie.read(c) : undefined
		if (token !== undefined) {
			const resolved = await deps.guests.resolve(token)
			if (resolved) c.set('guest', resolved.guest)
			else guestCookie.clear(c, { secure: deps.secureCookies })
		}
		await next()
	})
}

/**
 * The API routes a guest may ask at all (anything else is 404 for a guest, as if it did not
 * exist): the guest routes, the web app's config (the canvas licence key), the sign-in routes
 * (they name no one else) and reading images by their random names (the board shows them).
 */
export function guestMayAsk(method: string, path: string): boolean {
	if (path === '/api/config') return method === 'GET'
	if (
		path.startsWith('/api/guest/') ||
		path.startsWith('/api/guest-links/') ||
		path.startsWith('/api/auth/')
	) {
		return true
	}
	return (method === 'GET' || method === 'HEAD') && path.startsWith('/api/assets/')
}

/**
 * The safe default for guests: on `/api/*`, every route but those of {@link guestMayAsk} answers
 * 404 to a guest, before any route runs, so that a route added later is closed to guests until
 * someone opens it on purpose.
 */
export const guestFence = createMiddleware<AuthEnv>(async (c, next) => {
	if (c.var.guest !== null && c.var.user === null && !guestMayAsk(c.req.method, c.req.path)) {
		throw new AppError('NOT_FOUND', 'There is no such API route.')
	}
	await next()
})

/** For images: a signed-in person, or a guest reading (never uploading); 401 otherwise. */
export const signedInOrGuestReading = createMiddleware<AuthEnv>(async (c, next) => {
	const guestReads = c.var.guest !== null && (c.req.method === 'GET' || c.req.method === 'HEAD')
	if (!guestReads) requireUser(c)
	await next()
})
