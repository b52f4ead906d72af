import { CloseCode } from '@circlespace/shared'
import * as Y from 'yjs'
import type { Logger } from '../logger.ts'
import type { BoardStore, DocStore } from '../storage/Storage.ts'
import {
	type AwarenessEntry,
	decodeAwarenessUpdate,
	encodeAwarenessMessage,
	encodeSyncMessage,
	MalformedMessageError,
	MessageReader,
	MessageType,
	SyncType,
} from './messages.ts'
import { docFromStored, encodeLogEntry } from './storedDoc.ts'

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
}

const EMPTY_STATE_VECTOR_LENGTH = 1
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
}

/** One client connected to a room. */
export class Connection {
	readonly room: Room
	readonly socket: SyncSocket
	/** See {@link ConnectOptions.readOnly}. */
	readonly readOnly: boolean
	/** Awareness client ids this connection introduced; only it may change or remove them. */
	readonly clientIds = new Set<number>()
	closed = false
	sentSinceKeepalive = false

	constructor(room: Room, socket: SyncSocket, readOnly: boolean) {
		this.room = room
		this.socket = socket
		this.readOnly = readOnly
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
		this.socket.send(message)
	}

	close(code: number, reason: string): void {
		if (this.closed) return
		this.closed = true
		this.socket.close(code, reason)
		this.room.removeConnection(this)
	}
}

interface AwarenessState {
	clock: number
	state: string
	owner: Connection
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
export class Room {
	readonly options: RoomOptions
	readonly doc: Y.Doc
	private readonly log: Logger
	private readonly connections = new Set<Connection>()
	private readonly awareness = new Map<number, AwarenessState>()
	// Last clock of clients that left, so that echoes of their old state cannot revive them.
	private readonly departedClocks = new Map<number, number>()
	private state: RoomState = 'open'
	private holds = 0

	// Join cache: a full-state SYNC STEP2 message and the update messages since.
	private fullStateMessage: Uint8Array | null = null
	private tailMessages: Uint8Array[] = []
	private tailBytes = 0

	// Persistence.
	private unsaved: Uint8Array[] = []
	private flushTimer: ReturnType<typeof setTimeout> | null = null
	private flushChain: Promise<void> = Promise.resolve()
	private lastLogId: number
	private logEntriesSinceState: number
	private lastTouchedAt = 0

	private idleTimer: ReturnType<typeof setTimeout> | null = null
	private keepaliveTimer: ReturnType<typeof setInterval> | null = null
	private closedPromise: Promise<void> | null = null

	private constructor(options: RoomOptions, doc: Y.Doc, lastLogId: number, logEntriesSinceState: number) {
		this.options = options
		this.doc = doc
		this.log = options.logger.child({ boardId: options.boardId })
		this.lastLogId = lastLogId
		this.logEntriesSinceState = logEntriesSinceState
		doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(update, origin))
	}

