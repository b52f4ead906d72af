import type { SnapshotRecord } from '../storage/Storage.ts'
import { docFromSnapshotState } from './boardDoc.ts'
import { copyDoc, storeSnapshot } from './captureSnapshot.ts'
import { contentToRestore, replaceDocContent } from './docEdits.ts'
import type { SnapshotsDeps } from './SnapshotsDeps.ts'
import { withRoom } from './withRoom.ts'

/** What {@link restoreSnapshot} needs to know. */
export interface RestoreSnapshotOptions {
	snapshot: SnapshotRecord
	/** Who restores (the author of the `before_restore` snapshot). */
	restoredBy: string
}

/** What a restore did. */
export interface RestoreOutcome {
	restored: SnapshotRecord
	/** The board just before the restore, saved as a `before_restore` snapshot. */
	savedBefore: SnapshotRecord
}

/** The origin of the transactions a restore makes (for logs and tests; no connection has it). */
export const restoreOrigin = { server: 'restore-snapshot' }

/**
 * Makes a board's live content equal to a snapshot, as new changes every connected client
 * receives: records the snapshot lacks are deleted, differing ones set, equal ones untouched.
 *
 * The board as it was is copied in the same synchronous turn as the restore, so the
 * `before_restore` snapshot holds exactly what the restore replaced, even while people are
 * drawing. If that snapshot cannot be stored, the board is put back as it was and the error
 * is passed on: a restore never loses anything.
 */
export async function restoreSnapshot(
	deps: SnapshotsDeps,
	options: RestoreSnapshotOptions,
): Promise<RestoreOutcome> {
	const { snapshot } = options
	const state = await deps.storage.snapshots.getState(snapshot.id)
	if (!state) throw new Error(`snapshot ${snapshot.id} has no stored state`)
	const target = docFromSnapshotState(state)
	try {
		return await withRoom(deps.rooms, snapshot.boardId, async (room) => {
			const content = contentToRestore(target, room.doc)
			const before = copyDoc(room.doc)
			replaceDocContent(room.doc, content, restoreOrigin)
			let savedBefore: SnapshotRecord
			try {
				savedBefore = await storeSnapshot(
					deps,
					{
						boardId: snapshot.boardId,
						kind: 'before_restore',
						title: `Before restoring ${snapshot.title}`,
						createdBy: options.restoredBy,
					},
					before,
				)
			} catch (error) {
				const previous = docFromSnapshotState(before.state)
				replaceDocContent(room.doc, contentToRestore(previous, room.doc), restoreOrigin)
				previous.destroy()
				throw error
			}
			await room.flush()
			return { restored: snapshot, savedBefore }
		})
	} finally {
		target.destroy()
	}
}
