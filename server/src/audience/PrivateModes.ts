import { RECORDS_MAP } from '@circlespace/shared'
import {
	encodePrivateModeMessage,
	type PrivateMode,
	type PrivateModeMessage,
} from '@circlespace/shared/audience/index.ts'
import type { Clock } from '../auth/Clock.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import type { Bus } from '../pubsub/Bus.ts'
import { withRoom } from '../snapshots/withRoom.ts'
import { newId } from '../spaces/ids.ts'
import type { Storage, User } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type { PrivateModeRecord } from './KyselyPrivateModeStore.ts'
import type { NoteLayerRooms } from './NoteLayerRooms.ts'

/** What {@link PrivateModes} needs. */
export interface PrivateModesDeps {
	storage: Storage
	rooms: Pick<RoomRegistry, 'acquire'>
	layers: NoteLayerRooms
	clock: Clock
	logger: Logger
	bus?: Bus
}

/** A connection that hears of a board's private mode (a person's own layer connection). */
export interface PrivateModeListener {
	boardId: string
	send(message: Uint8Array): void
}

const CHANNEL = 'circlespace:private-modes'
const ORIGIN = Symbol('private mode reveal')

/**
 * Boards' private modes: kept in the database (`board_private_modes`), told to every person on
 * the board over their own layer connection (a message of type 110), and revealed on the server.
 *
 * While a board is in private mode the web app writes every new note into its writer's own layer
 * (`me`), marked with the mode's id. Nobody else receives those notes: they are in rooms only the
 * writer joins. Revealing moves every note marked with the mode's id from every person's layer of
 * the board into the board's doc (without its author when the mode is anonymous), then ends the
 * mode; ending without revealing leaves them with their writers.
 */
export class PrivateModes {
	readonly #deps: PrivateModesDeps
	readonly #log: Logger
	readonly #listeners = new Map<string, Set<PrivateModeListener>>()
	/** One operation per board at a time (start, reveal, end), so two facilitators do not race. */
	readonly #chains = new Map<string, Promise<unknown>>()

	constructor(deps: PrivateModesDeps) {
		this.#deps = deps
		this.#log = deps.logger.child({ module: 'audience' })
	}

	/** Starts hearing other processes' changes (with a bus). */
	async listen(): Promise<void> {
		await this.#deps.bus?.subscribe(CHANNEL, (message) => {
			try {
				const { boardId, revealed } = JSON.parse(new TextDecoder().decode(message)) as {
					boardId: string
					revealed?: number
				}
				if (!this.#listeners.has(boardId)) return
				void this.current(boardId).then((mode) => this.#tell(boardId, { privateMode: mode, revealed }))
			} catch (error) {
				this.#log.warn({ err: error }, 'unreadable private mode event from another process')
			}
		})
	}

	/** A layer connection opened: it is told the board's private mode at once, and every change. */
	attach(listener: PrivateModeListener): () => void {
		let set = this.#listeners.get(listener.boardId)
		if (!set) {
			set = new Set()
			this.#listeners.set(listener.boardId, set)
		}
		set.add(listener)
		this.current(listener.boardId).then(
			(mode) => listener.send(encodePrivateModeMessage({ privateMode: mode })),
			(error) => this.#log.error({ err: error, boardId: listener.boardId }, 'could not read a private mode'),
		)
		return () => {
			const current = this.#listeners.get(listener.boardId)
			current?.delete(listener)
			if (current?.size === 0) this.#listeners.delete(listener.boardId)
		}
	}

	async current(boardId: string): Promise<PrivateMode | null> {
		const record = await this.#deps.storage.privateModes.get(boardId)
		return record ? await this.#view(record) : null
	}

