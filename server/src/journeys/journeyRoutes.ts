import {
	type CircleJourneyView,
	type CircleRelation,
	circleJourneyPermissions,
	daysBetween,
	type JourneyPause,
	journeyStatusAt,
	localDate,
	MAX_JOURNEY_PAUSES,
	MAX_JOURNEY_TEMPLATE_BYTES,
	type ParallelJourneys,
	putCircleJourneySchema,
	tribeJourneyPermissions,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { CircleAccess } from '../spaces/Access.ts'
import { notAllowed, notFound, pathId } from '../spaces/params.ts'
import type { SpacesDeps } from '../spaces/SpacesDeps.ts'
import type { CircleJourneyRecord, JourneyTemplateRecord, User } from '../storage/Storage.ts'
import { journeyDayEntries } from './journeyDayEntries.ts'
import { journeyTemplateRoutes, type ResolveOwner } from './journeyTemplateRoutes.ts'
import { journeyView, templateDetail, templateOutline } from './views.ts'

const tooLarge = () => {
	throw new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.')
}
// Templates are the one JSON body above the API's usual 64 kB: a year of prompts fits in this.
const templateBodyLimit = bodyLimit({ maxSize: MAX_JOURNEY_TEMPLATE_BYTES, onError: tooLarge })
const journeyBodyLimit = bodyLimit({ maxSize: 64 * 1024, onError: tooLarge })

/** A tribe's templates: its members read them, its stewards (and admins) write them. */
const tribeOwner: ResolveOwner = async ({ access }, user, rawId) => {
	const found = await access.tribe(user, pathId(rawId, 'tribe'))
	const can = found && tribeJourneyPermissions(found.relation)
	if (!found || !can?.view) throw notFound('tribe')
	return {
		tribeId: found.tribe.id,
		circleId: null,
		canEdit: can.editTemplates,
		refusal: 'Only the stewards of this tribe may change its journey templates.',
	}
}

/** A circle's own templates: read as its journey is, written by those who edit its journey. */
const circleOwner: ResolveOwner = async ({ access }, user, rawId) => {
	const found = await access.circle(user, pathId(rawId, 'circle'))
	const can = found && circleJourneyPermissions(found.relation)
	if (!found || !can?.view) throw notFound('circle')
	return {
		tribeId: found.tribe.id,
		circleId: found.circle.id,
		canEdit: can.edit,
		refusal: 'Only the facilitators of this circle may change its journey templates.',
	}
}

/**
 * Journeys (issue 10):
 * - `/circles/:id/journey`: a circle's journey, its status today and its days (GET), start,
 *   reschedule, pause or resume it (PUT), end it (DELETE)
 * - `/tribes/:id/journeys`: the tribe's circles' journeys side by side, filtered by what the
 *   asking person may view
 * - `/tribes/:id/journey-templates`, `/circles/:id/journey-templates`: templates
 */
export function journeyRoutes(deps: SpacesDeps) {
	const { storage, access, clock } = deps

	async function visibleJourney(user: User, rawId: string) {
		const found = await access.circle(user, pathId(rawId, 'circle'))
		const can = found && circleJourneyPermissions(found.relation)
		if (!found || !can?.view) throw notFound('circle')
		return { found, can }
	}

	/** The circle's journey page: journey, template, status now, and its days as `user` may see them. */
	async function circleJourney(found: CircleAccess, canEdit: boolean): Promise<CircleJourneyView> {
		const now = clock.now()
		const journey = await storage.journeys.getJourney(found.circle.id)
		const [template, made] = journey
			? await Promise.all([
					storage.journeys.getTemplate(journey.templateId),
					storage.journeys.madeIn({ circleId: found.circle.id }),
				])
			: [undefined, undefined]
		const view: CircleJourneyView = {
			circleId: found.circle.id,
			journey: journey ? journeyView(journey) : null,
			template: template ? templateDetail(template, mayEditTemplate(template, found.relation)) : null,
			status: journey && template ? journeyStatusAt(journey, template.template, now) : null,
			days: [],
			asOf: now.toISOString(),
			can: { edit: canEdit },
		}
		if (journey && template && made) {
			view.days =
				journeyDayEntries(made, [
					{
						circleId: found.circle.id,
						relation: found.relation,
						schedule: journey,
						lengthDays: template.template.lengthDays,
					},
				]).get(found.circle.id) ?? []
		}
		return view
	}

	return new Hono<AuthEnv>()
		.use('/tribes/:id/journey-templates', templateBodyLimit)
		.use('/tribes/:id/journey-templates/*', templateBodyLimit)
		.use('/circles/:id/journey-templates', templateBodyLimit)
		.use('/circles/:id/journey-templates/*', templateBodyLimit)
		.use('/circles/:id/journey', journeyBodyLimit)
		.get('/circles/:id/journey', async (c) => {
			const { user } = requireUser(c)
			const { found, can } = await visibleJourney(user, c.req.param('id'))
			return c.json(await circleJourney(found, can.edit), 200)
		})
		.put('/circles/:id/journey', validate('json', putCircleJourneySchema), async (c) => {
			const { user } = requireUser(c)
			const { found, can } = await visibleJourney(user, c.req.param('id'))
			if (!can.edit) throw notAllowed('Only the facilitators of this circle may change its journey.')
			const input = c.req.valid('json')
			const template = await storage.journeys.getTemplate(input.templateId)
			const ofThisCircle =
				template?.tribeId === found.tribe.id &&
				(template.circleId === null || template.circleId === found.circle.id)
			if (!template || !ofThisCircle) {
				throw new AppError('VALIDATION', 'There is no such journey template in this tribe.', {
					issues: [{ path: 'templateId', message: 'There is no such journey template in this tribe' }],
				})
			}
			const existing = await storage.journeys.getJourney(found.circle.id)
			const now = clock.now()
			const pauses = nextPauses(existing, input, template, now)
			await storage.journeys.putJourney({
				circleId: found.circle.id,
				templateId: template.id,
				startDate: input.startDate,
				timeZone: input.timeZone,
				pauses,
				at: now,
			})
			return c.json(await circleJourney(found, can.edit), existing ? 200 : 201)
		})
		.delete('/circles/:id/journey', async (c) => {
			const { user } = requireUser(c)
			const { found, can } = await visibleJourney(user, c.req.param('id'))
			if (!can.edit) throw notAllowed('Only the facilitators of this circle may change its journey.')
			if (!(await storage.journeys.deleteJourney(found.circle.id))) {
				throw new AppError('NOT_FOUND', 'This circle has no journey.')
			}
			return c.body(null, 204)
		})
		.get('/tribes/:id/journeys', async (c) => {
			const { user } = requireUser(c)
			const found = await access.tribe(user, pathId(c.req.param('id'), 'tribe'))
			if (!found || !tribeJourneyPermissions(found.relation).view) throw notFound('tribe')
			const tribeId = found.tribe.id
			// A handful of queries whatever the number of circles, days and boards.
			const [circles, journeys, made, mine] = await Promise.all([
				storage.circles.listOfTribe(tribeId),
				storage.journeys.listJourneysOfTribe(tribeId),
				storage.journeys.madeIn({ tribeId }),
				storage.circles.listOfMember(user.id),
			])
			const templateIds = [...new Set(journeys.map((j) => j.templateId))]
			const templates = new Map(
				(await storage.journeys.getTemplates(templateIds)).map((t) => [t.id, t] as const),
			)
			const journeyOf = new Map(journeys.map((j) => [j.circleId, j]))
			const roleIn = new Map(mine.map((m) => [m.id, m.role]))
			const now = clock.now()
			const onJourney = circles.map((circle) => {
				const journey = journeyOf.get(circle.id)
				const template = journey && templates.get(journey.templateId)
				const relation: CircleRelation = { ...found.relation, circleRole: roleIn.get(circle.id) ?? null }
				return {
					circle,
					relation,
					journey: template ? journey : undefined,
					template,
				}
			})
			const days = journeyDayEntries(
				made,
				onJourney.map(({ circle, relation, journey, template }) => ({
					circleId: circle.id,
					relation,
					schedule: journey,
					lengthDays: template?.template.lengthDays ?? 0,
				})),
			)
			const view: ParallelJourneys = {
				tribeId,
				templates: [...templates.values()].map(templateOutline),
				rows: onJourney.map(({ circle, relation, journey, template }) => ({
					circle: { id: circle.id, name: circle.name, myRole: relation.circleRole },
					journey: journey ? journeyView(journey) : null,
					status: journey && template ? journeyStatusAt(journey, template.template, now) : null,
					days: days.get(circle.id) ?? [],
				})),
				asOf: now.toISOString(),
			}
			return c.json(view, 200)
		})
		.route('/tribes', journeyTemplateRoutes(deps, tribeOwner))
		.route('/circles', journeyTemplateRoutes(deps, circleOwner))
}

/** Whether someone may change a template: a tribe's is its stewards', a circle's own its facilitators'. */
function mayEditTemplate(template: JourneyTemplateRecord, relation: CircleRelation): boolean {
	return template.circleId === null
		? tribeJourneyPermissions(relation).editTemplates
		: circleJourneyPermissions(relation).edit
}

/**
 * The pauses after a PUT. A new start date begins the count afresh (earlier pauses counted
 * against the old date). `paused: true` opens a pause today, only while the journey is under way;
 * `paused: false` closes an open pause today.
 */
function nextPauses(
	existing: CircleJourneyRecord | undefined,
	input: { startDate: string; timeZone: string; paused: boolean },
	template: JourneyTemplateRecord,
	now: Date,
): JourneyPause[] {
	const today = localDate(now, input.timeZone)
	const pauses =
		existing && existing.startDate === input.startDate ? existing.pauses.map((p) => ({ ...p })) : []
	const open = pauses.at(-1)?.resumedOn === null ? pauses.at(-1) : undefined
	if (input.paused && !open) {
		const status = journeyStatusAt({ ...input, pauses }, template.template, now)
		if (status.status !== 'running') {
			throw new AppError(
				'CONFLICT',
				status.status === 'upcoming'
					? 'This journey has not started yet: change its start date instead of pausing it.'
					: 'This journey is over: it cannot be paused.',
			)
		}
		if (pauses.length >= MAX_JOURNEY_PAUSES) {
			throw new AppError('CONFLICT', `A journey can be paused at most ${MAX_JOURNEY_PAUSES} times.`)
		}
		pauses.push({ pausedOn: today, resumedOn: null })
	} else if (!input.paused && open) {
		// A change of time zone can make "today" the day before the pause began there.
		open.resumedOn = daysBetween(open.pausedOn, today) < 0 ? open.pausedOn : today
	}
	return pauses
}
