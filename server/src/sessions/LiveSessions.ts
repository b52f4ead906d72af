import {
	type EndedSession,
	encodeSessionMessage,
	type LiveSession,
	type SessionMessage,
	type SummonTarget,
	sessionSnapshotTitle,
	type TimerChange,
} from '@circlespace/shared'
import type { Clock } from '../auth/Clock.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import type { Bus } from '../pubsub/Bus.ts'
import { captureSessionEnd } from '../replay/captureSessionEnd.ts'
import { captureSessionStart } from '../replay/captureSessionStart.ts'
import { snapshotView } from '../snapshots/snapshotRoutes.ts'
import { newId } from '../spaces/ids.ts'
import type { LiveSessionRecord, Storage, StoredTimer, User } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type { ConnectionObserver, ObservedConnection } from '../sync/syncRoutes.ts'

/** What {@link LiveSessions} needs. */
export interface LiveSessionsDeps {
	storage: Storage
	/** The live rooms, to take the end-of-session snapshot of a board's live doc. */
	rooms: Pick<RoomRegistry, 'acquire'>
	/** The session clock: the timer counts on the server's time, never a client's. */
	clock: Clock
	logger: Logger
	/** The other server processes, whose connections hear of every change too; absent with one. */
	bus?: Bus
	/** Called as a session ends, before its snapshot (a running dot vote ends, its results on the notes). */
	beforeEnd?: (boardId: string) => Promise<void>
}

const SESSIONS_CHANNEL = 'circlespace:sessions'

/** What a process tells the others: a session changed (read it again), or a message to pass on. */
type RelayedSessionEvent = { boardId: string; sessionId: string } | { boardId: string; forward: string }

/** What a facilitator asks to start. */
export interface StartOptions {
	title: string
	agenda: string[]
	timeboxMinutes?: number | undefined
}

/** What a facilitator asks to change. */
export interface SessionUpdate {
	currentItem?: number | undefined
	timer?: TimerChange | undefined
	followMe?: boolean | undefined
}

/** What this process knows of one board: its running session and who is connected to it. */
interface BoardState {
	loaded: boolean
	/** The running session, or null. */
	session: LiveSessionRecord | null
	/** User ids already recorded as participants of the running session. */
	participantIds: Set<string>
	connections: Set<ObservedConnection>
	/** The board's operations run one after the other in this chain (see {@link LiveSessions.serial}). */
	chain: Promise<unknown>
	pending: number
}

const MINUTE_MS = 60_000

/**
 * The live sessions of boards: their state, kept in the database and mirrored here, and its
 * broadcast to every connection of the board over the sync WebSocket (message type
 * `SESSION_MESSAGE_TYPE`). The server owns the clock: the timer's remaining time is computed
 * from its stored state and the injected {@link Clock}, so a facilitator who disconnects, or
 * a server restart, loses nothing.
 *
 * Every operation on one board runs after the previous one finished (a chain of promises per
 * board), so two facilitators pressing buttons at once, a person joining, and the broadcasts
 * each one makes happen in one order that every connection sees.
 *
 * With several server processes (a bus), every change is also announced to the others, which
 * read the session again from the database into their mirror and tell their own connections;
 * summons are passed on as they are. The database stays the one place a session is kept.
 */
export class LiveSessions implements ConnectionObserver {
	readonly #deps: LiveSessionsDeps
	readonly #log: Logger
	readonly #boards = new Map<string, BoardState>()

	constructor(deps: LiveSessionsDeps) {
		this.#deps = deps
		this.#log = deps.logger.child({ module: 'sessions' })
	}

