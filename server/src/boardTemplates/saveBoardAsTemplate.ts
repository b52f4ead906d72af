import { MAX_BOARD_TEMPLATES_PER_TRIBE } from '@circlespace/shared'
import { AppError } from '../errors.ts'
import { formatSize } from '../snapshots/snapshotRoutes.ts'
import { withRoom } from '../snapshots/withRoom.ts'
import { newId } from '../spaces/ids.ts'
import type { BoardRecord, BoardTemplateRecord } from '../storage/Storage.ts'
import type { BoardTemplatesDeps } from './BoardTemplatesDeps.ts'
import { copyBoardContent } from './boardContent.ts'

/** What {@link saveBoardAsTemplate} needs to know. */
export interface SaveBoardAsTemplateOptions {
	board: BoardRecord
	tribeId: string
	name: string
	description: string
	savedBy: string
}

// A board's updated_at is refreshed at most every 10 s while it is edited (sync rooms).
const TOUCH_GRANULARITY_MS = 10_000

/**
 * Stores a copy of a board's current content (from its live room, loaded if nobody has it open)
 * as a template of its circle's tribe. The picture of it is the thumbnail of the newest snapshot
 * of the board taken since the board last changed; an older one would show other content, so
 * then there is none.
 */
export async function saveBoardAsTemplate(
	deps: Pick<BoardTemplatesDeps, 'storage' | 'rooms' | 'clock' | 'maxTemplateBytes'>,
	options: SaveBoardAsTemplateOptions,
): Promise<BoardTemplateRecord> {
	const { storage } = deps
	if ((await storage.boardTemplates.countOfTribe(options.tribeId)) >= MAX_BOARD_TEMPLATES_PER_TRIBE) {
		throw new AppError(
			'CONFLICT',
			`This tribe already has ${MAX_BOARD_TEMPLATES_PER_TRIBE} board templates: delete one before saving another.`,
		)
	}
	const copy = await withRoom(deps.rooms, options.board.id, (room) => copyBoardContent(room.doc))
	if (copy.state.byteLength > deps.maxTemplateBytes) {
		throw new AppError(
			'PAYLOAD_TOO_LARGE',
			`This board is too large to be a template (${formatSize(copy.state.byteLength)}; at most ${formatSize(deps.maxTemplateBytes)}).`,
		)
	}
	return storage.boardTemplates.create({
		id: newId(),
		tribeId: options.tribeId,
		name: options.name,
		description: options.description,
		state: copy.state,
		shapeCount: copy.shapeCount,
		thumbnail: await currentThumbnail(deps, options.board),
		createdBy: options.savedBy,
		createdAt: deps.clock.now(),
	})
}

async function currentThumbnail(
	deps: Pick<BoardTemplatesDeps, 'storage'>,
	board: BoardRecord,
): Promise<Uint8Array | null> {
	const newest = (await deps.storage.snapshots.listOfBoard(board.id)).find((s) => s.hasThumbnail)
	if (!newest) return null
	const changedAt = Date.parse(board.updatedAt)
	if (Date.parse(newest.createdAt) < changedAt - TOUCH_GRANULARITY_MS) return null
	return (await deps.storage.snapshots.getThumbnail(newest.id)) ?? null
}
