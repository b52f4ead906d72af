import type { Socket } from 'node:net'
import { boardIdSchema, CloseCode } from '@circlespace/shared'
import { type HttpBindings, upgradeWebSocket } from '@hono/node-server'
import type { Context } from 'hono'
import type { WebSocket } from 'ws'
import type { Clock } from '../auth/Clock.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore } from '../storage/Storage.ts'
import { ConnectionQuota } from '../sync/ConnectionQuota.ts'
import { FrameCache, frameHeader } from '../sync/FrameCache.ts'
import type { LiveConnections } from '../sync/LiveConnections.ts'
import type { Room } from '../sync/Room.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import { SendBatcher } from '../sync/SendBatcher.ts'
import type { ConnectionObserver } from '../sync/syncRoutes.ts'
import { type GuestPrincipal, Guests } from './Guests.ts'

const LARGE_MESSAGE_BYTES = 64 * 1024
// setTimeout's longest wait; a later end is still caught by the sweep.
const LONGEST_TIMER_MS = 2 ** 31 - 1

/** Most live connections one guest holds at once (a board in two or three tabs). */
export const MAX_CONNECTIONS_PER_GUEST = 5

/** What a guest's live connection needs. */
export interface GuestSyncDeps {
	rooms: RoomRegistry
	live: LiveConnections
	sessions: ConnectionObserver
	boards: Pick<BoardStore, 'getInContext'>
	clock: Clock
	logger: Logger
}

/** The presence id of a guest: never an account's id (those are not prefixed), stable for their session. */
export function guestPresenceId(guest: GuestPrincipal): string {
	return `guest-${guest.sessionId.slice(0, 16)}`
}

/**
 * The live connection of a guest (`/sync/:boardId` with a guest's cookie): only to the board of
 * their link, read-only unless the link allows editing, never to a note layer; their presence
 * shows the name they gave with "(guest)" written by the server. Any other board is closed with
 * 4404 as if it did not exist. The connection is tracked by {@link LiveConnections} as a guest's,
 * so that revoking the link, its expiry or the end of its live session close it with 4410.
 */
export function guestSync(deps: GuestSyncDeps) {
	const log = deps.logger.child({ module: 'guest-sync' })
	const quota = new ConnectionQuota(MAX_CONNECTIONS_PER_GUEST)
	const batcher = new SendBatcher()
	const frames = new FrameCache()
	return async (c: Context<AuthEnv>, guest: GuestPrincipal): Promise<Response> => {
		const checkedAt = deps.live.changeCount
		const parsed = boardIdSchema.safeParse(c.req.param('boardId'))
		const asksLayer = c.req.query('layer') !== undefined
		const placeTaken = quota.take(guest.sessionId)
		let placeGiven = false
		const givePlace = () => {
			if (placeTaken && !placeGiven) {
				placeGiven = true
				quota.give(guest.sessionId)
			}
		}
		let room: Room | undefined
		let canEdit = false
		let refusal: 'not_found' | 'failed' | 'too_many' | undefined
		if (!placeTaken) refusal = 'too_many'
		else if (!parsed.success || parsed.data !== guest.boardId || asksLayer) refusal = 'not_found'
		else {
			try {
				const board = await deps.boards.getInContext(guest.boardId)
				room = board ? await deps.rooms.acquire(guest.boardId) : undefined
				if (!board || !room) refusal = 'not_found'
				else {
					canEdit = Guests.canEdit(guest, board)
					await deps.sessions
						.prepare(guest.boardId)
						.catch((error) =>
							log.error({ err: error, boardId: guest.boardId }, 'could not load the live session'),
						)
				}
			} catch (error) {
				refusal = 'failed'
				log.error({ err: error, boardId: guest.boardId }, 'could not open a board for a guest')
			}
		}
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
				if (room === undefined || refusal !== undefined) {
					givePlace()
					if (refusal === 'too_many') ws.close(CloseCode.TOO_MANY, 'too many live connections')
					else if (refusal === 'failed') ws.close(CloseCode.INTERNAL_ERROR, 'could not load the board')
					else ws.close(CloseCode.BOARD_NOT_FOUND, 'board not found')
					room?.release()
					return
				}
				ws.on('close', givePlace)
				const socket = (c.env as HttpBindings).incoming.socket as Socket
				const presenceId = guestPresenceId(guest)
				const connection = room.connect(
					{
						send: (data) => {
							if (ws.readyState !== ws.OPEN) return
							batcher.hold(socket)
							if (data.length < LARGE_MESSAGE_BYTES) socket.write(frames.frameFor(data))
							else {
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
						// What the guest typed, marked by the server: nobody can pass for a member.
						identity: { userId: presenceId, name: `${guest.name} (guest)`, color: guest.color },
					},
				)
				room.release()
				if (connection.closed) return
				const untrack = deps.live.track(
					{
						boardId: guest.boardId,
						circleId: null,
						tribeId: null,
						userId: presenceId,
						sessionId: guest.sessionId,
						canEdit,
						guest: true,
						close: (code, reason) => connection.close(code, reason),
					},
					checkedAt,
				)
				// The link's end time closes the connection then, not at the next sweep.
				const untilExpiry = guest.expiresAt.getTime() - deps.clock.now().getTime()
				const expiry = setTimeout(
					() => deps.live.accessChanged({ sessionId: guest.sessionId }),
					Math.min(LONGEST_TIMER_MS, Math.max(0, untilExpiry) + 50),
				)
				expiry.unref()
				ws.on('message', (data, isBinary) => connection.receive(data as Buffer, isBinary))
				const detach = deps.sessions.attach({
					boardId: guest.boardId,
					userId: presenceId,
					guest: true,
					send: (message) => connection.send(message),
				})
				ws.on('close', () => {
					clearTimeout(expiry)
					untrack()
					detach()
					connection.disconnected()
				})
				ws.on('error', (error) => log.debug({ err: error }, 'socket error'))
			},
		})
	}
}
