/**
 * Publish/subscribe between the server processes of one instance (docs/ARCHITECTURE.md,
 * "Several processes"). Messages are bytes on named channels; a process never receives what it
 * published itself. One process alone has no bus at all, so nothing of this is on its hot path.
 */
export interface Bus {
	/** This process, as the others know it (random per start). */
	readonly processId: string
	/** Whether the link is up now. */
	readonly connected: boolean
	/** Starts receiving a channel; resolves once the subscription is in force. Returns the way out. */
	subscribe(channel: string, onMessage: BusHandler): Promise<() => Promise<void>>
	/** Sends to every other process subscribed to `channel` (dropped while the link is down). */
	publish(channel: string, message: Uint8Array): void
	/** Told whenever the link comes back after a loss: messages sent meanwhile were missed. */
	onReconnect(listener: () => void): () => void
	close(): Promise<void>
}

/** Receives one message of a channel and the id of the process that sent it. */
export type BusHandler = (message: Uint8Array, fromProcess: string) => void
