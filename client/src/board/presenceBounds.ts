import type { TLInstancePresence } from 'tldraw'

/**
 * The most this tab announces as its presence (bytes of JSON). The server closes a connection
 * whose presence state is over 16 KiB (close code 4413, docs/SPEC.md R6); this leaves room for
 * the identity the server writes in and for the awareness envelope.
 */
export const PRESENCE_BUDGET_BYTES = 12 * 1024

const encoder = new TextEncoder()

function sizeOf(value: unknown): number {
	const json = JSON.stringify(value)
	// Most presence is ASCII: only measure bytes when the characters alone could be too many.
	return json.length * 3 <= PRESENCE_BUDGET_BYTES ? json.length : encoder.encode(json).length
}

/**
 * The presence to publish, made to fit {@link PRESENCE_BUDGET_BYTES}: a selection of hundreds of
 * shapes, long laser scribbles or a long chat message are cut down (others then see the first
 * selected shapes and the latest part of a scribble), and dropped as a last resort. What is
 * shared about one's cursor, camera and page is never cut.
 */
export function boundPresence(presence: TLInstancePresence): TLInstancePresence {
	if (sizeOf(presence) <= PRESENCE_BUDGET_BYTES) return presence
	const trimmed: TLInstancePresence = {
		...presence,
		selectedShapeIds: presence.selectedShapeIds.slice(0, 100),
		scribbles: presence.scribbles
			.slice(-4)
			.map((scribble) => ({ ...scribble, points: scribble.points.slice(-40) })),
		chatMessage: presence.chatMessage.slice(0, 500),
		meta: {},
	}
	if (sizeOf(trimmed) <= PRESENCE_BUDGET_BYTES) return trimmed
	return { ...trimmed, selectedShapeIds: [], scribbles: [], chatMessage: '' }
}
