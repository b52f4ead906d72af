import * as Y from 'yjs'
import type { SnapshotsDeps } from '../snapshots/SnapshotsDeps.ts'
import { copyAtLogEntry } from './captureSessionEnd.ts'

/**
 * Keeps the board as a session starts as a replay checkpoint, so that its replay starts from
 * there instead of applying the board's log since the previous checkpoint (an hour of a busy
 * board is tens of thousands of entries). Like the end snapshot, the checkpoint holds exactly the
 * log up to a known entry ({@link copyAtLogEntry}).
 *
 * Called before the session's start time is taken, so every entry the checkpoint holds was
 * stored at or before it and the replay's start (the last entry stored by then) is at or after it.
 */
export async function captureSessionStart(
	deps: Pick<SnapshotsDeps, 'storage' | 'rooms'>,
	boardId: string,
): Promise<void> {
	const { copy: state, logId } = await copyAtLogEntry(deps.rooms, boardId, (doc) =>
		Y.encodeStateAsUpdateV2(doc),
	)
	if (logId > 0) await deps.storage.replay.saveCheckpoint(boardId, logId, state)
}
