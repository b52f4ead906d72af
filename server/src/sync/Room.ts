import { CloseCode } from '@circlespace/shared'
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import { SyncMetrics } from '../metrics/SyncMetrics.ts'
import type { BoardStore, DocStore } from '../storage/Storage.ts'
import {
	type BudgetVerdict,
	defaultMessageBudgetRules,
	MessageBudget,
	type MessageBudgetRules,
} from './MessageBudget.ts'
import {
	type AwarenessEntry,
	decodeAwarenessUpdate,
	encodeAwarenessMessage,
	encodeSyncMessage,
	MalformedMessageError,
	MessageReader,
	MessageType,
	type ReceivedAwarenessEntry,
	SyncType,
} from './messages.ts'
import { dropPending, hasPending, missingDependencies } from './missingDependencies.ts'
import { type PresenceIdentity, stampIdentity } from './presenceIdentity.ts'
import type { RelayedAwarenessEntry, RelayListener, RoomRelay } from './RoomRelay.ts'
import { decodeLogEntry, docFromStored, encodeLogEntry } from './storedDoc.ts'

/** The little a room needs of a WebSocket, so that it runs behind any transport. */
export interface SyncSocket {
	send(data: Uint8Array): void
	close(code: number, reason: string): void
	/** Bytes queued for sending and not yet written to the network. */
	readonly bufferedAmount: number
}

/** Tuning and collaborators of a room. */
export interface RoomOptions {
	boardId: string
	docs: DocStore
	/** To mark the board as changed (its "updated" time in lists). */
	boards: Pick<BoardStore, 'touch'>
	logger: Logger
	/** Updates are written at most once per this window (ms). */
	persistWindowMs: number
	/** Compact once this many log entries follow the compacted state. */
	compactAfterUpdates: number
	/** A connection with more unsent bytes than this is closed with 1013. */
	maxSendBufferBytes: number
	/** Called when the room has had no connection and no pending join for its idle delay. */
	onIdle: (room: Room) => void
	/** Idle delay (ms) before `onIdle`. */
	idleMs: number
	/** Bounds on presence (default {@link defaultPresenceLimits}). */
	presence?: PresenceLimits
	/** What one connection may send (default {@link defaultMessageBudgetRules}). */
	messageBudget?: MessageBudgetRules
	/**
	 * The link to other server processes holding this board, opened (subscribed) before the room
	 * reads storage; absent with one process.
	 */
	relay?: RoomRelay
	/** Where the process counts messages, closes and writes (shared by its rooms). */
	metrics?: SyncMetrics
}

// The origin of changes other processes made (and stored): applied and shown, never stored again.
const RELAY_ORIGIN = Symbol('relay')

/** Bounds on presence, so that no one can make a board unusable through it (SPEC R6). */
export interface PresenceLimits {
	/** Largest state one client id may announce (bytes); larger closes the sender with 4413. */
	maxStateBytes: number
	/** Client ids one connection may announce; further ones are dropped (a tab has one). */
	maxClientIdsPerConnection: number
	/** Most presence bytes a joining connection is sent at once; states beyond are left out. */
	maxJoinPresenceBytes: number
}

/** A tldraw presence with a few hundred selected shapes fits in 16 KiB. */
export const defaultPresenceLimits: PresenceLimits = {
	maxStateBytes: 16 * 1024,
	maxClientIdsPerConnection: 4,
	maxJoinPresenceBytes: 1024 * 1024,
}

const EMPTY_STATE_VECTOR_LENGTH = 1
const MAX_DEPARTED_CLIENTS = 10_000
// The join cache's tail of broadcast messages is kept up to this many (or bytes); beyond, a join
// encodes the difference from the doc (see Room.sendFullState).
const TAIL_MAX_MESSAGES = 256
const TAIL_MAX_BYTES = 1024 * 1024
// A log row older than this was committed: no transaction of ours stays open that long.
const SETTLED_ROW_MS = 10_000
const KEEPALIVE_MS = 10_000
// A board's "updated" time is refreshed at most this often while it is being edited.
const TOUCH_INTERVAL_MS = 10_000
// An empty Yjs update: applying it is a no-op for any client. Sent to connections that
// would otherwise receive nothing for a while, because the y-websocket client drops a
// connection after 30 s without a message.
const KEEPALIVE_MESSAGE = encodeSyncMessage(SyncType.UPDATE, new Uint8Array([0, 0]))

