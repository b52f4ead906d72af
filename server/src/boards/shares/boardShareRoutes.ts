import {
	type BoardPermissions,
	type BoardShare,
	type BoardShares,
	boardShareOffer,
	boardSharePermissions,
	type CirclePermissions,
	MAX_PENDING_OFFERS_PER_CIRCLE,
	MAX_SHARES_PER_BOARD,
	offerBoardShareSchema,
	spaceIdSchema,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../../auth/requireUser.ts'
import type { AuthEnv } from '../../auth/sessionMiddleware.ts'
import { AppError } from '../../errors.ts'
import { validate } from '../../http/validate.ts'
import { visibleBoard } from '../../spaces/boardAccess.ts'
import { newId } from '../../spaces/ids.ts'
import { notAllowed, notFound, pathId } from '../../spaces/params.ts'
import type { SpacesDeps } from '../../spaces/SpacesDeps.ts'
import type { BoardShareRecord } from '../../storage/BoardShareStore.ts'
import type { User } from '../../storage/Storage.ts'
import { circleVisibility } from './sharedWith.ts'

const NO_BOARD: Pick<BoardPermissions, 'manage'> = { manage: false }
const NO_CIRCLE: Pick<CirclePermissions, 'manage'> = { manage: false }

const noSuchShare = () =>
	new AppError('NOT_FOUND', 'There is no such offer or share of a board, or you cannot see it.')

/**
 * Cross-circle boards: a board offered to another circle, accepted or declined there, withdrawn
 * or ended (docs/API.md "Cross-circle boards"; rules in `shared/src/boards/shares/`). Mounted at
 * `/api`, beside `/api/boards` and `/api/circles`.
 */
export function boardShareRoutes(deps: SpacesDeps) {
	const { storage, access, live, clock } = deps

	/** What `user` may do with one share, from their permissions on its board and its circle. */
	async function permissionsOn(user: User, share: BoardShareRecord) {
		const [board, circle] = await Promise.all([
			access.board(user, share.boardId),
			access.circle(user, share.circle.id),
		])
		return boardSharePermissions(board?.can ?? NO_BOARD, circle?.can ?? NO_CIRCLE, share.state)
	}

	/** The share named by a path id, when `user` may see it (404 otherwise, unknown or unseen alike). */
	async function visibleShare(user: User, rawId: string) {
		const id = spaceIdSchema.safeParse(rawId)
		const share = id.success ? await storage.boardShares.get(id.data) : undefined
		if (!share) throw noSuchShare()
		const can = await permissionsOn(user, share)
		if (!can.see) throw noSuchShare()
		return { share, can }
	}

	function shareView(share: BoardShareRecord, can: { answer: boolean; end: boolean }): BoardShare {
		return {
			id: share.id,
			boardId: share.boardId,
			circle: {
				id: share.circle.id,
				name: share.circle.name,
				tribeId: share.circle.tribeId,
				tribeName: share.circle.tribeName,
			},
			state: share.state,
			offeredBy: share.offeredBy,
			offeredAt: share.offeredAt,
			acceptedBy: share.acceptedBy,
			acceptedAt: share.acceptedAt,
			canEnd: can.end,
			canAnswer: can.answer,
		}
	}

	return new Hono<AuthEnv>()
		.get('/boards/:id/shares', async (c) => {
			const { user } = requireUser(c)
			const found = await visibleBoard(access, user, c.req.param('id'))
			const all = await storage.boardShares.listOfBoard(found.board.id)
			const visible = circleVisibility(storage, user)
			const shares: BoardShare[] = []
			for (const share of all) {
				const can = await permissionsOn(user, share)
				// Everyone who reads the board sees the circles it is shared with (those they may know
				// of); offers waiting are for those who decide them.
				if (share.state === 'offered' ? can.see : await visible(share.circle)) {
					shares.push(shareView(share, can))
				}
			}
			const body: BoardShares = {
				boardId: found.board.id,
				shares,
				canOffer: found.can.manage && found.board.archivedAt === null,
				remaining: Math.max(0, MAX_SHARES_PER_BOARD - all.length),
			}
			return c.json(body, 200)
		})
		.post('/boards/:id/shares', validate('json', offerBoardShareSchema), async (c) => {
			const { user } = requireUser(c)
			const found = await visibleBoard(access, user, c.req.param('id'))
			const { circleId } = c.req.valid('json')
			const circle = await access.circle(user, circleId)
			const decision = boardShareOffer(found.can, circle?.can ?? { view: false, manage: false })
			if (decision === 'forbidden') {
				throw notAllowed('Only the facilitators of this board’s circle may share it with another circle.')
			}
			if (decision === 'unknown_circle' || !circle) {
				throw new AppError('NOT_FOUND', 'There is no such circle, or you cannot see it.', {
					issues: [{ path: 'circleId', message: 'There is no such circle, or you cannot see it.' }],
				})
			}
			if (found.circle?.id === circle.circle.id) {
				throw new AppError('VALIDATION', 'This board is this circle’s own: choose another circle.', {
					issues: [{ path: 'circleId', message: 'This board is this circle’s own: choose another circle.' }],
				})
			}
			if (found.board.archivedAt !== null) {
				throw new AppError('CONFLICT', 'An archived board cannot be shared: unarchive it first.')
			}
			const result = await storage.boardShares.offer({
				id: newId(),
				boardId: found.board.id,
				circleId: circle.circle.id,
				offeredBy: user.id,
				at: clock.now(),
				acceptedBy: decision === 'accepted' ? user.id : null,
				limits: { perBoard: MAX_SHARES_PER_BOARD, pendingPerCircle: MAX_PENDING_OFFERS_PER_CIRCLE },
			})
			switch (result.outcome) {
				case 'created':
					break
				case 'exists':
					throw new AppError(
						'CONFLICT',
						`This board is already shared with ${circle.circle.name}, or offered to it.`,
					)
				case 'board_full':
					throw new AppError(
						'CONFLICT',
						`A board may be shared with at most ${MAX_SHARES_PER_BOARD} circles (offers included): stop sharing it with one first.`,
					)
				case 'circle_full':
					throw new AppError(
						'CONFLICT',
						`${circle.circle.name} has ${MAX_PENDING_OFFERS_PER_CIRCLE} offers waiting for an answer already: try again once its facilitators have answered some.`,
					)
				default:
					result satisfies never
			}
			if (result.share.state === 'accepted') live.accessChanged({ boardId: found.board.id })
			return c.json(shareView(result.share, await permissionsOn(user, result.share)), 201)
		})
		.post('/board-shares/:id/accept', async (c) => {
			const { user } = requireUser(c)
			const { share, can } = await visibleShare(user, c.req.param('id'))
			if (share.state === 'accepted') throw new AppError('CONFLICT', 'This share was accepted already.')
			if (!can.answer) {
				throw notAllowed(`Only the facilitators of ${share.circle.name} may accept this offer.`)
			}
			const accepted = await storage.boardShares.accept(share.id, user.id, clock.now())
			// Declined or withdrawn meanwhile.
			if (!accepted) throw noSuchShare()
			// Members of the circle who were reading the board (a `tribe` board) now edit it.
			live.accessChanged({ boardId: share.boardId })
			return c.json(shareView(accepted, await permissionsOn(user, accepted)), 200)
		})
		.post('/board-shares/:id/decline', async (c) => {
			const { user } = requireUser(c)
			const { share, can } = await visibleShare(user, c.req.param('id'))
			if (share.state === 'accepted') {
				throw new AppError(
					'CONFLICT',
					'This share was accepted already: withdraw the circle from it instead.',
				)
			}
			if (!can.answer) {
				throw notAllowed(`Only the facilitators of ${share.circle.name} may decline this offer.`)
			}
			await storage.boardShares.delete(share.id)
			return c.body(null, 204)
		})
		.delete('/board-shares/:id', async (c) => {
			const { user } = requireUser(c)
			const { share, can } = await visibleShare(user, c.req.param('id'))
			if (!can.end) throw notAllowed('Only the facilitators of either circle may end this share.')
			await storage.boardShares.delete(share.id)
			// The circle's members lose the board, live connections included, unless they may
			// still read or edit it another way (rule A4).
			if (share.state === 'accepted') live.accessChanged({ boardId: share.boardId })
			return c.body(null, 204)
		})
		.get('/circles/:id/board-offers', async (c) => {
			const { user } = requireUser(c)
			const found = await access.circle(user, pathId(c.req.param('id'), 'circle'))
			if (!found) throw notFound('circle')
			if (!found.can.manage) {
				throw notAllowed('Only the facilitators of this circle see the boards offered to it.')
			}
			return c.json(await storage.boardShares.offersToCircle(found.circle.id), 200)
		})
}
