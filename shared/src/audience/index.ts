import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { z } from 'zod'

/**
 * Private mode and the note layers (docs/API.md, "Note audience"). The server tells a board's
 * private mode on each person's own layer connection (`/sync/:boardId?layer=me`), with this
 * y-websocket message type, which neither y-websocket, live sessions (100) nor votes (101) use.
 */
export const PRIVATE_MODE_MESSAGE_TYPE = 110

/** A board's running private mode, as everyone on the board sees it. */
export interface PrivateMode {
	id: string
	/** Revealed notes lose their author. */
	anonymous: boolean
	/** Who started it, null when the account is gone. */
	startedBy: { id: string; displayName: string } | null
	/** ISO timestamp. */
	startedAt: string
}

/** What the server says on a layer connection: the private mode (null when none), after a change. */
export interface PrivateModeMessage {
	privateMode: PrivateMode | null
	/** Set when it just ended by a reveal: how many notes were revealed. */
	revealed?: number
}

/** Body of `POST /api/boards/:id/private-mode`. */
export const startPrivateModeSchema = z.object({ anonymous: z.boolean() }).strict()

/** Answer of `POST /api/boards/:id/private-mode/reveal`. */
export interface RevealResult {
	revealed: number
}

export function encodePrivateModeMessage(message: PrivateModeMessage): Uint8Array {
	const encoder = encoding.createEncoder()
	encoding.writeVarUint(encoder, PRIVATE_MODE_MESSAGE_TYPE)
	encoding.writeVarString(encoder, JSON.stringify(message))
	return encoding.toUint8Array(encoder)
}

const messageSchema = z.object({
	privateMode: z
		.object({
			id: z.string(),
			anonymous: z.boolean(),
			startedBy: z.object({ id: z.string(), displayName: z.string() }).nullable(),
			startedAt: z.string(),
		})
		.nullable(),
	revealed: z.number().int().nonnegative().optional(),
})

/** Reads the body after the message type; undefined when it is not one this app wrote. */
export function readPrivateModeMessage(decoder: decoding.Decoder): PrivateModeMessage | undefined {
	try {
		const parsed = messageSchema.safeParse(JSON.parse(decoding.readVarString(decoder)))
		return parsed.success ? (parsed.data as PrivateModeMessage) : undefined
	} catch {
		return undefined
	}
}

/** Most notes one person's layer holds on a board (the server removes the ones beyond). */
export const MAX_LAYER_NOTES = 200
