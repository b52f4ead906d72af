import { z } from 'zod'
import type { Person } from '../../schemas/spaces.ts'
import { spaceIdSchema } from '../../schemas/spaces.ts'

/** At most this many circles (offered or accepted) share one board besides its own. */
export const MAX_SHARES_PER_BOARD = 20

/** At most this many offers wait for one circle's answer at once. */
export const MAX_PENDING_OFFERS_PER_CIRCLE = 50

/** Where a share stands: waiting for the receiving circle (`offered`), or in force (`accepted`). */
export const boardShareStateSchema = z.enum(['offered', 'accepted'])
/** Where a share stands. */
export type BoardShareState = z.infer<typeof boardShareStateSchema>

/** Body of `POST /api/boards/:id/shares`: the circle to offer the board to. */
export const offerBoardShareSchema = z.object({ circleId: spaceIdSchema }).strict()
/** Input to offer a board to a circle. */
export type OfferBoardShare = z.infer<typeof offerBoardShareSchema>

/** A circle a board is shared with, as the board object names it. */
export interface SharedCircle {
	circleId: string
	circleName: string
}

/** One share of a board, as `GET /api/boards/:id/shares` lists it. */
export interface BoardShare {
	id: string
	boardId: string
	circle: { id: string; name: string; tribeId: string; tribeName: string }
	state: BoardShareState
	offeredBy: Person | null
	offeredAt: string
	acceptedBy: Person | null
	acceptedAt: string | null
	/** Whether the asking person may withdraw or end it (`DELETE /api/board-shares/:id`). */
	canEnd: boolean
	/** Whether the asking person may accept or decline it (an offer to a circle they manage). */
	canAnswer: boolean
}

/** What `GET /api/boards/:id/shares` answers. */
export interface BoardShares {
	boardId: string
	shares: BoardShare[]
	/** Whether the asking person may offer the board to another circle. */
	canOffer: boolean
	/** How many more shares the board may have. */
	remaining: number
}

/**
 * A pending offer to a circle, as its facilitators see it (`GET /api/circles/:id/board-offers`):
 * the board's title and where it comes from, nothing of its content.
 */
export interface BoardOffer {
	id: string
	board: { id: string; title: string }
	fromCircle: { id: string; name: string; tribeId: string; tribeName: string }
	offeredBy: Person | null
	offeredAt: string
}
