import { afterEach, describe, expect, it } from 'vitest'
import type { Clock } from '../auth/Clock.ts'
import { createSchemaHarness } from './postgresSchema.ts'
import { startTestServer, type TestServer } from './testServer.ts'

/** Starts a fresh server (with its own empty database) for one test. */
export type StartServer = (options?: { env?: Record<string, string>; clock?: Clock }) => Promise<TestServer>

/**
 * Defines `tests` twice: on SQLite, and on PostgreSQL when `TEST_DATABASE_URL` is set. Without
 * it, a test says plainly that the PostgreSQL run did not happen (it never pretends to pass).
 * Servers started through `start` are stopped and their databases dropped after each test.
 */
export function onEachDatabase(name: string, tests: (start: StartServer) => void): void {
	const cleanups: Array<() => unknown> = []
	afterEach(async () => {
		for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
	})

	describe(`${name} on SQLite`, () => {
		tests(async (options = {}) => {
			const server = await startTestServer(options.env ?? {}, undefined, { clock: options.clock })
			cleanups.push(() => server.dispose())
			return server
		})
	})

	const databaseUrl = process.env.TEST_DATABASE_URL
	describe(`${name} on PostgreSQL`, () => {
		if (!databaseUrl) {
			it('was NOT run: TEST_DATABASE_URL is unset (set it to a postgres:// URL to run it)', () => {
				console.warn(`${name}: PostgreSQL tests not run, TEST_DATABASE_URL unset`)
				expect(databaseUrl).toBeUndefined()
			})
			return
		}
		tests(async (options = {}) => {
			const schema = await createSchemaHarness(databaseUrl)
			cleanups.push(() => schema.dispose())
			const server = await startTestServer({ DATABASE_URL: schema.url, ...options.env }, undefined, {
				clock: options.clock,
			})
			cleanups.push(() => server.dispose())
			return server
		})
	})
}
