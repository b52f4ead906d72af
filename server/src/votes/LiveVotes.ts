import {
	encodeVoteMessage,
	type LiveVote,
	type MyDots,
	type VoteMessage,
	type VoteState,
	type VoteTally,
} from '@circlespace/shared'
import type { Clock } from '../auth/Clock.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import type { Bus } from '../pubsub/Bus.ts'
import { recordsMapOf } from '../snapshots/boardDoc.ts'
import { withRoom } from '../snapshots/withRoom.ts'
import { newId } from '../spaces/ids.ts'
import type { Storage, User } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type { ConnectionObserver, ObservedConnection } from '../sync/syncRoutes.ts'
import type { StoredTally, VoteRecord } from './VoteStore.ts'
import { parseNote, writeResultsOnNotes } from './writeResultsOnNotes.ts'

/** What {@link LiveVotes} needs. */
export interface LiveVotesDeps {
	storage: Pick<Storage, 'votes' | 'liveSessions'>
	/** The live rooms: a dot goes on a note that is on the board; the results are written onto notes. */
	rooms: Pick<RoomRegistry, 'acquire'>
	/** The vote's clock: its timer counts on the server's time. */
	clock: Clock
	logger: Logger
	/** The other server processes; absent with one. */
	bus?: Bus
}

/** What a facilitator asks to start. */
export interface VoteOptions {
	dotsPerPerson: number
	minutes?: number | undefined
	anonymous: boolean
}

const VOTES_CHANNEL = 'circlespace:votes'

/** What a process tells the others: a vote changed (read it again), or one person's dots did. */
type RelayedVoteEvent = { boardId: string; voteId: string; userId?: string }

interface BoardVotes {
	loaded: boolean
	/** The running vote, or null. */
	vote: VoteRecord | null
	connections: Set<ObservedConnection>
	chain: Promise<unknown>
	pending: number
	/** Ends the running vote when its timer is over. */
	timer: ReturnType<typeof setTimeout> | undefined
}

const MINUTE_MS = 60_000

/**
 * The dot votes of boards' live sessions: the one running on each board, kept in the database
 * and mirrored here, told over the sync WebSocket (message type `VOTE_MESSAGE_TYPE`).
 *
 * What is said on the socket is the secret's boundary: everyone on the board hears that a vote
 * runs, its rules and its end time, never a count; each person hears their own dots, sent only
 * to their own connections; once the vote ends, its totals are written onto the notes and told
 * to everyone. As with live sessions, every operation on one board runs after the previous one,
 * and with several processes each change is announced on the bus for the others to read again.
 */
export class LiveVotes implements ConnectionObserver {
	readonly #deps: LiveVotesDeps
	readonly #log: Logger
	readonly #boards = new Map<string, BoardVotes>()

	constructor(deps: LiveVotesDeps) {
		this.#deps = deps
		this.#log = deps.logger.child({ module: 'votes' })
	}

