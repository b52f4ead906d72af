import { updateBoardSchema } from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { validate } from '../http/validate.ts'
import { checkJourneyDay } from '../journeys/checkJourneyDay.ts'
import { managedBoard, visibleBoard } from '../spaces/boardAccess.ts'
import { notFound } from '../spaces/params.ts'
import type { SpacesDeps } from '../spaces/SpacesDeps.ts'
import type { User } from '../storage/Storage.ts'
import { sharedBoardView } from './shares/sharedWith.ts'

/**
 * `/api/boards/:id`: read, change (rename, visibility, archive, unarchive) and delete one
 * board. Boards are listed and created under their circle (`/api/circles/:id/boards`).
 */
export function boardRoutes(deps: SpacesDeps) {
	const { storage, access, live, clock } = deps

	const managed = (user: User, rawId: string) => managedBoard(access, user, rawId)

	return new Hono<AuthEnv>()
		.get('/:id', async (c) => {
			const { user } = requireUser(c)
			const found = await visibleBoard(access, user, c.req.param('id'))
			return c.json(await sharedBoardView(storage, user, found), 200)
		})
		.patch('/:id', validate('json', updateBoardSchema), async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			const { title, visibility, archived, journeyDay } = c.req.valid('json')
			if (found.circle) await checkJourneyDay(storage, found.circle.id, journeyDay)
			const archivedAt = archived === undefined ? undefined : archived ? clock.now() : null
			// Archiving an archived board keeps the date it was first archived.
			const keepArchiveDate = archived === true && found.board.archivedAt !== null
			await storage.boards.update(found.board.id, {
				...(title !== undefined ? { title } : {}),
				...(visibility !== undefined ? { visibility } : {}),
				...(archivedAt !== undefined && !keepArchiveDate ? { archivedAt } : {}),
				...(journeyDay !== undefined ? { journeyDay } : {}),
			})
			if (visibility !== undefined || archived !== undefined) live.accessChanged({ boardId: found.board.id })
			const updated = await access.board(user, found.board.id)
			if (!updated) throw notFound('board')
			return c.json(await sharedBoardView(storage, user, updated), 200)
		})
		.delete('/:id', async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			await storage.boards.softDelete(found.board.id, clock.now())
			live.accessChanged({ boardId: found.board.id })
			return c.body(null, 204)
		})
}
