import {
	castDotSchema,
	type LiveVote,
	MAX_DOT_CLICKS_PER_MINUTE,
	type MyDots,
	noteShapeIdSchema,
	startVoteSchema,
	type VoteState,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { Limiters, LimitRule } from '../limits/Limiters.ts'
import type { Access } from '../spaces/Access.ts'
import { managedBoard, visibleBoard } from '../spaces/boardAccess.ts'
import { notAllowed } from '../spaces/params.ts'
import type { User } from '../storage/Storage.ts'
import type { LiveVotes } from './LiveVotes.ts'

/** What the vote routes need. */
export interface VoteRoutesDeps {
	access: Access
	votes: LiveVotes
	limiters: Limiters
	/** Dots cast or taken back per person (default {@link MAX_DOT_CLICKS_PER_MINUTE} a minute). */
	dotRule?: LimitRule
}

const onlyFacilitators = 'Only the facilitators of this circle may start or end a vote.'

/**
 * Dot votes in live sessions, mounted at `/api`:
 * - `GET /boards/:id/vote`: whoever may view the board: the running vote (no counts) and their own dots
 * - `POST /boards/:id/vote`, `POST /boards/:id/vote/end`: facilitators (those who manage the board)
 * - `POST /boards/:id/vote/dots`, `DELETE /boards/:id/vote/dots/:shapeId`: whoever may edit the board
 *
 * Someone who sees the board but may not do the thing gets 403; someone who does not see it, 404.
 */
export function voteRoutes(deps: VoteRoutesDeps) {
	const { access, votes } = deps
	const perPerson = deps.limiters.create(
		'vote-dots-person',
		deps.dotRule ?? { points: MAX_DOT_CLICKS_PER_MINUTE, seconds: 60 },
	)

	/** The board, when the person may vote on it; counts the click against their rate. */
	async function votingBoard(user: User, rawId: string) {
		const found = await visibleBoard(access, user, rawId)
		if (!found.can.edit) throw notAllowed('Only people who may edit this board vote on it.')
		const taken = await perPerson.take(user.id)
		if (!taken.allowed) {
			throw new AppError('RATE_LIMITED', 'You are voting too fast. Wait a moment and try again.', {
				retryAfterSeconds: taken.retryAfterSeconds,
			})
		}
		return found
	}

	return new Hono<AuthEnv>()
		.get('/boards/:id/vote', async (c) => {
			const { user } = requireUser(c)
			const { board } = await visibleBoard(access, user, c.req.param('id'))
			const state: VoteState = await votes.state(board.id, user.id)
			return c.json(state, 200)
		})
		.post('/boards/:id/vote', validate('json', startVoteSchema), async (c) => {
			const { user } = requireUser(c)
			const { board } = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			const { dotsPerPerson, minutes, anonymous } = c.req.valid('json')
			const vote: LiveVote = await votes.start(board.id, user, { dotsPerPerson, minutes, anonymous })
			return c.json(vote, 201)
		})
		.post('/boards/:id/vote/end', async (c) => {
			const { user } = requireUser(c)
			const { board } = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			const vote: LiveVote = await votes.end(board.id)
			return c.json(vote, 200)
		})
		.post('/boards/:id/vote/dots', validate('json', castDotSchema), async (c) => {
			const { user } = requireUser(c)
			const { board } = await votingBoard(user, c.req.param('id'))
			const mine: MyDots = await votes.cast(board.id, user, c.req.valid('json').shapeId)
			return c.json(mine, 200)
		})
		.delete('/boards/:id/vote/dots/:shapeId', async (c) => {
			const { user } = requireUser(c)
			const shapeId = noteShapeIdSchema.safeParse(c.req.param('shapeId'))
			const { board } = await votingBoard(user, c.req.param('id'))
			if (!shapeId.success) {
				throw new AppError('VALIDATION', 'Not a shape id.', {
					issues: [{ path: 'shapeId', message: 'Not a shape id' }],
				})
			}
			const mine: MyDots = await votes.takeBack(board.id, user, shapeId.data)
			return c.json(mine, 200)
		})
}
