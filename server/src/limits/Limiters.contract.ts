import { describe, expect, it } from 'vitest'
import { defaultSignInRules, SignInThrottle } from '../auth/SignInThrottle.ts'
import { AppError } from '../errors.ts'
import type { Limiters } from './Limiters.ts'

/** What a refused sign-in attempt threw, or undefined when it was let through. */
async function refusal(begin: Promise<unknown>): Promise<AppError | undefined> {
	try {
		await begin
		return undefined
	} catch (error) {
		if (error instanceof AppError && error.code === 'RATE_LIMITED') return error
		throw error
	}
}

/**
 * The behaviour the limits have in every store, so that the same limits hold in memory and on
 * Redis. `makeLimiters` gives each test limiters of its own (a fresh memory, or a fresh key
 * prefix on Redis). Nothing here waits for a window to pass.
 */
export function defineLimitersContract(name: string, makeLimiters: () => Limiters): void {
	describe(`limits in ${name}`, () => {
		describe('a limiter', () => {
			it('lets a key take its points, then refuses it for the rest of the window, still counting', async () => {
				const limiter = makeLimiters().create('t', { points: 3, seconds: 60 })
				for (let i = 1; i <= 3; i++)
					expect(await limiter.take('a')).toEqual({ allowed: true, used: i, retryAfterSeconds: 0 })
				const refused = await limiter.take('a')
				expect(refused.allowed).toBe(false)
				expect(refused.used).toBe(4)
				expect(refused.retryAfterSeconds).toBeGreaterThan(0)
				expect(refused.retryAfterSeconds).toBeLessThanOrEqual(60)
				expect((await limiter.take('b')).allowed).toBe(true)
			})

			it('takes a point given back again, forgets a key that is reset, and refuses a blocked key for its seconds', async () => {
				const limiter = makeLimiters().create('t', { points: 1, seconds: 60 })
				await limiter.take('a')
				await limiter.giveBack('a')
				expect((await limiter.take('a')).allowed).toBe(true)
				await limiter.reset('a')
				expect((await limiter.take('a')).allowed).toBe(true)
				await limiter.reset('a')
				await limiter.block('a', 7)
				const blocked = await limiter.take('a')
				expect(blocked.allowed).toBe(false)
				expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(7)
				expect(blocked.retryAfterSeconds).toBeGreaterThan(5)
			})

			it('keeps the keys of differently named limiters apart', async () => {
				const limiters = makeLimiters()
				const one = limiters.create('one', { points: 1, seconds: 60 })
				const other = limiters.create('other', { points: 1, seconds: 60 })
				await one.take('a')
				expect((await one.take('a')).allowed).toBe(false)
				expect((await other.take('a')).allowed).toBe(true)
			})
		})

		describe('sign-in attempts (attacks)', () => {
			const ada = 'ada@example.org'

			it('K1 refuses an address after 5 failures on one account, but not the owner at another address', async () => {
				const throttle = new SignInThrottle(makeLimiters())
				for (let i = 0; i < 5; i++)
					await (await throttle.begin({ account: ada, address: '198.51.100.9' })).failed()
				const refused = await refusal(throttle.begin({ account: ada, address: '198.51.100.9' }))
				expect(refused?.retryAfterSeconds).toBeGreaterThan(14 * 60)
				const owner = await throttle.begin({ account: ada, address: '203.0.113.5' })
				await owner.succeeded()
			})

			it('K1 counts guesses sent all at once: of 20 in parallel from one address, 5 are checked', async () => {
				const throttle = new SignInThrottle(makeLimiters())
				const outcomes = await Promise.all(
					Array.from({ length: 20 }, () =>
						refusal(throttle.begin({ account: ada, address: '198.51.100.9' })),
					),
				)
				expect(outcomes.filter((o) => o === undefined)).toHaveLength(5)
			})

			it('K2 lets a slowed-down account be tried once at a time: of 10 parallel tries from 10 addresses, one is checked', async () => {
				const throttle = new SignInThrottle(makeLimiters())
				const free = defaultSignInRules.account.freeFailures
				for (let i = 0; i < free; i++)
					await (await throttle.begin({ account: ada, address: `198.51.100.${i}` })).failed()
				const outcomes = await Promise.all(
					Array.from({ length: 10 }, (_, i) =>
						refusal(throttle.begin({ account: ada, address: `203.0.113.${i}` })),
					),
				)
				expect(outcomes.filter((o) => o === undefined)).toHaveLength(1)
			})

			it('K3 refuses an address after 60 failures across accounts, and no other address', async () => {
				const throttle = new SignInThrottle(makeLimiters())
				const { points } = defaultSignInRules.address
				for (let i = 0; i < points; i++) {
					await (
						await throttle.begin({ account: `victim${i}@example.org`, address: '198.51.100.9' })
					).failed()
				}
				expect(await refusal(throttle.begin({ account: ada, address: '198.51.100.9' }))).toBeInstanceOf(
					AppError,
				)
				await (await throttle.begin({ account: ada, address: '198.51.100.10' })).succeeded()
			})

			it('K3 does not count successes against an address: a venue signing in together is let in', async () => {
				const throttle = new SignInThrottle(makeLimiters())
				for (let i = 0; i < 3 * defaultSignInRules.address.points; i++) {
					await (
						await throttle.begin({ account: `member${i}@example.org`, address: '198.51.100.9' })
					).succeeded()
				}
				await (await throttle.begin({ account: ada, address: '198.51.100.9' })).failed()
			})
		})
	})
}
