import { describe, expect, it } from 'vitest'
import { ConfigError, parseConfig } from './env.ts'

describe('configuration', () => {
	it('starts on the embedded SQLite default with nothing set', () => {
		const config = parseConfig({})
		expect(config.port).toBe(3000)
		expect(config.databaseUrl).toBeUndefined()
		expect(config.dataDir.endsWith('/data')).toBe(true)
		expect(config.limits.maxMessageBytes).toBe(1024 * 1024)
		expect(config.sync.persistWindowMs).toBe(50)
	})

	it('switches to PostgreSQL when DATABASE_URL names one', () => {
		expect(parseConfig({ DATABASE_URL: 'postgres://u@db:5432/cs' }).databaseUrl).toBe(
			'postgres://u@db:5432/cs',
		)
	})

	it('lists every invalid variable at once', () => {
		let error: unknown
		try {
			parseConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' })
		} catch (e) {
			error = e
		}
		expect(error).toBeInstanceOf(ConfigError)
		const message = (error as Error).message
		expect(message).toContain('PORT')
		expect(message).toContain('DATABASE_URL')
		expect(message).toContain('LOG_LEVEL')
	})

	it('limits the API per person and per address, with defaults a venue of thirty never reaches', () => {
		expect(parseConfig({}).rateLimits).toEqual({
			perPerson: { read: 1200, write: 120, file: 20 },
			addressFactor: 10,
		})
		const tuned = parseConfig({
			RATE_LIMIT_READS_PER_MINUTE: '600',
			RATE_LIMIT_WRITES_PER_MINUTE: '0',
			RATE_LIMIT_FILES_PER_MINUTE: '5',
			RATE_LIMIT_ADDRESS_FACTOR: '40',
		})
		expect(tuned.rateLimits).toEqual({ perPerson: { read: 600, write: 0, file: 5 }, addressFactor: 40 })
		expect(() => parseConfig({ RATE_LIMIT_READS_PER_MINUTE: '-1' })).toThrow(/RATE_LIMIT_READS_PER_MINUTE/)
	})

	it('keeps only the origin of PUBLIC_URL', () => {
		expect(parseConfig({ PUBLIC_URL: 'https://boards.example.org/some/path' }).publicUrl).toBe(
			'https://boards.example.org',
		)
	})

	it('trusts no proxy by default, and reads TRUSTED_PROXIES as addresses and ranges, refusing anything else', () => {
		expect(parseConfig({}).trustedProxies).toEqual([])
		expect(parseConfig({ TRUSTED_PROXIES: ' 10.0.0.0/8, ::1 ,,172.18.0.2' }).trustedProxies).toEqual([
			'10.0.0.0/8',
			'::1',
			'172.18.0.2',
		])
		expect(() => parseConfig({ TRUSTED_PROXIES: '10.0.0.0/8,caddy' })).toThrow(/TRUSTED_PROXIES.*caddy/)
	})
})