/** How a client takes part in a room. */
export interface ConnectOptions {
	/**
	 * Receives the board and takes part in presence, but its document changes (sync step 2
	 * and updates) are dropped: never applied, stored or broadcast. Dropped rather than
	 * refused, because a stock client sends its local state on every connect.
	 */
	readOnly?: boolean
	/** Who the connection belongs to; written into every presence state it announces. */
	identity: PresenceIdentity
}

/** One client connected to a room. */
export class Connection {
	readonly room: Room
	readonly socket: SyncSocket
	/** See {@link ConnectOptions.readOnly}. */
	readonly readOnly: boolean
	readonly identity: PresenceIdentity
	/** Awareness client ids this connection introduced; only it may change or remove them. */
	readonly clientIds = new Set<number>()
	readonly budget: MessageBudget
	closed = false
	sentSinceKeepalive = false

	constructor(room: Room, socket: SyncSocket, options: ConnectOptions) {
		this.room = room
		this.socket = socket
		this.readOnly = options.readOnly === true
		this.identity = options.identity
		this.budget = new MessageBudget(room.messageBudgetRules, performance.now())
	}

	/** Feeds one WebSocket message from the client. */
	receive(data: Uint8Array, isBinary: boolean): void {
		this.room.handleMessage(this, data, isBinary)
	}

	/** The transport closed (either side); forget this connection. */
	disconnected(): void {
		this.room.removeConnection(this)
	}

	send(message: Uint8Array): void {
		if (this.closed) return
		if (this.socket.bufferedAmount > this.room.options.maxSendBufferBytes) {
			this.close(CloseCode.TRY_AGAIN_LATER, 'send buffer full')
			return
		}
		this.sentSinceKeepalive = true
		this.room.metrics.messagesOut++
		this.socket.send(message)
	}

	close(code: number, reason: string): void {
		if (this.closed) return
		this.closed = true
		this.socket.close(code, reason)
		this.room.metrics.closed(code)
		this.room.removeConnection(this)
	}
}

/** A presence state over {@link PresenceLimits.maxStateBytes}: closes its sender with 4413. */
class PresenceTooLargeError extends Error {
	override name = 'PresenceTooLargeError'
}

/** Presence entries that another server process's connections own. */
interface RemoteOwner {
	processId: string
	clientIds: Set<number>
}

interface AwarenessState {
	/** The clock the room shares: the client's own plus `offset`. */
	clock: number
	/** Added to the client's clocks since it was reclaimed by a new connection (see recordAwareness). */
	offset: number
	state: string
	owner: Connection | RemoteOwner
	/** The account the state belongs to. */
	userId: string
}

/**
 * The lowest clock a client id first seen by this room is shared with: the time in milliseconds.
 *
 * A process cannot know which clocks other processes (or this one, before a restart) shared for a
 * client id, and y-protocols ignores a state whose clock is not above the last one it saw. A tab
 * moving to another process (rolling restart, a process killed) keeps its own clock, which can be
 * below what the others were shown, so its presence would stay invisible until it had moved as
 * often as the offset it lost (SPEC R7, M9). Shared clocks start at the time the room first heard
 * of the id instead: any earlier process heard of it earlier and added at most one per change
 * since (browsers change presence at most a few dozen times a second, and the presence budget
 * lets 30 a second through), so the new clocks are
 * above every one shown before — given clocks of the machines within the few hundred ms a
 * reconnect takes. The offset is fixed from then on, so a client's changes keep their order.
 */
function presenceClockFloor(): number {
	return Date.now()
}

/** A client id whose connection left: its last clock, and whose it was. */
interface DepartedClient {
	clock: number
	userId: string
}

type RoomState = 'open' | 'closing' | 'closed'

/**
 * One active board: its Y.Doc, the awareness of its clients, and its persistence.
 *
 * Hot path: every incoming update is applied once; the update Yjs emits is wrapped into
 * one message and that same buffer is sent to every other connection. Awareness messages
 * are validated, recorded and forwarded as received. A client joining with an empty state
 * gets a cached full-state message plus the updates since it was cached, instead of a
 * fresh encoding of the whole board per join.
 */
export class Room implements RelayListener {
	readonly options: RoomOptions
	readonly doc: Y.Doc
	private readonly log: Logger
	private readonly connections = new Set<Connection>()
	private readonly awareness = new Map<number, AwarenessState>()
	private readonly relay: RoomRelay | undefined
	readonly metrics: SyncMetrics
	private readonly remoteOwners = new Map<string, RemoteOwner>()
	// Clients that left, so that echoes of their old state cannot revive them.
	private readonly departed = new Map<number, DepartedClient>()
	readonly presenceLimits: PresenceLimits
	readonly messageBudgetRules: MessageBudgetRules
	private state: RoomState = 'open'
	private holds = 0

