/** A link shape on a board, as read from the board's content. */
export interface BoardLinkRow {
	/** The link shape's record id on the source board (`shape:…`). */
	shapeId: string
	/** The board it points at; it may be deleted, or never have existed. */
	targetBoardId: string
}

/**
 * The links between boards, read from stored content by the search indexer's pass (see
 * `readBoardLinks`), never on the write path of live rooms. Only links from boards that exist
 * are kept: a board's rows go when it is deleted.
 */
export interface LinkStore {
	/**
	 * Replaces every link read from `boardId`'s content with `links` (none: removes them). Does
	 * nothing when there is no such board (deleted meanwhile), so no row outlives its board.
	 */
	replaceLinksFrom(boardId: string, links: readonly BoardLinkRow[]): Promise<void>
	/** The links on a board, by shape id; at most `limit`. */
	linksFrom(boardId: string, limit: number): Promise<BoardLinkRow[]>
	/**
	 * The boards (not deleted) with at least one link to `boardId`, each once, by id; at most
	 * `limit`. A board linking to itself is not its own backlink.
	 */
	sourcesOf(boardId: string, limit: number): Promise<string[]>
}
