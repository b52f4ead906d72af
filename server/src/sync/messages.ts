/**
 * The y-websocket wire format, read strictly and written without intermediate copies.
 *
 * A message is `varUint type` followed by a type-specific body:
 * - SYNC (0): `varUint syncType` then `varUint8Array payload` (state vector or update)
 * - AWARENESS (1): `varUint8Array awarenessUpdate`
 * - QUERY_AWARENESS (3): nothing
 *
 * lib0's decoder does not check a length prefix against the end of the message and
 * would read past it into whatever shares the buffer (ws hands out pooled buffers), so
 * the server reads envelopes with this bounded reader instead.
 */

export const MessageType = { SYNC: 0, AWARENESS: 1, AUTH: 2, QUERY_AWARENESS: 3 } as const
export const SyncType = { STEP1: 0, STEP2: 1, UPDATE: 2 } as const

/** Thrown for any malformed input; the connection that sent it is closed with BAD_MESSAGE. */
export class MalformedMessageError extends Error {
	override name = 'MalformedMessageError'
}

/** A bounded cursor over one message. */
export class MessageReader {
	readonly bytes: Uint8Array
	pos = 0

	constructor(bytes: Uint8Array) {
		this.bytes = bytes
	}

	get done(): boolean {
		return this.pos === this.bytes.length
	}

	/** Reads an unsigned LEB128 integer of at most 53 bits. */
	varUint(): number {
		let num = 0
		let mult = 1
		const bytes = this.bytes
		for (let i = 0; i < 8; i++) {
			if (this.pos >= bytes.length) throw new MalformedMessageError('truncated varint')
			const byte = bytes[this.pos++] as number
			num += (byte & 0x7f) * mult
			if (byte < 0x80) {
				if (num > Number.MAX_SAFE_INTEGER) break
				return num
			}
			mult *= 128
		}
		throw new MalformedMessageError('overlong varint')
	}

	/** Reads a length-prefixed byte array as a view (no copy), bounded by the message. */
	varBytes(): Uint8Array {
		const length = this.varUint()
		if (length > this.bytes.length - this.pos) throw new MalformedMessageError('length beyond end of message')
		const view = this.bytes.subarray(this.pos, this.pos + length)
		this.pos += length
		return view
	}

	/** Reads a length-prefixed UTF-8 string; invalid UTF-8 is malformed. */
	varString(): string {
		const bytes = this.varBytes()
		try {
			return utf8Decoder.decode(bytes)
		} catch {
			throw new MalformedMessageError('invalid UTF-8')
		}
	}

	/** Asserts that the whole message was consumed. */
	end(): void {
		if (!this.done) throw new MalformedMessageError('trailing bytes')
	}
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: true })
const utf8Encoder = new TextEncoder()

function varUintLength(n: number): number {
	let length = 1
	while (n >= 0x80) {
		n = Math.floor(n / 128)
		length++
	}
	return length
}

/** A growable writer used for the few messages the server composes itself. */
export class MessageWriter {
	private buf: Uint8Array
	private pos = 0

	constructor(capacity = 64) {
		this.buf = new Uint8Array(capacity)
	}

	private ensure(extra: number): void {
		if (this.pos + extra <= this.buf.length) return
		const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + extra))
		next.set(this.buf.subarray(0, this.pos))
		this.buf = next
	}

	varUint(n: number): this {
		this.ensure(varUintLength(n))
		while (n >= 0x80) {
			this.buf[this.pos++] = (n % 128) | 0x80
			n = Math.floor(n / 128)
		}
		this.buf[this.pos++] = n
		return this
	}

	varBytes(bytes: Uint8Array): this {
		this.varUint(bytes.length)
		this.ensure(bytes.length)
		this.buf.set(bytes, this.pos)
		this.pos += bytes.length
		return this
	}

	varString(text: string): this {
		return this.varBytes(utf8Encoder.encode(text))
	}

	finish(): Uint8Array {
		return this.buf.subarray(0, this.pos)
	}
}

/** A SYNC message wrapping `payload` (an update or a state vector), sized exactly, one copy. */
export function encodeSyncMessage(syncType: number, payload: Uint8Array): Uint8Array {
	const header = 2 + varUintLength(payload.length)
	const out = new Uint8Array(header + payload.length)
	out[0] = MessageType.SYNC
	out[1] = syncType
	let pos = 2
	let n = payload.length
	while (n >= 0x80) {
		out[pos++] = (n % 128) | 0x80
		n = Math.floor(n / 128)
	}
	out[pos++] = n
	out.set(payload, pos)
	return out
}

/** One entry of an awareness update: a client's state as JSON text ("null" when it left). */
export interface AwarenessEntry {
	clientId: number
	clock: number
	state: string
}

/** An entry as read from a client: its state also parsed, and its size on the wire. */
export interface ReceivedAwarenessEntry extends AwarenessEntry {
	value: unknown
	/** Bytes of `state` on the wire (UTF-8, with its length prefix). */
	bytes: number
}

/** Encodes an AWARENESS message holding `entries`. */
export function encodeAwarenessMessage(entries: Iterable<AwarenessEntry>): Uint8Array {
	const inner = new MessageWriter(256)
	const list = [...entries]
	inner.varUint(list.length)
	for (const entry of list) inner.varUint(entry.clientId).varUint(entry.clock).varString(entry.state)
	return new MessageWriter(inner.finish().length + 8)
		.varUint(MessageType.AWARENESS)
		.varBytes(inner.finish())
		.finish()
}

/**
 * Reads the body of an awareness update. Every state must be JSON (other clients parse it);
 * client ids are 32-bit as Yjs makes them.
 */
export function decodeAwarenessUpdate(update: Uint8Array): ReceivedAwarenessEntry[] {
	const reader = new MessageReader(update)
	const count = reader.varUint()
	if (count > 10_000) throw new MalformedMessageError('too many awareness entries')
	const entries: ReceivedAwarenessEntry[] = []
	for (let i = 0; i < count; i++) {
		const clientId = reader.varUint()
		if (clientId > 0xffffffff) throw new MalformedMessageError('awareness client id out of range')
		const clock = reader.varUint()
		const start = reader.pos
		const state = reader.varString()
		let value: unknown
		try {
			value = JSON.parse(state)
		} catch {
			throw new MalformedMessageError('awareness state is not JSON')
		}
		entries.push({ clientId, clock, state, value, bytes: reader.pos - start })
	}
	reader.end()
	return entries
}
