import { changePasswordSchema, signInSchema, signUpSchema, updateProfileSchema } from '@circlespace/shared'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { type Context, Hono } from 'hono'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import { clientAddress } from '../limits/clientAddress.ts'
import type { Limiters, LimitRule } from '../limits/Limiters.ts'
import type { AccessChanges } from '../spaces/AccessChanges.ts'
import { hashInvitationToken } from '../spaces/circleRoutes.ts'
import type { CircleStore, SessionStore, SettingsStore, User, UserStore } from '../storage/Storage.ts'
import type { Clock } from './Clock.ts'
import { passwordHasher } from './passwordHasher.ts'
import { requireUser } from './requireUser.ts'
import { SessionManager } from './SessionManager.ts'
import { type SignInRules, SignInThrottle } from './SignInThrottle.ts'
import { sessionCookie } from './sessionCookie.ts'
import type { AuthEnv } from './sessionMiddleware.ts'

/**
 * Sign-ups allowed per client address and per email address within an hour. Every attempt
 * counts (each one costs an argon2 hash), but a whole circle of about thirty people may sign up
 * from one office or venue network within minutes, so the address limit stays well above that.
 */
export const signUpRules: { address: LimitRule; email: LimitRule } = {
	address: { points: 60, seconds: 60 * 60 },
	email: { points: 10, seconds: 60 * 60 },
}

/** What the auth routes need. */
export interface AuthRoutesDeps {
	users: UserStore
	sessions: SessionStore
	settings: SettingsStore
	circles: CircleStore
	/** Told when sessions end, so that their live connections close. */
	live: AccessChanges
	clock: Clock
	/** The instance's public origin; cookies are `Secure` when it is https. */
	publicUrl: string | undefined
	/** Where sign-in and sign-up attempts are counted. */
	limiters: Limiters
	/** Limits on failed sign-ins (default: `defaultSignInRules`). */
	signInRules?: SignInRules
}

// Distinct, readable on white and dark canvases; a new account gets one at random.
const CURSOR_COLORS = ['#e03131', '#2f9e44', '#1971c2', '#f08c00', '#9c36b5', '#0c8599', '#c2255c', '#5c940d']

/** The one answer to a failed sign-in, whether the email is unknown or the password wrong. */
function wrongCredentials(): AppError {
	return new AppError('UNAUTHENTICATED', 'The email address or the password is not right.')
}

function tooManySignUps(retryAfterSeconds: number): AppError {
	return new AppError(
		'RATE_LIMITED',
		'Too many accounts were created from here recently. Wait a while, then try again.',
		{ retryAfterSeconds },
	)
}

