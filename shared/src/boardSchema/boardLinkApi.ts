/** A board at the other end of a link, as someone who may view it sees it. */
export interface LinkedBoard {
	id: string
	title: string
	circle: { id: string; name: string } | null
	archived: boolean
}

/** One link shape on a board: the board it opens, or null when the reader may not open it. */
export interface BoardLinkInfo {
	shapeId: string
	/**
	 * Null for a board the reader may not view, a deleted one and one that never existed alike
	 * (the card says "A board you cannot open"): never its title.
	 */
	board: LinkedBoard | null
}

/** `GET /api/boards/:id/links`. */
export interface BoardLinksPage {
	links: BoardLinkInfo[]
}

/**
 * `GET /api/boards/:id/backlinks`: the boards that link here which the reader may view, by title.
 * A board the reader may not view is left out entirely, not counted.
 */
export interface BoardBacklinksPage {
	boards: LinkedBoard[]
}

/** Links listed per board, and backlinks per board, at most. */
export const MAX_LISTED_LINKS = 200
