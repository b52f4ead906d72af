import {
	BOARD_LINK_DEFAULT_SIZE,
	BOARD_LINK_MIN_SIZE,
	BOARD_LINK_SHAPE_TYPE,
	boardLinkShapeMigrations,
	boardLinkShapeProps,
} from '@circlespace/shared/boardSchema/index.ts'
import { HTMLContainer, Rectangle2d, resizeBox, ShapeUtil, type TLResizeInfo, type TLShape } from 'tldraw'
import { boardPath, navigate } from '../../app/router.ts'
import { BoardLinkCard } from './BoardLinkCard.tsx'
import { linkedBoardInfo } from './linkedBoardInfo.ts'

/** A link to another board on the canvas. */
export type BoardLinkShape = TLShape<typeof BOARD_LINK_SHAPE_TYPE>

/** Opens the board a link points at, if the reader may open it (nothing happens otherwise). */
export async function openLinkedBoard(boardId: string): Promise<void> {
	if ((await linkedBoardInfo(boardId)).state === 'ready') navigate(boardPath(boardId))
}

/**
 * Draws board links (props, validators and migrations come from the one board schema in shared).
 * Double-click, or Enter on a selected card, "edits" it, which here means opening its board:
 * allowed on read-only boards too, as following a link changes nothing.
 */
export class BoardLinkShapeUtil extends ShapeUtil<BoardLinkShape> {
	static override type = BOARD_LINK_SHAPE_TYPE
	static override props = boardLinkShapeProps
	static override migrations = boardLinkShapeMigrations

	override getDefaultProps(): BoardLinkShape['props'] {
		return { boardId: '', ...BOARD_LINK_DEFAULT_SIZE }
	}

	override getGeometry(shape: BoardLinkShape) {
		return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
	}

	override canEdit() {
		return true
	}

	override canEditInReadonly() {
		return true
	}

	override onEditStart(shape: BoardLinkShape) {
		// Not an edit: leave the editing state at once, then follow the link.
		this.editor.setEditingShape(null)
		void openLinkedBoard(shape.props.boardId)
	}

	override onResize(shape: BoardLinkShape, info: TLResizeInfo<BoardLinkShape>) {
		return resizeBox(shape, info, { minWidth: BOARD_LINK_MIN_SIZE.w, minHeight: BOARD_LINK_MIN_SIZE.h })
	}

	override component(shape: BoardLinkShape) {
		return (
			<HTMLContainer style={{ width: shape.props.w, height: shape.props.h, pointerEvents: 'all' }}>
				<BoardLinkCard
					boardId={shape.props.boardId}
					onOpen={() => void openLinkedBoard(shape.props.boardId)}
				/>
			</HTMLContainer>
		)
	}

	override getIndicatorPath(shape: BoardLinkShape) {
		const path = new Path2D()
		path.roundRect(0, 0, shape.props.w, shape.props.h, 8)
		return path
	}
}

/** The shape utils of our own shapes, for every `<Tldraw>` that shows a board. */
export const boardShapeUtils = [BoardLinkShapeUtil]
