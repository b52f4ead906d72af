import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openStorage } from '../../src/storage/openStorage.ts'
import type { Storage } from '../../src/storage/Storage.ts'

/** What a database bench does on one database: its name for the report, the storage, and how to refresh the planner's statistics. */
export type OnDatabase<T> = (database: string, storage: Storage, analyze: () => Promise<void>) => Promise<T>

/** A database the run could not use, and why. */
export interface SkippedDatabase {
	database: string
	skipped: string
}

export interface BenchDatabaseOptions {
	/** Keep the PostgreSQL database after the run (to EXPLAIN its queries); its name is printed. */
	keepPostgres?: boolean
}

/**
 * Runs `measure` on a fresh SQLite database in a temporary folder and on a fresh PostgreSQL
 * database created for the run (and dropped after it), as `wanted` lists them (`sqlite`,
 * `postgres`). PostgreSQL is `BENCH_DATABASE_URL`, else `TEST_DATABASE_URL`, else the local
 * default; when it cannot be reached the run says so and goes on without it.
 */
export async function onBenchDatabases<T>(
	name: string,
	wanted: readonly string[],
	measure: OnDatabase<T>,
	options: BenchDatabaseOptions = {},
): Promise<Array<T | SkippedDatabase>> {
	const results: Array<T | SkippedDatabase> = []
	if (wanted.includes('sqlite')) results.push(await onSqlite(name, measure))
	if (wanted.includes('postgres')) results.push(await onPostgres(name, measure, options))
	return results
}

async function onSqlite<T>(name: string, measure: OnDatabase<T>): Promise<T> {
	const dataDir = mkdtempSync(path.join(os.tmpdir(), `circlespace-bench-${name}-`))
	const storage = await openStorage({ dataDir })
	try {
		return await measure('SQLite', storage, async () => {})
	} finally {
		await storage.close()
		rmSync(dataDir, { recursive: true, force: true })
	}
}

async function onPostgres<T>(
	name: string,
	measure: OnDatabase<T>,
	options: BenchDatabaseOptions,
): Promise<T | SkippedDatabase> {
	const databaseUrl =
		process.env.BENCH_DATABASE_URL ??
		process.env.TEST_DATABASE_URL ??
		'postgres://postgres@127.0.0.1:5432/test'
	const database = `bench_${name}_${process.pid}_${Date.now()}`
	const admin = new pg.Client({ connectionString: databaseUrl })
	try {
		await admin.connect()
	} catch (error) {
		const skipped = `not run: PostgreSQL at ${new URL(databaseUrl).host} unreachable (${(error as Error).message})`
		console.log(`  ${skipped}`)
		return { database: 'PostgreSQL', skipped }
	}
	try {
		await admin.query(`CREATE DATABASE ${database}`)
		const url = new URL(databaseUrl)
		url.pathname = `/${database}`
		const storage = await openStorage({ dataDir: '/nonexistent-unused', databaseUrl: url.toString() })
		try {
			return await measure('PostgreSQL', storage, async () => {
				// What autovacuum does on a server that has been up a while: the planner's statistics.
				const client = new pg.Client({ connectionString: url.toString() })
				await client.connect()
				await client.query('analyze')
				await client.end()
			})
		} finally {
			await storage.close()
		}
	} finally {
		if (options.keepPostgres) console.log(`  kept the database ${database}`)
		else await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {})
		await admin.end()
	}
}
