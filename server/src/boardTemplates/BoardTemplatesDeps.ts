import type { Clock } from '../auth/Clock.ts'
import type { Access } from '../spaces/Access.ts'
import type { Storage } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'

/** What the board template routes and operations need. */
export interface BoardTemplatesDeps {
	storage: Storage
	access: Access
	/** Templates copy a board's live doc; new boards are filled through their room. */
	rooms: Pick<RoomRegistry, 'acquire'>
	clock: Clock
	/** The largest content a template may hold (bytes): the limit on a board made from a file. */
	maxTemplateBytes: number
}
