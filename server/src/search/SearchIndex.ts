import type {
	BoardVisibility,
	CircleRole,
	SearchTerms,
	SharedBoardRelation,
	TribeRole,
} from '@circlespace/shared'
import type { UserRole } from '../storage/Storage.ts'

/** One searchable text of a board: its title (`shapeId` null) or the text of one shape. */
export interface SearchEntry {
	shapeId: string | null
	text: string
}

/** Who searches: what the permission rules need to know of them. */
export interface Searcher {
	userId: string
	role: UserRole
}

/** A search: the terms (see `searchTerms` in shared), who asks, and which part of the ranking. */
export interface SearchRequest {
	searcher: Searcher
	terms: SearchTerms
	offset: number
	limit: number
}

/**
 * One matching entry, with what the route needs to check it once more and to show it: the
 * board's state and circle as they are now, and the searcher's roles around it now.
 */
export interface SearchHit {
	boardId: string
	shapeId: string | null
	/** The entry's text as indexed (the route cuts the snippet from it). */
	text: string
	board: { title: string; visibility: BoardVisibility; archived: boolean; journeyDay: number | null }
	circle: { id: string; name: string; tribeId: string; tribeName: string }
	relation: { circleRole: CircleRole | null; tribeRole: TribeRole | null }
	/** The searcher's relation to the other circles the board is shared with (accepted). */
	shared: SharedBoardRelation
}

/**
 * The full-text index of boards' titles and text (SQLite FTS5, PostgreSQL tsvector + GIN). It
 * keeps text only; who may see what is decided in `search`, from the boards, circles and
 * memberships as they are when it runs, so that someone who lost access finds nothing of the
 * board from that moment, however long ago it was indexed.
 */
export interface SearchIndex {
	/**
	 * Replaces everything indexed for a board with `entries` (its title first, with `shapeId`
	 * null), in one transaction; `indexedThrough` is the last log id of the content they were read
	 * from (see {@link SearchIndex.staleBoards}).
	 */
	replaceBoard(boardId: string, entries: readonly SearchEntry[], indexedThrough: number): Promise<void>
	/** Removes everything indexed for a board. */
	removeBoard(boardId: string): Promise<void>
	/**
	 * Entries where every term occurs (the last as a prefix while it is being typed), of boards
	 * the searcher may view now that are neither archived nor deleted nor of no circle; best first
	 * (a title counts double), ties by board and entry, `limit` of them from `offset`.
	 */
	search(request: SearchRequest): Promise<SearchHit[]>
	/**
	 * Boards (not deleted) whose entries are missing or behind: never indexed, renamed since, or
	 * with log entries after the one they were indexed through. At most `limit`, by id.
	 */
	staleBoards(limit: number): Promise<string[]>
}
