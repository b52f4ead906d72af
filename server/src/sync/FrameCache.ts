/**
 * Server-to-client WebSocket frames for binary messages, built once per message.
 *
 * A room sends the same message object to every connection in turn. Framing it here
 * (server frames are never masked, so the bytes are the same for every socket) and
 * remembering the last one means a broadcast to N sockets builds one frame, not N,
 * and each socket gets a single write of a shared buffer.
 */
export class FrameCache {
	private lastMessage: Uint8Array | null = null
	private lastFrame: Uint8Array = new Uint8Array(0)

	/** The complete frame (FIN, binary opcode, length, payload) for `message`. */
	frameFor(message: Uint8Array): Uint8Array {
		if (message !== this.lastMessage) {
			this.lastFrame = frameBinary(message)
			this.lastMessage = message
		}
		return this.lastFrame
	}
}

const FIN_BINARY = 0x82

/** The header of an unmasked, final, binary WebSocket frame of `length` bytes (RFC 6455 §5.2). */
export function frameHeader(length: number): Uint8Array {
	const header = new Uint8Array(length < 126 ? 2 : length < 65536 ? 4 : 10)
	header[0] = FIN_BINARY
	if (length < 126) {
		header[1] = length
	} else if (length < 65536) {
		header[1] = 126
		header[2] = length >>> 8
		header[3] = length & 0xff
	} else {
		header[1] = 127
		new DataView(header.buffer).setBigUint64(2, BigInt(length))
	}
	return header
}

/** Frames `payload` as one unmasked, final, binary WebSocket frame. */
export function frameBinary(payload: Uint8Array): Uint8Array {
	const header = frameHeader(payload.length)
	const frame = new Uint8Array(header.length + payload.length)
	frame.set(header)
	frame.set(payload, header.length)
	return frame
}
