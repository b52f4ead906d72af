import { createHash } from 'node:crypto'
import {
	boardPermissions,
	type CircleDetail,
	type CreatedInvitation,
	createBoardSchema,
	createInvitationSchema,
	setCircleRoleSchema,
	updateCircleSchema,
} from '@circlespace/shared'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { circleBoardList } from '../boards/shares/circleBoardList.ts'
import { startBoardFromTemplate, templateForNewBoard } from '../boardTemplates/startBoardFromTemplate.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import { checkJourneyDay } from '../journeys/checkJourneyDay.ts'
import type { User } from '../storage/Storage.ts'
import type { CircleAccess } from './Access.ts'
import { newId } from './ids.ts'
import { notAllowed, notFound, pathId } from './params.ts'
import type { SpacesDeps } from './SpacesDeps.ts'
import { boardView, circleView } from './views.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** The hex SHA-256 of an invitation token: the only form in which tokens are stored. */
export function hashInvitationToken(token: string): string {
	return createHash('sha256').update(token).digest('hex')
}

/** A circle with what `user` may do with it; 404 when it does not exist or may not be seen. */
export async function circleDetail(deps: SpacesDeps, user: User, circleId: string): Promise<CircleDetail> {
	const found = await deps.access.circle(user, circleId)
	if (!found) throw notFound('circle')
	return detailOf(deps, user, found)
}

async function detailOf(deps: SpacesDeps, user: User, found: CircleAccess): Promise<CircleDetail> {
	const role = found.relation.circleRole
	const requestPending =
		role === null && (await deps.storage.circles.hasJoinRequest(found.circle.id, user.id))
	return { ...circleView(found.circle, found.tribe, { role, requestPending }), can: found.can }
}

/** The answer when a circle has no free seat. */
export function circleFull(): AppError {
	return new AppError('CONFLICT', 'This circle is full.')
}

/**
 * `/api/circles`: read and change circles; their members, invitation links, join requests
 * and boards.
 */