	// Join cache: a full-state SYNC STEP2 message, the state vector it covers, and the update
	// messages since, while they are few (see sendFullState).
	private fullStateMessage: Uint8Array | null = null
	private fullStateVector: Uint8Array | null = null
	private tailMessages: Uint8Array[] = []
	private tailBytes = 0
	// False once the tail stopped being collected: the next join encodes it from the doc instead.
	private tailKept = false

	// Persistence.
	private unsaved: Uint8Array[] = []
	private flushTimer: ReturnType<typeof setTimeout> | null = null
	private flushChain: Promise<void> = Promise.resolve()
	private lastLogId: number
	private stateCoversId: number
	private logEntriesSinceState: number
	private lastTouchedAt = 0

	private idleTimer: ReturnType<typeof setTimeout> | null = null
	private keepaliveTimer: ReturnType<typeof setInterval> | null = null
	private closedPromise: Promise<void> | null = null

	private constructor(
		options: RoomOptions,
		doc: Y.Doc,
		stored: { lastId: number; stateCoversId: number; entries: number },
	) {
		this.options = options
		this.doc = doc
		this.log = options.logger.child({ boardId: options.boardId })
		this.lastLogId = stored.lastId
		this.stateCoversId = stored.stateCoversId
		this.logEntriesSinceState = stored.entries
		this.relay = options.relay
		this.metrics = options.metrics ?? new SyncMetrics()
		this.presenceLimits = options.presence ?? defaultPresenceLimits
		this.messageBudgetRules = options.messageBudget ?? defaultMessageBudgetRules
		doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
	}

	/** Loads a board's document (compacted state + later log entries) into a new room. */
	static async load(options: RoomOptions): Promise<Room> {
		const stored = await options.docs.load(options.boardId)
		const doc = docFromStored(stored)
		if (hasPending(doc)) {
			// Written by a version that kept what Yjs could not integrate: it never can be.
			dropPending(doc)
			options.logger.warn({ boardId: options.boardId }, 'dropped unintegrable content from a stored board')
		}
		const room = new Room(options, doc, {
			lastId: stored.lastId,
			stateCoversId: stored.stateCoversId,
			entries: stored.updates.length,
		})
		if (options.relay) {
			options.relay.attach(room)
			// What other processes hold and did not store yet (or stored after our read) comes back.
			options.relay.requestSync(Y.encodeStateVector(doc))
		}
		if (room.logEntriesSinceState >= options.compactAfterUpdates) room.enqueue(() => room.compact())
		room.armIdleTimer()
		return room
	}

	get boardId(): string {
		return this.options.boardId
	}

	get connectionCount(): number {
		return this.connections.size
	}

	/** The id of the last log entry this room stored (after a {@link flush}: all it holds of its own). */
	get lastStoredId(): number {
		return this.lastLogId
	}

	/**
	 * How many people are on the board now: the accounts of this process's connections and of the
	 * presence other processes relay (a person with two tabs counts once). Reads only what the
	 * room holds already, so a gallery can ask it of many boards.
	 */
	get peopleHere(): number {
		const people = new Set<string>()
		for (const connection of this.connections) people.add(connection.identity.userId)
		for (const entry of this.awareness.values()) {
			if (entry.state !== 'null' && !(entry.owner instanceof Connection)) people.add(entry.userId)
		}
		return people.size
	}

	get isOpen(): boolean {
		return this.state === 'open'
	}

	/** Resolves when the room has been closed and flushed (only after {@link close}). */
	get closed(): Promise<void> {
		return this.closedPromise ?? Promise.resolve()
	}

	/** Keeps the room loaded while a connection is being set up. Pair with {@link release}. */
	hold(): void {
		this.holds++
		this.cancelIdleTimer()
	}

	release(): void {
		this.holds--
		this.armIdleTimer()
	}

	/** Adds a client: sends it the server's state vector and everyone's awareness. */
	connect(socket: SyncSocket, options: ConnectOptions): Connection {
		const connection = new Connection(this, socket, options)
		if (this.state !== 'open') {
			connection.close(CloseCode.SERVICE_RESTART, 'board is closing')
			return connection
		}
		this.connections.add(connection)
		this.cancelIdleTimer()
		this.startKeepalive()
		connection.send(encodeSyncMessage(SyncType.STEP1, Y.encodeStateVector(this.doc)))
		const present = this.presentAwareness()
		if (present.length > 0) connection.send(encodeAwarenessMessage(present))
		return connection
	}

