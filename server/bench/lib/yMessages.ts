import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'

/** y-websocket message types (first varint of every message). */
export const MESSAGE_SYNC = 0
export const MESSAGE_AWARENESS = 1
export const MESSAGE_QUERY_AWARENESS = 3

/** y-protocols sync sub-types. */
export const SYNC_STEP1 = 0
export const SYNC_STEP2 = 1
export const SYNC_UPDATE = 2

/** A sync step 1 carrying `doc`'s state vector. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, MESSAGE_SYNC)
	syncProtocol.writeSyncStep1(e, doc)
	return encoding.toUint8Array(e)
}

/** A sync step 1 with an empty state vector, as a client with an empty document sends. */
export function encodeEmptySyncStep1(): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, MESSAGE_SYNC)
	encoding.writeVarUint(e, SYNC_STEP1)
	encoding.writeVarUint8Array(e, new Uint8Array([0]))
	return encoding.toUint8Array(e)
}

/** A sync step 2 answering a peer's state vector with what `doc` has beyond it. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, MESSAGE_SYNC)
	syncProtocol.writeSyncStep2(e, doc, stateVector)
	return encoding.toUint8Array(e)
}

/** A sync update message wrapping one Yjs (V1) update. */
export function encodeUpdate(update: Uint8Array): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, MESSAGE_SYNC)
	encoding.writeVarUint(e, SYNC_UPDATE)
	encoding.writeVarUint8Array(e, update)
	return encoding.toUint8Array(e)
}

/** An awareness message holding one client's state, encoded by hand (no Awareness object). */
export function encodeAwareness(clientId: number, clock: number, stateJson: string): Uint8Array {
	const inner = encoding.createEncoder()
	encoding.writeVarUint(inner, 1)
	encoding.writeVarUint(inner, clientId)
	encoding.writeVarUint(inner, clock)
	encoding.writeVarString(inner, stateJson)
	const e = encoding.createEncoder()
	encoding.writeVarUint(e, MESSAGE_AWARENESS)
	encoding.writeVarUint8Array(e, encoding.toUint8Array(inner))
	return encoding.toUint8Array(e)
}

/** What a received message is, read from its first two varints only. */
export type Received =
	| { kind: 'step1'; stateVector: Uint8Array }
	| { kind: 'step2' | 'update'; update: Uint8Array }
	| { kind: 'awareness' }
	| { kind: 'other' }

/** Classifies a message; decodes the payload of sync messages only. */
export function classify(data: Uint8Array): Received {
	const d = decoding.createDecoder(data)
	const type = decoding.readVarUint(d)
	if (type === MESSAGE_AWARENESS) return { kind: 'awareness' }
	if (type !== MESSAGE_SYNC) return { kind: 'other' }
	const sub = decoding.readVarUint(d)
	const payload = decoding.readVarUint8Array(d)
	if (sub === SYNC_STEP1) return { kind: 'step1', stateVector: payload }
	if (sub === SYNC_STEP2) return { kind: 'step2', update: payload }
	if (sub === SYNC_UPDATE) return { kind: 'update', update: payload }
	return { kind: 'other' }
}
