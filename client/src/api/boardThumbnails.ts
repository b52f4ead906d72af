import { api } from './client.ts'
import { callNoContent } from './http.ts'

// Browsers refuse a keepalive request whose body, with the others in flight, passes 64 kB.
const KEEPALIVE_MAX_BYTES = 60 * 1024

/**
 * Where the board's current thumbnail (a PNG) is served from; 404 before the first. `version`
 * (the card's `thumbnailAt`) makes a replaced thumbnail a new address, so no stale one shows.
 */
export function boardThumbnailUrl(boardId: string, version?: string | null): string {
	const url = `/api/boards/${encodeURIComponent(boardId)}/thumbnail`
	return version ? `${url}?v=${encodeURIComponent(version)}` : url
}

/**
 * Replaces the board's thumbnail (its editors). `leaving`: the page is being hidden or closed,
 * so the request is sent to outlive it when it is small enough to (`keepalive`).
 */
export function uploadBoardThumbnail(boardId: string, png: Blob, leaving = false): Promise<void> {
	// The body is the raw image, which the typed client has no input type for.
	return callNoContent(
		api.api.boards[':id'].thumbnail.$put(
			{ param: { id: boardId } },
			{
				init: {
					body: png,
					headers: { 'content-type': 'image/png' },
					keepalive: leaving && png.size <= KEEPALIVE_MAX_BYTES,
				},
			},
		),
	)
}