	/** Dispatches one message from a connection; a bad message closes only that connection. */
	handleMessage(connection: Connection, data: Uint8Array, isBinary: boolean): void {
		if (connection.closed) return
		if (!isBinary) {
			connection.close(CloseCode.UNSUPPORTED_DATA, 'binary messages only')
			return
		}
		this.metrics.messagesIn++
		this.metrics.bytesIn += data.length
		const verdict: BudgetVerdict = connection.budget.take(
			data.length,
			data[0] === MessageType.AWARENESS,
			performance.now(),
		)
		if (verdict === 'close') {
			this.log.info({ userId: connection.identity.userId }, 'closing connection: sending too fast')
			connection.close(CloseCode.TOO_MANY, 'too many messages')
			return
		}
		// Presence beyond its rate is dropped: the next state the client sends replaces it anyway.
		if (verdict === 'drop') return
		try {
			const reader = new MessageReader(data)
			const type = reader.varUint()
			switch (type) {
				case MessageType.SYNC: {
					const syncType = reader.varUint()
					const payload = reader.varBytes()
					reader.end()
					if (syncType === SyncType.STEP1) this.answerStateVector(connection, payload)
					else if (syncType === SyncType.STEP2 || syncType === SyncType.UPDATE) {
						// A reader's changes go nowhere (not even to Yjs, so nothing of them is stored).
						if (!connection.readOnly) this.applyClientUpdate(connection, payload)
					} else throw new MalformedMessageError(`unknown sync message ${syncType}`)
					break
				}
				case MessageType.AWARENESS: {
					const update = reader.varBytes()
					reader.end()
					this.applyAwareness(connection, update)
					break
				}
				case MessageType.QUERY_AWARENESS: {
					reader.end()
					connection.send(encodeAwarenessMessage(this.presentAwareness()))
					break
				}
				default:
					throw new MalformedMessageError(`unknown message type ${type}`)
			}
		} catch (error) {
			if (error instanceof PresenceTooLargeError) {
				this.log.info({ userId: connection.identity.userId }, 'closing connection: presence too large')
				connection.close(CloseCode.PRESENCE_TOO_LARGE, error.message)
			} else if (error instanceof MalformedMessageError) {
				this.log.info({ reason: error.message }, 'closing connection: malformed message')
				connection.close(CloseCode.BAD_MESSAGE, error.message)
			} else {
				this.log.error({ err: error }, 'closing connection: error while handling a message')
				connection.close(CloseCode.INTERNAL_ERROR, 'internal error')
			}
		}
	}

	private answerStateVector(connection: Connection, stateVector: Uint8Array): void {
		if (stateVector.length === EMPTY_STATE_VECTOR_LENGTH && stateVector[0] === 0) {
			this.sendFullState(connection)
			return
		}
		let update: Uint8Array
		try {
			update = Y.encodeStateAsUpdate(this.doc, stateVector)
		} catch {
			throw new MalformedMessageError('invalid state vector')
		}
		connection.send(encodeSyncMessage(SyncType.STEP2, update))
	}

	/**
	 * A joiner with an empty state gets the cached full state plus what changed since, so that a
	 * join during a busy session costs no encoding of the whole board. While the updates since the
	 * cache are few, they are the tail of messages already broadcast; past that they stop being
	 * collected (nothing on the hot path grows), and the next join encodes the difference from the
	 * doc against the cache's state vector instead: about the size of what changed (Yjs has dropped
	 * the content of overwritten records), a few milliseconds on a board of 10,000 shapes against
	 * 30–60 for the whole board. The cache is rebuilt only when that difference outweighs a
	 * quarter of it (or 1 MiB).
	 */
	private sendFullState(connection: Connection): void {
		if (this.fullStateMessage === null || this.fullStateVector === null) {
			this.cacheFullState()
		} else if (!this.tailKept) {
			const since = encodeSyncMessage(SyncType.UPDATE, Y.encodeStateAsUpdate(this.doc, this.fullStateVector))
			if (since.length > this.tailByteLimit()) this.cacheFullState()
			else {
				this.tailMessages = [since]
				this.tailBytes = since.length
				this.tailKept = true
			}
		}
		connection.send(this.fullStateMessage as Uint8Array)
		for (const message of this.tailMessages) connection.send(message)
	}

	/** A tail above this is not worth sending after the cached state: the cache is rebuilt instead. */
	private tailByteLimit(): number {
		return Math.min(TAIL_MAX_BYTES, (this.fullStateMessage?.length ?? 0) / 4)
	}

