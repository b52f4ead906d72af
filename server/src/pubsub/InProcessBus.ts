import { randomBytes } from 'node:crypto'
import type { Bus, BusHandler } from './Bus.ts'

/**
 * Several {@link Bus} ends in one process, for tests of what several processes do: each end
 * made by {@link InProcessHub.connect} behaves like one process on a shared Redis. Messages are
 * delivered asynchronously and in order, as over a network.
 */
export class InProcessHub {
	readonly #subscribers = new Map<string, Set<{ end: Bus; onMessage: BusHandler }>>()

	/** A new end: one "process". `cut()` makes it fall silent both ways, as a lost network would. */
	connect(): Bus & { cut(): void } {
		const hub = this
		const processId = randomBytes(8).toString('hex')
		const reconnectListeners = new Set<() => void>()
		let cut = false
		const end: Bus & { cut(): void } = {
			processId,
			get connected() {
				return !cut
			},
			cut() {
				cut = true
			},
			async subscribe(channel, onMessage) {
				const entry = { end, onMessage }
				let set = hub.#subscribers.get(channel)
				if (!set) {
					set = new Set()
					hub.#subscribers.set(channel, set)
				}
				set.add(entry)
				return async () => {
					set?.delete(entry)
				}
			},
			publish(channel, message) {
				if (cut) return
				const copy = Uint8Array.from(message)
				for (const subscriber of hub.#subscribers.get(channel) ?? []) {
					if (subscriber.end === end || !subscriber.end.connected) continue
					queueMicrotask(() => subscriber.onMessage(copy, processId))
				}
			},
			onReconnect(listener) {
				reconnectListeners.add(listener)
				return () => reconnectListeners.delete(listener)
			},
			async close() {
				for (const set of hub.#subscribers.values()) {
					for (const subscriber of set) if (subscriber.end === end) set.delete(subscriber)
				}
			},
		}
		return end
	}
}
