import { z } from 'zod'
import type { Person } from '../schemas/spaces.ts'

/** Fewest dots a vote may give each person. */
export const MIN_DOTS_PER_PERSON = 1
/** Most dots a vote may give each person. */
export const MAX_DOTS_PER_PERSON = 20
/** Longest timer a vote may have (minutes); without one it runs until a facilitator ends it. */
export const MAX_VOTE_MINUTES = 60
/** Most dots one person may cast or take back per minute (the rate of vote clicks). */
export const MAX_DOT_CLICKS_PER_MINUTE = 60

/** A note's shape id, as tldraw writes them. */
export const noteShapeIdSchema = z.string().regex(/^shape:[A-Za-z0-9_-]{1,100}$/, 'Not a shape id')

/** Body of `POST /api/boards/:id/vote`: start a dot vote in the board's live session. */
export const startVoteSchema = z
	.object({
		/** How many dots each person may place (one per note). */
		dotsPerPerson: z.number().int().min(MIN_DOTS_PER_PERSON).max(MAX_DOTS_PER_PERSON),
		/** The vote ends by itself after this many minutes; without it, only a facilitator ends it. */
		minutes: z.number().int().min(1).max(MAX_VOTE_MINUTES).optional(),
		/** Anonymous (the default): only counts are kept. Named: the results say who voted for what. */
		anonymous: z.boolean().default(true),
	})
	.strict()
/** Input to start a vote. */
export type StartVote = z.input<typeof startVoteSchema>

/** Body of `POST /api/boards/:id/vote/dots`: put one of one's dots on a note. */
export const castDotSchema = z.object({ shapeId: noteShapeIdSchema }).strict()

/** One note's total at the end of a vote. */
export interface VoteTally {
	shapeId: string
	dots: number
	/** Who put a dot on it: named votes only (absent for anonymous ones). */
	voters?: Person[]
}

/**
 * A dot vote as everyone on the board sees it. While it runs it says only that it runs, its
 * rules and its time left: never a count, never who voted. Once ended, `results` holds the
 * totals (those are on the notes too).
 */
export interface LiveVote {
	id: string
	boardId: string
	/** The live session it was started in. */
	sessionId: string
	dotsPerPerson: number
	anonymous: boolean
	startedBy: Person | null
	/** ISO timestamps. */
	startedAt: string
	/** When the timer ends it; null without a timer. */
	endsAt: string | null
	endedAt: string | null
	/** Null while it runs; the notes that got dots, most dots first, once it ended. */
	results: VoteTally[] | null
	/** The server's time when this was written (for the time left: `endsAt − asOf`). */
	asOf: string
}

/** One person's own dots in a vote: told only to that person. */
export interface MyDots {
	voteId: string
	/** The notes they put a dot on (one dot a note). */
	shapeIds: string[]
	/** How many they may still place. */
	left: number
}

/** The answer of `GET /api/boards/:id/vote`: the running vote (or the last one) and one's own dots. */
export interface VoteState {
	/** The running vote; else the last one that ended during the running live session; else null. */
	vote: LiveVote | null
	/** The caller's dots in the running vote; null when none runs. */
	mine: MyDots | null
}

/**
 * What a note keeps of the last vote it took part in, in its tldraw `meta.votes`: written by the
 * server when a vote ends, so that it shows for everyone, travels in exports and stays in the
 * session's snapshot. Named votes add the voters' names.
 */
export interface NoteVotes {
	voteId: string
	dots: number
	voters?: string[]
}

/** Reads a note's `meta.votes`, or undefined when it has none (or not one of ours). */
export function noteVotesOf(meta: unknown): NoteVotes | undefined {
	if (!meta || typeof meta !== 'object') return undefined
	const votes = (meta as { votes?: unknown }).votes
	if (!votes || typeof votes !== 'object') return undefined
	const { voteId, dots, voters } = votes as Partial<NoteVotes>
	if (typeof voteId !== 'string' || typeof dots !== 'number' || !Number.isInteger(dots) || dots < 1)
		return undefined
	if (voters !== undefined && !(Array.isArray(voters) && voters.every((v) => typeof v === 'string'))) {
		return undefined
	}
	return voters === undefined ? { voteId, dots } : { voteId, dots, voters }
}
