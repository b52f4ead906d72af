import type { AssetStore } from '../assets/AssetStore.ts'
import type { Clock } from '../auth/Clock.ts'
import type { Logger } from '../logger.ts'
import type { Access } from '../spaces/Access.ts'
import type { Storage } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'

/** What the snapshot, export and import operations and routes need. */
export interface SnapshotsDeps {
	storage: Storage
	access: Access
	/** The live rooms: snapshots are taken of, and restores and imports written to, a board's live doc. */
	rooms: Pick<RoomRegistry, 'acquire'>
	/** Where images live: exports put them into the file, imports store the images a file carries. */
	assets: AssetStore
	clock: Clock
	logger: Logger
	/** Largest `.tldr` file accepted for import (bytes). */
	maxImportBytes: number
}
