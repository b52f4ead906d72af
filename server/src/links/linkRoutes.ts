import type {
	BoardBacklinksPage,
	BoardLinksPage,
	LinkedBoard,
} from '@circlespace/shared/boardSchema/boardLinkApi.ts'
import { MAX_LISTED_LINKS } from '@circlespace/shared/boardSchema/boardLinkApi.ts'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import type { Access, BoardAccessResult } from '../spaces/Access.ts'
import { visibleBoard } from '../spaces/boardAccess.ts'
import type { User } from '../storage/Storage.ts'
import type { LinkStore } from './LinkStore.ts'

/** What the link routes need. */
export interface LinkRoutesDeps {
	links: LinkStore
	access: Access
}

/**
 * `GET /boards/:id/links` and `GET /boards/:id/backlinks`, for whoever may view the board (404
 * otherwise, as for the board itself). Both are read from what the search indexer's pass
 * stored, so they follow the board's content by a few seconds.
 *
 * - links: every link shape on the board with the board it opens, or `board: null` when the
 *   reader may not view that board (nor tell whether it exists): its title never leaves.
 * - backlinks: the boards linking here that the reader may view, by title. One the reader may
 *   not view is left out, not counted: a count would tell of a board they cannot see.
 */
export function linkRoutes(deps: LinkRoutesDeps) {
	return new Hono<AuthEnv>()
		.get('/boards/:id/links', async (c) => {
			const { user } = requireUser(c)
			const { board } = await visibleBoard(deps.access, user, c.req.param('id'))
			const rows = await deps.links.linksFrom(board.id, MAX_LISTED_LINKS)
			const seen = await viewable(
				deps.access,
				user,
				rows.map((row) => row.targetBoardId),
			)
			const page: BoardLinksPage = {
				links: rows.map((row) => ({ shapeId: row.shapeId, board: seen.get(row.targetBoardId) ?? null })),
			}
			return c.json(page, 200)
		})
		.get('/boards/:id/backlinks', async (c) => {
			const { user } = requireUser(c)
			const { board } = await visibleBoard(deps.access, user, c.req.param('id'))
			const sources = await deps.links.sourcesOf(board.id, MAX_LISTED_LINKS)
			const seen = await viewable(deps.access, user, sources)
			const page: BoardBacklinksPage = {
				boards: [...seen.values()].sort((a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1)),
			}
			return c.json(page, 200)
		})
}

/** The boards of `ids` the person may view now, by id (each looked up once). */
async function viewable(
	access: Access,
	user: User,
	ids: readonly string[],
): Promise<Map<string, LinkedBoard>> {
	const unique = [...new Set(ids)]
	const found = await Promise.all(unique.map((id) => access.board(user, id)))
	const seen = new Map<string, LinkedBoard>()
	for (const result of found) if (result) seen.set(result.board.id, linkedBoardOf(result))
	return seen
}

function linkedBoardOf({ board, circle }: BoardAccessResult): LinkedBoard {
	return {
		id: board.id,
		title: board.title,
		circle: circle ? { id: circle.id, name: circle.name } : null,
		archived: board.archivedAt !== null,
	}
}
