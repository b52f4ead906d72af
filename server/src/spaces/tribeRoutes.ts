import {
	addStewardSchema,
	type Circle,
	createCircleSchema,
	createTribeSchema,
	instancePermissions,
	type TribeDetail,
	tribePermissions,
	updateTribeSchema,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { User } from '../storage/Storage.ts'
import { circleDetail } from './circleRoutes.ts'
import { newId } from './ids.ts'
import { notAllowed, notFound, pathId } from './params.ts'
import type { SpacesDeps } from './SpacesDeps.ts'
import { circleView, tribeView } from './views.ts'

/** `/api/tribes`: list, convene or claim, read, change and join tribes; their members and circles. */
export function tribeRoutes(deps: SpacesDeps) {
	const { storage, access, live, clock } = deps

	async function detail(user: User, tribeId: string): Promise<TribeDetail> {
		const summary = await storage.tribes.getSummary(tribeId, user.id)
		if (!summary) throw notFound('tribe')
		const can = tribePermissions({ instanceRole: user.role, tribeRole: summary.myRole }, summary)
		if (!can.view) throw notFound('tribe')
		return { ...tribeView(summary), can }
	}

	/** The tribe when the person may manage it; 404 when they may not see it, 403 when they only see it. */
	async function managed(user: User, rawId: string) {
		const found = await access.tribe(user, pathId(rawId, 'tribe'))
		if (!found) throw notFound('tribe')
		if (!found.can.manage) throw notAllowed('Only the stewards of this tribe may do this.')
		return found
	}

	return new Hono<AuthEnv>()
		.get('/', async (c) => {
			const { user } = requireUser(c)
			const tribes = await storage.tribes.listVisible(user.id, { includePrivate: user.role === 'admin' })
			return c.json(tribes.map(tribeView), 200)
		})
		.post('/', validate('json', createTribeSchema), async (c) => {
			const { user } = requireUser(c)
			const can = instancePermissions(user.role, await storage.settings.get())
			if (!can.conveneTribe && !can.claimTribe) {
				throw notAllowed('Only the admin can set up tribes on this instance.')
			}
			const input = c.req.valid('json')
			const tribe = await storage.tribes.create({
				id: newId(),
				...input,
				kind: can.conveneTribe ? 'convened' : 'emergent',
				createdAt: clock.now(),
				stewardId: user.id,
			})
			return c.json(await detail(user, tribe.id), 201)
		})
		.get('/:id', async (c) => {
			const { user } = requireUser(c)
			return c.json(await detail(user, pathId(c.req.param('id'), 'tribe')), 200)
		})
		.patch('/:id', validate('json', updateTribeSchema), async (c) => {
			const { user } = requireUser(c)
			const { tribe } = await managed(user, c.req.param('id'))
			await storage.tribes.update(tribe.id, c.req.valid('json'))
			live.accessChanged({ tribeId: tribe.id })
			return c.json(await detail(user, tribe.id), 200)
		})
		.post('/:id/join', async (c) => {
			const { user } = requireUser(c)
			const found = await access.tribe(user, pathId(c.req.param('id'), 'tribe'))
			if (!found) throw notFound('tribe')
			if (found.relation.tribeRole === null) {
				if (!found.can.join) {
					throw notAllowed(
						'This tribe is not open: ask to join one of its circles, or use an invitation link.',
					)
				}
				await storage.tribes.setMember(found.tribe.id, user.id, 'member', clock.now())
				live.accessChanged({ userId: user.id })
			}
			return c.json(await detail(user, found.tribe.id), 200)
		})
		.get('/:id/members', async (c) => {
			const { user } = requireUser(c)
			const found = await access.tribe(user, pathId(c.req.param('id'), 'tribe'))
			if (!found) throw notFound('tribe')
			if (found.relation.tribeRole === null && !found.can.manage) {
				throw notAllowed('Only members of this tribe see who its members are.')
			}
			return c.json(await storage.tribes.members(found.tribe.id), 200)
		})
		.post('/:id/stewards', validate('json', addStewardSchema), async (c) => {
			const { user } = requireUser(c)
			const { tribe } = await managed(user, c.req.param('id'))
			const person = await storage.users.findByEmail(c.req.valid('json').email)
			if (!person) throw new AppError('NOT_FOUND', 'No account has this email address.')
			await storage.tribes.setMember(tribe.id, person.id, 'steward', clock.now())
			live.accessChanged({ userId: person.id })
			return c.json(await storage.tribes.members(tribe.id), 200)
		})
		.delete('/:id/members/:userId', async (c) => {
			const { user } = requireUser(c)
			const found = await access.tribe(user, pathId(c.req.param('id'), 'tribe'))
			if (!found) throw notFound('tribe')
			const userId = pathId(c.req.param('userId'), 'person')
			if (userId !== user.id && !found.can.manage)
				throw notAllowed('Only the stewards of this tribe may do this.')
			const outcome = await storage.tribes.removeMember(found.tribe.id, userId)
			if (outcome === 'not_member') throw notFound('person')
			if (outcome === 'last_steward') {
				throw new AppError('CONFLICT', 'A tribe needs at least one steward: name another steward first.')
			}
			if (outcome === 'last_facilitator') {
				throw new AppError(
					'CONFLICT',
					'This person is the last facilitator of one of the circles: name another facilitator there first.',
				)
			}
			live.accessChanged({ userId })
			return c.body(null, 204)
		})
		.get('/:id/circles', async (c) => {
			const { user } = requireUser(c)
			const found = await access.tribe(user, pathId(c.req.param('id'), 'tribe'))
			if (!found) throw notFound('tribe')
			const circles = await storage.circles.listOfTribe(found.tribe.id)
			const mine = new Map(
				(await storage.circles.listOfMember(user.id)).map((circle) => [circle.id, circle.role]),
			)
			const views: Circle[] = []
			for (const circle of circles) {
				const role = mine.get(circle.id) ?? null
				const requestPending = role === null && (await storage.circles.hasJoinRequest(circle.id, user.id))
				views.push(circleView(circle, found.tribe, { role, requestPending }))
			}
			return c.json(views, 200)
		})
		.post('/:id/circles', validate('json', createCircleSchema), async (c) => {
			const { user } = requireUser(c)
			const { tribe } = await managed(user, c.req.param('id'))
			const input = c.req.valid('json')
			const circle = await storage.circles.create({
				id: newId(),
				tribeId: tribe.id,
				...input,
				createdAt: clock.now(),
				facilitatorId: user.id,
			})
			return c.json(await circleDetail(deps, user, circle.id), 201)
		})
}
