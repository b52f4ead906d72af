import { randomBytes } from 'node:crypto'

/** A new server-chosen id for a tribe, circle, board, invitation or join request. */
export function newId(): string {
	return randomBytes(12).toString('base64url')
}
