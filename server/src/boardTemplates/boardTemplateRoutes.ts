import {
	type BoardTemplate,
	boardTemplatePermissions,
	mayReadBoardTemplates,
	maySaveBoardAsTemplate,
	saveBoardAsTemplateSchema,
	spaceIdSchema,
	type TribeRelation,
	updateBoardTemplateSchema,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import { visibleBoard } from '../spaces/boardAccess.ts'
import { notAllowed, notFound, pathId } from '../spaces/params.ts'
import type { BoardTemplateRecord, User } from '../storage/Storage.ts'
import type { BoardTemplatesDeps } from './BoardTemplatesDeps.ts'
import { saveBoardAsTemplate } from './saveBoardAsTemplate.ts'
import { boardTemplateView } from './views.ts'

function templateNotFound(): AppError {
	return new AppError('NOT_FOUND', 'This board template does not exist, or you cannot see it.')
}

/** A template with what the asking person may do with it. */
interface VisibleTemplate {
	record: BoardTemplateRecord
	canEdit: boolean
}

/**
 * Board templates of tribes (issue 10, item 5):
 * - `POST /boards/:id/save-as-template`: a copy of the board's content becomes a template of its tribe
 * - `GET /tribes/:id/board-templates`: the tribe's templates
 * - `GET`, `PATCH`, `DELETE /board-templates/:id`, `GET /board-templates/:id/thumbnail`
 *
 * New boards start from one with `templateId` on `POST /circles/:id/boards`. People outside the
 * tribe get 404 for all of it, even where they may see the tribe.
 */
export function boardTemplateRoutes(deps: BoardTemplatesDeps) {
	const { storage, access, clock } = deps

	async function relationTo(user: User, tribeId: string): Promise<TribeRelation> {
		return { instanceRole: user.role, tribeRole: (await storage.tribes.roleOf(tribeId, user.id)) ?? null }
	}

	async function visibleTemplate(user: User, rawId: string): Promise<VisibleTemplate> {
		const id = spaceIdSchema.safeParse(rawId)
		const record = id.success ? await storage.boardTemplates.get(id.data) : undefined
		if (!record) throw templateNotFound()
		const can = boardTemplatePermissions(await relationTo(user, record.tribeId), {
			savedByThem: record.createdBy?.id === user.id,
		})
		if (!can.view) throw templateNotFound()
		return { record, canEdit: can.edit }
	}

	async function editableTemplate(user: User, rawId: string): Promise<VisibleTemplate> {
		const found = await visibleTemplate(user, rawId)
		if (!found.canEdit) {
			throw notAllowed('Only the person who saved this template and the stewards of its tribe may change it.')
		}
		return found
	}

	return new Hono<AuthEnv>()
		.post('/boards/:id/save-as-template', validate('json', saveBoardAsTemplateSchema), async (c) => {
			const { user } = requireUser(c)
			const found = await visibleBoard(access, user, c.req.param('id'))
			const state = {
				visibility: found.board.visibility,
				archived: found.board.archivedAt !== null,
				deleted: false,
			}
			if (!found.circle || !maySaveBoardAsTemplate(found.relation, state)) {
				throw notAllowed(
					'Only the facilitators of this circle and the stewards of its tribe may save its boards as templates.',
				)
			}
			const { name, description } = c.req.valid('json')
			const record = await saveBoardAsTemplate(deps, {
				board: found.board,
				tribeId: found.circle.tribeId,
				name,
				description,
				savedBy: user.id,
			})
			const view: BoardTemplate = boardTemplateView(record, true)
			return c.json(view, 201)
		})
		.get('/tribes/:id/board-templates', async (c) => {
			const { user } = requireUser(c)
			const found = await access.tribe(user, pathId(c.req.param('id'), 'tribe'))
			if (!found || !mayReadBoardTemplates(found.relation)) throw notFound('tribe')
			const records = await storage.boardTemplates.listOfTribe(found.tribe.id)
			const views: BoardTemplate[] = records.map((record) =>
				boardTemplateView(
					record,
					boardTemplatePermissions(found.relation, { savedByThem: record.createdBy?.id === user.id }).edit,
				),
			)
			return c.json(views, 200)
		})
		.get('/board-templates/:id', async (c) => {
			const { user } = requireUser(c)
			const { record, canEdit } = await visibleTemplate(user, c.req.param('id'))
			return c.json(boardTemplateView(record, canEdit), 200)
		})
		.get('/board-templates/:id/thumbnail', async (c) => {
			const { user } = requireUser(c)
			const { record } = await visibleTemplate(user, c.req.param('id'))
			const png = await storage.boardTemplates.getThumbnail(record.id)
			if (!png) throw new AppError('NOT_FOUND', 'This board template has no thumbnail.')
			return c.body(new Uint8Array(png), 200, {
				'Content-Type': 'image/png',
				'Content-Length': String(png.byteLength),
				'X-Content-Type-Options': 'nosniff',
				'Content-Security-Policy': "default-src 'none'",
				// Only for members of the tribe: never in a shared cache.
				'Cache-Control': 'private, no-cache',
			})
		})
		.patch('/board-templates/:id', validate('json', updateBoardTemplateSchema), async (c) => {
			const { user } = requireUser(c)
			const { record } = await editableTemplate(user, c.req.param('id'))
			const updated = await storage.boardTemplates.update(record.id, c.req.valid('json'), clock.now())
			if (!updated) throw templateNotFound()
			return c.json(boardTemplateView(updated, true), 200)
		})
		.delete('/board-templates/:id', async (c) => {
			const { user } = requireUser(c)
			const { record } = await editableTemplate(user, c.req.param('id'))
			if (!(await storage.boardTemplates.delete(record.id))) throw templateNotFound()
			return c.body(null, 204)
		})
}
