import { z } from 'zod'

/** At most this many results in one page of `GET /api/search`. */
export const SEARCH_PAGE_SIZE = 20

/** Results further down than this are not offered (a search is refined, not read to the end). */
export const MAX_SEARCH_RESULTS = 500

/** At most this many words of a query are searched for; later ones are ignored. */
export const MAX_SEARCH_TERMS = 8

// An opaque cursor is a base64url string; anything longer than this is not one of ours.
const MAX_CURSOR_LENGTH = 64

/** Query of `GET /api/search`: `q` 1–200 characters (trimmed), `cursor` from the previous page. */
export const searchQuerySchema = z
	.object({
		q: z
			.string()
			.trim()
			.min(1, 'Type something to search for')
			.max(200, 'A search is at most 200 characters'),
		cursor: z
			.string()
			.max(MAX_CURSOR_LENGTH, 'Not a cursor of this search')
			.regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor of this search')
			.optional(),
	})
	.strict()
/** Input of a search. */
export type SearchQuery = z.infer<typeof searchQuerySchema>

/** One place a search matched: a board's title (`shapeId` null) or the text of one shape on it. */
export interface SearchResult {
	boardId: string
	boardTitle: string
	/** The circles the board belongs to (today always one; cross-circle boards will list several). */
	circles: Array<{ id: string; name: string }>
	tribe: { id: string; name: string }
	/** The day of its circle's journey the board is on, or null. */
	journeyDay: number | null
	/** The shape whose text matched (open the board zoomed to it), or null when the title matched. */
	shapeId: string | null
	/** Plain text around the first match (never markup); `…` where it was cut. */
	snippet: string
	/** Where the searched words are in `snippet`: [start, end) offsets in UTF-16 code units. */
	highlights: Array<[number, number]>
}

/** One page of `GET /api/search`, best matches first. */
export interface SearchPage {
	results: SearchResult[]
	/** Pass as `cursor` for the next page; null on the last one. */
	nextCursor: string | null
}
