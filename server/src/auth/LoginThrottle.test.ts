import { describe, expect, it } from 'vitest'
import type { Clock } from './Clock.ts'
import { LoginThrottle } from './LoginThrottle.ts'

const MINUTE = 60 * 1000

function clockAt(ms = 0): Clock & { advance(by: number): void } {
	let now = ms
	return { now: () => new Date(now), advance: (by) => (now += by) }
}

const rules = {
	account: { maxFailures: 3, windowMs: 10 * MINUTE },
	ip: { maxFailures: 5, windowMs: 10 * MINUTE },
}

describe('LoginThrottle', () => {
	it('lets an account fail up to the limit, then makes it wait until the oldest failure ages out', () => {
		const clock = clockAt()
		const throttle = new LoginThrottle(clock, rules)
		const keys = { account: 'ada@example.org', ip: '10.0.0.1' }
		for (let i = 0; i < 3; i++) {
			expect(throttle.retryAfterSeconds(keys)).toBe(0)
			throttle.recordFailure(keys)
			clock.advance(MINUTE)
		}
		// First failure at 0, now at 3 min: it ages out at 10 min.
		expect(throttle.retryAfterSeconds(keys)).toBe(7 * 60)
		clock.advance(7 * MINUTE)
		expect(throttle.retryAfterSeconds(keys)).toBe(0)
	})

	it('throttles one address trying many accounts, but not other addresses', () => {
		const throttle = new LoginThrottle(clockAt(), rules)
		for (let i = 0; i < 5; i++) throttle.recordFailure({ account: `victim${i}@example.org`, ip: '10.0.0.9' })
		expect(throttle.retryAfterSeconds({ account: 'fresh@example.org', ip: '10.0.0.9' })).toBeGreaterThan(0)
		expect(throttle.retryAfterSeconds({ account: 'fresh@example.org', ip: '10.0.0.10' })).toBe(0)
	})

	it('forgets an account’s failures after a successful sign-in', () => {
		const throttle = new LoginThrottle(clockAt(), rules)
		const keys = { account: 'ada@example.org', ip: '10.0.0.1' }
		throttle.recordFailure(keys)
		throttle.recordFailure(keys)
		throttle.recordSuccess('ada@example.org')
		throttle.recordFailure({ ...keys, ip: '10.0.0.2' })
		throttle.recordFailure({ ...keys, ip: '10.0.0.2' })
		expect(throttle.retryAfterSeconds({ ...keys, ip: '10.0.0.3' })).toBe(0)
	})
})