	/** Starts hearing the other processes' changes (with a bus). */
	async listen(): Promise<void> {
		await this.#deps.bus?.subscribe(SESSIONS_CHANNEL, (message) => {
			try {
				this.#relayed(JSON.parse(new TextDecoder().decode(message)) as RelayedSessionEvent)
			} catch (error) {
				this.#log.warn({ err: error }, 'unreadable session event from another process')
			}
		})
	}

	#relayed(event: RelayedSessionEvent): void {
		const state = this.#boards.get(event.boardId)
		// Nobody here is on that board: nothing to tell, and the mirror is read on first use.
		if (!state || state.connections.size === 0) return
		if ('forward' in event) {
			const message = Buffer.from(event.forward, 'base64')
			for (const connection of state.connections) connection.send(message)
			return
		}
		void this.#serial(event.boardId, async (loaded) => {
			const fresh = await this.#deps.storage.liveSessions.get(event.sessionId)
			if (!fresh) return
			loaded.session = fresh.endedAt === null ? fresh : null
			loaded.participantIds = new Set(fresh.endedAt === null ? fresh.participants.map((p) => p.id) : [])
			this.#broadcastSession(loaded, fresh, false)
		}).catch((error) =>
			this.#log.error({ err: error, boardId: event.boardId }, 'could not read a session again'),
		)
	}

	#announce(event: RelayedSessionEvent): void {
		this.#deps.bus?.publish(SESSIONS_CHANNEL, new TextEncoder().encode(JSON.stringify(event)))
	}

	/**
	 * Loads what is known of a board's session before a connection to it opens, so that
	 * {@link attach} can send it at once, ahead of the board's content.
	 */
	async prepare(boardId: string): Promise<void> {
		await this.#serial(boardId, () => undefined)
	}

	/**
	 * A connection to a board opened: it is sent the running session at once (before the
	 * board's content), recorded as a participant, and sent every later change.
	 */
	attach(connection: ObservedConnection): () => void {
		const state = this.#stateOf(connection.boardId)
		state.connections.add(connection)
		if (state.loaded) {
			if (state.session) connection.send(this.#message({ session: this.#view(state.session) }))
		} else {
			// Loaded in the board's chain, so no change can slip between the read and the send.
			void this.#serial(connection.boardId, async (loaded) => {
				if (loaded.session && loaded.connections.has(connection)) {
					connection.send(this.#message({ session: this.#view(loaded.session) }))
				}
			}).catch((error) =>
				this.#log.error({ err: error, boardId: connection.boardId }, 'could not load a session'),
			)
		}
		void this.#serial(
			connection.boardId,
			(loaded) => (connection.guest ? undefined : this.#recordParticipant(loaded, connection.userId)),
			// A guest (guests/) has no account to record; they see the session all the same.
		).catch((error) =>
			this.#log.error({ err: error, boardId: connection.boardId }, 'could not record a participant'),
		)
		return () => {
			state.connections.delete(connection)
			this.#forgetIfUnused(connection.boardId, state)
		}
	}

	/** The session running on a board, or null. */
	current(boardId: string): Promise<LiveSession | null> {
		return this.#serial(boardId, (state) => (state.session ? this.#view(state.session) : null))
	}

	/** Starts a session on a board; everyone connected to it takes part from the start. */
	start(boardId: string, by: User, options: StartOptions): Promise<LiveSession> {
		return this.#serial(boardId, async (state) => {
			if (state.session) throw alreadyRunning()
			// The replay's starting point; a board whose state cannot be kept still gets its session.
			await captureSessionStart(this.#deps, boardId).catch((error) =>
				this.#log.warn({ err: error, boardId }, 'could not keep the board as the session starts'),
			)
			const now = this.#deps.clock.now()
			const timeboxMs = options.timeboxMinutes === undefined ? undefined : options.timeboxMinutes * MINUTE_MS
			const started = await this.#deps.storage.liveSessions.start({
				id: newId(),
				boardId,
				title: options.title,
				agenda: options.agenda,
				timer:
					timeboxMs === undefined
						? null
						: { durationMs: timeboxMs, remainingMs: timeboxMs, runningSince: now },
				startedBy: by.id,
				startedAt: now,
				participants: [...new Set([...state.connections].map((c) => c.userId))],
			})
			// Another process may have started one: the database keeps one per board.
			if (!started) throw alreadyRunning()
			state.session = started
			state.participantIds = new Set(started.participants.map((p) => p.id))
			return this.#broadcastSession(state, started)
		})
	}

	/** Moves to another agenda item, changes the timer, or turns "follow me" on or off. */
	update(boardId: string, by: User, update: SessionUpdate): Promise<LiveSession> {
		return this.#serial(boardId, async (state) => {
			const session = state.session
			if (!session) throw notRunning()
			const now = this.#deps.clock.now()
			if (update.currentItem !== undefined && update.currentItem >= Math.max(1, session.agenda.length)) {
				const message =
					session.agenda.length === 0
						? 'This session has no agenda.'
						: `This session's agenda has ${session.agenda.length} item${session.agenda.length === 1 ? '' : 's'}.`
				throw new AppError('VALIDATION', message, { issues: [{ path: 'currentItem', message }] })
			}
			const timer = update.timer === undefined ? undefined : changeTimer(session.timer, update.timer, now)
			const changed = await this.#deps.storage.liveSessions.update(session.id, {
				...(update.currentItem !== undefined ? { currentItem: update.currentItem } : {}),
				...(timer !== undefined ? { timer } : {}),
				...(update.followMe !== undefined ? { followMe: update.followMe ? by.id : null } : {}),
			})
			if (!changed) throw notRunning()
			// The marks of the session's replay.
			if (changed.currentItem !== session.currentItem) {
				await this.#deps.storage.replay.recordItem(session.id, changed.currentItem, now)
			}
			state.session = changed
			return this.#broadcastSession(state, changed)
		})
	}

	/** Brings everyone on the board to a place ("come here"). */
	summon(boardId: string, by: User, target: SummonTarget): Promise<void> {
		return this.#serial(boardId, async (state) => {
			if (!state.session) throw notRunning()
			const message = this.#message({
				summon: { ...target, by: { id: by.id, displayName: by.displayName, color: by.color } },
			})
			for (const connection of state.connections) connection.send(message)
			this.#announce({ boardId, forward: Buffer.from(message).toString('base64') })
		})
	}

	/**
	 * Ends the running session: the board is kept as a snapshot (kind `session`, titled
	 * "<title> — <date>", with the participants), then the session is marked ended and everyone
	 * is told. When the snapshot cannot be taken the session goes on (nothing is lost).
	 */
	end(boardId: string, by: User): Promise<EndedSession> {
		return this.#serial(boardId, async (state) => {
			const session = state.session
			if (!session) throw notRunning()
			await this.#deps.beforeEnd?.(boardId)
			const now = this.#deps.clock.now()
			// The snapshot holds exactly the log up to `endLogId`, where the session's replay ends.
			const { snapshot, endLogId } = await captureSessionEnd(this.#deps, {
				boardId,
				kind: 'session',
				title: sessionSnapshotTitle(session.title, now),
				createdBy: by.id,
				sessionId: session.id,
				participants: session.participants.map((p) => p.id),
			})
			const ended = await this.#deps.storage.liveSessions.end(session.id, now, snapshot.id)
			if (!ended) throw notRunning()
			await this.#deps.storage.replay.setEndLogId(session.id, endLogId)
			state.session = null
			state.participantIds = new Set()
			return { session: this.#broadcastSession(state, ended), snapshot: snapshotView(snapshot) }
		})
	}

	/** A session as the API and the live connection show it, at this moment. */
	#view(record: LiveSessionRecord): LiveSession {
		const now = this.#deps.clock.now()
		return {
			id: record.id,
			boardId: record.boardId,
			title: record.title,
			agenda: record.agenda,
			currentItem: record.currentItem,
			timer: record.timer
				? {
						durationMs: record.timer.durationMs,
						remainingMs: remainingAt(record.timer, now),
						running: record.timer.runningSince !== null && record.endedAt === null,
					}
				: null,
			followMe: record.followMe,
			startedBy: record.startedBy,
			startedAt: record.startedAt,
			endedAt: record.endedAt,
			participants: record.participants,
			asOf: now.toISOString(),
		}
	}

	async #recordParticipant(state: BoardState, userId: string): Promise<void> {
		const session = state.session
		if (!session || state.participantIds.has(userId)) return
		state.participantIds.add(userId)
		await this.#deps.storage.liveSessions.addParticipant(session.id, userId, this.#deps.clock.now())
		const fresh = await this.#deps.storage.liveSessions.get(session.id)
		if (fresh && fresh.endedAt === null) {
			state.session = fresh
			this.#broadcastSession(state, fresh)
		}
	}

	#broadcastSession(state: BoardState, record: LiveSessionRecord, announce = true): LiveSession {
		const view = this.#view(record)
		const message = this.#message({ session: view })
		for (const connection of state.connections) connection.send(message)
		if (announce) this.#announce({ boardId: record.boardId, sessionId: record.id })
		return view
	}

	#message(message: SessionMessage): Uint8Array {
		return encodeSessionMessage(message)
	}

	#stateOf(boardId: string): BoardState {
		let state = this.#boards.get(boardId)
		if (!state) {
			state = {
				loaded: false,
				session: null,
				participantIds: new Set(),
				connections: new Set(),
				chain: Promise.resolve(),
				pending: 0,
			}
			this.#boards.set(boardId, state)
		}
		return state
	}

	/**
	 * Runs `task` with the board's state (loaded from the database on first use) after every
	 * earlier task of that board has finished. A failing task fails its caller only.
	 */
	#serial<T>(boardId: string, task: (state: BoardState) => Promise<T> | T): Promise<T> {
		const state = this.#stateOf(boardId)
		state.pending++
		const run = state.chain.then(async () => {
			if (!state.loaded) {
				const running = await this.#deps.storage.liveSessions.running(boardId)
				state.session = running ?? null
				state.participantIds = new Set(running?.participants.map((p) => p.id) ?? [])
				state.loaded = true
			}
			return task(state)
		})
		state.chain = run.catch(() => {})
		return run.finally(() => {
			state.pending--
		})
	}

	/**
	 * A board nobody is connected to any more, with no session and nothing queued, needs no
	 * memory. (Checked when a connection closes; a board only prepared for a connection that never
	 * opened stays, which costs a few bytes.)
	 */
	#forgetIfUnused(boardId: string, state: BoardState): void {
		if (state.connections.size === 0 && state.session === null && state.pending === 0) {
			if (this.#boards.get(boardId) === state) this.#boards.delete(boardId)
		}
	}
}

