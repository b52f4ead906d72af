import { AppError } from '../errors.ts'
import type { GalleryPosition } from './GalleryStore.ts'

/** The opaque cursor of the page after `position`. */
export function cursorOf(position: GalleryPosition): string {
	return Buffer.from(JSON.stringify([position.updatedAt, position.boardId])).toString('base64url')
}

/** The position a cursor of {@link cursorOf} names; 400 for anything else. */
export function positionOf(cursor: string): GalleryPosition {
	let parsed: unknown
	try {
		parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
	} catch {
		parsed = undefined
	}
	if (
		Array.isArray(parsed) &&
		parsed.length === 2 &&
		typeof parsed[0] === 'string' &&
		!Number.isNaN(Date.parse(parsed[0])) &&
		typeof parsed[1] === 'string' &&
		/^[A-Za-z0-9_-]{1,64}$/.test(parsed[1])
	) {
		return { updatedAt: new Date(parsed[0]).toISOString(), boardId: parsed[1] }
	}
	throw new AppError('VALIDATION', 'Some fields are not valid.', {
		issues: [{ path: 'cursor', message: 'Not a cursor of this gallery' }],
	})
}
