import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Session, SessionStore } from '../storage/Storage.ts'
import type { Clock } from './Clock.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** How long a session lives without being used. */
export const SESSION_LIFETIME_MS = 30 * DAY_MS

/** A session validated with less than this left is extended to the full lifetime again. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY_MS

// 20 random bytes (160 bits) encode to exactly 32 base32 characters.
const TOKEN_PATTERN = /^[a-z2-7]{32}$/

/** What a successful validation returns. */
export interface ValidatedSession {
	session: Session
	/** True when the expiry was just moved forward, so the cookie must be sent again. */
	renewed: boolean
}

/**
 * Session tokens in the Lucia design: the client holds a random token, the database holds
 * only its SHA-256, so a copy of the database gives no one a usable cookie.
 */
export class SessionManager {
	readonly #store: SessionStore
	readonly #clock: Clock

	constructor(store: SessionStore, clock: Clock) {
		this.#store = store
		this.#clock = clock
	}

	/** Starts a new session for a user and returns its token (shown once, never stored). */
	async create(userId: string): Promise<{ token: string; session: Session }> {
		const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))
		const now = this.#clock.now()
		const session: Session = {
			id: sessionIdOf(token),
			userId,
			createdAt: now,
			expiresAt: new Date(now.getTime() + SESSION_LIFETIME_MS),
		}
		await this.#store.create(session)
		return { token, session }
	}

	/**
	 * The session a token names, when it exists and has not expired; an expired session is
	 * deleted. A session past half of its lifetime is extended (sliding expiry).
	 */
	async validate(token: string): Promise<ValidatedSession | undefined> {
		if (!TOKEN_PATTERN.test(token)) return undefined
		const session = await this.#store.get(sessionIdOf(token))
		if (!session) return undefined
		const now = this.#clock.now().getTime()
		if (now >= session.expiresAt.getTime()) {
			await this.#store.delete(session.id)
			return undefined
		}
		if (session.expiresAt.getTime() - now < SESSION_RENEW_WITHIN_MS) {
			const expiresAt = new Date(now + SESSION_LIFETIME_MS)
			await this.#store.setExpiresAt(session.id, expiresAt)
			return { session: { ...session, expiresAt }, renewed: true }
		}
		return { session, renewed: false }
	}

	/** Ends one session. */
	invalidate(sessionId: string): Promise<void> {
		return this.#store.delete(sessionId)
	}

	/** Ends every session of a user, except `exceptSessionId` when given. */
	invalidateAllOfUser(userId: string, exceptSessionId?: string): Promise<void> {
		return this.#store.deleteAllOfUser(userId, exceptSessionId)
	}
}

/** The stored id of a token: its SHA-256 in lower-case hex. */
export function sessionIdOf(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}
