import { mkdir, mkdtemp, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { Kysely } from 'kysely'
import { expect, it } from 'vitest'
import { defineBoardShareStoreContract } from './BoardShareStore.contract.ts'
import { defineBoardTemplateStoreContract } from './BoardTemplateStore.contract.ts'
import { defineJourneyStoreContract } from './JourneyStore.contract.ts'
import { nodeSqliteDialect } from './nodeSqliteDialect.ts'
import { openStorage, sqliteFileName } from './openStorage.ts'
import { defineStorageContract } from './Storage.contract.ts'

const sqliteHarness = async () => {
	const root = await mkdtemp(path.join(tmpdir(), 'circlespace-storage-'))
	// A directory that does not exist yet: opening must create it.
	const dataDir = path.join(root, 'data')
	return {
		open: () => openStorage({ dataDir }),
		connect: async () => {
			await mkdir(dataDir, { recursive: true })
			const database = new DatabaseSync(path.join(dataDir, sqliteFileName))
			return { db: new Kysely<unknown>({ dialect: nodeSqliteDialect(database) }), kind: 'sqlite' as const }
		},
		dispose: () => rm(root, { recursive: true, force: true }),
	}
}
defineStorageContract('SQLite', sqliteHarness)
defineJourneyStoreContract('SQLite', sqliteHarness)
defineBoardTemplateStoreContract('SQLite', sqliteHarness)
defineBoardShareStoreContract('SQLite', sqliteHarness)

it('stores SQLite data in circlespace.db inside the data directory, in WAL mode', async () => {
	const root = await mkdtemp(path.join(tmpdir(), 'circlespace-storage-'))
	try {
		const storage = await openStorage({ dataDir: root })
		expect(storage.kind).toBe('sqlite')
		await storage.docs.append('board-wal', new Uint8Array([1]))
		// The -wal file exists while the database is open in WAL mode.
		expect((await stat(path.join(root, `${sqliteFileName}-wal`))).isFile()).toBe(true)
		await storage.close()
		expect((await stat(path.join(root, sqliteFileName))).size).toBeGreaterThan(0)
	} finally {
		await rm(root, { recursive: true, force: true })
	}
})
