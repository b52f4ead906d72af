import type { Person } from '@circlespace/shared'

/** One note's total as stored when a vote ended. */
export interface StoredTally {
	shapeId: string
	dots: number
	/** Who voted for it: named votes only (people whose account is gone are left out). */
	voters?: Person[]
}

/** A dot vote as stored. */
export interface VoteRecord {
	id: string
	boardId: string
	sessionId: string
	dotsPerPerson: number
	anonymous: boolean
	startedBy: Person | null
	/** ISO timestamps. */
	startedAt: string
	endsAt: string | null
	endedAt: string | null
	/** Null while it runs; the notes that got dots, most first (then by shape id), once ended. */
	results: StoredTally[] | null
}

/** What is needed to start a vote. */
export interface NewVote {
	id: string
	boardId: string
	sessionId: string
	dotsPerPerson: number
	anonymous: boolean
	startedBy: string
	startedAt: Date
	endsAt: Date | null
}

/** What casting a dot did. */
export type CastOutcome =
	/** The dot is on the note. */
	| 'cast'
	/** The person's dot was on that note already: nothing changed. */
	| 'already'
	/** The person has used all their dots: nothing changed. */
	| 'none-left'
	/** The vote is not running (ended, or no such vote). */
	| 'not-running'

/**
 * Dot votes of boards. At most one vote per board runs (has no end): the database refuses a
 * second. While a vote runs its dots are read only per person ({@link dotsOf}): no method
 * gives a running vote's counts; {@link end} counts them once, as it ends the vote.
 */
export interface VoteStore {
	/** Starts a vote; undefined, storing nothing, when one already runs on the board. */
	start(vote: NewVote): Promise<VoteRecord | undefined>
	/** One vote, running or ended. */
	get(id: string): Promise<VoteRecord | undefined>
	/** The vote running on a board, or undefined. */
	running(boardId: string): Promise<VoteRecord | undefined>
	/** The vote of a live session that ended last, or undefined. */
	lastEndedOfSession(sessionId: string): Promise<VoteRecord | undefined>
	/**
	 * Puts one of `userId`'s dots on a note, unless they used all the vote's dots or have one on
	 * it already; checked and written in one transaction (concurrent casts cannot overspend).
	 */
	cast(voteId: string, userId: string, shapeId: string, at: Date): Promise<CastOutcome>
	/** Takes `userId`'s dot off a note of a running vote; false when there was none (or it ended). */
	takeBack(voteId: string, userId: string, shapeId: string): Promise<boolean>
	/** The notes `userId` put a dot on in a vote, in the order they did. */
	dotsOf(voteId: string, userId: string): Promise<string[]>
	/**
	 * Ends a running vote at `at`: counts its dots into `results` (with voters for a named vote)
	 * and, for an anonymous vote, deletes the dots, so that who voted for what is not kept.
	 * Undefined when it was not running (another process ended it first).
	 */
	end(voteId: string, at: Date): Promise<VoteRecord | undefined>
}
