import { type LiveSession, readSessionMessage, SESSION_MESSAGE_TYPE, type Summon } from '@circlespace/shared'
import type { WebsocketProvider } from 'y-websocket'

/** What is known of the board's live session on this connection. */
export interface SessionState {
	/**
	 * The session as the server last said it (`endedAt` set once it ended), null when none is
	 * running, undefined until the first connection has synced.
	 */
	session: LiveSession | null | undefined
	/** `performance.now()` when it was received: the timer counts down from there. */
	receivedAt: number
}

/**
 * The board's live session as the server tells it on the sync socket (message type
 * {@link SESSION_MESSAGE_TYPE}, docs/SPEC.md L1–L6). Installed on the provider before it
 * connects, so nothing said on joining is missed.
 *
 * The server sends a running session to a connection before the board's content and says
 * nothing on join when there is none: a connection that synced without hearing of a session
 * means that none is running (one may have ended while this browser was away).
 */
export class SessionChannel {
	#state: SessionState = { session: undefined, receivedAt: 0 }
	#heardSinceConnect = false
	readonly #stateListeners = new Set<(state: SessionState) => void>()
	readonly #summonListeners = new Set<(summon: Summon) => void>()
	readonly #provider: WebsocketProvider
	readonly #onStatus = ({ status }: { status: string }) => {
		if (status === 'connected') this.#heardSinceConnect = false
	}
	readonly #onSync = (synced: boolean) => {
		if (synced && !this.#heardSinceConnect) this.#set({ session: null, receivedAt: performance.now() })
	}

	constructor(provider: WebsocketProvider) {
		this.#provider = provider
		provider.messageHandlers[SESSION_MESSAGE_TYPE] = (_encoder, decoder) => {
			const message = readSessionMessage(decoder)
			if (!message) return
			if ('session' in message) {
				this.#heardSinceConnect = true
				this.accept(message.session)
			} else {
				for (const listener of this.#summonListeners) listener(message.summon)
			}
		}
		provider.on('status', this.#onStatus)
		provider.on('sync', this.#onSync)
	}

	/** The current state. */
	get state(): SessionState {
		return this.#state
	}

	/**
	 * Takes a session state from the server (a message, or the answer to one's own request),
	 * unless a newer one is known already: answers and broadcasts can arrive in either order.
	 */
	accept(session: LiveSession): void {
		const known = this.#state.session
		if (known && known.asOf > session.asOf) return
		this.#set({ session, receivedAt: performance.now() })
	}

	/** Calls `listener` with every new state; returns the function that stops it. */
	subscribe(listener: (state: SessionState) => void): () => void {
		this.#stateListeners.add(listener)
		return () => this.#stateListeners.delete(listener)
	}

	/** Calls `listener` when a facilitator brings everyone somewhere; returns the function that stops it. */
	onSummon(listener: (summon: Summon) => void): () => void {
		this.#summonListeners.add(listener)
		return () => this.#summonListeners.delete(listener)
	}

	/** Stops listening to the provider (it is being destroyed). */
	dispose(): void {
		this.#provider.off('status', this.#onStatus)
		this.#provider.off('sync', this.#onSync)
		delete this.#provider.messageHandlers[SESSION_MESSAGE_TYPE]
		this.#stateListeners.clear()
		this.#summonListeners.clear()
	}

	#set(state: SessionState): void {
		this.#state = state
		for (const listener of this.#stateListeners) listener(state)
	}
}