/** Time left on a stored timer at `now` (negative once over). */
function remainingAt(timer: StoredTimer, now: Date): number {
	if (timer.runningSince === null) return timer.remainingMs
	return timer.remainingMs - (now.getTime() - Date.parse(timer.runningSince))
}

/** The stored timer after a pause, a resume or an extension at `now`. */
function changeTimer(
	timer: StoredTimer | null,
	change: TimerChange,
	now: Date,
): { durationMs: number; remainingMs: number; runningSince: Date | null } {
	if (typeof change === 'object') {
		const extraMs = change.extendMinutes * MINUTE_MS
		// Extending a session without a time box gives it one, counting at once.
		if (!timer) return { durationMs: extraMs, remainingMs: extraMs, runningSince: now }
		return {
			durationMs: timer.durationMs + extraMs,
			remainingMs: timer.remainingMs + extraMs,
			runningSince: timer.runningSince === null ? null : new Date(timer.runningSince),
		}
	}
	if (!timer) throw new AppError('CONFLICT', 'This session has no timer.')
	switch (change) {
		case 'pause':
			// Pausing a paused timer changes nothing.
			return { durationMs: timer.durationMs, remainingMs: remainingAt(timer, now), runningSince: null }
		case 'resume':
			return {
				durationMs: timer.durationMs,
				remainingMs: timer.remainingMs,
				runningSince: timer.runningSince === null ? now : new Date(timer.runningSince),
			}
		default:
			return change satisfies never
	}
}

function alreadyRunning(): AppError {
	return new AppError('CONFLICT', 'A live session is already running on this board.')
}

function notRunning(): AppError {
	return new AppError('CONFLICT', 'No live session is running on this board.')
}
