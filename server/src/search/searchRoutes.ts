import {
	boardPermissions,
	MAX_SEARCH_RESULTS,
	MAX_SEARCH_TERMS,
	SEARCH_PAGE_SIZE,
	type SearchPage,
	type SearchResult,
	searchQuerySchema,
	searchTerms,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { User } from '../storage/Storage.ts'
import type { SearchHit, SearchIndex } from './SearchIndex.ts'
import { snippetOf } from './snippet.ts'

/**
 * `GET /api/search?q=…&cursor=…`: board titles and the text on boards the caller may view now,
 * best first, a page at a time. Permissions are applied in the index's query (so pages hold only
 * what may be seen) and once more here, with `boardPermissions`, on every row before it leaves.
 * No total is given: a count over everything that matched would tell of boards one may not see.
 */
export function searchRoutes(deps: { search: SearchIndex }) {
	return new Hono<AuthEnv>().get('/', validate('query', searchQuerySchema), async (c) => {
		const { user } = requireUser(c)
		const { q, cursor } = c.req.valid('query')
		const offset = cursor === undefined ? 0 : offsetOf(cursor)
		const terms = searchTerms(q, MAX_SEARCH_TERMS)
		const limit = Math.min(SEARCH_PAGE_SIZE, MAX_SEARCH_RESULTS - offset)
		// One more than a page, to know whether there is a next one.
		const hits = await deps.search.search({
			searcher: { userId: user.id, role: user.role },
			terms,
			offset,
			limit: limit + 1,
		})
		const page: SearchPage = {
			results: hits
				.slice(0, limit)
				.filter((hit) => mayView(user, hit))
				.map((hit) => resultOf(hit, terms)),
			nextCursor:
				hits.length > limit && offset + limit < MAX_SEARCH_RESULTS ? cursorOf(offset + limit) : null,
		}
		return c.json(page, 200)
	})
}

function mayView(user: User, hit: SearchHit): boolean {
	const relation = { instanceRole: user.role, ...hit.relation }
	// Archived boards are left out of search as they are out of board lists.
	return !hit.board.archived && boardPermissions(relation, { ...hit.board, deleted: false }, hit.shared).view
}

function resultOf(hit: SearchHit, terms: ReturnType<typeof searchTerms>): SearchResult {
	const { text, highlights } = snippetOf(hit.text, terms)
	return {
		boardId: hit.boardId,
		boardTitle: hit.board.title,
		circles: [{ id: hit.circle.id, name: hit.circle.name }],
		tribe: { id: hit.circle.tribeId, name: hit.circle.tribeName },
		journeyDay: hit.board.journeyDay,
		shapeId: hit.shapeId,
		snippet: text,
		highlights,
	}
}

// A cursor is where the next page starts in the ranking, written so that nobody relies on its form.
function cursorOf(offset: number): string {
	return Buffer.from(`o${offset}`).toString('base64url')
}

function offsetOf(cursor: string): number {
	const match = /^o(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString())
	const offset = match ? Number(match[1]) : Number.NaN
	if (!(offset > 0 && offset < MAX_SEARCH_RESULTS)) {
		throw new AppError('VALIDATION', 'Some fields are not valid.', {
			issues: [{ path: 'cursor', message: 'Not a cursor of this search' }],
		})
	}
	return offset
}
