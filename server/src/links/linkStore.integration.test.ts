import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { openStorage } from '../storage/openStorage.ts'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { defineLinkStoreContract } from './LinkStore.contract.ts'

defineLinkStoreContract('SQLite', async () => {
	const dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-links-'))
	return {
		open: () => openStorage({ dataDir }),
		dispose: () => rm(dataDir, { recursive: true, force: true }),
	}
})

const databaseUrl = process.env.TEST_DATABASE_URL
if (databaseUrl) defineLinkStoreContract('PostgreSQL', () => createSchemaHarness(databaseUrl))
