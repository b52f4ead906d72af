import type { Socket } from 'node:net'

/**
 * Coalesces the frames written to a socket during one turn of the event loop into one
 * system call.
 *
 * A room fans every message out to every connection; under load each socket would get one
 * `writev` per message (measured: a third of the server's CPU in a 30-person room). While
 * a socket is corked, Node buffers its writes; one `setImmediate` uncorks every socket
 * corked in this turn, after all the input that arrived in it has been handled.
 */
export class SendBatcher {
	private readonly corked: Socket[] = []
	private scheduled = false
	private readonly flush = () => {
		this.scheduled = false
		const sockets = this.corked.splice(0)
		for (const socket of sockets) {
			;(socket as CorkedSocket)[CORKED] = false
			socket.uncork()
		}
	}

	/** Corks `socket` until the end of this turn (once per turn, however often it is called). */
	hold(socket: Socket): void {
		const s = socket as CorkedSocket
		if (s[CORKED] === true || socket.destroyed) return
		s[CORKED] = true
		socket.cork()
		this.corked.push(socket)
		if (!this.scheduled) {
			this.scheduled = true
			setImmediate(this.flush)
		}
	}
}

const CORKED = Symbol('corked by SendBatcher')
type CorkedSocket = Socket & { [CORKED]?: boolean }
