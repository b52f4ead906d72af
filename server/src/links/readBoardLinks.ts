import { boardIdSchema, type StoredRecord } from '@circlespace/shared'
import { BOARD_LINK_SHAPE_TYPE } from '@circlespace/shared/boardSchema/boardLinkShape.ts'
import type { BoardLinkRow } from './LinkStore.ts'

/** Links read per board, at most: far more than a board of cards needs, bounded against a hostile one. */
export const MAX_LINKS_PER_BOARD = 500

/**
 * The board links on a board, from its stored records: every `board-link` shape whose
 * `boardId` looks like a board id, by shape id, at most {@link MAX_LINKS_PER_BOARD}. Records
 * are read as a client wrote them (not validated by a schema): anything else is skipped.
 */
export function readBoardLinks(records: readonly StoredRecord[], max = MAX_LINKS_PER_BOARD): BoardLinkRow[] {
	const links: BoardLinkRow[] = []
	const shapes = records
		.filter((r) => r.typeName === 'shape' && r.type === BOARD_LINK_SHAPE_TYPE)
		.sort((a, b) => (a.id < b.id ? -1 : 1))
	for (const record of shapes) {
		if (links.length === max) break
		const props = record.props
		if (typeof props !== 'object' || props === null) continue
		const { boardId } = props as Record<string, unknown>
		if (boardIdSchema.safeParse(boardId).success)
			links.push({ shapeId: record.id, targetBoardId: boardId as string })
	}
	return links
}
