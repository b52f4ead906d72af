import { AppError } from '../errors.ts'
import { withRoom } from '../snapshots/withRoom.ts'
import type { BoardTemplateRecord, Storage } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import { writeTemplateContent } from './boardContent.ts'

const NO_SUCH_TEMPLATE = 'There is no such board template in this tribe.'

/**
 * The template a new board of a circle of `tribeId` is to start from. A template of another tribe
 * answers exactly like one that does not exist (400 at `templateId`), so that nothing says it is
 * there.
 */
export async function templateForNewBoard(
	storage: Pick<Storage, 'boardTemplates'>,
	tribeId: string,
	templateId: string,
): Promise<BoardTemplateRecord> {
	const template = await storage.boardTemplates.get(templateId)
	if (!template || template.tribeId !== tribeId) {
		throw new AppError('VALIDATION', NO_SUCH_TEMPLATE, {
			issues: [{ path: 'templateId', message: NO_SUCH_TEMPLATE }],
		})
	}
	return template
}

/**
 * Fills a board just created with a template's content, through the board's room like anyone's
 * edit, and flushes it, so that the answer comes once it is stored. When that fails the board is
 * deleted again: nobody is left with an empty board that was meant to look like the others.
 */
export async function startBoardFromTemplate(
	deps: {
		storage: Pick<Storage, 'boardTemplates' | 'boards'>
		rooms: Pick<RoomRegistry, 'acquire'>
		now: () => Date
	},
	boardId: string,
	template: BoardTemplateRecord,
): Promise<void> {
	try {
		const state = await deps.storage.boardTemplates.getState(template.id)
		// Deleted between the check and now: the board starts blank rather than failing.
		if (!state) return
		await withRoom(deps.rooms, boardId, async (room) => {
			writeTemplateContent(state, room.doc)
			await room.flush()
		})
	} catch (error) {
		await deps.storage.boards.softDelete(boardId, deps.now())
		throw error
	}
}
