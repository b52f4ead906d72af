import type { Redis } from 'ioredis'
import {
	type RateLimiterAbstract,
	RateLimiterMemory,
	RateLimiterRedis,
	RateLimiterRes,
} from 'rate-limiter-flexible'

/**
 * At most `points` within `seconds`. The window starts with a key's first point and ends
 * `seconds` later for that key (rate-limiter-flexible's fixed window), counted in real time.
 */
export interface LimitRule {
	points: number
	seconds: number
}

/** What taking a point answered. */
export interface Taken {
	/** False once the window's points were all taken: the caller refuses the request. */
	allowed: boolean
	/** Points taken in the current window, this one included. */
	used: number
	/** Whole seconds until the key has points again; 0 when allowed. */
	retryAfterSeconds: number
}

/** One rule, counted per key (an address, an account, a person). */
export class Limiter {
	readonly #limiter: RateLimiterAbstract

	constructor(limiter: RateLimiterAbstract) {
		this.#limiter = limiter
	}

	/** Takes one point for `key`; still counted when refused. */
	async take(key: string): Promise<Taken> {
		try {
			const res = await this.#limiter.consume(key)
			return { allowed: true, used: res.consumedPoints, retryAfterSeconds: 0 }
		} catch (rejection) {
			// The library refuses with its result object; anything else is a failure of the store.
			if (!(rejection instanceof RateLimiterRes)) throw rejection
			return {
				allowed: false,
				used: rejection.consumedPoints,
				retryAfterSeconds: wholeSeconds(rejection.msBeforeNext),
			}
		}
	}

	/** Gives one point back (what was taken turned out not to count). */
	async giveBack(key: string): Promise<void> {
		await this.#limiter.reward(key)
	}

	/** Forgets everything counted for `key`, a block too. */
	async reset(key: string): Promise<void> {
		await this.#limiter.delete(key)
	}

	/** Refuses `key` for `seconds` (whole seconds), whatever it had used. */
	async block(key: string, seconds: number): Promise<void> {
		await this.#limiter.block(key, seconds)
	}
}

/** What {@link Limiters} count in. */
export interface LimitersOptions {
	/**
	 * A Redis client shared by every server process, so that all of them count together. Give
	 * ioredis `enableOfflineQueue: false`, so that while Redis is unreachable each process falls
	 * back to counting in its own memory at once instead of holding requests.
	 */
	redis?: Redis
	/** Begins every key (default `circlespace`); tests give each run its own. */
	prefix?: string
}

/**
 * Makes the rate limiters of the server, all in one store: this process's memory (one process:
 * a restart forgets the counts), or Redis when several processes serve one instance.
 */
export class Limiters {
	readonly #redis: Redis | undefined
	readonly #prefix: string

	constructor(options: LimitersOptions = {}) {
		this.#redis = options.redis
		this.#prefix = options.prefix ?? 'circlespace'
	}

	/** Where the counts live. */
	get store(): 'memory' | 'redis' {
		return this.#redis ? 'redis' : 'memory'
	}

	/** A limiter for one rule; `name` keeps its keys apart from every other limiter's. */
	create(name: string, rule: LimitRule): Limiter {
		const options = {
			keyPrefix: `${this.#prefix}:limit:${name}`,
			points: rule.points,
			duration: rule.seconds,
		}
		if (!this.#redis) return new Limiter(new RateLimiterMemory(options))
		return new Limiter(
			new RateLimiterRedis({
				...options,
				storeClient: this.#redis,
				// A Redis outage must neither open the gates nor fail every request.
				insuranceLimiter: new RateLimiterMemory(options),
			}),
		)
	}
}

/** A wait in milliseconds as `Retry-After` seconds: rounded up, at least 1. */
function wholeSeconds(ms: number): number {
	return Math.max(1, Math.ceil(ms / 1000))
}
