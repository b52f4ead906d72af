import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import { AppError } from '../errors.ts'
import type { Session, User } from '../storage/Storage.ts'
import type { AuthEnv } from './sessionMiddleware.ts'

/** The signed-in account and session of a request, or a 401 problem when there is none. */
export function requireUser(c: Context<AuthEnv>): { user: User; session: Session } {
	const user = c.get('user')
	const session = c.get('session')
	if (!user || !session) throw new AppError('UNAUTHENTICATED', 'You need to sign in.')
	return { user, session }
}

/** Middleware that answers 401 unless the request has a valid session. */
export const signedInOnly = createMiddleware<AuthEnv>(async (c, next) => {
	requireUser(c)
	await next()
})
