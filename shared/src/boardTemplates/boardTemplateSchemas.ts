import { z } from 'zod'
import type { Person } from '../schemas/spaces.ts'

/** At most this many board templates per tribe (saving one more answers 409). */
export const MAX_BOARD_TEMPLATES_PER_TRIBE = 500

// Control characters other than tab and line breaks, and bidirectional overrides: how a name is
// made to look like another one.
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/
const LINE_BREAKS = /[\r\n\u2028\u2029]/

/** A board template's name: one line, trimmed, 1–200 characters (like a board title). */
export const boardTemplateNameSchema = z
	.string()
	.trim()
	.min(1, 'A name is required')
	.max(200, 'A name is longer than 200 characters')
	.refine((s) => !LINE_BREAKS.test(s), 'A name must be one line')
	.refine((s) => !FORBIDDEN_CONTROL.test(s), 'A name contains control characters')

/** What a board template is for, in a few lines: trimmed, at most 2000 characters. */
export const boardTemplateDescriptionSchema = z
	.string()
	.trim()
	.max(2000, 'A description is longer than 2000 characters')
	.refine((s) => !FORBIDDEN_CONTROL.test(s), 'A description contains control characters')

/** Body of `POST /api/boards/:id/save-as-template`. */
export const saveBoardAsTemplateSchema = z
	.object({
		name: boardTemplateNameSchema,
		description: boardTemplateDescriptionSchema.default(''),
	})
	.strict()
/** Input to save a board as a template. */
export type SaveBoardAsTemplate = z.input<typeof saveBoardAsTemplateSchema>

/** Body of `PATCH /api/board-templates/:id`: rename it, or say again what it is for. */
export const updateBoardTemplateSchema = z
	.object({
		name: boardTemplateNameSchema,
		description: boardTemplateDescriptionSchema,
	})
	.partial()
	.strict()
/** Changes to a board template. */
export type UpdateBoardTemplate = z.infer<typeof updateBoardTemplateSchema>

/**
 * A board template as the API returns it: a copy of a board's content (without its history)
 * that new boards of the tribe's circles can start from.
 */
export interface BoardTemplate {
	id: string
	tribeId: string
	name: string
	description: string
	/** How many shapes it holds, on all its pages. */
	shapeCount: number
	/** Whether `GET /api/board-templates/:id/thumbnail` has a picture of it. */
	hasThumbnail: boolean
	/** Who saved it; null when the account no longer exists. */
	createdBy: Person | null
	/** ISO timestamps. */
	createdAt: string
	updatedAt: string
	/** What the asking person may do with it. */
	can: { edit: boolean }
}
