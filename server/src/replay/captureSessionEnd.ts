import type * as Y from 'yjs'
import { type CaptureSnapshotOptions, copyDoc, storeSnapshot } from '../snapshots/captureSnapshot.ts'
import type { SnapshotsDeps } from '../snapshots/SnapshotsDeps.ts'
import { withRoom } from '../snapshots/withRoom.ts'
import type { SnapshotRecord } from '../storage/Storage.ts'

/** A session's end snapshot and where it stands in the board's log. */
export interface SessionEnd {
	snapshot: SnapshotRecord
	/** The last log id the snapshot holds: a replay of the session ends exactly there. */
	endLogId: number
}

/**
 * Takes a session's end snapshot so that it holds exactly the board's log up to a known entry
 * ({@link copyAtLogEntry}). The id of that entry is where the session's replay ends; the snapshot is also the checkpoint from which later
 * replays start (see `boardAt`).
 *
 * With several server processes, updates relayed from another process are stored by that one
 * and may land after this id; a replay misses them only if they were made in the session's last
 * persistence window (docs/ARCHITECTURE.md, "Session replay").
 */
export async function captureSessionEnd(
	deps: Pick<SnapshotsDeps, 'storage' | 'rooms' | 'clock'>,
	options: CaptureSnapshotOptions,
): Promise<SessionEnd> {
	const { copy, logId } = await copyAtLogEntry(deps.rooms, options.boardId, copyDoc)
	const snapshot = await storeSnapshot(deps, options, copy)
	return { snapshot, endLogId: logId }
}

/**
 * Copies a board's live doc (with `copy`) so that the copy holds exactly the board's log up to
 * the returned `logId`: what the room had not stored is stored first, the doc is copied, and what
 * came in between (updates that arrived while the first write ran, which the copy holds) is stored
 * at once after the copy, in the same turn, before any other update can arrive. How a session's
 * start and end are kept for its replay.
 */
export async function copyAtLogEntry<T>(
	rooms: SnapshotsDeps['rooms'],
	boardId: string,
	copy: (doc: Y.Doc) => T,
): Promise<{ copy: T; logId: number }> {
	return await withRoom(rooms, boardId, async (room) => {
		await room.flush()
		const copied = copy(room.doc)
		// No macrotask runs between the copy and this write: its batch is what the copy holds unstored.
		await room.flush()
		return { copy: copied, logId: room.lastStoredId }
	})
}