	private cacheFullState(): void {
		this.fullStateVector = Y.encodeStateVector(this.doc)
		this.fullStateMessage = encodeSyncMessage(SyncType.STEP2, Y.encodeStateAsUpdate(this.doc))
		this.tailMessages = []
		this.tailBytes = 0
		this.tailKept = true
	}

	/** Stops collecting the tail (O(1) on the hot path); the next join encodes it instead. */
	private abandonTail(): void {
		this.tailMessages = []
		this.tailBytes = 0
		this.tailKept = false
	}

	private applyClientUpdate(connection: Connection, update: Uint8Array): void {
		let missing: boolean
		try {
			missing = missingDependencies(this.doc, update)
		} catch {
			throw new MalformedMessageError('invalid update')
		}
		// Yjs would keep it pending: sent to every newcomer, copied into snapshots, merged again
		// with every later update. Nothing of it is applied (SPEC H5).
		if (missing) throw new MalformedMessageError('update with missing dependencies')
		let undecodable = false
		try {
			Y.applyUpdate(this.doc, update, connection)
		} catch {
			// Yjs throws on updates it cannot decode. What it did integrate before throwing is
			// valid content and was emitted (and so stored) through 'update' as usual.
			undecodable = true
		}
		// What the check above cannot see (a dependency cycle between the update's own clients)
		// Yjs leaves pending: it was never emitted, so forgetting it loses nothing.
		if (hasPending(this.doc)) {
			dropPending(this.doc)
			throw new MalformedMessageError('update with missing dependencies')
		}
		if (undecodable) throw new MalformedMessageError('invalid update')
	}

	private onDocUpdate(update: Uint8Array, origin: unknown): void {
		const message = encodeSyncMessage(SyncType.UPDATE, update)
		for (const connection of this.connections) {
			if (connection !== origin) connection.send(message)
		}
		if (this.tailKept) {
			this.tailMessages.push(message)
			this.tailBytes += message.length
			if (this.tailMessages.length > TAIL_MAX_MESSAGES || this.tailBytes > this.tailByteLimit())
				this.abandonTail()
		}
		// Stored once, by the process where the change was made.
		if (origin === RELAY_ORIGIN) return
		this.relay?.publishUpdate(update)
		this.unsaved.push(update)
		if (this.flushTimer === null && this.state === 'open') {
			this.flushTimer = setTimeout(() => {
				this.flushTimer = null
				void this.flush()
			}, this.options.persistWindowMs)
		}
	}

	/**
	 * Records and forwards an awareness update. y-websocket clients echo every awareness
	 * change they receive, so entries for other connections' clients arrive all the time:
	 * those that change nothing (same or older clock) are dropped quietly, and so is any
	 * attempt to change or remove a client id that another person's connection owns. Every
	 * state is shared with the identity of the connection's person written in (SPEC R5).
	 */
	private applyAwareness(connection: Connection, update: Uint8Array): void {
		const entries = decodeAwarenessUpdate(update)
		const accepted: AwarenessEntry[] = []
		for (const entry of entries) {
			if (entry.bytes > this.presenceLimits.maxStateBytes) {
				throw new PresenceTooLargeError(`presence state over ${this.presenceLimits.maxStateBytes} bytes`)
			}
			const recorded = this.recordAwareness(connection, entry)
			if (recorded !== undefined) accepted.push(recorded)
		}
		if (accepted.length === 0) return
		const forward = encodeAwarenessMessage(accepted)
		for (const other of this.connections) {
			if (other !== connection) other.send(forward)
		}
		this.relay?.publishAwareness(accepted.map((entry) => ({ ...entry, userId: connection.identity.userId })))
	}

