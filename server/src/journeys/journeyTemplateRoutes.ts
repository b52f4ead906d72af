import {
	exampleJourneyTemplate,
	type JourneyTemplate,
	type JourneyTemplateDetail,
	type JourneyTemplateSummary,
	journeyTemplateFileName,
	journeyTemplateSchema,
	parseJourneyTemplateFile,
	spaceIdSchema,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import { tldrHeaders } from '../snapshots/snapshotRoutes.ts'
import { newId } from '../spaces/ids.ts'
import { notAllowed } from '../spaces/params.ts'
import type { SpacesDeps } from '../spaces/SpacesDeps.ts'
import type { JourneyTemplateRecord, User } from '../storage/Storage.ts'
import { templateDetail, templateSummary } from './views.ts'

/** At most this many templates per tribe, and per circle. */
export const MAX_TEMPLATES_PER_OWNER = 200

/** Whose templates a route is about: a tribe's (`circleId` null) or one circle's own. */
export interface TemplateOwner {
	tribeId: string
	circleId: string | null
	/** Whether the asking person may write this owner's templates. */
	canEdit: boolean
	/** The 403 detail for someone who may read but not write them. */
	refusal: string
}

/**
 * Finds the owner named by the path id, or throws 404 (it does not exist, may not be seen, or
 * the person may not see its journeys).
 */
export type ResolveOwner = (deps: SpacesDeps, user: User, rawId: string) => Promise<TemplateOwner>

function templateNotFound(): AppError {
	return new AppError('NOT_FOUND', 'This journey template does not exist, or you cannot see it.')
}

/**
 * `/:id/journey-templates`: one owner's journey templates (mounted under `/tribes` and
 * `/circles`). Bodies are template documents (`journeyTemplateSchema`); the import takes a file
 * as it was exported and tells each way it can be wrong apart.
 */
export function journeyTemplateRoutes(deps: SpacesDeps, resolveOwner: ResolveOwner) {
	const { storage, clock } = deps

	async function editable(user: User, rawId: string): Promise<TemplateOwner> {
		const owner = await resolveOwner(deps, user, rawId)
		if (!owner.canEdit) throw notAllowed(owner.refusal)
		return owner
	}

	/** A template of this owner; 404 for one of another owner, exactly like an unknown one. */
	async function templateOf(owner: TemplateOwner, rawTemplateId: string): Promise<JourneyTemplateRecord> {
		const id = spaceIdSchema.safeParse(rawTemplateId)
		const record = id.success ? await storage.journeys.getTemplate(id.data) : undefined
		if (!record || record.tribeId !== owner.tribeId || record.circleId !== owner.circleId) {
			throw templateNotFound()
		}
		return record
	}

	async function create(owner: TemplateOwner, user: User, template: JourneyTemplate) {
		const existing = await storage.journeys.listTemplates(owner)
		if (existing.length >= MAX_TEMPLATES_PER_OWNER) {
			throw new AppError('CONFLICT', `There are already ${MAX_TEMPLATES_PER_OWNER} journey templates here.`)
		}
		const record = await storage.journeys.createTemplate({
			id: newId(),
			tribeId: owner.tribeId,
			circleId: owner.circleId,
			template,
			createdBy: user.id,
			createdAt: clock.now(),
		})
		const detail: JourneyTemplateDetail = templateDetail(record, owner.canEdit)
		return detail
	}

	return new Hono<AuthEnv>()
		.get('/:id/journey-templates', async (c) => {
			const { user } = requireUser(c)
			const owner = await resolveOwner(deps, user, c.req.param('id'))
			const listed = await storage.journeys.listTemplates(owner)
			const records = await storage.journeys.getTemplates(listed.map((t) => t.id))
			const byId = new Map(records.map((r) => [r.id, r]))
			const summaries: JourneyTemplateSummary[] = listed.flatMap((t) => {
				const record = byId.get(t.id)
				return record ? [templateSummary(record)] : []
			})
			return c.json(summaries, 200)
		})
		.post('/:id/journey-templates', validate('json', journeyTemplateSchema), async (c) => {
			const { user } = requireUser(c)
			const owner = await editable(user, c.req.param('id'))
			return c.json(await create(owner, user, c.req.valid('json')), 201)
		})
		.post('/:id/journey-templates/example', async (c) => {
			const { user } = requireUser(c)
			const owner = await editable(user, c.req.param('id'))
			return c.json(await create(owner, user, exampleJourneyTemplate), 201)
		})
		.post('/:id/journey-templates/import', async (c) => {
			const { user } = requireUser(c)
			const owner = await editable(user, c.req.param('id'))
			const result = parseJourneyTemplateFile(await c.req.text())
			if (!result.ok) {
				throw new AppError('VALIDATION', result.message, {
					issues: result.issues.length > 0 ? result.issues : [{ path: 'file', message: result.message }],
				})
			}
			return c.json(await create(owner, user, result.template), 201)
		})
		.get('/:id/journey-templates/:templateId', async (c) => {
			const { user } = requireUser(c)
			const owner = await resolveOwner(deps, user, c.req.param('id'))
			const record = await templateOf(owner, c.req.param('templateId'))
			return c.json(templateDetail(record, owner.canEdit), 200)
		})
		.get('/:id/journey-templates/:templateId/export', async (c) => {
			const { user } = requireUser(c)
			const owner = await resolveOwner(deps, user, c.req.param('id'))
			const record = await templateOf(owner, c.req.param('templateId'))
			const file = `${JSON.stringify(record.template, null, '\t')}\n`
			return c.body(file, 200, tldrHeaders(journeyTemplateFileName(record.template)))
		})
		.put('/:id/journey-templates/:templateId', validate('json', journeyTemplateSchema), async (c) => {
			const { user } = requireUser(c)
			const owner = await editable(user, c.req.param('id'))
			const record = await templateOf(owner, c.req.param('templateId'))
			const replaced = await storage.journeys.replaceTemplate(record.id, c.req.valid('json'), clock.now())
			if (!replaced) throw templateNotFound()
			return c.json(templateDetail(replaced, owner.canEdit), 200)
		})
		.delete('/:id/journey-templates/:templateId', async (c) => {
			const { user } = requireUser(c)
			const owner = await editable(user, c.req.param('id'))
			const record = await templateOf(owner, c.req.param('templateId'))
			const outcome = await storage.journeys.deleteTemplate(record.id)
			if (outcome === 'not_found') throw templateNotFound()
			if (outcome === 'in_use') {
				throw new AppError(
					'CONFLICT',
					`${record.usedBy === 1 ? 'A circle follows' : `${record.usedBy} circles follow`} this template: it can be deleted once no journey follows it.`,
				)
			}
			return c.body(null, 204)
		})
}
