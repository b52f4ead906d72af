import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { describe, expect, it } from 'vitest'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { defineBoardShareStoreContract } from './BoardShareStore.contract.ts'
import { defineBoardTemplateStoreContract } from './BoardTemplateStore.contract.ts'
import { defineJourneyStoreContract } from './JourneyStore.contract.ts'
import { defineStorageContract } from './Storage.contract.ts'

const databaseUrl = process.env.TEST_DATABASE_URL

if (databaseUrl) {
	const postgresHarness = async () => {
		const harness = await createSchemaHarness(databaseUrl)
		return {
			open: harness.open,
			connect: async () => ({
				db: new Kysely<unknown>({
					dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: harness.url, max: 1 }) }),
				}),
				kind: 'postgres' as const,
				migrationTableSchema: harness.schema,
			}),
			dispose: harness.dispose,
		}
	}
	defineStorageContract('PostgreSQL', postgresHarness)
	defineJourneyStoreContract('PostgreSQL', postgresHarness)
	defineBoardTemplateStoreContract('PostgreSQL', postgresHarness)
	defineBoardShareStoreContract('PostgreSQL', postgresHarness)

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