	/** Applies one entry if this connection may; returns what changed, as shared. */
	private recordAwareness(connection: Connection, entry: ReceivedAwarenessEntry): AwarenessEntry | undefined {
		const { clientId } = entry
		const current = this.awareness.get(clientId)
		// The same person's new connection (a tab reconnecting before its old socket was seen to
		// die, or after it closed) takes its client id back with its first announcement: y-websocket
		// re-sends the state it had with the same clock, which the others would ignore as old, so the
		// room shares that client's clocks from then on shifted past what the others saw (SPEC R7).
		const reclaiming = connection.clientIds.size === 0
		if (current === undefined) {
			const departed = this.departed.get(clientId)
			if (entry.value === null) return undefined
			let floor = 0
			if (departed !== undefined && entry.clock <= departed.clock) {
				if (!reclaiming || departed.userId !== connection.identity.userId) return undefined
				floor = departed.clock + 1
			}
			if (connection.clientIds.size >= this.presenceLimits.maxClientIdsPerConnection) return undefined
			const clock = Math.max(entry.clock, floor, presenceClockFloor())
			const offset = clock - entry.clock
			const state = stampIdentity(entry.value, connection.identity, clientId)
			this.departed.delete(clientId)
			this.awareness.set(clientId, {
				clock,
				offset,
				state,
				owner: connection,
				userId: connection.identity.userId,
			})
			connection.clientIds.add(clientId)
			return { clientId, clock, state }
		}
		if (current.owner !== connection) {
			const sameTab = reclaiming && current.userId === connection.identity.userId
			if (!sameTab || entry.value === null) return undefined
			current.owner.clientIds.delete(clientId)
			current.owner = connection
			connection.clientIds.add(clientId)
			current.offset = Math.max(0, current.clock + 1 - entry.clock)
			current.clock = entry.clock + current.offset
			current.state = stampIdentity(entry.value, connection.identity, clientId)
			return { clientId, clock: current.clock, state: current.state }
		}
		const clock = entry.clock + current.offset
		if (clock > current.clock || (clock === current.clock && entry.value === null)) {
			current.clock = clock
			current.state = stampIdentity(entry.value, connection.identity, clientId)
			return { clientId, clock, state: current.state }
		}
		return undefined
	}

	/**
	 * Everyone's presence for a joining connection, at most `maxJoinPresenceBytes` of it: states
	 * that would not fit are left out (the newcomer sees them at their next change), so what
	 * others announced can never keep anyone from joining.
	 */
	private presentAwareness(): AwarenessEntry[] {
		const entries: AwarenessEntry[] = []
		let budget = this.presenceLimits.maxJoinPresenceBytes
		for (const [clientId, { clock, state }] of this.awareness) {
			if (state === 'null' || state.length > budget) continue
			budget -= state.length
			entries.push({ clientId, clock, state })
		}
		return entries
	}

	/** Removes a client's presence; returns the removal to tell the others, if it was shown. */
	private forgetClient(clientId: number, current: AwarenessState): AwarenessEntry | undefined {
		this.awareness.delete(clientId)
		this.departed.set(clientId, { clock: current.clock + 1, userId: current.userId })
		// Bounded: a connection announcing ids and leaving, again and again, cannot grow it forever.
		if (this.departed.size > MAX_DEPARTED_CLIENTS) {
			const oldest = this.departed.keys().next().value
			if (oldest !== undefined) this.departed.delete(oldest)
		}
		return current.state === 'null' ? undefined : { clientId, clock: current.clock + 1, state: 'null' }
	}

	private broadcastLocally(message: Uint8Array): void {
		for (const connection of this.connections) connection.send(message)
	}

	/** See {@link RelayListener.remoteUpdate}. */
	remoteUpdate(update: Uint8Array, fromProcess: string): void {
		if (this.state === 'closed') return
		// Known from now on, so that its disappearance is noticed (see processLeft).
		this.remoteOwner(fromProcess)
		try {
			Y.applyUpdate(this.doc, update, RELAY_ORIGIN)
		} catch (error) {
			this.log.error({ err: error }, 'could not apply an update relayed by another process')
		}
		// A gap between processes (messages lost while the link was down): ask for what is missing.
		if (hasPending(this.doc)) this.relay?.requestSync(Y.encodeStateVector(this.doc))
	}

	/** See {@link RelayListener.remoteAwareness}. Other processes checked ownership already. */
	remoteAwareness(entries: RelayedAwarenessEntry[], fromProcess: string): void {
		if (this.state === 'closed') return
		const owner = this.remoteOwner(fromProcess)
		const changed: AwarenessEntry[] = []
		for (const entry of entries) {
			const current = this.awareness.get(entry.clientId)
			if (entry.state === 'null') {
				if (current?.owner !== owner || entry.clock < current.clock) continue
				owner.clientIds.delete(entry.clientId)
				const removal = this.forgetClient(entry.clientId, current)
				if (removal) changed.push(removal)
				continue
			}
			if (current === undefined) {
				// Shown to this process's browsers with a clock past a removal they saw (see R7).
				const departed = this.departed.get(entry.clientId)
				const offset =
					departed !== undefined && entry.clock <= departed.clock ? departed.clock + 1 - entry.clock : 0
				const clock = entry.clock + offset
				this.departed.delete(entry.clientId)
				this.awareness.set(entry.clientId, { clock, offset, state: entry.state, owner, userId: entry.userId })
				owner.clientIds.add(entry.clientId)
				changed.push({ clientId: entry.clientId, clock, state: entry.state })
				continue
			}
			const clock = entry.clock + (current.owner === owner ? current.offset : 0)
			if (clock <= current.clock) continue
			if (current.owner !== owner) {
				// The person's tab moved to another process: that process owns the client id now.
				current.owner.clientIds.delete(entry.clientId)
				current.owner = owner
				current.offset = 0
				owner.clientIds.add(entry.clientId)
			}
			current.clock = clock
			current.state = entry.state
			current.userId = entry.userId
			changed.push({ clientId: entry.clientId, clock, state: entry.state })
		}
		if (changed.length > 0) this.broadcastLocally(encodeAwarenessMessage(changed))
	}

