import type { ImportResult } from '@circlespace/shared'
import { addFileAsNewPage } from './docEdits.ts'
import { storeInlineAssets } from './fileAssets.ts'
import type { ParsedTldrFile } from './parseTldrFile.ts'
import type { SnapshotsDeps } from './SnapshotsDeps.ts'
import { withRoom } from './withRoom.ts'

/** The origin of the transaction an import makes. */
export const importOrigin = { server: 'import-tldr' }

/**
 * Adds a parsed `.tldr` file's shapes to a live board on one new page (see
 * `addFileAsNewPage`); every connected client sees the page appear. Images the file carries
 * are stored first, so the board refers to them by URL.
 */
export async function importOntoBoard(
	deps: Pick<SnapshotsDeps, 'rooms' | 'assets'>,
	options: { boardId: string; file: ParsedTldrFile },
): Promise<ImportResult> {
	const records = await storeInlineAssets(options.file.records, deps.assets)
	return withRoom(deps.rooms, options.boardId, async (room) => {
		const added = addFileAsNewPage(room.doc, records, importOrigin)
		await room.flush()
		return added
	})
}
