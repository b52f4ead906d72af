import type { Logger } from '../logger.ts'
import type { SyncMetrics } from '../metrics/SyncMetrics.ts'
import type { Bus } from '../pubsub/Bus.ts'
import { ProcessHeartbeat } from '../pubsub/ProcessHeartbeat.ts'
import { BatchedDocStore } from '../storage/BatchedDocStore.ts'
import type { DocStore, Storage } from '../storage/Storage.ts'
import { Room } from './Room.ts'
import { RoomRelay } from './RoomRelay.ts'

/** Settings every room of a registry shares. */
export interface RoomSettings {
	persistWindowMs: number
	compactAfterUpdates: number
	maxSendBufferBytes: number
	idleMs: number
	/** The other processes of the instance (Redis); absent with one process. */
	bus?: Bus
	/** Counted by every room of the registry. */
	metrics?: SyncMetrics
}

/**
 * The active rooms of this process: loads a board's room on first use, unloads it after
 * it has been idle, and closes them all on shutdown.
 */
export class RoomRegistry {
	private readonly rooms = new Map<string, Promise<Room | undefined>>()
	private readonly storage: Storage
	/**
	 * What the rooms store their log through: every room writes at most one entry per persistence
	 * window, each at a moment of its own, so the entries of all busy rooms are gathered for one
	 * window and committed in one transaction (one commit instead of one per board). An entry is
	 * stored up to one window later; what is stored is unchanged, and a room whose entry fails keeps
	 * it and retries. Per process: with several processes each stores only its own clients' updates.
	 */
	private readonly docs: BatchedDocStore
	private readonly logger: Logger
	private readonly settings: RoomSettings
	private shuttingDown = false
	private readonly heartbeat: ProcessHeartbeat | undefined
	private stopListening: (() => void) | undefined

	constructor(storage: Storage, logger: Logger, settings: RoomSettings) {
		this.storage = storage
		this.docs = new BatchedDocStore(storage.docs, { gatherMs: settings.persistWindowMs })
		this.logger = logger.child({ module: 'sync' })
		this.settings = settings
		this.heartbeat = settings.bus ? new ProcessHeartbeat(settings.bus) : undefined
	}

	/** Starts hearing the other processes (with a bus): their heartbeats, and the link coming back. */
	async start(): Promise<void> {
		const { bus } = this.settings
		if (!bus || !this.heartbeat) return
		await this.heartbeat.start(() => void this.dropSilentProcesses())
		this.stopListening = bus.onReconnect(() => {
			void this.eachRoom((room) => room.resync())
		})
	}

	private async dropSilentProcesses(): Promise<void> {
		const heartbeat = this.heartbeat
		if (!heartbeat) return
		await this.eachRoom((room) => {
			for (const processId of room.remoteProcesses) {
				if (heartbeat.isGone(processId)) room.processLeft(processId, { vanished: true })
			}
		})
	}

	private async eachRoom(action: (room: Room) => void): Promise<void> {
		for (const loading of this.rooms.values()) {
			const room = await loading.catch(() => undefined)
			if (room?.isOpen) action(room)
		}
	}

	/**
	 * The room of a board, held open for a connection being set up (call `room.release()`
	 * once connected). Undefined when the board does not exist or the server is stopping.
	 */
	async acquire(boardId: string): Promise<Room | undefined> {
		for (;;) {
			if (this.shuttingDown) return undefined
			let loading = this.rooms.get(boardId)
			if (loading === undefined) {
				loading = this.load(boardId)
				this.rooms.set(boardId, loading)
				loading.then(
					(room) => {
						if (room === undefined) this.forget(boardId, loading)
					},
					() => this.forget(boardId, loading),
				)
			}
			const room = await loading
			if (room === undefined) return undefined
			if (!room.isOpen) {
				// Being unloaded: wait until its last writes are stored, then load it afresh.
				await room.closed
				this.forget(boardId, loading)
				continue
			}
			room.hold()
			return room
		}
	}

	/** Rooms currently loaded (for tests and metrics). */
	get size(): number {
		return this.rooms.size
	}

	/** A loaded room, if any, without loading it. */
	async peek(boardId: string): Promise<Room | undefined> {
		return this.rooms.get(boardId)
	}

	private forget(boardId: string, loading: Promise<Room | undefined> | undefined): void {
		if (this.rooms.get(boardId) === loading) this.rooms.delete(boardId)
	}

	private async load(boardId: string): Promise<Room | undefined> {
		const board = await this.storage.boards.get(boardId)
		if (board === undefined) return undefined
		const { bus, ...settings } = this.settings
		// Subscribed before storage is read: a change another process makes meanwhile is not missed.
		const relay = bus ? new RoomRelay(bus, boardId) : undefined
		await relay?.open()
		let room: Room | undefined
		try {
			room = await Room.load({
				boardId,
				docs: closingWritesAtOnce(this.docs, () => room !== undefined && !room.isOpen),
				boards: this.storage.boards,
				logger: this.logger,
				...settings,
				relay,
				onIdle: (idle) => void this.unload(idle),
			})
		} catch (error) {
			await relay?.close()
			throw error
		}
		this.logger.debug({ boardId }, 'room loaded')
		return room
	}

	private async unload(room: Room): Promise<void> {
		const loading = this.rooms.get(room.boardId)
		try {
			await room.close()
			this.logger.debug({ boardId: room.boardId }, 'room unloaded')
		} catch (error) {
			this.logger.error({ err: error, boardId: room.boardId }, 'error while unloading a room')
		} finally {
			this.forget(room.boardId, loading)
		}
	}

	/**
	 * Closes every room: connections get `code`, unsaved updates are written. Each room's close
	 * waits for its last entry to be stored, gathered batch included (at most one window more).
	 */
	async closeAll(code: number): Promise<void> {
		this.shuttingDown = true
		this.stopListening?.()
		await this.heartbeat?.stop()
		const rooms = await Promise.all(this.rooms.values())
		await Promise.allSettled(rooms.map((room) => room?.close(code)))
		this.rooms.clear()
	}
}

/**
 * The batched store as one room sees it: while the room is closing (shutdown, unload), its last
 * entry is written at the next turn rather than after a whole gathering window, so that a stop
 * or an unload is not held up by the window (with `PERSIST_WINDOW_MS` of seconds, by seconds).
 */
function closingWritesAtOnce(docs: BatchedDocStore, isClosing: () => boolean): DocStore {
	return {
		append: (boardId, update) =>
			isClosing() ? docs.appendNow(boardId, update) : docs.append(boardId, update),
		appendMany: (entries) => docs.appendMany(entries),
		load: (boardId) => docs.load(boardId),
		saveState: (boardId, state, coversId) => docs.saveState(boardId, state, coversId),
		readLog: (boardId, afterId, limit) => docs.readLog(boardId, afterId, limit),
		sizes: (boardId) => docs.sizes(boardId),
	}
}
