import { type RevealResult, startPrivateModeSchema } from '@circlespace/shared/audience/index.ts'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { Access } from '../spaces/Access.ts'
import { managedBoard, visibleBoard } from '../spaces/boardAccess.ts'
import type { PrivateModes } from './PrivateModes.ts'

const onlyFacilitators = 'Only the facilitators of this circle may run private mode.'

/**
 * A board's private mode, mounted at `/api` (docs/API.md, "Note audience"):
 * - `GET /boards/:id/private-mode`: the running mode or null (whoever sees the board)
 * - `POST /boards/:id/private-mode` `{ anonymous }`: start it (facilitators; 409 when running)
 * - `POST /boards/:id/private-mode/reveal`: reveal its notes and end it (facilitators)
 * - `DELETE /boards/:id/private-mode`: end it, its notes left with their writers (facilitators)
 *
 * Facilitators are those who manage the board, as for live sessions; others who see the board
 * get 403, those who do not 404.
 */
export function privateModeRoutes(deps: { access: Access; privateModes: PrivateModes }) {
	const { access, privateModes } = deps
	return new Hono<AuthEnv>()
		.get('/boards/:id/private-mode', async (c) => {
			const { user } = requireUser(c)
			const board = await visibleBoard(access, user, c.req.param('id'))
			return c.json(await privateModes.current(board.board.id), 200)
		})
		.post('/boards/:id/private-mode', validate('json', startPrivateModeSchema), async (c) => {
			const { user } = requireUser(c)
			const board = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			if (board.board.archivedAt !== null) {
				throw new AppError('CONFLICT', 'This board is archived: unarchive it to run private mode on it.')
			}
			const mode = await privateModes.start(board.board.id, user, c.req.valid('json'))
			return c.json(mode, 201)
		})
		.post('/boards/:id/private-mode/reveal', async (c) => {
			const { user } = requireUser(c)
			const board = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			const result: RevealResult = { revealed: await privateModes.reveal(board.board.id) }
			return c.json(result, 200)
		})
		.delete('/boards/:id/private-mode', async (c) => {
			const { user } = requireUser(c)
			const board = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			await privateModes.end(board.board.id)
			return c.body(null, 204)
		})
}
