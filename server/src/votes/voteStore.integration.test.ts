import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openStorage } from '../storage/openStorage.ts'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { defineVoteStoreContract } from './VoteStore.contract.ts'

defineVoteStoreContract('SQLite', async () => {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-votes-'))
	return {
		open: () => openStorage({ dataDir }),
		dispose: () => rm(dataDir, { recursive: true, force: true }),
	}
})

const databaseUrl = process.env.TEST_DATABASE_URL
if (databaseUrl) defineVoteStoreContract('PostgreSQL', () => createSchemaHarness(databaseUrl))