export function circleRoutes(deps: SpacesDeps) {
	const { storage, access, live, clock } = deps

	async function visible(user: User, rawId: string): Promise<CircleAccess> {
		const found = await access.circle(user, pathId(rawId, 'circle'))
		if (!found) throw notFound('circle')
		return found
	}

	/** 404 when the circle may not be seen, 403 when it may be seen but not managed. */
	async function managed(user: User, rawId: string): Promise<CircleAccess> {
		const found = await visible(user, rawId)
		if (!found.can.manage) throw notAllowed('Only the facilitators of this circle may do this.')
		return found
	}

	return new Hono<AuthEnv>()
		.get('/:id', async (c) => {
			const { user } = requireUser(c)
			return c.json(await detailOf(deps, user, await visible(user, c.req.param('id'))), 200)
		})
		.patch('/:id', validate('json', updateCircleSchema), async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			const changes = c.req.valid('json')
			if (changes.capacity !== undefined && changes.capacity < found.circle.memberCount) {
				throw new AppError(
					'CONFLICT',
					`This circle has ${found.circle.memberCount} members: its capacity cannot be smaller.`,
				)
			}
			await storage.circles.update(found.circle.id, changes)
			return c.json(await circleDetail(deps, user, found.circle.id), 200)
		})
		.get('/:id/members', async (c) => {
			const { user } = requireUser(c)
			const found = await visible(user, c.req.param('id'))
			if (!found.can.seeMembers) throw notAllowed('Only members of this circle see who its members are.')
			return c.json(await storage.circles.members(found.circle.id), 200)
		})
		.put('/:id/members/:userId', validate('json', setCircleRoleSchema), async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			const userId = pathId(c.req.param('userId'), 'person')
			const outcome = await storage.circles.setRole(found.circle.id, userId, c.req.valid('json').role)
			if (outcome === 'not_member') throw notFound('person')
			if (outcome === 'last_facilitator') {
				throw new AppError('CONFLICT', 'A circle needs at least one facilitator: name another one first.')
			}
			live.accessChanged({ circleId: found.circle.id })
			return c.json(await storage.circles.members(found.circle.id), 200)
		})
		.delete('/:id/members/:userId', async (c) => {
			const { user } = requireUser(c)
			const found = await visible(user, c.req.param('id'))
			const userId = pathId(c.req.param('userId'), 'person')
			if (userId !== user.id && !found.can.manage) {
				throw notAllowed('Only the facilitators of this circle may remove members.')
			}
			const outcome = await storage.circles.removeMember(found.circle.id, userId)
			if (outcome === 'not_member') throw notFound('person')
			if (outcome === 'last_facilitator') {
				throw new AppError('CONFLICT', 'A circle needs at least one facilitator: name another one first.')
			}
			live.accessChanged({ circleId: found.circle.id })
			return c.body(null, 204)
		})
		.get('/:id/invitations', async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			return c.json(await storage.circles.listInvitations(found.circle.id), 200)
		})
		.post('/:id/invitations', validate('json', createInvitationSchema), async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			const { expiresInDays, maxUses } = c.req.valid('json')
			// 20 random bytes, base32: the same strength as a session token, and stored the same way.
			const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))
			const now = clock.now()
			const invitation = await storage.circles.createInvitation({
				id: newId(),
				circleId: found.circle.id,
				tokenHash: hashInvitationToken(token),
				createdBy: user.id,
				createdAt: now,
				expiresAt: new Date(now.getTime() + expiresInDays * DAY_MS),
				maxUses,
			})
			const created: CreatedInvitation = { ...invitation, token }
			return c.json(created, 201)
		})
		.delete('/:id/invitations/:invitationId', async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			const invitationId = pathId(c.req.param('invitationId'), 'invitation')
			if (!(await storage.circles.revokeInvitation(found.circle.id, invitationId, clock.now()))) {
				throw notFound('invitation')
			}
			return c.body(null, 204)
		})
		.get('/:id/join-requests', async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			return c.json(await storage.circles.listJoinRequests(found.circle.id), 200)
		})
		.post('/:id/join-requests', async (c) => {
			const { user } = requireUser(c)
			const found = await visible(user, c.req.param('id'))
			if (!found.can.requestToJoin) throw new AppError('CONFLICT', 'You are already a member of this circle.')
			await storage.circles.createJoinRequest({
				id: newId(),
				circleId: found.circle.id,
				userId: user.id,
				createdAt: clock.now(),
			})
			return c.json({ status: 'pending' as const }, 201)
		})
		.get(
			'/:id/boards',
			validate('query', z.object({ archived: z.enum(['true', 'false']).optional() })),
			async (c) => {
				const { user } = requireUser(c)
				const found = await visible(user, c.req.param('id'))
				const includeArchived = c.req.valid('query').archived === 'true'
				const boards = await storage.boards.listOfCircle(found.circle.id, { includeArchived })
				const circle = {
					id: found.circle.id,
					name: found.circle.name,
					tribeId: found.tribe.id,
					tribeName: found.tribe.name,
					tribeVisibility: found.tribe.visibility,
				}
				const views = []
				for (const board of boards) {
					const can = boardPermissions(found.relation, {
						visibility: board.visibility,
						archived: board.archivedAt !== null,
						deleted: false,
					})
					if (can.view) views.push(boardView({ board, circle }, can))
				}
				// Boards other circles shared with this one come along, each with its "shared with".
				return c.json(await circleBoardList(deps, user, found.circle.id, views, { includeArchived }), 200)
			},
		)
		.post('/:id/boards', validate('json', createBoardSchema), async (c) => {
			const { user } = requireUser(c)
			const found = await managed(user, c.req.param('id'))
			const { title, visibility, journeyDay, templateId } = c.req.valid('json')
			await checkJourneyDay(storage, found.circle.id, journeyDay)
			const template =
				templateId === null ? undefined : await templateForNewBoard(storage, found.tribe.id, templateId)
			const board = await storage.boards.create({
				id: newId(),
				circleId: found.circle.id,
				title,
				visibility,
				createdBy: user.id,
				journeyDay,
			})
			if (template) {
				await startBoardFromTemplate(
					{ storage, rooms: deps.rooms, now: () => clock.now() },
					board.id,
					template,
				)
			}
			const result = await access.board(user, board.id)
			if (!result) throw notFound('board')
			return c.json(boardView(result, result.can), 201)
		})
}
