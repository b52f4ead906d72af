import { z } from 'zod'
import { journeyDayNumberSchema } from '../journeys/journeyTemplate.ts'
import { spaceIdSchema } from './spaces.ts'

/** A board title as people type it: trimmed, 1–200 characters. */
export const boardTitleSchema = z.string().trim().min(1, 'A title is required').max(200)

/**
 * Who may read a board besides its circle: `circle` (its members only), `tribe` (every member
 * of the circle's tribe), `instance` (everyone signed in).
 */
export const boardVisibilitySchema = z.enum(['circle', 'tribe', 'instance'])
/** Who may read a board. */
export type BoardVisibility = z.infer<typeof boardVisibilitySchema>

/**
 * Body of `POST /api/circles/:id/boards`; `journeyDay` puts the board on a day of the circle's
 * journey, `templateId` starts it with the content of one of the tribe's board templates.
 */
export const createBoardSchema = z
	.object({
		title: boardTitleSchema,
		visibility: boardVisibilitySchema.default('circle'),
		journeyDay: journeyDayNumberSchema.nullable().default(null),
		templateId: spaceIdSchema.nullable().default(null),
	})
	.strict()
/** Input to create a board. */
export type CreateBoard = z.input<typeof createBoardSchema>

/**
 * Body of `PATCH /api/boards/:id`: rename, change visibility, archive or unarchive, put on a
 * journey day (`null` takes it off its day).
 */
export const updateBoardSchema = z
	.object({
		title: boardTitleSchema,
		visibility: boardVisibilitySchema,
		archived: z.boolean(),
		journeyDay: journeyDayNumberSchema.nullable(),
	})
	.partial()
	.strict()
/** Changes to a board. */
export type UpdateBoard = z.infer<typeof updateBoardSchema>

/** Board ids are server-chosen, URL-safe random strings. */
export const boardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a board id')

/** What one person may do with a board's content. */
export type BoardAccess = 'view' | 'edit'

/** A board as the API returns it to one person. */
export interface Board {
	id: string
	circleId: string
	circleName: string
	tribeId: string
	tribeName: string
	title: string
	visibility: BoardVisibility
	/** ISO timestamp, or null when the board is not archived. */
	archivedAt: string | null
	createdAt: string
	updatedAt: string
	/** What the asking person may do with the content. */
	access: BoardAccess
	/** Whether the asking person may rename, archive, change visibility or delete it. */
	canManage: boolean
	/**
	 * The day of its circle's journey it was put on, or null. The API always sends it; it is
	 * optional here only so that boards written before journeys existed (fixtures) still type.
	 */
	journeyDay?: number | null
	/**
	 * The other circles it is shared with (accepted shares), by name, each only when the asking
	 * person may see that circle. Sent by `GET`/`PATCH /api/boards/:id` and the circle's board list;
	 * absent where boards are listed across circles (home).
	 */
	sharedWith?: Array<{ circleId: string; circleName: string }>
}