	/** Loads a board's document (compacted state + later log entries) into a new room. */
	static async load(options: RoomOptions): Promise<Room> {
		const stored = await options.docs.load(options.boardId)
		const doc = docFromStored(stored)
		const room = new Room(options, doc, stored.lastId, stored.updates.length)
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
	connect(socket: SyncSocket, options: ConnectOptions = {}): Connection {
		const connection = new Connection(this, socket, options.readOnly === true)
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
					this.applyAwareness(connection, update, data)
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
			if (error instanceof MalformedMessageError) {
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

	private sendFullState(connection: Connection): void {
		// The cache lives until the updates since it outweigh a quarter of it (see
		// joinCacheIsStale): a burst of joins during a live session costs one encoding.
		if (this.fullStateMessage === null) {
			this.fullStateMessage = encodeSyncMessage(SyncType.STEP2, Y.encodeStateAsUpdate(this.doc))
		}
		connection.send(this.fullStateMessage)
		for (const message of this.tailMessages) connection.send(message)
	}

	private joinCacheIsStale(): boolean {
		return (
			this.fullStateMessage !== null &&
			(this.tailBytes > this.fullStateMessage.length / 4 || this.tailMessages.length > 512)
		)
	}

	private dropJoinCache(): void {
		this.fullStateMessage = null
		this.tailMessages = []
		this.tailBytes = 0
	}

	private applyClientUpdate(connection: Connection, update: Uint8Array): void {
		try {
			Y.applyUpdate(this.doc, update, connection)
		} catch {
			// Yjs throws on updates it cannot decode. What it did integrate before throwing is
			// valid content and was emitted (and so stored) through 'update' as usual.
			throw new MalformedMessageError('invalid update')
		}
	}

	private onDocUpdate(update: Uint8Array, origin: unknown): void {
		const message = encodeSyncMessage(SyncType.UPDATE, update)
		for (const connection of this.connections) {
			if (connection !== origin) connection.send(message)
		}
		if (this.fullStateMessage !== null) {
			this.tailMessages.push(message)
			this.tailBytes += message.length
			// A stale cache is dropped rather than kept growing until the next join.
			if (this.joinCacheIsStale()) this.dropJoinCache()
		}
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
	 * attempt to change or remove a client id that another connection owns. Only what
	 * changes is forwarded; when everything does, the client's own bytes are.
	 */
	private applyAwareness(connection: Connection, update: Uint8Array, message: Uint8Array): void {
		const entries = decodeAwarenessUpdate(update)
		let accepted: AwarenessEntry[] | null = null
		for (let i = 0; i < entries.length; i++) {
			const entry = entries[i] as AwarenessEntry
			const ok = this.recordAwareness(connection, entry)
			if (!ok && accepted === null) accepted = entries.slice(0, i)
			else if (ok && accepted !== null) accepted.push(entry)
		}
		if (accepted !== null && accepted.length === 0) return
		const forward = accepted === null ? message : encodeAwarenessMessage(accepted)
		for (const other of this.connections) {
			if (other !== connection) other.send(forward)
		}
	}

	/** Applies one entry if this connection may; true when it changed something. */
	private recordAwareness(connection: Connection, entry: AwarenessEntry): boolean {
		const current = this.awareness.get(entry.clientId)
		if (current === undefined) {
			const departedClock = this.departedClocks.get(entry.clientId)
			if (entry.state === 'null' || (departedClock !== undefined && entry.clock <= departedClock))
				return false
			this.departedClocks.delete(entry.clientId)
			this.awareness.set(entry.clientId, { clock: entry.clock, state: entry.state, owner: connection })
			connection.clientIds.add(entry.clientId)
			return true
		}
		if (current.owner !== connection) return false
		if (entry.clock > current.clock || (entry.clock === current.clock && entry.state === 'null')) {
			current.clock = entry.clock
			current.state = entry.state
			return true
		}
		return false
	}

	private presentAwareness(): AwarenessEntry[] {
		const entries: AwarenessEntry[] = []
		for (const [clientId, { clock, state }] of this.awareness) {
			if (state !== 'null') entries.push({ clientId, clock, state })
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
			this.awareness.delete(clientId)
			this.departedClocks.set(clientId, current.clock + 1)
			if (current.state !== 'null') removed.push({ clientId, clock: current.clock + 1, state: 'null' })
		}
		if (removed.length > 0) {
			const message = encodeAwarenessMessage(removed)
			for (const other of this.connections) other.send(message)
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
		try {
			this.lastLogId = await this.options.docs.append(this.boardId, encodeLogEntry(batch))
		} catch (error) {
			// Keep the batch: nothing is lost while the database is unavailable.
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
		// The state may include updates not yet in the log; replaying those on load is a no-op.
		const coversId = this.lastLogId
		const entriesBefore = this.logEntriesSinceState
		await this.options.docs.saveState(this.boardId, Y.encodeStateAsUpdateV2(this.doc), coversId)
		this.logEntriesSinceState -= entriesBefore
		this.log.debug({ coversId }, 'compacted')
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
