import { describe, expect, it } from 'vitest'
import * as ws from 'ws'
import { FrameCache, frameBinary } from './FrameCache.ts'

// ws exports its Sender at runtime; its type declarations do not.
const { Sender } = ws as unknown as { Sender: { frame(data: Buffer, options: object): Buffer[] } }

/** The frame the ws library itself would write for a server-side binary message. */
function wsFrame(payload: Uint8Array): Buffer {
	return Buffer.concat(
		Sender.frame(Buffer.from(payload), { fin: true, rsv1: false, opcode: 2, mask: false, readOnly: false }),
	)
}

describe('binary frames', () => {
	it.each([0, 1, 125, 126, 1000, 65535, 65536, 300_000])(
		'match ws byte for byte for a %i-byte message',
		(size) => {
			const payload = new Uint8Array(size).map((_, i) => (i * 31) & 0xff)
			expect(Buffer.from(frameBinary(payload)).equals(wsFrame(payload))).toBe(true)
		},
	)

	it('frames a message once however many sockets it goes to', () => {
		const cache = new FrameCache()
		const message = new Uint8Array([0, 2, 1, 0])
		const first = cache.frameFor(message)
		expect(cache.frameFor(message)).toBe(first)
		const other = new Uint8Array([0, 2, 1, 0])
		expect(cache.frameFor(other)).not.toBe(first)
		expect(cache.frameFor(other)).toEqual(first)
	})
})
