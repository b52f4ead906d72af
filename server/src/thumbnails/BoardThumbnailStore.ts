/** A board's current thumbnail: a PNG and what is known of it. */
export interface BoardThumbnail {
	png: Uint8Array
	width: number
	height: number
	/** ISO timestamp of when it was stored. */
	updatedAt: string
}

/** What is written to replace a board's thumbnail. */
export interface NewBoardThumbnail {
	png: Uint8Array
	width: number
	height: number
	updatedBy: string
	updatedAt: string
}

/**
 * Each board's current thumbnail (one per board, replaced as the board changes). Kept apart from
 * the board row so that lists of boards never read the bytes.
 */
export interface BoardThumbnailStore {
	/** Stores or replaces the board's thumbnail; false when there is no such board. */
	put(boardId: string, thumbnail: NewBoardThumbnail): Promise<boolean>
	/** The board's thumbnail, or undefined before its first. */
	get(boardId: string): Promise<BoardThumbnail | undefined>
}
