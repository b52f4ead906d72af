import type { Socket } from 'node:net'
import { boardIdSchema, CloseCode } from '@circlespace/shared'
import { type HttpBindings, upgradeWebSocket } from '@hono/node-server'
import { type Context, Hono } from 'hono'
import type { WebSocket } from 'ws'
import { isRequestedLayer, type NoteLayerRooms } from '../audience/NoteLayerRooms.ts'
import type { PrivateModes } from '../audience/PrivateModes.ts'
import { assertFromThisSite } from '../auth/originCheck.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import type { GuestPrincipal } from '../guests/Guests.ts'
import type { Logger } from '../logger.ts'
import type { Access, BoardAccessResult } from '../spaces/Access.ts'
import { ConnectionQuota } from './ConnectionQuota.ts'
import { FrameCache, frameHeader } from './FrameCache.ts'
import type { LiveConnections } from './LiveConnections.ts'
import type { Room } from './Room.ts'
import type { RoomRegistry } from './RoomRegistry.ts'
import { SendBatcher } from './SendBatcher.ts'

const LARGE_MESSAGE_BYTES = 64 * 1024

/** An open connection as a {@link ConnectionObserver} sees it. */
export interface ObservedConnection {
	boardId: string
	userId: string
	/** A guest's connection (`guests/`): `userId` is then a guest's presence id, not an account's. */
	guest?: boolean
	/** Sends one whole message on the connection (dropped once it is closed). */
	send(message: Uint8Array): void
}

/**
 * Told of every connection that opens, so that it can send messages of its own on it besides
 * the room's (live sessions do). Kept apart from the room, whose hot path it never touches.
 */
export interface ConnectionObserver {
	/** A connection to this board is about to open (the person may see it): get ready. */
	prepare(boardId: string): Promise<void>
	/** A connection opened; returns the function to call once it has closed. */
	attach(connection: ObservedConnection): () => void
}

/** What the sync endpoint needs. */
export interface SyncRoutesDeps {
	rooms: RoomRegistry
	/** Told of every open connection, so that access changes reach it. */
	live: LiveConnections
	/** Told of every open connection too, to send it the board's live session. */
	sessions: ConnectionObserver
	access: Pick<Access, 'board'>
	logger: Logger
	/** The instance's public origin, for the `Origin` check; undefined to use the request's host. */
	publicUrl: string | undefined
	/**
	 * Most live connections one person may hold at once (`MAX_CONNECTIONS_PER_PERSON`, 20: a
	 * facilitator with a dozen boards open in tabs stays well under it; a script opening
	 * connections in a loop is stopped here, SPEC H7).
	 */
	maxConnectionsPerPerson: number
	/** Opens a guest's connection (a guest cookie, no account's session: `guests/guestSync.ts`). */
	guests?: (c: Context<AuthEnv>, guest: GuestPrincipal) => Promise<Response>
	/** The rooms of boards' note layers (`?layer=me|circle`, see `audience/`). */
	layers: NoteLayerRooms
	/** Told of every connection to a person's own layer, to send it the board's private mode. */
	privateModes: Pick<PrivateModes, 'attach'>
}

/** Why an upgraded socket is closed at once instead of joining its room. */
type Refusal = 'not_found' | 'failed' | 'too_many'

/**
 * `GET /sync/:boardId`: the y-websocket endpoint. The stock `WebsocketProvider` connects
 * with `serverUrl = ws(s)://host/sync` and `roomname = boardId`. Runs behind the session
 * middleware (`c.var.user`, `c.var.session`).
 *
 * Refused before any upgrade: a cross-site `Origin` (403) and a request without a valid
 * session (401). A board that does not exist or may not be seen is upgraded and then closed
 * with 4404, because a refused upgrade only tells the browser "error" and the client would
 * retry forever. Someone who may read but not edit the board gets a read-only connection.
 */
