import type { BoardShareState, CircleRole, Person, TribeRole, TribeVisibility } from '@circlespace/shared'

/** One share of a board with a circle other than its own, with that circle and its tribe. */
export interface BoardShareRecord {
	id: string
	boardId: string
	circle: { id: string; name: string; tribeId: string; tribeName: string; tribeVisibility: TribeVisibility }
	state: BoardShareState
	offeredBy: Person | null
	offeredAt: string
	acceptedBy: Person | null
	acceptedAt: string | null
}

/** A pending offer to a circle, with the board offered and the board's own circle and tribe. */
export interface BoardOfferRecord {
	id: string
	board: { id: string; title: string }
	fromCircle: { id: string; name: string; tribeId: string; tribeName: string }
	offeredBy: Person | null
	offeredAt: string
}

/** A new share: `acceptedBy` set means it is in force at once (shared directly). */
export interface NewBoardShare {
	id: string
	boardId: string
	circleId: string
	offeredBy: string
	at: Date
	acceptedBy: string | null
	/** Refused beyond these, counted in the same transaction as the insert. */
	limits: { perBoard: number; pendingPerCircle: number }
}

/** What storing a new share did. */
export type OfferOutcome =
	| { outcome: 'created'; share: BoardShareRecord }
	/** The circle already has this board (offered or accepted). */
	| { outcome: 'exists' }
	/** The board has `limits.perBoard` shares already. */
	| { outcome: 'board_full' }
	/** The circle has `limits.pendingPerCircle` offers waiting already. */
	| { outcome: 'circle_full' }

/** A person's roles in one circle a board is shared with (accepted), and in that circle's tribe. */
export interface SharedCircleRelation {
	circleId: string
	tribeId: string
	circleRole: CircleRole | null
	tribeRole: TribeRole | null
}

/**
 * Shares of boards with circles other than their own (`board_shares`). A declined, withdrawn or
 * ended share is deleted: the store holds only offers waiting and shares in force.
 */
export interface BoardShareStore {
	/** Offers (or shares at once) a board to a circle, within the limits. */
	offer(share: NewBoardShare): Promise<OfferOutcome>
	/** One share, or undefined. */
	get(id: string): Promise<BoardShareRecord | undefined>
	/** The shares of a board (offered and accepted), oldest first. */
	listOfBoard(boardId: string): Promise<BoardShareRecord[]>
	/** The accepted shares of several boards (the circle lists' "shared with"), oldest first. */
	acceptedOfBoards(boardIds: readonly string[]): Promise<BoardShareRecord[]>
	/** Accepts an offer; undefined when there is no such offer (unknown, or accepted already). */
	accept(id: string, by: string, at: Date): Promise<BoardShareRecord | undefined>
	/** Deletes a share (declined, withdrawn, ended); false when there was none. */
	delete(id: string): Promise<boolean>
	/** The offers waiting for a circle's answer, of boards that are not deleted, newest first. */
	offersToCircle(circleId: string): Promise<BoardOfferRecord[]>
	/** Ids of the boards (not deleted) shared into a circle and accepted, in no particular order. */
	boardsSharedInto(circleId: string): Promise<string[]>
	/** For each accepted share of a board: the person's roles in that circle and its tribe. */
	relationsOf(boardId: string, userId: string): Promise<SharedCircleRelation[]>
}
