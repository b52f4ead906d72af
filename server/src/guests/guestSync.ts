import { boardIdSchema } from '@circlespace/shared'
import type { Context } from 'hono'
import type { Clock } from '../auth/Clock.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import type { Logger } from '../logger.ts'
import type { BoardStore } from '../storage/Storage.ts'
import type { LiveConnections } from '../sync/LiveConnections.ts'
import { RoomConnector } from '../sync/RoomConnector.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type { ConnectionObserver } from '../sync/syncRoutes.ts'
import { type GuestPrincipal, Guests } from './Guests.ts'

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
	const connector = new RoomConnector(MAX_CONNECTIONS_PER_GUEST, log)
	return async (c: Context<AuthEnv>, guest: GuestPrincipal): Promise<Response> => {
		const checkedAt = deps.live.changeCount
		const parsed = boardIdSchema.safeParse(c.req.param('boardId'))
		const asksLayer = c.req.query('layer') !== undefined
		const presenceId = guestPresenceId(guest)
		return connector.open(c, {
			holder: guest.sessionId,
			async admit() {
				if (!parsed.success || parsed.data !== guest.boardId || asksLayer) return undefined
				const board = await deps.boards.getInContext(guest.boardId)
				return board ? { canEdit: Guests.canEdit(guest, board) } : undefined
			},
			async acquire() {
				const room = await deps.rooms.acquire(guest.boardId)
				if (room === undefined) return undefined
				await deps.sessions
					.prepare(guest.boardId)
					.catch((error) =>
						log.error({ err: error, boardId: guest.boardId }, 'could not load the live session'),
					)
				return room
			},
			refused(refusal, error) {
				if (refusal === 'failed') {
					log.error({ err: error, boardId: guest.boardId }, 'could not open a board for a guest')
				}
			},
			connectOptions: ({ canEdit }) => ({
				readOnly: !canEdit,
				// What the guest typed, marked by the server: nobody can pass for a member.
				identity: { userId: presenceId, name: `${guest.name} (guest)`, color: guest.color },
			}),
			joined({ canEdit }, connection) {
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
				const detach = deps.sessions.attach({
					boardId: guest.boardId,
					userId: presenceId,
					guest: true,
					send: (message) => connection.send(message),
				})
				return () => {
					clearTimeout(expiry)
					untrack()
					detach()
				}
			},
		})
	}
}
