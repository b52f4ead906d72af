import type { TLPropsMigrations } from '@tldraw/tlschema'
import { boardIdSchema } from '../schemas/board.ts'

/** The shape type of a link to another board (a card showing its title, opening it). */
export const BOARD_LINK_SHAPE_TYPE = 'board-link'

/** What a board link holds: the board it opens, and its card's size on the canvas. */
export interface BoardLinkShapeProps {
	boardId: string
	w: number
	h: number
}

/** A new card's size: room for a thumbnail above a two-line title. */
export const BOARD_LINK_DEFAULT_SIZE = { w: 240, h: 200 }

/** The smallest card the editor lets a person resize to (the title stays readable). */
export const BOARD_LINK_MIN_SIZE = { w: 120, h: 80 }

/**
 * The part of a tldraw validator a shape's props need (structurally tldraw's `Validatable`):
 * shared does not depend on `@tldraw/validate`, and these two checks need nothing of it.
 */
interface PropValidator<T> {
	validate(value: unknown): T
}

const boardIdValidator: PropValidator<string> = {
	validate(value) {
		if (typeof value !== 'string' || !boardIdSchema.safeParse(value).success) {
			throw new Error('A board link needs the id of a board')
		}
		return value
	},
}

const sizeValidator: PropValidator<number> = {
	validate(value) {
		// Finite and positive: a zero or NaN size would make the shape impossible to select or hit.
		if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
			throw new Error('A board link’s size must be a positive number')
		}
		return value
	},
}

/**
 * Validators of a board link's props, checked by the store on every write (a client's own, a
 * remote one through the binding, an imported `.tldr`): a record that fails is refused.
 */
export const boardLinkShapeProps: {
	[K in keyof BoardLinkShapeProps]: PropValidator<BoardLinkShapeProps[K]>
} = {
	boardId: boardIdValidator,
	w: sizeValidator,
	h: sizeValidator,
}

/**
 * The board link's props migrations, as tldraw's sequence `com.tldraw.shape.board-link` (none
 * yet: the props are as first released). A change to the props appends a step (ids from
 * `createShapePropsMigrationIds`; never edit a released one): `up` brings a record written
 * before it to the new props, `down` (when possible) lets an older client read it; without one,
 * that client opens the board read-only (docs/ARCHITECTURE.md, "One board schema").
 */
export const boardLinkShapeMigrations: TLPropsMigrations = { sequence: [] }

declare module '@tldraw/tlschema' {
	interface TLGlobalShapePropsMap {
		[BOARD_LINK_SHAPE_TYPE]: BoardLinkShapeProps
	}
}
