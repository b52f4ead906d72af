import pg from 'pg'
import { expect, it } from 'vitest'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { openStorage } from './openStorage.ts'

const databaseUrl = process.env.TEST_DATABASE_URL

if (databaseUrl) {
	it('keeps serving after PostgreSQL ends its idle connections (a restart, an administrator), telling the listener', async () => {
		const harness = await createSchemaHarness(databaseUrl)
		const errors: Error[] = []
		// Named, so that only this test's connections are ended (other tests share the database).
		const url = new URL(harness.url)
		const name = `circlespace-pool-test-${process.pid}`
		url.searchParams.set('application_name', name)
		const storage = await openStorage({
			dataDir: '/nonexistent-unused',
			databaseUrl: url.toString(),
			onConnectionError: (error) => errors.push(error),
		})
		try {
			expect(await storage.users.any()).toBe(false)
			// Every connection of this test's schema is idle in the pool now: end them from outside.
			const admin = new pg.Client({ connectionString: databaseUrl })
			await admin.connect()
			try {
				const ended = await admin.query(
					'select pg_terminate_backend(pid) from pg_stat_activity where application_name = $1',
					[name],
				)
				expect(ended.rowCount).toBeGreaterThan(0)
			} finally {
				await admin.end()
			}
			// The process is still here (an unhandled 'error' would have ended it), and the next query
			// gets a fresh connection.
			await expect.poll(() => errors.length, { timeout: 5000 }).toBeGreaterThan(0)
			expect(await storage.users.any()).toBe(false)
		} finally {
			await storage.close()
			await harness.dispose()
		}
	})
} else {
	it('PostgreSQL pool errors were NOT run: TEST_DATABASE_URL is unset (set it to a postgres:// URL to run them)', () => {
		console.warn('PostgreSQL pool tests not run: TEST_DATABASE_URL unset')
		expect(databaseUrl).toBeUndefined()
	})
}