	async start(boardId: string, by: User, options: { anonymous: boolean }): Promise<PrivateMode> {
		return this.#serial(boardId, async () => {
			const record: PrivateModeRecord = {
				boardId,
				id: newId(),
				anonymous: options.anonymous,
				startedBy: by.id,
				startedAt: this.#deps.clock.now().toISOString(),
			}
			if (!(await this.#deps.storage.privateModes.start(record))) {
				throw new AppError('CONFLICT', 'This board is already in private mode.')
			}
			const mode = await this.#view(record)
			this.#changed(boardId, { privateMode: mode })
			return mode
		})
	}

	/** Ends the board's private mode, its notes left with their writers. */
	async end(boardId: string): Promise<void> {
		await this.#serial(boardId, async () => {
			const record = await this.#running(boardId)
			await this.#deps.storage.privateModes.end(boardId, record.id)
			this.#changed(boardId, { privateMode: null })
		})
	}

	/**
	 * Moves every note written in the running private mode into the board, all in one change of
	 * the board's doc, and ends the mode. Returns how many notes were revealed.
	 */
	async reveal(boardId: string): Promise<number> {
		return this.#serial(boardId, async () => {
			const record = await this.#running(boardId)
			const revealed = new Map<string, string>()
			const keys = await this.#deps.layers.personalLayersOf(boardId)
			const layers: Array<{ key: string; ids: string[] }> = []
			for (const key of keys) {
				const ids = await withRoom(this.#deps.layers.registry, key, (room) => {
					const found: string[] = []
					room.doc.getMap<string>(RECORDS_MAP).forEach((value, id) => {
						const note = revealedNote(value, record)
						if (note === undefined) return
						revealed.set(id, note)
						found.push(id)
					})
					return found
				})
				if (ids.length > 0) layers.push({ key, ids })
			}
			// Into the board first: were the server to stop between the two, a note would be in both
			// (its writer's browser shows the board's), never in neither.
			if (revealed.size > 0) {
				await withRoom(this.#deps.rooms, boardId, (room) => {
					const records = room.doc.getMap<string>(RECORDS_MAP)
					room.doc.transact(() => {
						for (const [id, json] of revealed) records.set(id, json)
					}, ORIGIN)
				})
			}
			for (const { key, ids } of layers) {
				await withRoom(this.#deps.layers.registry, key, (room) => {
					const records = room.doc.getMap<string>(RECORDS_MAP)
					room.doc.transact(() => {
						for (const id of ids) records.delete(id)
					}, ORIGIN)
				})
			}
			await this.#deps.storage.privateModes.end(boardId, record.id)
			this.#changed(boardId, { privateMode: null, revealed: revealed.size })
			return revealed.size
		})
	}

	async #running(boardId: string): Promise<PrivateModeRecord> {
		const record = await this.#deps.storage.privateModes.get(boardId)
		if (!record) throw new AppError('CONFLICT', 'This board is not in private mode.')
		return record
	}

	async #view(record: PrivateModeRecord): Promise<PrivateMode> {
		const starter = record.startedBy ? await this.#deps.storage.users.get(record.startedBy) : undefined
		return {
			id: record.id,
			anonymous: record.anonymous,
			startedBy: starter ? { id: starter.id, displayName: starter.displayName } : null,
			startedAt: record.startedAt,
		}
	}

	#changed(boardId: string, message: PrivateModeMessage): void {
		this.#tell(boardId, message)
		this.#deps.bus?.publish(
			CHANNEL,
			new TextEncoder().encode(JSON.stringify({ boardId, revealed: message.revealed })),
		)
	}

	#tell(boardId: string, message: PrivateModeMessage): void {
		const encoded = encodePrivateModeMessage(message)
		for (const listener of this.#listeners.get(boardId) ?? []) listener.send(encoded)
	}

	#serial<T>(boardId: string, run: () => Promise<T>): Promise<T> {
		const previous = this.#chains.get(boardId) ?? Promise.resolve()
		const next = previous.catch(() => undefined).then(run)
		this.#chains.set(boardId, next)
		const forget = () => {
			if (this.#chains.get(boardId) === next) this.#chains.delete(boardId)
		}
		next.then(forget, forget)
		return next
	}
}

/**
 * The note as the board stores it once revealed, or undefined when the stored value is not a
 * shape written in this private mode: its audience and mode marks removed, and when the mode is
 * anonymous its author too (the name kept in `meta.author`, and tldraw's `textLastEditedBy`).
 */
export function revealedNote(
	value: string,
	mode: Pick<PrivateModeRecord, 'id' | 'anonymous'>,
): string | undefined {
	let record: unknown
	try {
		record = JSON.parse(value)
	} catch {
		return undefined
	}
	if (!record || typeof record !== 'object') return undefined
	const shape = record as { typeName?: unknown; meta?: unknown; props?: unknown }
	if (shape.typeName !== 'shape' || !shape.meta || typeof shape.meta !== 'object') return undefined
	const meta = { ...(shape.meta as Record<string, unknown>) }
	if (meta.privateMode !== mode.id) return undefined
	delete meta.privateMode
	delete meta.audience
	let props = shape.props
	if (mode.anonymous) {
		delete meta.author
		if (props && typeof props === 'object') {
			const copy = { ...(props as Record<string, unknown>) }
			for (const key of ['textFirstEditedBy', 'textLastEditedBy']) if (key in copy) copy[key] = null
			props = copy
		}
	}
	return JSON.stringify({ ...shape, meta, props })
}
