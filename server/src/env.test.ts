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

	it('keeps only the origin of PUBLIC_URL', () => {
		expect(parseConfig({ PUBLIC_URL: 'https://boards.example.org/some/path' }).publicUrl).toBe(
			'https://boards.example.org',
		)
	})
})
