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

/** Frames `payload` as one unmasked, final, binary WebSocket frame (RFC 6455 §5.2). */
export function frameBinary(payload: Uint8Array): Uint8Array {
	const length = payload.length
	const header = length < 126 ? 2 : length < 65536 ? 4 : 10
	const frame = new Uint8Array(header + length)
	frame[0] = FIN_BINARY
	if (length < 126) {
		frame[1] = length
	} else if (length < 65536) {
		frame[1] = 126
		frame[2] = length >>> 8
		frame[3] = length & 0xff
	} else {
		frame[1] = 127
		new DataView(frame.buffer).setBigUint64(2, BigInt(length))
	}
	frame.set(payload, header)
	return frame
}
