import type { Clock } from './Clock.ts'

/** At most `maxFailures` failed attempts within `windowMs`; more wait until the oldest ages out. */
export interface ThrottleRule {
	maxFailures: number
	windowMs: number
}

/** The limits on failed sign-ins. */
export interface LoginThrottleRules {
	/** Per email address: stops guessing one person's password. */
	account: ThrottleRule
	/** Per client IP: stops one machine trying many accounts (higher, as offices share an IP). */
	ip: ThrottleRule
}

/** The limits used unless told otherwise. */
export const defaultLoginThrottleRules: LoginThrottleRules = {
	account: { maxFailures: 5, windowMs: 15 * 60 * 1000 },
	ip: { maxFailures: 20, windowMs: 15 * 60 * 1000 },
}

/** Whose failures an attempt counts against. */
export interface AttemptKeys {
	/** The normalised email address tried. */
	account: string
	/** The client's address. */
	ip: string
}

// Above this many tracked keys, keys whose failures have all aged out are dropped.
const SWEEP_ABOVE = 10_000

/**
 * Counts failed sign-ins per account and per IP, in this process's memory: with several
 * server processes each counts its own (a shared store such as Redis comes later), and a
 * restart forgets them.
 */
export class LoginThrottle {
	readonly #clock: Clock
	readonly #rules: LoginThrottleRules
	// Per key, the times of its most recent failures (at most maxFailures are needed).
	readonly #failures = new Map<string, number[]>()

	constructor(clock: Clock, rules: LoginThrottleRules = defaultLoginThrottleRules) {
		this.#clock = clock
		this.#rules = rules
	}

	/** Seconds to wait before these keys may try again; 0 when they may try now. */
	retryAfterSeconds(keys: AttemptKeys): number {
		const now = this.#clock.now().getTime()
		const waitMs = Math.max(
			this.#waitMs(`account:${keys.account}`, this.#rules.account, now),
			this.#waitMs(`ip:${keys.ip}`, this.#rules.ip, now),
		)
		return Math.ceil(waitMs / 1000)
	}

	/** Counts one failed attempt against both keys. */
	recordFailure(keys: AttemptKeys): void {
		const now = this.#clock.now().getTime()
		this.#record(`account:${keys.account}`, this.#rules.account, now)
		this.#record(`ip:${keys.ip}`, this.#rules.ip, now)
		if (this.#failures.size > SWEEP_ABOVE) this.#sweep(now)
	}

	/** Forgets an account's failures after its owner signed in. The IP's count stays. */
	recordSuccess(account: string): void {
		this.#failures.delete(`account:${account}`)
	}

	#waitMs(key: string, rule: ThrottleRule, now: number): number {
		const times = this.#failures.get(key)
		if (!times || times.length < rule.maxFailures) return 0
		const oldest = times[times.length - rule.maxFailures] ?? 0
		return Math.max(0, oldest + rule.windowMs - now)
	}

	#record(key: string, rule: ThrottleRule, now: number): void {
		const times = (this.#failures.get(key) ?? []).filter((t) => t > now - rule.windowMs)
		times.push(now)
		this.#failures.set(key, times.slice(-rule.maxFailures))
	}

	#sweep(now: number): void {
		const longest = Math.max(this.#rules.account.windowMs, this.#rules.ip.windowMs)
		for (const [key, times] of this.#failures) {
			if ((times.at(-1) ?? 0) <= now - longest) this.#failures.delete(key)
		}
	}
}
