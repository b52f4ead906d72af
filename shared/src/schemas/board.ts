import { z } from 'zod'

/** A board title as people type it: trimmed, 1–200 characters. */
export const boardTitleSchema = z.string().trim().min(1, 'A title is required').max(200)

/** Body of `POST /api/boards`. */
export const createBoardSchema = z.object({ title: boardTitleSchema }).strict()
/** Input to create a board. */
export type CreateBoard = z.infer<typeof createBoardSchema>

/** Body of `PATCH /api/boards/:id` (rename). */
export const renameBoardSchema = z.object({ title: boardTitleSchema }).strict()
/** Input to rename a board. */
export type RenameBoard = z.infer<typeof renameBoardSchema>

/** Board ids are server-chosen, URL-safe random strings. */
export const boardIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'Not a board id')

/** A board as the API returns it. */
export interface Board {
	id: string
	title: string
	createdAt: string
	updatedAt: string
}
