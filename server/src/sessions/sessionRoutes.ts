import {
	boardPermissions,
	type EndedSession,
	type LiveSession,
	type PastSession,
	startSessionSchema,
	summonSchema,
	updateSessionSchema,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { Access } from '../spaces/Access.ts'
import type { AccessChanges } from '../spaces/AccessChanges.ts'
import { managedBoard as managedBoardOf, visibleBoard as visibleBoardOf } from '../spaces/boardAccess.ts'
import { notFound, pathId } from '../spaces/params.ts'
import type { LiveSessionRecord, Storage, User } from '../storage/Storage.ts'
import type { LiveSessions } from './LiveSessions.ts'

/** What the live session routes need. */
export interface SessionRoutesDeps {
	storage: Storage
	access: Access
	sessions: LiveSessions
	/** Told when a session ends: guest links made for it end with it (`guests/`). */
	live?: AccessChanges
}

/** How many past sessions the circle's history shows. */
const HISTORY_LIMIT = 100

const onlyFacilitators = 'Only the facilitators of this circle may run its live sessions.'

/**
 * Live sessions, mounted at `/api`:
 * - `/boards/:id/session`: read (viewers), start and change (facilitators)
 * - `/boards/:id/session/summon`, `/boards/:id/session/end` (facilitators)
 * - `/circles/:id/sessions`: the ended sessions of the circle's boards the person may view
 *
 * Facilitators are those who manage the board (its circle's facilitators, the tribe's stewards,
 * admins); others who see the board get 403, those who do not 404.
 */
export function sessionRoutes(deps: SessionRoutesDeps) {
	const { storage, access, sessions } = deps

	const visibleBoard = (user: User, rawId: string) => visibleBoardOf(access, user, rawId)
	const managedBoard = (user: User, rawId: string) => managedBoardOf(access, user, rawId, onlyFacilitators)

	return new Hono<AuthEnv>()
		.get('/boards/:id/session', async (c) => {
			const { user } = requireUser(c)
			const board = await visibleBoard(user, c.req.param('id'))
			const session: LiveSession | null = await sessions.current(board.board.id)
			return c.json(session, 200)
		})
		.post('/boards/:id/session', validate('json', startSessionSchema), async (c) => {
			const { user } = requireUser(c)
			const board = await managedBoard(user, c.req.param('id'))
			if (board.board.archivedAt !== null) {
				throw new AppError('CONFLICT', 'This board is archived: unarchive it to run a live session on it.')
			}
			const { title, agenda, timeboxMinutes } = c.req.valid('json')
			const session = await sessions.start(board.board.id, user, { title, agenda, timeboxMinutes })
			return c.json(session, 201)
		})
		.patch('/boards/:id/session', validate('json', updateSessionSchema), async (c) => {
			const { user } = requireUser(c)
			const board = await managedBoard(user, c.req.param('id'))
			const session = await sessions.update(board.board.id, user, c.req.valid('json'))
			return c.json(session, 200)
		})
		.post('/boards/:id/session/summon', validate('json', summonSchema), async (c) => {
			const { user } = requireUser(c)
			const board = await managedBoard(user, c.req.param('id'))
			await sessions.summon(board.board.id, user, c.req.valid('json'))
			return c.body(null, 204)
		})
		.post('/boards/:id/session/end', async (c) => {
			const { user } = requireUser(c)
			const board = await managedBoard(user, c.req.param('id'))
			const ended: EndedSession = await sessions.end(board.board.id, user)
			deps.live?.accessChanged({ boardId: board.board.id })
			return c.json(ended, 200)
		})
		.get('/circles/:id/sessions', async (c) => {
			const { user } = requireUser(c)
			const found = await access.circle(user, pathId(c.req.param('id'), 'circle'))
			if (!found) throw notFound('circle')
			const boards = await storage.boards.listOfCircle(found.circle.id, { includeArchived: true })
			const visible = boards.filter(
				(board) =>
					boardPermissions(found.relation, {
						visibility: board.visibility,
						archived: board.archivedAt !== null,
						deleted: false,
					}).view,
			)
			const titles = new Map(visible.map((board) => [board.id, board.title]))
			const ended = await storage.liveSessions.listEnded([...titles.keys()], HISTORY_LIMIT)
			const history: PastSession[] = ended.map((session) =>
				pastSessionView(session, titles.get(session.boardId)),
			)
			return c.json(history, 200)
		})
}

/** An ended session as the circle's history shows it. */
function pastSessionView(session: LiveSessionRecord, boardTitle = ''): PastSession {
	const endedAt = session.endedAt ?? session.startedAt
	return {
		id: session.id,
		boardId: session.boardId,
		boardTitle,
		title: session.title,
		agenda: session.agenda,
		startedBy: session.startedBy,
		startedAt: session.startedAt,
		endedAt,
		durationMs: Math.max(0, Date.parse(endedAt) - Date.parse(session.startedAt)),
		participants: session.participants,
		snapshot: session.snapshot,
	}
}
