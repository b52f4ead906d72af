import { SCHEMA_KEY } from '@circlespace/shared'
import { replayQuerySchema, restoreReplaySchema } from '@circlespace/shared/replay/index.ts'
import { Hono } from 'hono'
import type * as Y from 'yjs'
import type { Clock } from '../auth/Clock.ts'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { Logger } from '../logger.ts'
import { metaMapOf, recordsMapOf } from '../snapshots/boardDoc.ts'
import { withRoom } from '../snapshots/withRoom.ts'
import type { Access } from '../spaces/Access.ts'
import { managedBoard, visibleBoard } from '../spaces/boardAccess.ts'
import { newId } from '../spaces/ids.ts'
import { notFound } from '../spaces/params.ts'
import { boardView } from '../spaces/views.ts'
import type { Storage } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import { boardAt } from './boardAt.ts'
import { replayStream, resolveRange } from './replayStream.ts'

/** What the replay routes need. */
export interface ReplayRoutesDeps {
	storage: Storage
	access: Access
	/** To write a restored moment into its new board, like any edit. */
	rooms: Pick<RoomRegistry, 'acquire'>
	clock: Clock
	logger: Logger
}

/** The origin of the transaction that fills a board restored from a replay. */
export const replayRestoreOrigin = { server: 'replay-restore' }

const onlyFacilitators = 'Only the facilitators of this circle may make a new board from a replay.'

/**
 * Session replay, mounted at `/api`:
 * - `GET /boards/:id/replay?session=…` or `?from=…&to=…`: the board as it grew, streamed
 *   (newline-delimited JSON, see `replayStream`), for whoever may view the board; 404 otherwise
 * - `POST /boards/:id/replay/restore`: the board as it was at one moment, as a new board of its
 *   circle (the circle's facilitators)
 *
 * Replay only reads the log: the live board is never touched.
 */
export function replayRoutes(deps: ReplayRoutesDeps) {
	const { storage, access } = deps
	const log = deps.logger.child({ module: 'replay' })

	return new Hono<AuthEnv>()
		.get('/boards/:id/replay', validate('query', replayQuerySchema), async (c) => {
			const { user } = requireUser(c)
			const board = await visibleBoard(access, user, c.req.param('id'))
			const range = await resolveRange(deps, board.board.id, c.req.valid('query'))
			return c.body(replayStream({ storage, logger: log }, range), 200, {
				'Content-Type': 'application/x-ndjson; charset=utf-8',
				'Cache-Control': 'private, no-store',
				'X-Content-Type-Options': 'nosniff',
			})
		})
		.post('/boards/:id/replay/restore', validate('json', restoreReplaySchema), async (c) => {
			const { user } = requireUser(c)
			const found = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			const circleId = found.board.circleId
			if (!circleId) throw new AppError('CONFLICT', 'This board belongs to no circle to make a new board in.')
			const { at, title } = c.req.valid('json')
			const moment = await boardAt(storage, found.board.id, at)
			try {
				const board = await storage.boards.create({
					id: newId(),
					circleId,
					title: title ?? `${found.board.title.slice(0, 180)} (replayed)`,
					visibility: 'circle',
					createdBy: user.id,
				})
				try {
					await withRoom(deps.rooms, board.id, async (room) => {
						copyContent(moment, room.doc)
						await room.flush()
					})
				} catch (error) {
					await storage.boards.softDelete(board.id, deps.clock.now())
					throw error
				}
				const created = await access.board(user, board.id)
				if (!created) throw notFound('board')
				return c.json(boardView(created, created.can), 201)
			} finally {
				moment.destroy()
			}
		})
}

/**
 * Writes the records and schema of `from` into the (new, empty) doc `to` as they are, in one
 * transaction: the new board holds exactly what the moment held, and the web app migrates its
 * records on opening as for any board written by an older version.
 */
function copyContent(from: Y.Doc, to: Y.Doc): void {
	const records = recordsMapOf(to)
	const meta = metaMapOf(to)
	to.transact(() => {
		recordsMapOf(from).forEach((value, id) => {
			if (typeof value === 'string') records.set(id, value)
		})
		const schema = metaMapOf(from).get(SCHEMA_KEY)
		if (typeof schema === 'string') meta.set(SCHEMA_KEY, schema)
	}, replayRestoreOrigin)
}