	/** See {@link RelayListener.syncRequested}: what this process has that the asker lacks. */
	syncRequested(stateVector: Uint8Array, fromProcess: string): void {
		if (this.state !== 'open' || !this.relay) return
		let update: Uint8Array
		try {
			update = Y.encodeStateAsUpdate(this.doc, stateVector)
		} catch {
			return
		}
		this.relay.replySync(fromProcess, update, this.localAwareness())
	}

	/**
	 * See {@link RelayListener.processLeft}; `vanished` when its heartbeat stopped (killed, cut
	 * off): what it had not stored yet may live only in the memory of the processes that heard
	 * it, so this one writes a compacted state of everything it holds.
	 */
	processLeft(fromProcess: string, options: { vanished?: boolean } = {}): void {
		if (options.vanished && this.state === 'open') {
			this.enqueue(() => this.compact()).catch((error) =>
				this.log.error({ err: error }, 'could not store the board after a process vanished'),
			)
		}
		const owner = this.remoteOwners.get(fromProcess)
		if (!owner) return
		this.remoteOwners.delete(fromProcess)
		const removed: AwarenessEntry[] = []
		for (const clientId of owner.clientIds) {
			const current = this.awareness.get(clientId)
			if (current?.owner !== owner) continue
			const removal = this.forgetClient(clientId, current)
			if (removal) removed.push(removal)
		}
		if (removed.length > 0) this.broadcastLocally(encodeAwarenessMessage(removed))
	}

	/** After the link to the other processes came back: catch up both ways. */
	resync(): void {
		if (this.state !== 'open' || !this.relay) return
		this.relay.requestSync(Y.encodeStateVector(this.doc))
		this.relay.publishAwareness(this.localAwareness())
	}

	/** The other processes heard on this board (changes or presence) and not yet gone. */
	get remoteProcesses(): string[] {
		return [...this.remoteOwners.keys()]
	}

	private remoteOwner(processId: string): RemoteOwner {
		let owner = this.remoteOwners.get(processId)
		if (!owner) {
			owner = { processId, clientIds: new Set() }
			this.remoteOwners.set(processId, owner)
		}
		return owner
	}

	/** The presence this process's own connections hold, for other processes. */
	private localAwareness(): RelayedAwarenessEntry[] {
		const entries: RelayedAwarenessEntry[] = []
		for (const [clientId, { clock, state, owner, userId }] of this.awareness) {
			if (owner instanceof Connection && state !== 'null') entries.push({ clientId, clock, state, userId })
		}
		return entries
	}

	/** Forgets a connection and tells the others that its awareness states are gone. */
	removeConnection(connection: Connection): void {
		if (!this.connections.delete(connection)) return
		connection.closed = true
		const removed: AwarenessEntry[] = []
		for (const clientId of connection.clientIds) {
			const current = this.awareness.get(clientId)
			if (current?.owner !== connection) continue
			const removal = this.forgetClient(clientId, current)
			if (removal) removed.push(removal)
		}
		// While the room closes, everyone is being closed: a removal told to those still open would
		// leave their browsers with clocks the room that loads the board next never saw (R7).
		if (removed.length > 0 && this.state === 'open') {
			const message = encodeAwarenessMessage(removed)
			for (const other of this.connections) other.send(message)
			this.relay?.publishAwareness(removed.map((entry) => ({ ...entry, userId: connection.identity.userId })))
		}
		if (this.connections.size === 0) {
			this.stopKeepalive()
			this.armIdleTimer()
		}
	}

	/** Writes what is not yet stored. Resolves when it is stored, or failed and was kept for a retry. */
	flush(): Promise<void> {
		if (this.flushTimer !== null) {
			clearTimeout(this.flushTimer)
			this.flushTimer = null
		}
		return this.enqueue(() => this.writeUnsaved())
	}

	private enqueue(task: () => Promise<void>): Promise<void> {
		const next = this.flushChain.then(task)
		this.flushChain = next.catch(() => {})
		return next
	}

