import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { LiveVote, MyDots } from './voteSchemas.ts'

/**
 * Our message type for dot votes on the sync WebSocket (server → client only), beside the live
 * session's 100. Its body is one length-prefixed UTF-8 string holding a {@link VoteMessage} as
 * JSON. `vote` goes to everyone on the board (no counts while it runs); `mine` only to the
 * connections of the person whose dots they are.
 */
export const VOTE_MESSAGE_TYPE = 101

/** What the server says about a board's dot vote. */
export type VoteMessage = { vote: LiveVote } | { mine: MyDots }

/** The whole WebSocket message (type and body) for `message`. */
export function encodeVoteMessage(message: VoteMessage): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, VOTE_MESSAGE_TYPE)
	encoding.writeVarString(encoder, JSON.stringify(message))
	return encoding.toUint8Array(encoder)
}

/** Reads the body of a vote message (decoder after the type); undefined when not understood. */
export function readVoteMessage(decoder: decoding.Decoder): VoteMessage | undefined {
	let value: unknown
	try {
		value = JSON.parse(decoding.readVarString(decoder))
	} catch {
		return undefined
	}
	if (!value || typeof value !== 'object') return undefined
	if ('vote' in value && isVote(value.vote)) return { vote: value.vote }
	if ('mine' in value && isMine(value.mine)) return { mine: value.mine }
	return undefined
}

function isVote(value: unknown): value is LiveVote {
	if (!value || typeof value !== 'object') return false
	const vote = value as Partial<LiveVote>
	return (
		typeof vote.id === 'string' &&
		typeof vote.boardId === 'string' &&
		typeof vote.dotsPerPerson === 'number' &&
		typeof vote.anonymous === 'boolean' &&
		typeof vote.asOf === 'string' &&
		(vote.results === null || Array.isArray(vote.results))
	)
}

function isMine(value: unknown): value is MyDots {
	if (!value || typeof value !== 'object') return false
	const mine = value as Partial<MyDots>
	return typeof mine.voteId === 'string' && Array.isArray(mine.shapeIds) && typeof mine.left === 'number'
}
