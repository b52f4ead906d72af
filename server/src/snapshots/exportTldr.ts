import type * as Y from 'yjs'
import { docFromSnapshotState } from './boardDoc.ts'
import { buildTldrFile } from './buildTldrFile.ts'
import { inlineStoredAssets } from './fileAssets.ts'
import type { SnapshotsDeps } from './SnapshotsDeps.ts'
import { withRoom } from './withRoom.ts'

/** The live content of a board as the text of a `.tldr` file. */
export async function exportBoardTldr(
	deps: Pick<SnapshotsDeps, 'rooms' | 'assets' | 'logger'>,
	boardId: string,
): Promise<string> {
	// Built while the room is held (synchronously, so from one consistent moment of the doc).
	const built = await withRoom(deps.rooms, boardId, (room) => buildTldrFile(room.doc))
	return finish(deps, built, { boardId })
}

/** A snapshot's content as the text of a `.tldr` file; undefined when it has no stored state. */
export async function exportSnapshotTldr(
	deps: Pick<SnapshotsDeps, 'storage' | 'assets' | 'logger'>,
	snapshotId: string,
): Promise<string | undefined> {
	const state = await deps.storage.snapshots.getState(snapshotId)
	if (!state) return undefined
	const doc: Y.Doc = docFromSnapshotState(state)
	try {
		return await finish(deps, buildTldrFile(doc), { snapshotId })
	} finally {
		doc.destroy()
	}
}

async function finish(
	deps: Pick<SnapshotsDeps, 'assets' | 'logger'>,
	built: ReturnType<typeof buildTldrFile>,
	context: Record<string, string>,
): Promise<string> {
	if (built.skipped.length > 0) {
		deps.logger.warn(
			{ ...context, skipped: built.skipped.slice(0, 20) },
			'records left out of a .tldr export',
		)
	}
	const records = await inlineStoredAssets(built.file.records, deps.assets)
	return JSON.stringify({ ...built.file, records })
}