	private async writeUnsaved(): Promise<void> {
		if (this.unsaved.length === 0) return
		const batch = this.unsaved
		this.unsaved = []
		const started = performance.now()
		try {
			this.lastLogId = await this.options.docs.append(this.boardId, encodeLogEntry(batch))
			this.metrics.persisted(performance.now() - started)
		} catch (error) {
			// Keep the batch: nothing is lost while the database is unavailable.
			this.metrics.persistFailures++
			this.unsaved = batch.concat(this.unsaved)
			this.log.error({ err: error }, 'could not store updates; will retry')
			if (this.flushTimer === null && this.state === 'open') {
				this.flushTimer = setTimeout(() => {
					this.flushTimer = null
					void this.flush()
				}, 1000)
			}
			return
		}
		this.logEntriesSinceState++
		if (Date.now() - this.lastTouchedAt >= TOUCH_INTERVAL_MS) {
			this.lastTouchedAt = Date.now()
			await this.options.boards.touch(this.boardId)
		}
		if (this.logEntriesSinceState >= this.options.compactAfterUpdates) await this.compact()
	}

	private async compact(): Promise<void> {
		const entriesBefore = this.logEntriesSinceState
		// The state may include updates not yet in the log; replaying those on load is a no-op.
		const coversId = this.relay ? await this.catchUpWithLog() : this.lastLogId
		await this.options.docs.saveState(this.boardId, Y.encodeStateAsUpdateV2(this.doc), coversId)
		this.stateCoversId = coversId
		this.logEntriesSinceState -= entriesBefore
		this.log.debug({ coversId }, 'compacted')
	}

	/**
	 * With several processes, this one's last log id says nothing of the others' rows: a row
	 * another process stored may not have been relayed here yet. So before a compacted state is
	 * written, every row after the current one is read and applied (a no-op for what the doc has),
	 * and the state claims only rows old enough that no lower id can still be uncommitted
	 * (`SETTLED_ROW_MS`: ids are taken at insert, commits of two processes can finish out of order).
	 * Two processes compacting at once each write a state holding every row it claims.
	 */
	private async catchUpWithLog(): Promise<number> {
		const rows = await this.options.docs.readLog(this.boardId, this.stateCoversId)
		const settledBefore = Date.now() - SETTLED_ROW_MS
		let coversId = this.stateCoversId
		let settled = true
		for (const row of rows) {
			for (const update of decodeLogEntry(row.update)) Y.applyUpdate(this.doc, update, RELAY_ORIGIN)
			if (settled && Date.parse(row.createdAt) <= settledBefore) coversId = row.id
			else settled = false
		}
		if (hasPending(this.doc)) dropPending(this.doc)
		return coversId
	}

	/**
	 * Closes every connection with `code`, writes what is unsaved, compacts, and frees the doc.
	 * Idempotent.
	 */
	close(code: number = CloseCode.SERVICE_RESTART, reason = 'server closing'): Promise<void> {
		if (this.closedPromise) return this.closedPromise
		this.state = 'closing'
		this.cancelIdleTimer()
		this.stopKeepalive()
		for (const connection of [...this.connections]) connection.close(code, reason)
		this.closedPromise = (async () => {
			try {
				await this.flush()
				if (this.logEntriesSinceState > 0) await this.enqueue(() => this.compact())
			} finally {
				this.state = 'closed'
				await this.relay?.close().catch(() => {})
				this.doc.destroy()
			}
		})()
		return this.closedPromise
	}

	private armIdleTimer(): void {
		if (this.state !== 'open' || this.connections.size > 0 || this.holds > 0 || this.idleTimer !== null)
			return
		this.idleTimer = setTimeout(() => {
			this.idleTimer = null
			if (this.connections.size === 0 && this.holds === 0) this.options.onIdle(this)
		}, this.options.idleMs)
		this.idleTimer.unref()
	}

	private cancelIdleTimer(): void {
		if (this.idleTimer !== null) {
			clearTimeout(this.idleTimer)
			this.idleTimer = null
		}
	}

	private startKeepalive(): void {
		if (this.keepaliveTimer !== null) return
		this.keepaliveTimer = setInterval(() => {
			for (const connection of this.connections) {
				if (!connection.sentSinceKeepalive) connection.send(KEEPALIVE_MESSAGE)
				connection.sentSinceKeepalive = false
			}
		}, KEEPALIVE_MS)
		this.keepaliveTimer.unref()
	}

	private stopKeepalive(): void {
		if (this.keepaliveTimer !== null) {
			clearInterval(this.keepaliveTimer)
			this.keepaliveTimer = null
		}
	}
}
