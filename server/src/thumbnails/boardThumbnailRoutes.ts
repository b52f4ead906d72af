import { MAX_BOARD_THUMBNAIL_BYTES, MAX_BOARD_THUMBNAIL_PX } from '@circlespace/shared'
import { Hono } from 'hono'
import type { Clock } from '../auth/Clock.ts'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import type { Limiters, LimitRule } from '../limits/Limiters.ts'
import type { Access } from '../spaces/Access.ts'
import { visibleBoard } from '../spaces/boardAccess.ts'
import { notAllowed } from '../spaces/params.ts'
import type { BoardThumbnailStore } from './BoardThumbnailStore.ts'
import { readPngBody } from './readPngBody.ts'

/** How often a board's thumbnail may be replaced: per board, and per person over all boards. */
export interface BoardThumbnailRules {
	perBoard: LimitRule
	perPerson: LimitRule
}

/**
 * A browser uploads at most once per 30 s per board (client/src/board/thumbnails/), and one
 * editor of several uploads; 6 a minute per board leaves room for a hand-over between editors
 * and a last upload on leaving. 20 a minute per person covers several boards open in tabs.
 */
export const defaultBoardThumbnailRules: BoardThumbnailRules = {
	perBoard: { points: 6, seconds: 60 },
	perPerson: { points: 20, seconds: 60 },
}

/** What the board thumbnail routes need. */
export interface BoardThumbnailDeps {
	thumbnails: BoardThumbnailStore
	access: Access
	clock: Clock
	limiters: Limiters
	rules?: BoardThumbnailRules
}

/**
 * `PUT`/`GET /boards/:id/thumbnail`, mounted at `/api` before the 64 kB JSON body limit: the PNG
 * is read with its own streamed limit.
 *
 * - `PUT`: whoever may edit the board replaces its thumbnail (a PNG of at most
 *   {@link MAX_BOARD_THUMBNAIL_BYTES} and {@link MAX_BOARD_THUMBNAIL_PX} px a side); 204.
 * - `GET`: whoever may view the board reads it; 404 before the first.
 *
 * Who may not see the board gets 404 for both, so that its existence does not leak.
 */
export function boardThumbnailRoutes(deps: BoardThumbnailDeps) {
	const rules = deps.rules ?? defaultBoardThumbnailRules
	const perBoard = deps.limiters.create('board-thumbnail-board', rules.perBoard)
	const perPerson = deps.limiters.create('board-thumbnail-person', rules.perPerson)

	return new Hono<AuthEnv>()
		.put('/boards/:id/thumbnail', async (c) => {
			const { user } = requireUser(c)
			const { board, can } = await visibleBoard(deps.access, user, c.req.param('id'))
			if (!can.edit) throw notAllowed('Only people who may edit this board make its thumbnail.')
			// The person first: one person flooding does not use up the board's allowance for others.
			const byPerson = await perPerson.take(user.id)
			if (!byPerson.allowed) throw tooOften('You have', byPerson.retryAfterSeconds)
			const byBoard = await perBoard.take(board.id)
			if (!byBoard.allowed) {
				await perPerson.giveBack(user.id)
				throw tooOften('This board has', byBoard.retryAfterSeconds)
			}
			const png = await readPngBody(c.req.raw, MAX_BOARD_THUMBNAIL_BYTES, MAX_BOARD_THUMBNAIL_PX)
			const stored = await deps.thumbnails.put(board.id, {
				png: png.bytes,
				width: png.width,
				height: png.height,
				updatedBy: user.id,
				updatedAt: deps.clock.now().toISOString(),
			})
			if (!stored) throw new AppError('NOT_FOUND', 'This board does not exist, or you cannot see it.')
			return c.body(null, 204)
		})
		.get('/boards/:id/thumbnail', async (c) => {
			const { user } = requireUser(c)
			const { board } = await visibleBoard(deps.access, user, c.req.param('id'))
			const thumbnail = await deps.thumbnails.get(board.id)
			if (!thumbnail) throw new AppError('NOT_FOUND', 'This board has no thumbnail yet.')
			return c.body(new Uint8Array(thumbnail.png), 200, {
				'Content-Type': 'image/png',
				'Content-Length': String(thumbnail.png.byteLength),
				'X-Content-Type-Options': 'nosniff',
				'Content-Security-Policy': "default-src 'none'",
				'Last-Modified': new Date(thumbnail.updatedAt).toUTCString(),
				// Only for the signed-in person who may see the board, and replaced as it changes.
				'Cache-Control': 'private, no-cache',
			})
		})
}

function tooOften(who: string, retryAfterSeconds: number): AppError {
	return new AppError(
		'RATE_LIMITED',
		`${who} sent too many thumbnails in the last minute. The next one will be sent later.`,
		{ retryAfterSeconds },
	)
}
