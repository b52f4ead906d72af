import type { Logger } from '../logger.ts'
import type { BoardAccessResult } from '../spaces/Access.ts'
import type { BoardStore, Storage, User } from '../storage/Storage.ts'
import type { Room } from '../sync/Room.ts'
import { RoomRegistry, type RoomSettings } from '../sync/RoomRegistry.ts'
import { guardLayerDoc } from './layerBounds.ts'
import { circleLayer, type LayerName, layerRoomKey, parseLayerRoomKey, personalLayer } from './layerKeys.ts'

/** The layer a client asks for (`/sync/:boardId?layer=…`): its own, or its circle's. */
export type RequestedLayer = 'me' | 'circle'

export function isRequestedLayer(value: string): value is RequestedLayer {
	return value === 'me' || value === 'circle'
}

/**
 * The rooms of boards' note layers: a registry of rooms of its own, over the layer store, so a
 * layer is loaded, synced across processes, stored and unloaded exactly as a board is, and never
 * shares a room, a key or a table with its board.
 */
export class NoteLayerRooms {
	readonly registry: RoomRegistry
	readonly #storage: Storage
	/**
	 * The personal layers this process opened, per board: a reveal takes these as well as the
	 * stored ones, since a layer's first change may still be in its persistence window.
	 */
	readonly #opened = new Map<string, Set<string>>()

	constructor(storage: Storage, logger: Logger, settings: RoomSettings) {
		this.#storage = storage
		// The registry reads a room's board (to know it exists) and touches it on changes: a layer's
		// board is the one in its key, and a layer's change is nobody else's news (the board's
		// "updated" time would tell others that someone wrote something private).
		const boards = {
			get: (key: string) => {
				const parsed = parseLayerRoomKey(key)
				return parsed ? storage.boards.get(parsed.boardId) : Promise.resolve(undefined)
			},
			touch: async () => undefined,
		} as unknown as BoardStore
		this.registry = new RoomRegistry({ ...storage, boards, docs: storage.noteLayers }, logger, settings)
	}

	start(): Promise<void> {
		return this.registry.start()
	}

	closeAll(code: number): Promise<void> {
		return this.registry.closeAll(code)
	}

	/**
	 * The layer a person may join on a board they may see, or undefined: `me` is always their own
	 * (the key comes from the session, never from the client); `circle` is the circle of the board
	 * they are a member of, or else the first circle it is shared with that they are a member of.
	 */
	async layerFor(
		user: User,
		granted: BoardAccessResult,
		requested: RequestedLayer,
	): Promise<LayerName | undefined> {
		if (requested === 'me') return personalLayer(user.id)
		if (granted.circle && granted.relation.circleRole !== null) return circleLayer(granted.circle.id)
		for (const circleId of granted.sharedCircleIds) {
			if ((await this.#storage.circles.roleOf(circleId, user.id)) !== undefined) return circleLayer(circleId)
		}
		return undefined
	}

	/** The room of a layer, held for a connection being set up (see RoomRegistry.acquire). */
	async acquire(boardId: string, layer: LayerName): Promise<Room | undefined> {
		const key = layerRoomKey(boardId, layer)
		const room = await this.registry.acquire(key)
		if (room) {
			guardLayerDoc(room)
			if (layer.startsWith('me:')) {
				const keys = this.#opened.get(boardId) ?? new Set<string>()
				keys.add(key)
				this.#opened.set(boardId, keys)
			}
		}
		return room
	}

	/** The room keys of every personal layer of a board, stored or opened here. */
	async personalLayersOf(boardId: string): Promise<string[]> {
		const stored = await this.#storage.noteLayers.personalLayersOf(boardId)
		return [...new Set([...stored, ...(this.#opened.get(boardId) ?? [])])]
	}
}
