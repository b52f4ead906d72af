import { CloseCode } from '@circlespace/shared'
import type { Clock } from '../auth/Clock.ts'
import type { Guests } from '../guests/Guests.ts'
import type { Logger } from '../logger.ts'
import type { Bus } from '../pubsub/Bus.ts'
import type { Access, BoardAccessResult } from '../spaces/Access.ts'
import type { AccessChanges, AccessScope } from '../spaces/AccessChanges.ts'
import type { Session, SessionStore, User, UserStore } from '../storage/Storage.ts'

/** One open live connection as {@link LiveConnections} knows it. */
export interface LiveConnection {
	boardId: string
	/** Null for a board that belongs to no circle. */
	circleId: string | null
	tribeId: string | null
	/**
	 * The other circles the board is shared with (accepted shares): a change of their membership
	 * is checked for this connection too. Kept current by every full check.
	 */
	sharedCircleIds?: readonly string[]
	userId: string
	sessionId: string
	/** Whether the connection was opened for editing (else read-only). */
	canEdit: boolean
	/** A guest's (`guests/`): `sessionId` is the guest session's, checked by `guests` instead. */
	guest?: boolean
	/** Ends the connection with a documented close code. */
	close(code: number, reason: string): void
}

/** What {@link LiveConnections} needs. */
export interface LiveConnectionsDeps {
	sessions: Pick<SessionStore, 'get'>
	users: Pick<UserStore, 'get'>
	access: Pick<Access, 'board'>
	clock: Clock
	logger: Logger
	/** How often every connection's session is checked again (ms). */
	sweepIntervalMs: number
	/** The other server processes: every change is told to them too (absent with one process). */
	bus?: Bus
	/** Checks guests' connections again (without it, a guest's connection counts as signed out). */
	guests?: Pick<Guests, 'check'>
}

const ACCESS_CHANNEL = 'circlespace:access'

/** What a re-check decided. */
type Verdict = 'keep' | 'signed_out' | 'forbidden' | 'access_changed' | 'guest_ended'

/** A registered connection with the state of its re-checks. */
interface Entry extends LiveConnection {
	ended: boolean
	checking: boolean
	/** A check asked for while one was running; it runs next, with fresher reads. */
	pending: Check | undefined
	/** Why a guest's link ended, for the close reason. */
	guestEnd?: string
}

/** One re-check request: whether to look at access too, and the reads it shares with its batch. */
interface Check {
	full: boolean
	reads: Reads
}

/**
 * Reads shared by the checks of one batch, so that thirty connections of one circle cost one
 * session, user and access read per distinct person and board, not thirty.
 */
class Reads {
	readonly #deps: LiveConnectionsDeps
	readonly #sessions = new Map<string, Promise<Session | undefined>>()
	readonly #users = new Map<string, Promise<User | undefined>>()
	readonly #boards = new Map<string, Promise<BoardAccessResult | undefined>>()

	constructor(deps: LiveConnectionsDeps) {
		this.#deps = deps
	}

