import type { Socket } from 'node:net'
import { CloseCode } from '@circlespace/shared'
import { type HttpBindings, upgradeWebSocket } from '@hono/node-server'
import type { Context } from 'hono'
import type { WebSocket } from 'ws'
import type { Logger } from '../logger.ts'
import { ConnectionQuota } from './ConnectionQuota.ts'
import { FrameCache, frameHeader } from './FrameCache.ts'
import type { Connection, ConnectOptions, Room, SyncSocket } from './Room.ts'
import { SendBatcher } from './SendBatcher.ts'

const LARGE_MESSAGE_BYTES = 64 * 1024
/** How long an upgrade may take to complete before the room and the place it holds are given back. */
const ABANDON_AFTER_MS = 10_000

/** Why an upgraded socket is closed at once instead of joining its room. */
export type Refusal = 'not_found' | 'failed' | 'too_many'

/** What one kind of live connection (a member's, a guest's) decides while {@link RoomConnector} opens it. */
export interface RoomConnectionPlan<Grant> {
	/** Whose place in the quota the connection takes: an account's id, a guest's session id. */
	holder: string
	/**
	 * What the connection may do, read before its room is acquired; undefined refuses it as not
	 * found (a malformed board id, a board it may not see: existence does not leak).
	 */
	admit(): Promise<Grant | undefined>
	/**
	 * Acquires the room the grant opens (and readies what must be ready before it joins);
	 * undefined refuses it as not found. Nothing may throw once the room is acquired, or its hold
	 * would be lost: what may fail belongs in {@link admit}.
	 */
	acquire(grant: Grant): Promise<Room | undefined>
	/** Told of a refusal as it is decided, to log it; `error` is what failed for `failed`. */
	refused?(refusal: Refusal, error: unknown): void
	/** How the room sees the connection (read-only or not, whose presence it is). */
	connectOptions(grant: Grant): ConnectOptions
	/**
	 * The connection joined its room and is open: track it, attach what else it hears. Returns
	 * what to undo once its socket has closed.
	 */
	joined(grant: Grant, connection: Connection): () => void
}

/**
 * Opens live connections to rooms: the steps every `/sync/:boardId` connection takes, whoever
 * it is for. A place in the per-person quota is taken before any await, so that simultaneous
 * attempts are all counted. A refused connection is still upgraded and then closed with its
 * close code (4429 too many, 1011 failed, 4404 not found), because a refused upgrade only tells
 * the browser "error" and the client would retry forever.
 */
export class RoomConnector {
	readonly #quota: ConnectionQuota
	readonly #log: Logger
	readonly #batcher = new SendBatcher()
	readonly #frames = new FrameCache()

	/** `maxPerHolder` live connections at most for each holder; `log` is the caller's module logger. */
	constructor(maxPerHolder: number, log: Logger) {
		this.#quota = new ConnectionQuota(maxPerHolder)
		this.#log = log
	}

	/** Answers the upgrade request `c` with a connection to the room the plan opens, or with its refusal. */
	async open<Grant>(c: Context, plan: RoomConnectionPlan<Grant>): Promise<Response> {
		const { holder } = plan
		const placeTaken = this.#quota.take(holder)
		let placeGiven = false
		const givePlace = () => {
			if (placeTaken && !placeGiven) {
				placeGiven = true
				this.#quota.give(holder)
			}
		}
		let grant: Grant | undefined
		let room: Room | undefined
		let refusal: Refusal | undefined
		if (!placeTaken) {
			refusal = 'too_many'
			plan.refused?.(refusal, undefined)
		} else {
			try {
				grant = await plan.admit()
				room = grant === undefined ? undefined : await plan.acquire(grant)
				if (room === undefined) refusal = 'not_found'
			} catch (error) {
				refusal = 'failed'
				plan.refused?.(refusal, error)
			}
		}
		// If the handshake never completes, the hold taken by acquire must still be released.
		let opened = false
		const abandon = setTimeout(() => {
			if (opened) return
			room?.release()
			givePlace()
		}, ABANDON_AFTER_MS)
		abandon.unref()
		return upgradeWebSocket(c, {
			onOpen: (_event, ctx) => {
				opened = true
				clearTimeout(abandon)
				const ws = ctx.raw as WebSocket
				if (room === undefined || grant === undefined) {
					givePlace()
					if (refusal === 'too_many') ws.close(CloseCode.TOO_MANY, 'too many live connections')
					else if (refusal === 'failed') ws.close(CloseCode.INTERNAL_ERROR, 'could not load the board')
					else ws.close(CloseCode.BOARD_NOT_FOUND, 'board not found')
					return
				}
				ws.on('close', givePlace)
				// Messages go straight from ws to the room: Hono's per-message event (and its
				// copy of every buffer) stays off the hot path since no onMessage is given.
				// After the upgrade, ws writes to the request's own TCP socket.
				const socket = (c.env as HttpBindings).incoming.socket as Socket
				const connection = room.connect(this.#syncSocket(ws, socket), plan.connectOptions(grant))
				room.release()
				if (connection.closed) return
				const leave = plan.joined(grant, connection)
				ws.on('message', (data, isBinary) => connection.receive(data as Buffer, isBinary))
				ws.on('close', () => {
					leave()
					connection.disconnected()
				})
				ws.on('error', (error) => this.#log.debug({ err: error }, 'socket error'))
			},
		})
	}

	#syncSocket(ws: WebSocket, socket: Socket): SyncSocket {
		const batcher = this.#batcher
		const frames = this.#frames
		return {
			// Frames are written to the socket directly: one frame per broadcast, shared by
			// every recipient (ws would frame it again for each). Close and ping frames still
			// go through ws, on the same socket, so their order is kept.
			send: (data) => {
				if (ws.readyState !== ws.OPEN) return
				batcher.hold(socket)
				if (data.length < LARGE_MESSAGE_BYTES) {
					socket.write(frames.frameFor(data))
				} else {
					// A join's full state (megabytes) is not copied into a frame: header, then payload.
					socket.write(frameHeader(data.length))
					socket.write(data)
				}
			},
			close: (code, reason) => ws.close(code, reason),
			get bufferedAmount() {
				return ws.bufferedAmount
			},
		}
	}
}
