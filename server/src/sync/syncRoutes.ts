import { boardIdSchema } from '@circlespace/shared'
import { type Context, Hono } from 'hono'
import { isRequestedLayer, type NoteLayerRooms } from '../audience/NoteLayerRooms.ts'
import type { PrivateModes } from '../audience/PrivateModes.ts'
import { assertFromThisSite } from '../auth/originCheck.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import type { GuestPrincipal } from '../guests/Guests.ts'
import type { Logger } from '../logger.ts'
import type { Access } from '../spaces/Access.ts'
import type { LiveConnections } from './LiveConnections.ts'
import { RoomConnector } from './RoomConnector.ts'
import type { RoomRegistry } from './RoomRegistry.ts'

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
	const connector = new RoomConnector(deps.maxConnectionsPerPerson, log)
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
		return connector.open(c, {
			holder: user.id,
			async admit() {
				if (!parsed.success || layerAsked === null) return undefined
				const granted = await access.board(user, parsed.data)
				if (!granted) return undefined
				if (layerAsked === undefined) return { boardId: parsed.data, granted, layer: undefined }
				const layer = await deps.layers.layerFor(user, granted, layerAsked)
				return layer ? { boardId: parsed.data, granted, layer } : undefined
			},
			async acquire({ boardId, layer }) {
				if (layer) return await deps.layers.acquire(boardId, layer)
				const room = await rooms.acquire(boardId)
				if (room === undefined) return undefined
				// Without it the connection still works, and hears of the session a moment later.
				await sessions
					.prepare(boardId)
					.catch((error) => log.error({ err: error, boardId }, 'could not load the live session'))
				return room
			},
			refused(refusal, error) {
				if (refusal === 'too_many') log.info({ userId: user.id }, 'refusing a live connection: too many open')
				else if (refusal === 'failed') {
					log.error(
						{ err: error, boardId: parsed.success ? parsed.data : undefined },
						'could not open a board',
					)
				}
			},
			connectOptions: ({ granted }) => ({
				readOnly: !granted.can.edit,
				// Presence shows who this is from the session, never from what the client says.
				identity: { userId: user.id, name: user.displayName, color: user.color },
			}),
			joined({ granted }, connection) {
				const untrack = live.track(
					{
						boardId: granted.board.id,
						circleId: granted.circle?.id ?? null,
						tribeId: granted.circle?.tribeId ?? null,
						sharedCircleIds: granted.sharedCircleIds,
						userId: user.id,
						sessionId: session.id,
						canEdit: granted.can.edit,
						close: (code, reason) => connection.close(code, reason),
					},
					checkedAt,
				)
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
				return () => {
					untrack()
					detach()
				}
			},
		})
	})
}
