import { z } from 'zod'
import { journeyDayNumberSchema } from '../journeys/journeyTemplate.ts'
import { spaceIdSchema } from '../schemas/spaces.ts'

/** Largest board thumbnail accepted by `PUT /api/boards/:id/thumbnail` (bytes). */
export const MAX_BOARD_THUMBNAIL_BYTES = 512 * 1024

/** Widest and tallest a board thumbnail may be (pixels); the browser draws them at most 480 px. */
export const MAX_BOARD_THUMBNAIL_PX = 1024

/** At most this many cards in one page of a gallery. */
export const GALLERY_PAGE_SIZE = 24

/** At most this many boards in one `GET /api/gallery/presence` question. */
export const MAX_PRESENCE_BOARDS = 100

// An opaque cursor is a base64url string; anything longer than this is not one of ours.
const MAX_CURSOR_LENGTH = 200

/**
 * Query of `GET /api/tribes/:id/gallery` and `GET /api/gallery`: only the boards of one circle,
 * only those on one journey day, and the cursor of the previous page. Newest edit first.
 */
export const galleryQuerySchema = z
	.object({
		circle: spaceIdSchema.optional(),
		day: z.coerce.number().pipe(journeyDayNumberSchema).optional(),
		cursor: z
			.string()
			.max(MAX_CURSOR_LENGTH, 'Not a cursor of this gallery')
			.regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor of this gallery')
			.optional(),
	})
	.strict()
/** Filters and position of a gallery page. */
export type GalleryQuery = z.infer<typeof galleryQuerySchema>

/** One board of a gallery, as the asking person may see it. */
export interface GalleryCard {
	boardId: string
	title: string
	/** The circle the board belongs to. */
	circles: Array<{ id: string; name: string }>
	tribe: { id: string; name: string }
	/** The day of its circle's journey the board is on, or null. */
	journeyDay: number | null
	/** ISO timestamp of the board's last change. */
	updatedAt: string
	/**
	 * ISO timestamp of the board's current thumbnail (`GET /api/boards/:id/thumbnail`), or null
	 * before the first one was made. Changes whenever the thumbnail is replaced.
	 */
	thumbnailAt: string | null
	/** Open live connections to the board now (one person in two tabs counts twice). */
	presence: number
}

/** One page of a gallery, most recently edited first. */
export interface GalleryPage {
	cards: GalleryCard[]
	/** Pass as `cursor` for the next page; null on the last one. */
	nextCursor: string | null
}

/** Query of `GET /api/gallery/presence`: board ids, comma-separated. */
export const presenceQuerySchema = z
	.object({
		boards: z
			.string()
			.transform((value) => [...new Set(value.split(',').filter((id) => id !== ''))])
			.pipe(z.array(spaceIdSchema).min(1, 'Name at least one board').max(MAX_PRESENCE_BOARDS)),
	})
	.strict()

/**
 * Answer of `GET /api/gallery/presence`: board id → open live connections, for the boards named
 * that the asking person may view. Others (unknown, hidden) are left out, never counted.
 */
export interface PresenceCounts {
	counts: Record<string, number>
}
