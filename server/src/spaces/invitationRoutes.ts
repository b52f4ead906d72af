import { decideJoinRequestSchema, type InvitationPreview, invitationTokenSchema } from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { InvitationRecord, JoinOutcome } from '../storage/Storage.ts'
import { circleDetail, circleFull, hashInvitationToken } from './circleRoutes.ts'
import { notAllowed, notFound, pathId } from './params.ts'
import type { SpacesDeps } from './SpacesDeps.ts'

/** Why an invitation link cannot be used now, or null when it can. */
function unusableBecause(invitation: InvitationRecord, now: Date): InvitationPreview['unusableBecause'] {
	if (invitation.revokedAt !== null) return 'revoked'
	if (Date.parse(invitation.expiresAt) <= now.getTime()) return 'expired'
	if (invitation.maxUses !== null && invitation.uses >= invitation.maxUses) return 'used_up'
	return null
}

const unusableMessages: Record<NonNullable<InvitationPreview['unusableBecause']>, string> = {
	revoked: 'This invitation link was withdrawn. Ask a facilitator for a new one.',
	expired: 'This invitation link has expired. Ask a facilitator for a new one.',
	used_up: 'This invitation link has been used as many times as it allows. Ask a facilitator for a new one.',
	full: 'This circle is full.',
}

/** Turns the outcome of a join into an answer: nothing for success, an error otherwise. */
function assertJoined(outcome: JoinOutcome, unusable: () => AppError): void {
	if (outcome === 'full') throw circleFull()
	if (outcome === 'invitation_unusable') throw unusable()
}

/**
 * `/api/invitations/:token`: what an invitation link leads to, and accepting it. The token is
 * the secret; it is looked up by its SHA-256 only.
 */
export function invitationRoutes(deps: SpacesDeps) {
	const { storage, live, clock } = deps

	async function find(rawToken: string): Promise<InvitationRecord> {
		const parsed = invitationTokenSchema.safeParse(rawToken)
		const invitation = parsed.success
			? await storage.circles.findInvitation(hashInvitationToken(parsed.data))
			: undefined
		if (!invitation) throw notFound('invitation')
		return invitation
	}

	return new Hono<AuthEnv>()
		.get('/:token', async (c) => {
			const invitation = await find(c.req.param('token'))
			const circle = await storage.circles.get(invitation.circleId)
			const tribe = circle ? await storage.tribes.get(circle.tribeId) : undefined
			if (!circle || !tribe) throw notFound('invitation')
			const user = c.get('user')
			const role = user ? await storage.circles.roleOf(circle.id, user.id) : undefined
			const preview: InvitationPreview = {
				circleId: circle.id,
				circleName: circle.name,
				tribeName: tribe.name,
				invitedBy: invitation.createdBy.displayName,
				expiresAt: invitation.expiresAt,
				unusableBecause:
					unusableBecause(invitation, clock.now()) ?? (circle.memberCount >= circle.capacity ? 'full' : null),
				alreadyMember: role !== undefined,
			}
			return c.json(preview, 200)
		})
		.post('/:token/accept', async (c) => {
			const { user } = requireUser(c)
			const invitation = await find(c.req.param('token'))
			const now = clock.now()
			const outcome = await storage.circles.join(invitation.circleId, user.id, {
				role: 'member',
				at: now,
				invitationId: invitation.id,
			})
			assertJoined(outcome, () => {
				const reason = unusableBecause(invitation, now) ?? 'used_up'
				return new AppError('CONFLICT', unusableMessages[reason])
			})
			live.accessChanged({ userId: user.id })
			return c.json(await circleDetail(deps, user, invitation.circleId), 200)
		})
}

/** `/api/join-requests/:id`: a facilitator approves or declines a request to join their circle. */
export function joinRequestRoutes(deps: SpacesDeps) {
	const { storage, access, live, clock } = deps
	return new Hono<AuthEnv>().post('/:id', validate('json', decideJoinRequestSchema), async (c) => {
		const { user } = requireUser(c)
		const request = await storage.circles.getJoinRequest(pathId(c.req.param('id'), 'request'))
		const found = request ? await access.circle(user, request.circleId) : undefined
		if (!request || !found) throw notFound('request')
		if (!found.can.manage) throw notAllowed('Only the facilitators of this circle may decide on requests.')
		if (c.req.valid('json').decision === 'decline') {
			await storage.circles.deleteJoinRequest(request.id)
			return c.body(null, 204)
		}
		const outcome = await storage.circles.join(request.circleId, request.person.id, {
			role: 'member',
			at: clock.now(),
		})
		assertJoined(outcome, circleFull)
		// Someone who joined meanwhile (by a link) has nothing left to approve.
		if (outcome === 'already_member') await storage.circles.deleteJoinRequest(request.id)
		live.accessChanged({ userId: request.person.id })
		return c.body(null, 204)
	})
}