export function syncRoutes(deps: SyncRoutesDeps) {
	const { rooms, live, sessions, access, publicUrl } = deps
	const log = deps.logger.child({ module: 'sync' })
	const batcher = new SendBatcher()
	const frames = new FrameCache()
	const quota = new ConnectionQuota(deps.maxConnectionsPerPerson)
	return new Hono<AuthEnv>().get('/:boardId', async (c) => {
		if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
			throw new AppError('VALIDATION', 'This endpoint speaks WebSocket only.')
		}
		// A cross-site page must not open a live connection with the visitor's cookie.
		assertFromThisSite(c, publicUrl)
		const user = c.var.user
		const session = c.var.session
		if ((user === null || session === null) && c.var.guest !== null && deps.guests) {
			return deps.guests(c, c.var.guest)
		}
		if (user === null || session === null) {
			throw new AppError('UNAUTHENTICATED', 'Sign in to open this board.')
		}

		// Read before the access check: a change made while this connection is being set up
		// is then checked again once it is tracked.
		const checkedAt = live.changeCount
		const parsed = boardIdSchema.safeParse(c.req.param('boardId'))
		// A note layer of the board rather than the board itself (docs/API.md, "Note audience").
		const layerParam = c.req.query('layer')
		const layerAsked = layerParam === undefined ? undefined : isRequestedLayer(layerParam) ? layerParam : null
		let granted: BoardAccessResult | undefined
		let room: Room | undefined
		let refusal: Refusal | undefined
		// Taken at once, before any await, so that simultaneous attempts are all counted.
		const placeTaken = quota.take(user.id)
		let placeGiven = false
		const givePlace = () => {
			if (placeTaken && !placeGiven) {
				placeGiven = true
				quota.give(user.id)
			}
		}
		if (!placeTaken) {
			// Upgraded and then closed, so that the web app can say why and retry later.
			refusal = 'too_many'
			log.info({ userId: user.id }, 'refusing a live connection: too many open')
		} else if (!parsed.success || layerAsked === null) {
			refusal = 'not_found'
		} else {
			try {
				granted = await access.board(user, parsed.data)
				const layer =
					granted && layerAsked ? await deps.layers.layerFor(user, granted, layerAsked) : undefined
				room = !granted
					? undefined
					: layerAsked === undefined
						? await rooms.acquire(parsed.data)
						: layer
							? await deps.layers.acquire(parsed.data, layer)
							: undefined
				if (room === undefined) refusal = 'not_found'
				else if (layerAsked === undefined) {
					// Without it the connection still works, and hears of the session a moment later.
					await sessions
						.prepare(parsed.data)
						.catch((error) =>
							log.error({ err: error, boardId: parsed.data }, 'could not load the live session'),
						)
				}
			} catch (error) {
				refusal = 'failed'
				log.error({ err: error, boardId: parsed.data }, 'could not open a board')
			}
		}
		// If the handshake never completes, the hold taken by acquire must still be released.
		let opened = false
		const abandon = setTimeout(() => {
			if (opened) return
			room?.release()
			givePlace()
		}, 10_000)
		abandon.unref()
		return upgradeWebSocket(c, {
			onOpen(_event, ctx) {
				opened = true
				clearTimeout(abandon)
				const ws = ctx.raw as WebSocket
				if (room === undefined || granted === undefined) {
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
				const canEdit = granted.can.edit
				const connection = room.connect(
					{
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
					},
					{
						readOnly: !canEdit,
						// Presence shows who this is from the session, never from what the client says.
						identity: { userId: user.id, name: user.displayName, color: user.color },
					},
				)
				room.release()
				if (connection.closed) return
				const untrack = live.track(
					{
						boardId: granted.board.id,
						circleId: granted.circle?.id ?? null,
						tribeId: granted.circle?.tribeId ?? null,
						sharedCircleIds: granted.sharedCircleIds,
						userId: user.id,
						sessionId: session.id,
						canEdit,
						close: (code, reason) => connection.close(code, reason),
					},
					checkedAt,
				)
				ws.on('message', (data, isBinary) => connection.receive(data as Buffer, isBinary))
				// After the room's first messages (its state vector, who is here) and before the board
				// itself: someone joining mid-session sees the session at once.
				const detach =
					layerAsked === undefined
						? sessions.attach({
								boardId: granted.board.id,
								userId: user.id,
								send: (message) => connection.send(message),
							})
						: layerAsked === 'me'
							? deps.privateModes.attach({
									boardId: granted.board.id,
									send: (message) => connection.send(message),
								})
							: () => undefined
				ws.on('close', () => {
					untrack()
					detach()
					connection.disconnected()
				})
				ws.on('error', (error) => log.debug({ err: error }, 'socket error'))
			},
		})
	})
}
