import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStorage } from '../storage/openStorage.ts'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { defineSearchIndexContract } from './SearchIndex.contract.ts'

defineSearchIndexContract('SQLite', async () => {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-search-'))
	return {
		open: () => openStorage({ dataDir }),
		dispose: () => rm(dataDir, { recursive: true, force: true }),
	}
})

const databaseUrl = process.env.TEST_DATABASE_URL
if (databaseUrl) {
	defineSearchIndexContract('PostgreSQL', () => createSchemaHarness(databaseUrl))
} else {
	describe('PostgreSQL search index contract', () => {
		it('was NOT run: TEST_DATABASE_URL is unset (set it to a postgres:// URL to run it)', () => {
			console.warn('PostgreSQL search index contract not run: TEST_DATABASE_URL unset')
			expect(databaseUrl).toBeUndefined()
		})
	})
}
