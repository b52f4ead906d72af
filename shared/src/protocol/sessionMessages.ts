import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { LiveSession } from '../schemas/sessions.ts'
import type { Person } from '../schemas/spaces.ts'

/**
 * A message type of our own on the sync WebSocket (server → client only), beside y-websocket's
 * 0 sync, 1 awareness, 2 auth and 3 query-awareness. Its body is one length-prefixed UTF-8
 * string holding a {@link SessionMessage} as JSON. A stock y-websocket client logs
 * "Unable to compute message" and ignores it; the web app registers a handler for it
 * (`provider.messageHandlers[SESSION_MESSAGE_TYPE]`). See docs/SPEC.md, rules L1–L6.
 */
export const SESSION_MESSAGE_TYPE = 100

/** "Come here": where a facilitator brings everyone on the board. */
export interface Summon {
	/** The centre of the facilitator's viewport, in page coordinates. */
	x: number
	y: number
	/** The facilitator's zoom. */
	z: number
	/** The page the facilitator is on, when they said. */
	pageId?: string
	/** Who asked. */
	by: Person
}

/**
 * What the server says about a board's live session: its whole state after every change (and
 * to a connection that joins while it runs), with `endedAt` set once it ended; or a summon.
 */
export type SessionMessage = { session: LiveSession } | { summon: Summon }

/** The whole WebSocket message (type and body) for `message`. */
export function encodeSessionMessage(message: SessionMessage): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, SESSION_MESSAGE_TYPE)
	encoding.writeVarString(encoder, JSON.stringify(message))
	return encoding.toUint8Array(encoder)
}

/**
 * Reads the body of a session message (the decoder positioned after the type, as y-websocket's
 * message handlers get it). Undefined when it is not one this version understands.
 */
export function readSessionMessage(decoder: decoding.Decoder): SessionMessage | undefined {
	let value: unknown
	try {
		value = JSON.parse(decoding.readVarString(decoder))
	} catch {
		return undefined
	}
	if (!value || typeof value !== 'object') return undefined
	if ('session' in value && isSession(value.session)) return { session: value.session }
	if ('summon' in value && isSummon(value.summon)) return { summon: value.summon }
	return undefined
}

function isSession(value: unknown): value is LiveSession {
	if (!value || typeof value !== 'object') return false
	const session = value as Partial<LiveSession>
	return (
		typeof session.id === 'string' &&
		typeof session.boardId === 'string' &&
		typeof session.title === 'string' &&
		Array.isArray(session.agenda) &&
		typeof session.currentItem === 'number' &&
		Array.isArray(session.participants) &&
		typeof session.asOf === 'string'
	)
}

function isSummon(value: unknown): value is Summon {
	if (!value || typeof value !== 'object') return false
	const summon = value as Partial<Summon>
	return (
		Number.isFinite(summon.x) &&
		Number.isFinite(summon.y) &&
		Number.isFinite(summon.z) &&
		(summon.z ?? 0) > 0 &&
		typeof summon.by === 'object' &&
		summon.by !== null
	)
}
