import { type LiveVote, type MyDots, readVoteMessage, VOTE_MESSAGE_TYPE } from '@circlespace/shared'
import type { WebsocketProvider } from 'y-websocket'

/** What this browser knows of the board's dot vote. */
export interface VoteChannelState {
	/** The running vote, or the one that just ended (with its results); null when none. */
	vote: LiveVote | null
	/** One's own dots in the running vote (null when none runs or before the server said). */
	mine: MyDots | null
	/** `performance.now()` when `vote` was received: its time left counts down from there. */
	receivedAt: number
	/** The last thing that went wrong while voting, said in the vote bar; null when none. */
	problem: string | null
}

const empty: VoteChannelState = { vote: null, mine: null, receivedAt: 0, problem: null }

/**
 * The board's dot vote as the server tells it on the sync socket (message type
 * {@link VOTE_MESSAGE_TYPE}): the vote's rules and time to everyone, one's own dots to oneself
 * only. Installed on the provider before it connects, beside the live session's channel.
 */
export class VoteChannel {
	#state: VoteChannelState = empty
	#heardSinceConnect = false
	readonly #listeners = new Set<(state: VoteChannelState) => void>()
	readonly #provider: WebsocketProvider
	readonly #onStatus = ({ status }: { status: string }) => {
		if (status === 'connected') this.#heardSinceConnect = false
	}
	readonly #onSync = (synced: boolean) => {
		// The server says nothing on joining when no vote runs; one may have ended meanwhile.
		if (synced && !this.#heardSinceConnect && this.#state.vote?.endedAt === null) this.#set(empty)
	}

	constructor(provider: WebsocketProvider) {
		this.#provider = provider
		provider.messageHandlers[VOTE_MESSAGE_TYPE] = (_encoder, decoder) => {
			const message = readVoteMessage(decoder)
			if (!message) return
			this.#heardSinceConnect = true
			if ('vote' in message) this.acceptVote(message.vote)
			else this.acceptMine(message.mine)
		}
		provider.on('status', this.#onStatus)
		provider.on('sync', this.#onSync)
	}

	get state(): VoteChannelState {
		return this.#state
	}

	/** Takes a vote from the server (a message or an answer), unless a newer one is known. */
	acceptVote(vote: LiveVote): void {
		const known = this.#state.vote
		if (known && known.id === vote.id && known.asOf > vote.asOf) return
		const mine = this.#state.mine?.voteId === vote.id && vote.endedAt === null ? this.#state.mine : null
		this.#set({ vote, mine, receivedAt: performance.now(), problem: null })
	}

	/** Takes one's own dots (a message or an answer). */
	acceptMine(mine: MyDots): void {
		if (this.#state.vote && this.#state.vote.id !== mine.voteId) return
		this.#set({ ...this.#state, mine })
	}

	/** Says what went wrong (null: clears it). */
	report(problem: string | null): void {
		this.#set({ ...this.#state, problem })
	}

	/** Forgets an ended vote (its results stay on the notes). */
	dismiss(): void {
		if (this.#state.vote?.endedAt) this.#set(empty)
	}

	subscribe(listener: (state: VoteChannelState) => void): () => void {
		this.#listeners.add(listener)
		return () => this.#listeners.delete(listener)
	}

	dispose(): void {
		this.#provider.off('status', this.#onStatus)
		this.#provider.off('sync', this.#onSync)
		delete this.#provider.messageHandlers[VOTE_MESSAGE_TYPE]
		this.#listeners.clear()
	}

	#set(state: VoteChannelState): void {
		this.#state = state
		for (const listener of this.#listeners) listener(state)
	}
}
