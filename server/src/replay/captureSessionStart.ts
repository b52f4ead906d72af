import * as Y from 'yjs'
import type { SnapshotsDeps } from '../snapshots/SnapshotsDeps.ts'
import { withRoom } from '../snapshots/withRoom.ts'

/**
 * Keeps the board as a session starts as a replay checkpoint, so that its replay starts from
 * there instead of applying the board's log since the previous checkpoint (an hour of a busy
 * board is tens of thousands of entries). Like the end snapshot (`captureSessionEnd`), the
 * checkpoint holds exactly the log up to a known entry: what the room had not stored is stored,
 * the doc is encoded, and what arrived in between is stored at once, in the same turn.
 *
 * Called before the session's start time is taken, so every entry the checkpoint holds was
 * stored at or before it and the replay's start (the last entry stored by then) is at or after it.
 */
export async function captureSessionStart(
	deps: Pick<SnapshotsDeps, 'storage' | 'rooms'>,
	boardId: string,
): Promise<void> {
	const { state, coversId } = await withRoom(deps.rooms, boardId, async (room) => {
		await room.flush()
		const state = Y.encodeStateAsUpdateV2(room.doc)
		// No macrotask runs between the encoding and this write: its batch is what the state holds unstored.
		await room.flush()
		return { state, coversId: room.lastStoredId }
	})
	if (coversId > 0) await deps.storage.replay.saveCheckpoint(boardId, coversId, state)
}
