import { randomBytes } from 'node:crypto'
import { boardIdSchema, createBoardSchema, renameBoardSchema } from '@circlespace/shared'
import { Hono } from 'hono'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { BoardStore } from '../storage/Storage.ts'

function notFound(): AppError {
	return new AppError('NOT_FOUND', 'This board does not exist.')
}

/** A malformed id names no board: answer 404 like any other unknown id. */
function boardId(raw: string): string {
	const parsed = boardIdSchema.safeParse(raw)
	if (!parsed.success) throw notFound()
	return parsed.data
}

/** `/api/boards`: create, list, read and rename boards. */
export function boardRoutes(boards: BoardStore) {
	return new Hono()
		.get('/', async (c) => c.json(await boards.list()))
		.post('/', validate('json', createBoardSchema), async (c) => {
			const { title } = c.req.valid('json')
			const board = await boards.create({ id: randomBytes(12).toString('base64url'), title })
			return c.json(board, 201)
		})
		.get('/:id', async (c) => {
			const board = await boards.get(boardId(c.req.param('id')))
			if (!board) throw notFound()
			return c.json(board)
		})
		.patch('/:id', validate('json', renameBoardSchema), async (c) => {
			const board = await boards.rename(boardId(c.req.param('id')), c.req.valid('json').title)
			if (!board) throw notFound()
			return c.json(board)
		})
}
