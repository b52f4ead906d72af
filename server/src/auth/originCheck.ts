import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { AppError } from '../errors.ts'
import { sessionCookie } from './sessionCookie.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * Whether an `Origin` header names this instance: `publicUrl` (an origin) when it is set,
 * else the host the request was sent to (scheme ignored, as a TLS proxy may sit in front).
 * A missing or opaque (`null`) origin is not allowed.
 */
export function isAllowedOrigin(
	originHeader: string | undefined,
	host: string | undefined,
	publicUrl: string | undefined,
): boolean {
	if (!originHeader) return false
	let origin: URL
	try {
		origin = new URL(originHeader)
	} catch {
		return false
	}
	if (origin.protocol !== 'http:' && origin.protocol !== 'https:') return false
	if (publicUrl) return origin.origin === new URL(publicUrl).origin
	return host !== undefined && origin.host === host.toLowerCase()
}

/**
 * Throws FORBIDDEN unless the request comes from this instance. A request with an `Origin`
 * must name this instance; one without may go on only when it carries no session cookie,
 * since then it has no ambient credential to abuse (scripts and the benchmark send neither).
 */
export function assertFromThisSite(c: Context, publicUrl: string | undefined): void {
	const origin = c.req.header('origin')
	const allowed =
		origin === undefined
			? sessionCookie.read(c) === undefined
			: isAllowedOrigin(origin, c.req.header('host'), publicUrl)
	if (!allowed) {
		throw new AppError('FORBIDDEN', 'This request did not come from this site.', {
			internal: `origin check refused ${c.req.method} ${c.req.path} from ${origin ?? 'no origin'}`,
		})
	}
}

/**
 * Refuses cross-site state-changing requests (CSRF), see {@link assertFromThisSite}. The
 * WebSocket upgrade is a GET, which CSRF middleware lets through, so the sync endpoint
 * calls {@link assertFromThisSite} itself.
 */
export function originCheck(options: { publicUrl: string | undefined }) {
	return createMiddleware(async (c, next) => {
		if (!SAFE_METHODS.has(c.req.method)) assertFromThisSite(c, options.publicUrl)
		await next()
	})
}
