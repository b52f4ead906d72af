import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'

const NAME = 'circlespace_session'

/**
 * The session cookie: HttpOnly (scripts cannot read the token), SameSite=Lax (not sent on
 * cross-site POSTs), `Secure` when the instance is served over https.
 */
export const sessionCookie = {
	name: NAME,

	/** The token the request carries, if any. */
	read(c: Context): string | undefined {
		return getCookie(c, NAME)
	},

	/** Sends the token with a lifetime matching the session's expiry. */
	write(c: Context, token: string, options: { expiresAt: Date; now: Date; secure: boolean }): void {
		setCookie(c, NAME, token, {
			httpOnly: true,
			sameSite: 'Lax',
			path: '/',
			secure: options.secure,
			maxAge: Math.max(0, Math.floor((options.expiresAt.getTime() - options.now.getTime()) / 1000)),
		})
	},

	/** Tells the browser to forget the cookie. */
	clear(c: Context, options: { secure: boolean }): void {
		deleteCookie(c, NAME, { httpOnly: true, sameSite: 'Lax', path: '/', secure: options.secure })
	},
}
