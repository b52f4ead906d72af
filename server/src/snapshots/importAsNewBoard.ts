import { newId } from '../spaces/ids.ts'
import type { BoardRecord } from '../storage/Storage.ts'
import { fillNewBoard } from './docEdits.ts'
import { storeInlineAssets } from './fileAssets.ts'
import { importOrigin } from './importOntoBoard.ts'
import type { ParsedTldrFile } from './parseTldrFile.ts'
import type { SnapshotsDeps } from './SnapshotsDeps.ts'
import { withRoom } from './withRoom.ts'

/** What {@link importAsNewBoard} needs to know. */
export interface ImportAsNewBoardOptions {
	circleId: string
	/** The board's title; without one, the file's document name, else "Imported board". */
	title: string | undefined
	createdBy: string
	file: ParsedTldrFile
}

/**
 * Creates a board in a circle holding a parsed `.tldr` file's content: its pages, shapes,
 * bindings and assets with their own ids (the board is new, so nothing can clash), written
 * through the board's room like any edit. If the content cannot be written, the board is
 * deleted again.
 */
export async function importAsNewBoard(
	deps: Pick<SnapshotsDeps, 'storage' | 'rooms' | 'assets' | 'clock'>,
	options: ImportAsNewBoardOptions,
): Promise<BoardRecord> {
	const records = await storeInlineAssets(options.file.records, deps.assets)
	const document = records.find((record) => record.typeName === 'document')
	const named =
		document && 'name' in document && document.name.trim() ? document.name.trim().slice(0, 200) : undefined
	const board = await deps.storage.boards.create({
		id: newId(),
		circleId: options.circleId,
		title: options.title ?? named ?? 'Imported board',
		visibility: 'circle',
		createdBy: options.createdBy,
	})
	try {
		await withRoom(deps.rooms, board.id, async (room) => {
			fillNewBoard(room.doc, records, importOrigin)
			await room.flush()
		})
	} catch (error) {
		await deps.storage.boards.softDelete(board.id, deps.clock.now())
		throw error
	}
	return board
}
