import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import { afterAll, describe, expect, it } from 'vitest'
import { SignInThrottle } from '../auth/SignInThrottle.ts'
import { AppError } from '../errors.ts'
import { defineLimitersContract } from './Limiters.contract.ts'
import { Limiters } from './Limiters.ts'

const redisUrl = process.env.TEST_REDIS_URL

if (!redisUrl) {
	describe('limits on Redis', () => {
		it('was NOT run: TEST_REDIS_URL is unset (set it to a redis:// URL to run it)', () => {
			console.warn('limits on Redis: not run, TEST_REDIS_URL unset')
			expect(redisUrl).toBeUndefined()
		})
	})
} else {
	const url = redisUrl
	const clients: Redis[] = []
	const prefixes: string[] = []
	// Each process of a scaled-out server has a client of its own.
	const connect = () => {
		const client = new Redis(url, { maxRetriesPerRequest: 1 })
		clients.push(client)
		return client
	}
	const freshPrefix = () => {
		const prefix = `circlespace-test-${randomUUID()}`
		prefixes.push(prefix)
		return prefix
	}
	const redis = connect()

	afterAll(async () => {
		for (const prefix of prefixes) {
			const keys = await redis.keys(`${prefix}:*`)
			if (keys.length > 0) await redis.del(...keys)
		}
		await Promise.all(clients.map((client) => client.quit()))
	})

	defineLimitersContract('Redis', () => new Limiters({ redis, prefix: freshPrefix() }))

	describe('limits on Redis, shared by several processes', () => {
		it('keeps the counts in Redis, where a second process sees them', async () => {
			const prefix = freshPrefix()
			const first = new Limiters({ redis: connect(), prefix }).create('api', { points: 2, seconds: 60 })
			const second = new Limiters({ redis: connect(), prefix }).create('api', { points: 2, seconds: 60 })
			expect((await first.take('person')).allowed).toBe(true)
			expect((await second.take('person')).allowed).toBe(true)
			expect((await first.take('person')).allowed).toBe(false)
			expect(await redis.get(`${prefix}:limit:api:person`)).toBe('3')
		})

		it('K1 refuses on one process the address that failed 5 times on another, and lets the owner in on a third', async () => {
			const prefix = freshPrefix()
			const aProcess = () => new SignInThrottle(new Limiters({ redis: connect(), prefix }))
			const [one, two, three] = [aProcess(), aProcess(), aProcess()]
			const guess = { account: 'ada@example.org', address: '198.51.100.9' }
			for (let i = 0; i < 5; i++) await (await (i % 2 ? one : two).begin(guess)).failed()
			await expect(three.begin(guess)).rejects.toBeInstanceOf(AppError)
			await (await three.begin({ ...guess, address: '203.0.113.5' })).succeeded()
		})
	})
}