/** `/api/auth`: sign-up, sign-in, sign-out, password change and the profile of the signed-in account. */
export function authRoutes(deps: AuthRoutesDeps) {
	const { users, clock } = deps
	const sessions = new SessionManager(deps.sessions, clock)
	const throttle = new SignInThrottle(deps.limiters, deps.signInRules)
	const signUpsFromAddress = deps.limiters.create('signup-address', signUpRules.address)
	const signUpsOfEmail = deps.limiters.create('signup-email', signUpRules.email)
	const secure = deps.publicUrl?.startsWith('https:') ?? false

	async function startSession(c: Context, user: User): Promise<void> {
		const { token, session } = await sessions.create(user.id)
		sessionCookie.write(c, token, { expiresAt: session.expiresAt, now: clock.now(), secure })
	}

	return new Hono<AuthEnv>()
		.post('/signup', validate('json', signUpSchema), async (c) => {
			const { email, displayName, password, invitationToken } = c.req.valid('json')
			const fromHere = await signUpsFromAddress.take(clientAddress(c))
			if (!fromHere.allowed) throw tooManySignUps(fromHere.retryAfterSeconds)
			const ofEmail = await signUpsOfEmail.take(email)
			if (!ofEmail.allowed) throw tooManySignUps(ofEmail.retryAfterSeconds)
			await assertMaySignUp(deps, invitationToken)
			const passwordHash = await passwordHasher.hash(password)
			const random = crypto.getRandomValues(new Uint8Array(15))
			const user = await users.create({
				id: encodeBase32LowerCaseNoPadding(random),
				email,
				displayName,
				color: CURSOR_COLORS[(random[0] ?? 0) % CURSOR_COLORS.length] ?? '#1971c2',
				passwordHash,
				createdAt: clock.now(),
			})
			if (!user) throw new AppError('CONFLICT', 'An account with this email address already exists.')
			await startSession(c, user)
			return c.json(user, 201)
		})
		.post('/signin', validate('json', signInSchema), async (c) => {
			const { email, password } = c.req.valid('json')
			const attempt = await throttle.begin({ account: email, address: clientAddress(c) })
			const found = await users.findByEmail(email)
			// An unknown email still spends one verification, so timing does not tell it apart.
			const matches = found
				? await passwordHasher.verify(found.passwordHash, password)
				: await passwordHasher.verifyNothing(password)
			if (!found || !matches) {
				await attempt.failed()
				throw wrongCredentials()
			}
			await attempt.succeeded()
			const { passwordHash: _, ...user } = found
			// A fresh token at every sign-in: a token planted before sign-in is worth nothing after.
			await startSession(c, user)
			return c.json(user, 200)
		})
		.post('/signout', async (c) => {
			const session = c.get('session')
			if (session) {
				await sessions.invalidate(session.id)
				deps.live.accessChanged({ sessionId: session.id })
			}
			sessionCookie.clear(c, { secure })
			return c.body(null, 204)
		})
		.post('/signout-all', async (c) => {
			const { user } = requireUser(c)
			await sessions.invalidateAllOfUser(user.id)
			deps.live.accessChanged({ userId: user.id })
			sessionCookie.clear(c, { secure })
			return c.body(null, 204)
		})
		.post('/password', validate('json', changePasswordSchema), async (c) => {
			const { user, session } = requireUser(c)
			const { currentPassword, newPassword } = c.req.valid('json')
			// A stolen session must not become a way to guess the password: same throttle as sign-in.
			const attempt = await throttle.begin({ account: user.email, address: clientAddress(c) })
			const currentHash = await users.getPasswordHash(user.id)
			if (!currentHash || !(await passwordHasher.verify(currentHash, currentPassword))) {
				await attempt.failed()
				throw new AppError('FORBIDDEN', 'The current password is not right.')
			}
			await attempt.succeeded()
			await users.setPasswordHash(user.id, await passwordHasher.hash(newPassword))
			await sessions.invalidateAllOfUser(user.id, session.id)
			deps.live.accessChanged({ userId: user.id })
			return c.body(null, 204)
		})
		.get('/me', (c) => c.json(requireUser(c).user, 200))
		.patch('/me', validate('json', updateProfileSchema), async (c) => {
			const { user } = requireUser(c)
			const updated = await users.updateProfile(user.id, c.req.valid('json'))
			if (!updated) throw new AppError('UNAUTHENTICATED', 'You need to sign in.')
			return c.json(updated, 200)
		})
}

/**
 * On an instance that takes new accounts by invitation only, sign-up needs a usable invitation
 * link (it is used when the new account accepts it). The very first account is always allowed:
 * it becomes the admin.
 */
async function assertMaySignUp(deps: AuthRoutesDeps, invitationToken: string | undefined): Promise<void> {
	const { signupPolicy } = await deps.settings.get()
	if (signupPolicy === 'open' || !(await deps.users.any())) return
	const invitation = invitationToken
		? await deps.circles.findInvitation(hashInvitationToken(invitationToken))
		: undefined
	const now = deps.clock.now().getTime()
	const usable =
		invitation !== undefined &&
		invitation.revokedAt === null &&
		Date.parse(invitation.expiresAt) > now &&
		(invitation.maxUses === null || invitation.uses < invitation.maxUses)
	if (!usable) {
		throw new AppError(
			'FORBIDDEN',
			'New accounts on this instance need an invitation link that still works. Ask a facilitator for one.',
		)
	}
}
