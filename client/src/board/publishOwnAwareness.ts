import { encodeAwarenessUpdate } from 'y-protocols/awareness'
import { messageAwareness, type WebsocketProvider } from 'y-websocket'

/** What y-protocols' awareness reports with each 'update' and 'change' event. */
export interface AwarenessChange {
	added: number[]
	updated: number[]
	removed: number[]
}

/**
 * Makes the provider send only this client's own awareness state.
 *
 * Stock y-websocket re-sends every awareness change it sees, including other clients' states it
 * just received or timed out. The server drops what a connection says about other clients, but
 * in a room of thirty that echo is 29 useless messages to the server for every cursor move.
 * Returns a function restoring nothing but detaching our handler (the provider is being destroyed).
 */
export function publishOwnAwarenessOnly(provider: WebsocketProvider): () => void {
	const { awareness, doc } = provider
	awareness.off('update', provider._awarenessUpdateHandler)
	const handler = ({ added, updated, removed }: AwarenessChange) => {
		if (![...added, ...updated, ...removed].includes(doc.clientID)) return
		const ws = provider.ws
		if (!provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) return
		ws.send(frame(messageAwareness, encodeAwarenessUpdate(awareness, [doc.clientID])))
	}
	awareness.on('update', handler)
	return () => awareness.off('update', handler)
}

/** A y-websocket message: varuint type, then the payload as a varuint-length-prefixed byte array. */
function frame(type: number, payload: Uint8Array): Uint8Array<ArrayBuffer> {
	const head = [...varUint(type), ...varUint(payload.length)]
	const message = new Uint8Array(head.length + payload.length)
	message.set(head, 0)
	message.set(payload, head.length)
	return message
}

function varUint(value: number): number[] {
	const bytes: number[] = []
	let rest = value
	while (rest > 0x7f) {
		bytes.push(0x80 | (rest & 0x7f))
		rest = Math.floor(rest / 128)
	}
	bytes.push(rest)
	return bytes
}
