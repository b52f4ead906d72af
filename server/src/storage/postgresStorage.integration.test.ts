import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { openStorage } from './openStorage.ts'
import { defineStorageContract } from './Storage.contract.ts'

const databaseUrl = process.env.TEST_DATABASE_URL

/**
 * Each test gets its own schema, made the pool's `search_path` through the connection URL, so
 * that tests never touch tables they did not create.
 */
async function createSchemaHarness(url: string) {
	const schema = `cs_test_${randomBytes(6).toString('hex')}`
	const admin = new pg.Client({ connectionString: url })
	await admin.connect()
	try {
		await admin.query(`create schema ${schema}`)
	} finally {
		await admin.end()
	}
	const scoped = new URL(url)
	scoped.searchParams.set('options', `-c search_path=${schema}`)
	return {
		schema,
		open: () => openStorage({ dataDir: '/nonexistent-unused', databaseUrl: scoped.toString() }),
		dispose: async () => {
			const cleaner = new pg.Client({ connectionString: url })
			await cleaner.connect()
			try {
				await cleaner.query(`drop schema ${schema} cascade`)
			} finally {
				await cleaner.end()
			}
		},
	}
}

if (databaseUrl) {
	defineStorageContract('PostgreSQL', () => createSchemaHarness(databaseUrl))

	it('keeps PostgreSQL tables inside the schema of the search path', async () => {
		const harness = await createSchemaHarness(databaseUrl)
		try {
			const storage = await harness.open()
			expect(storage.kind).toBe('postgres')
			await storage.close()
			const client = new pg.Client({ connectionString: databaseUrl })
			await client.connect()
			try {
				const { rows } = await client.query<{ table_name: string }>(
					'select table_name from information_schema.tables where table_schema = $1 order by table_name',
					[harness.schema],
				)
				expect(rows.map((r) => r.table_name)).toEqual(
					expect.arrayContaining(['board_states', 'board_updates', 'boards', 'kysely_migration']),
				)
			} finally {
				await client.end()
			}
		} finally {
			await harness.dispose()
		}
	})
} else {
	describe('PostgreSQL storage contract', () => {
		it('was NOT run: TEST_DATABASE_URL is unset (set it to a postgres:// URL to run it)', () => {
			console.warn('PostgreSQL contract tests not run: TEST_DATABASE_URL unset')
			expect(databaseUrl).toBeUndefined()
		})
	})
}
