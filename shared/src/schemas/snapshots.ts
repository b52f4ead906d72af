import { z } from 'zod'
import { boardTitleSchema } from './board.ts'
import type { Person } from './spaces.ts'

/**
 * Why a snapshot was taken: on demand by a facilitator (`manual`), at the end of a live
 * session (`session`), or automatically just before a restore replaced the board's content
 * (`before_restore`, so that a restore never loses anything).
 */
export const snapshotKindSchema = z.enum(['manual', 'session', 'before_restore'])
/** Why a snapshot was taken. */
export type SnapshotKind = z.infer<typeof snapshotKindSchema>

/** A snapshot title as people type it: trimmed, 1–200 characters. */
export const snapshotTitleSchema = z.string().trim().min(1, 'A title is required').max(200)

/** Body of `POST /api/boards/:id/snapshots`; without a title the server names it by its date. */
export const createSnapshotSchema = z.object({ title: snapshotTitleSchema.optional() }).strict()
/** Input to take a snapshot. */
export type CreateSnapshot = z.infer<typeof createSnapshotSchema>

/** A snapshot of a board as the API returns it: an immutable copy of the board's content. */
export interface SnapshotInfo {
	id: string
	boardId: string
	/** The live session it was taken at the end of, or null. */
	sessionId: string | null
	title: string
	kind: SnapshotKind
	/** Who took it (null when their account no longer exists). */
	createdBy: Person | null
	/** ISO timestamp. */
	createdAt: string
	/** How many shapes the board held, on all its pages. */
	shapeCount: number
	/** Who took part (the session's roster); empty for snapshots taken outside a session. */
	participants: Person[]
	/** Whether `GET /api/snapshots/:id/thumbnail` has a PNG. */
	hasThumbnail: boolean
}

/** The answer of `POST /api/snapshots/:id/restore`. */
export interface RestoreResult {
	/** The snapshot whose content the board now holds. */
	restored: SnapshotInfo
	/** The board as it was just before the restore, saved as a `before_restore` snapshot. */
	savedBefore: SnapshotInfo
}

/** The answer of `POST /api/boards/:id/import`: where the file's shapes were added. */
export interface ImportResult {
	/** The new page holding the imported shapes. */
	pageId: string
	/** Its name: "Imported: " and the name of the file's first page. */
	pageName: string
	/** How many shapes were added (on all levels: shapes inside groups and frames count). */
	shapeCount: number
}

/** Query of `POST /api/circles/:id/boards/import`; without a title, the file's name for it is used. */
export const importBoardQuerySchema = z.object({ title: boardTitleSchema.optional() })

/** Largest thumbnail accepted by `PUT /api/snapshots/:id/thumbnail` (bytes). */
export const MAX_THUMBNAIL_BYTES = 2 * 1024 * 1024

/** The title a snapshot gets when none is given: "Snapshot — 2026-03-01 09:00 UTC". */
export function defaultSnapshotTitle(at: Date): string {
	const iso = at.toISOString()
	return `Snapshot — ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
}
