import type { Clock } from '../auth/Clock.ts'
import type { Storage } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type { Access } from './Access.ts'
import type { AccessChanges } from './AccessChanges.ts'

/** What the tribe, circle, board and instance routes need. */
export interface SpacesDeps {
	storage: Storage
	access: Access
	/** Told after every change of who may do what, so open live connections are checked again. */
	live: AccessChanges
	clock: Clock
	/** The live rooms: a board started from a template is filled through its room. */
	rooms: Pick<RoomRegistry, 'acquire'>
}