	/** Starts hearing the other processes' changes (with a bus). */
	async listen(): Promise<void> {
		await this.#deps.bus?.subscribe(VOTES_CHANNEL, (message) => {
			try {
				this.#relayed(JSON.parse(new TextDecoder().decode(message)) as RelayedVoteEvent)
			} catch (error) {
				this.#log.warn({ err: error }, 'unreadable vote event from another process')
			}
		})
	}

	/** Stops every timer (the server is stopping). */
	close(): void {
		for (const state of this.#boards.values()) clearTimeout(state.timer)
	}

	async prepare(boardId: string): Promise<void> {
		await this.#serial(boardId, () => undefined)
	}

	/** A connection opened: it is told the running vote, and its person's own dots. */
	attach(connection: ObservedConnection): () => void {
		const state = this.#stateOf(connection.boardId)
		state.connections.add(connection)
		void this.#serial(connection.boardId, async (loaded) => {
			const vote = loaded.vote
			if (!vote || !loaded.connections.has(connection)) return
			connection.send(this.#message({ vote: this.#view(vote) }))
			const mine = await this.#mine(vote, connection.userId)
			connection.send(this.#message({ mine }))
		}).catch((error) => this.#log.error({ err: error, boardId: connection.boardId }, 'could not load a vote'))
		return () => {
			state.connections.delete(connection)
			this.#forgetIfUnused(connection.boardId, state)
		}
	}

	/** The running vote and the caller's dots; else the last vote of the running session. */
	state(boardId: string, userId: string): Promise<VoteState> {
		return this.#serial(boardId, async (state) => {
			await this.#endIfOver(state)
			if (state.vote) return { vote: this.#view(state.vote), mine: await this.#mine(state.vote, userId) }
			const session = await this.#deps.storage.liveSessions.running(boardId)
			const last = session ? await this.#deps.storage.votes.lastEndedOfSession(session.id) : undefined
			return { vote: last ? this.#view(last) : null, mine: null }
		})
	}

	/** Starts a vote in the board's running live session. */
	start(boardId: string, by: User, options: VoteOptions): Promise<LiveVote> {
		return this.#serial(boardId, async (state) => {
			await this.#endIfOver(state)
			if (state.vote) throw alreadyRunning()
			const session = await this.#deps.storage.liveSessions.running(boardId)
			if (!session) throw new AppError('CONFLICT', 'Start a live session on this board before a vote.')
			const now = this.#deps.clock.now()
			const started = await this.#deps.storage.votes.start({
				id: newId(),
				boardId,
				sessionId: session.id,
				dotsPerPerson: options.dotsPerPerson,
				anonymous: options.anonymous,
				startedBy: by.id,
				startedAt: now,
				endsAt: options.minutes === undefined ? null : new Date(now.getTime() + options.minutes * MINUTE_MS),
			})
			// Another process may have started one: the database keeps one per board.
			if (!started) throw alreadyRunning()
			this.#running(state, started)
			return this.#broadcast(state, started)
		})
	}

	/** Puts one of `user`'s dots on a note of the board; answers their dots. */
	cast(boardId: string, user: User, shapeId: string): Promise<MyDots> {
		return this.#serial(boardId, async (state) => {
			const vote = await this.#runningVote(state)
			const isNote = await withRoom(this.#deps.rooms, boardId, (room) =>
				parseNote(recordsMapOf(room.doc).get(shapeId)),
			)
			if (!isNote) {
				throw new AppError('VALIDATION', 'Dots go on the notes of this board: there is no such note.', {
					issues: [{ path: 'shapeId', message: 'No such note on this board' }],
				})
			}
			const outcome = await this.#deps.storage.votes.cast(vote.id, user.id, shapeId, this.#deps.clock.now())
			if (outcome === 'not-running') throw notRunning()
			if (outcome === 'none-left') {
				throw new AppError(
					'CONFLICT',
					`You have placed all your ${vote.dotsPerPerson} dot${vote.dotsPerPerson === 1 ? '' : 's'}: take one back to move it.`,
				)
			}
			return this.#tellMine(vote, user.id)
		})
	}

	/** Takes `user`'s dot off a note; answers their dots (the same when there was none). */
	takeBack(boardId: string, user: User, shapeId: string): Promise<MyDots> {
		return this.#serial(boardId, async (state) => {
			const vote = await this.#runningVote(state)
			await this.#deps.storage.votes.takeBack(vote.id, user.id, shapeId)
			return this.#tellMine(vote, user.id)
		})
	}

	/** Ends the running vote: its totals go onto the notes and to everyone. */
	end(boardId: string): Promise<LiveVote> {
		return this.#serial(boardId, async (state) => {
			await this.#endIfOver(state)
			if (!state.vote) throw notRunning()
			const ended = await this.#endNow(state, state.vote)
			if (!ended) throw notRunning()
			return this.#view(ended)
		})
	}

	/** Ends the board's vote if one runs (its live session is ending: the snapshot keeps the results). */
	async endIfRunning(boardId: string): Promise<void> {
		await this.#serial(boardId, async (state) => {
			if (state.vote) await this.#endNow(state, state.vote)
		})
	}

	async #runningVote(state: BoardVotes): Promise<VoteRecord> {
		if (await this.#endIfOver(state)) throw new AppError('CONFLICT', 'This vote’s time is up: it has ended.')
		if (!state.vote) throw notRunning()
		return state.vote
	}

	/** Ends the running vote when its time is over; true when it did. */
	async #endIfOver(state: BoardVotes): Promise<boolean> {
		const vote = state.vote
		if (!vote?.endsAt || Date.parse(vote.endsAt) > this.#deps.clock.now().getTime()) return false
		await this.#endNow(state, vote)
		return true
	}

	/** Ends `vote` in the database, writes its totals onto the notes, and tells everyone. */
	async #endNow(state: BoardVotes, vote: VoteRecord): Promise<VoteRecord | undefined> {
		const ended = await this.#deps.storage.votes.end(vote.id, this.#deps.clock.now())
		this.#running(state, null)
		if (!ended) return undefined
		try {
			await withRoom(this.#deps.rooms, vote.boardId, (room) =>
				writeResultsOnNotes(room.doc, ended.id, ended.results ?? [], ended.anonymous),
			)
		} catch (error) {
			// The totals are kept with the vote (and told to everyone below) even if the board could not be written.
			this.#log.error(
				{ err: error, boardId: vote.boardId },
				'could not write a vote’s results onto the notes',
			)
		}
		this.#broadcast(state, ended)
		return ended
	}

	#running(state: BoardVotes, vote: VoteRecord | null): void {
		state.vote = vote
		clearTimeout(state.timer)
		state.timer = undefined
		if (!vote?.endsAt) return
		const boardId = vote.boardId
		const delay = Math.max(0, Date.parse(vote.endsAt) - this.#deps.clock.now().getTime())
		state.timer = setTimeout(() => {
			void this.#serial(boardId, (loaded) => this.#endIfOver(loaded)).catch((error) =>
				this.#log.warn({ err: error, boardId }, 'could not end a vote whose time was up'),
			)
		}, delay)
		state.timer.unref?.()
	}

	async #mine(vote: VoteRecord, userId: string): Promise<MyDots> {
		const shapeIds = await this.#deps.storage.votes.dotsOf(vote.id, userId)
		return { voteId: vote.id, shapeIds, left: Math.max(0, vote.dotsPerPerson - shapeIds.length) }
	}

	/** Tells a person's own connections (here and in other processes) their dots. */
	async #tellMine(vote: VoteRecord, userId: string): Promise<MyDots> {
		const mine = await this.#mine(vote, userId)
		this.#sendMine(vote.boardId, userId, mine)
		this.#announce({ boardId: vote.boardId, voteId: vote.id, userId })
		return mine
	}

	#sendMine(boardId: string, userId: string, mine: MyDots): void {
		const state = this.#boards.get(boardId)
		if (!state) return
		const message = this.#message({ mine })
		for (const connection of state.connections) if (connection.userId === userId) connection.send(message)
	}

	#view(record: VoteRecord): LiveVote {
		return {
			id: record.id,
			boardId: record.boardId,
			sessionId: record.sessionId,
			dotsPerPerson: record.dotsPerPerson,
			anonymous: record.anonymous,
			startedBy: record.startedBy,
			startedAt: record.startedAt,
			endsAt: record.endsAt,
			endedAt: record.endedAt,
			// Never a count while it runs, whatever the record holds.
			results:
				record.endedAt === null ? null : (record.results ?? []).map((tally) => tallyView(tally, record)),
			asOf: this.#deps.clock.now().toISOString(),
		}
	}

	#broadcast(state: BoardVotes, record: VoteRecord, announce = true): LiveVote {
		const view = this.#view(record)
		const message = this.#message({ vote: view })
		for (const connection of state.connections) connection.send(message)
		if (announce) this.#announce({ boardId: record.boardId, voteId: record.id })
		return view
	}

	#relayed(event: RelayedVoteEvent): void {
		const state = this.#boards.get(event.boardId)
		if (!state || state.connections.size === 0) return
		void this.#serial(event.boardId, async (loaded) => {
			const fresh = await this.#deps.storage.votes.get(event.voteId)
			if (!fresh) return
			if (event.userId !== undefined) {
				if (fresh.endedAt === null)
					this.#sendMine(event.boardId, event.userId, await this.#mine(fresh, event.userId))
				return
			}
			this.#running(loaded, fresh.endedAt === null ? fresh : null)
			this.#broadcast(loaded, fresh, false)
		}).catch((error) =>
			this.#log.error({ err: error, boardId: event.boardId }, 'could not read a vote again'),
		)
	}

	#announce(event: RelayedVoteEvent): void {
		this.#deps.bus?.publish(VOTES_CHANNEL, new TextEncoder().encode(JSON.stringify(event)))
	}

	#message(message: VoteMessage): Uint8Array {
		return encodeVoteMessage(message)
	}

	#stateOf(boardId: string): BoardVotes {
		let state = this.#boards.get(boardId)
		if (!state) {
			state = {
				loaded: false,
				vote: null,
				connections: new Set(),
				chain: Promise.resolve(),
				pending: 0,
				timer: undefined,
			}
			this.#boards.set(boardId, state)
		}
		return state
	}

	/** Runs `task` with the board's state (loaded on first use) after the board's earlier tasks. */
	#serial<T>(boardId: string, task: (state: BoardVotes) => Promise<T> | T): Promise<T> {
		const state = this.#stateOf(boardId)
		state.pending++
		const run = state.chain.then(async () => {
			if (!state.loaded) {
				this.#running(state, (await this.#deps.storage.votes.running(boardId)) ?? null)
				state.loaded = true
			}
			return task(state)
		})
		state.chain = run.catch(() => {})
		return run.finally(() => {
			state.pending--
			this.#forgetIfUnused(boardId, state)
		})
	}

	#forgetIfUnused(boardId: string, state: BoardVotes): void {
		if (state.connections.size === 0 && state.vote === null && state.pending === 0) {
			if (this.#boards.get(boardId) === state) this.#boards.delete(boardId)
		}
	}
}

/** A stored total as told: voters only for a named vote. */
function tallyView(tally: StoredTally, record: VoteRecord): VoteTally {
	return record.anonymous || !tally.voters
		? { shapeId: tally.shapeId, dots: tally.dots }
		: { shapeId: tally.shapeId, dots: tally.dots, voters: tally.voters }
}

function alreadyRunning(): AppError {
	return new AppError('CONFLICT', 'A vote is already running on this board: end it before starting another.')
}

function notRunning(): AppError {
	return new AppError('CONFLICT', 'No vote is running on this board.')
}
