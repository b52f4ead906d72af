import type { MiddlewareHandler } from 'hono'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { clientAddress } from './clientAddress.ts'
import type { Limiter, Limiters } from './Limiters.ts'

/** What an API request costs the server, which decides the limit it counts against. */
export type RequestKind = 'read' | 'write' | 'file'

const requestKinds: readonly RequestKind[] = ['read', 'write', 'file']

/** The API's rate limits, per minute. */
export interface ApiRateRules {
	/** Requests of each kind one signed-in person may make per minute; 0 turns that limit off. */
	perPerson: Record<RequestKind, number>
	/**
	 * Each address may make this many times a person's requests (0: no limit per address): a
	 * venue's people share one address, and a stranger without an account is counted there only.
	 */
	addressFactor: number
}

/**
 * The limits used unless configured otherwise. Per person: 1200 reads a minute (opening a board
 * with a few hundred images, or a circle page with a hundred session thumbnails, is one burst),
 * 120 writes, and 20 imports, exports and thumbnail uploads. Per address ten times that: thirty
 * people in one live session behind one venue address use a small part of it.
 */
export const defaultApiRateRules: ApiRateRules = {
	perPerson: { read: 1200, write: 120, file: 20 },
	addressFactor: 10,
}

// Imports, exports and thumbnail uploads: each reads or builds a whole board or file. Thumbnail
// *reads* are plain reads, as a page shows many at once.
const fileRoutes: ReadonlyArray<{ methods: readonly string[]; path: RegExp }> = [
	{ methods: ['GET', 'HEAD'], path: /^\/api\/(boards|snapshots)\/[^/]+\/tldr$/ },
	{ methods: ['POST'], path: /^\/api\/boards\/[^/]+\/import$/ },
	{ methods: ['POST'], path: /^\/api\/circles\/[^/]+\/boards\/import$/ },
	{ methods: ['PUT'], path: /^\/api\/snapshots\/[^/]+\/thumbnail$/ },
]

/** The kind of an API request, from its method and its path (`/api/…`). */
export function requestKind(method: string, path: string): RequestKind {
	const upper = method.toUpperCase()
	if (fileRoutes.some((route) => route.methods.includes(upper) && route.path.test(path))) return 'file'
	return upper === 'GET' || upper === 'HEAD' || upper === 'OPTIONS' ? 'read' : 'write'
}

type LimiterOfKind = Record<RequestKind, Limiter | undefined>

/**
 * Counts every API request against the signed-in person's limit for its kind, then against its
 * address's. A person's refused requests are not counted for the address, so one person
 * flooding does not use up the address of the people beside them. Refusals are 429
 * `RATE_LIMITED` with `Retry-After`.
 */
export function apiRateLimits(limiters: Limiters, rules: ApiRateRules): MiddlewareHandler<AuthEnv> {
	const limitersOf = (scope: string, factor: number): LimiterOfKind => {
		const byKind = {} as LimiterOfKind
		for (const kind of requestKinds) {
			const points = rules.perPerson[kind] * factor
			byKind[kind] = points > 0 ? limiters.create(`api-${scope}-${kind}`, { points, seconds: 60 }) : undefined
		}
		return byKind
	}
	const perPerson = limitersOf('person', 1)
	const perAddress = limitersOf('address', rules.addressFactor)

	return async (c, next) => {
		const kind = requestKind(c.req.method, c.req.path)
		const user = c.get('user')
		const person = user ? perPerson[kind] : undefined
		if (user && person) {
			const taken = await person.take(user.id)
			if (!taken.allowed) throw tooMany(kind, taken.retryAfterSeconds, 'You have')
		}
		const address = perAddress[kind]
		if (address) {
			const taken = await address.take(clientAddress(c))
			if (!taken.allowed) {
				if (user && person) await person.giveBack(user.id)
				throw tooMany(kind, taken.retryAfterSeconds, 'Your network has')
			}
		}
		await next()
	}
}

function tooMany(kind: RequestKind, retryAfterSeconds: number, who: string): AppError {
	const what = { read: 'requests', write: 'changes', file: 'imports, exports and thumbnails' }[kind]
	return new AppError(
		'RATE_LIMITED',
		`${who} sent too many ${what} in the last minute. Wait a little, then try again.`,
		{
			retryAfterSeconds,
		},
	)
}
