import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openStorage } from '../storage/openStorage.ts'

/**
 * Each test gets its own schema, made the pool's `search_path` through the connection URL, so
 * that tests never touch tables they did not create.
 */
export async function createSchemaHarness(url: string) {
	const schema = `cs_test_${randomBytes(6).toString('hex')}`
	const admin = new pg.Client({ connectionString: url })
	await admin.connect()
	try {
		await admin.query(`create schema ${schema}`)
	} finally {
		await admin.end()
	}
	const scoped = new URL(url)
	// No parallel query plans: with many test schemas created and dropped at once, a parallel
	// worker sometimes fails to find the schema its leader uses (3F000 "schema does not exist",
	// seen in the migrator's catalog queries). Tests do not need parallel plans.
	scoped.searchParams.set('options', `-c search_path=${schema} -c max_parallel_workers_per_gather=0`)
	return {
		schema,
		/** A database URL whose connections use only this schema. */
		url: scoped.toString(),
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