	session(id: string): Promise<Session | undefined> {
		return memo(this.#sessions, id, () => this.#deps.sessions.get(id))
	}

	user(id: string): Promise<User | undefined> {
		return memo(this.#users, id, () => this.#deps.users.get(id))
	}

	board(user: User, boardId: string): Promise<BoardAccessResult | undefined> {
		return memo(this.#boards, `${user.id} ${boardId}`, () => this.#deps.access.board(user, boardId))
	}
}

function memo<T>(map: Map<string, Promise<T>>, key: string, read: () => Promise<T>): Promise<T> {
	let found = map.get(key)
	if (found === undefined) {
		found = read()
		map.set(key, found)
	}
	return found
}

/**
 * Every open live connection of this process, with who opened it and the access it was given.
 * Told of access changes by the routes ({@link AccessChanges}), it looks up the access of the
 * connections in scope again and closes those that lost it: 4401 when the session ended, 4403
 * when the board may no longer be seen, 4409 when editing became reading or the reverse (the
 * client reconnects and gets the new access). A periodic sweep closes connections whose
 * session expired or was ended without a call. See docs/SPEC.md, rules A1–A4.
 */
export class LiveConnections implements AccessChanges {
	readonly #deps: LiveConnectionsDeps
	readonly #log: Logger
	readonly #entries = new Set<Entry>()
	readonly #running = new Set<Promise<void>>()
	#changes = 0
	#sweepTimer: ReturnType<typeof setInterval> | undefined
	#stopped = false

	constructor(deps: LiveConnectionsDeps) {
		this.#deps = deps
		this.#log = deps.logger.child({ module: 'live' })
	}

	/** Open connections known (for tests and metrics). */
	get size(): number {
		return this.#entries.size
	}

	/**
	 * A counter of access changes. Read it before checking a new connection's access and pass it
	 * to {@link track}: a change that happened in between is then checked for that connection too.
	 */
	get changeCount(): number {
		return this.#changes
	}

	/**
	 * Starts knowing an open connection whose access was checked when {@link changeCount} was
	 * `checkedAt`. Returns the function to call once the connection has closed.
	 */
	track(connection: LiveConnection, checkedAt: number): () => void {
		const entry: Entry = { ...connection, ended: false, checking: false, pending: undefined }
		this.#entries.add(entry)
		if (checkedAt !== this.#changes) this.#check([entry], true)
		return () => {
			entry.ended = true
			this.#entries.delete(entry)
		}
	}

	/** Checks again the connections `scope` may affect; they are closed within moments if need be. */
	accessChanged(scope: AccessScope): void {
		this.#deps.bus?.publish(ACCESS_CHANNEL, new TextEncoder().encode(JSON.stringify(scope)))
		this.#checkScope(scope)
	}

	/** Starts hearing the other processes' access changes (with a bus). */
	async listen(): Promise<void> {
		await this.#deps.bus?.subscribe(ACCESS_CHANNEL, (message) => {
			try {
				this.#checkScope(JSON.parse(new TextDecoder().decode(message)) as AccessScope)
			} catch (error) {
				this.#log.warn({ err: error }, 'unreadable access change from another process')
			}
		})
	}

	#checkScope(scope: AccessScope): void {
		this.#changes++
		const matching = [...this.#entries].filter((entry) => inScope(entry, scope))
		if (matching.length > 0) this.#check(matching, true)
	}

	/**
	 * Checks the session of every connection (expired, ended or its account gone → 4401).
	 * Resolves when every check has finished.
	 */
	sweep(): Promise<void> {
		return this.#check([...this.#entries], false)
	}

	/** Resolves once every check started so far has finished (and any it led to). */
	async idle(): Promise<void> {
		while (this.#running.size > 0) await Promise.all(this.#running)
	}

	/** Sweeps every `sweepIntervalMs` until {@link stop}; the timer does not keep the process alive. */
	start(): void {
		if (this.#sweepTimer !== undefined || this.#stopped) return
		this.#sweepTimer = setInterval(() => void this.sweep(), this.#deps.sweepIntervalMs)
		this.#sweepTimer.unref()
	}

	/** Stops sweeping and checking (on shutdown). */
	stop(): void {
		this.#stopped = true
		clearInterval(this.#sweepTimer)
		this.#sweepTimer = undefined
	}

	#check(entries: Entry[], full: boolean): Promise<void> {
		if (this.#stopped) return Promise.resolve()
		const reads = new Reads(this.#deps)
		const runs: Promise<void>[] = []
		for (const entry of entries) {
			if (entry.checking) {
				// The running check may have read the state from before this change: check again after it.
				entry.pending = { full: full || entry.pending?.full === true, reads }
			} else {
				const run = this.#run(entry, { full, reads })
				this.#running.add(run)
				void run.finally(() => this.#running.delete(run))
				runs.push(run)
			}
		}
		return Promise.all(runs).then(() => undefined)
	}

	async #run(entry: Entry, first: Check): Promise<void> {
		entry.checking = true
		try {
			let check: Check | undefined = first
			let full = false
			let verdict: Verdict = 'keep'
			while (check !== undefined && !entry.ended) {
				entry.pending = undefined
				// A session-only check that follows a full one must not hide what the full one found.
				full ||= check.full
				verdict = await this.#verdict(entry, full, check.reads)
				// Only the verdict on the newest state counts; a stale one would act on old access.
				check = entry.pending
			}
			if (!entry.ended && !this.#stopped) this.#apply(entry, verdict)
		} catch (error) {
			// The connection stays as it is; the next change or sweep checks it again.
			this.#log.error(
				{ err: error, boardId: entry.boardId, userId: entry.userId },
				'could not re-check access',
			)
		} finally {
			entry.checking = false
		}
	}

	async #verdict(entry: Entry, full: boolean, reads: Reads): Promise<Verdict> {
		if (entry.guest) {
			// Every check of a guest looks at the link (revoked, expired, session ended) and the board.
			const found = this.#deps.guests ? await this.#deps.guests.check(entry.sessionId, entry.canEdit) : 'gone'
			if (found === 'keep' || found === 'access_changed') return found
			entry.guestEnd = found === 'gone' ? 'guest link ended' : `guest link ${found.replace('_', ' ')}`
			return 'guest_ended'
		}
		const session = await reads.session(entry.sessionId)
		if (
			session === undefined ||
			session.userId !== entry.userId ||
			this.#deps.clock.now().getTime() >= session.expiresAt.getTime()
		) {
			return 'signed_out'
		}
		const user = await reads.user(entry.userId)
		if (user === undefined) return 'signed_out'
		if (!full) return 'keep'
		const access = await reads.board(user, entry.boardId)
		if (access === undefined) return 'forbidden'
		entry.sharedCircleIds = access.sharedCircleIds
		return access.can.edit === entry.canEdit ? 'keep' : 'access_changed'
	}

	#apply(entry: Entry, verdict: Verdict): void {
		switch (verdict) {
			case 'keep':
				return
			case 'signed_out':
				this.#close(entry, CloseCode.UNAUTHENTICATED, 'session ended')
				return
			case 'forbidden':
				this.#close(entry, CloseCode.FORBIDDEN, 'no longer allowed to see this board')
				return
			case 'access_changed':
				this.#close(entry, CloseCode.ACCESS_CHANGED, 'access changed')
				return
			case 'guest_ended':
				this.#close(entry, CloseCode.GUEST_ENDED, entry.guestEnd ?? 'guest link ended')
				return
			default:
				verdict satisfies never
		}
	}

	#close(entry: Entry, code: number, reason: string): void {
		this.#log.info(
			{ boardId: entry.boardId, userId: entry.userId, code },
			'closing a live connection: access changed',
		)
		entry.ended = true
		this.#entries.delete(entry)
		entry.close(code, reason)
	}
}

function inScope(entry: Entry, scope: AccessScope): boolean {
	if ('boardId' in scope) return entry.boardId === scope.boardId
	if ('circleId' in scope) {
		return entry.circleId === scope.circleId || entry.sharedCircleIds?.includes(scope.circleId) === true
	}
	if ('tribeId' in scope) return entry.tribeId === scope.tribeId
	if ('userId' in scope) return entry.userId === scope.userId
	return entry.sessionId === scope.sessionId
}
