import { boardIdSchema } from '@circlespace/shared'

/**
 * The board a pasted address opens, when it is a board's address on this Circlespace
 * (`<origin>/b/<id>`, with or without a trailing slash, query or hash); otherwise null. An address
 * of another site, or of a snapshot or any other page, is not a board link.
 */
export function boardIdOfAddress(address: string, origin: string): string | null {
	let url: URL
	try {
		url = new URL(address.trim())
	} catch {
		return null
	}
	if (url.origin !== origin) return null
	const match = /^\/b\/([^/]+)\/?$/.exec(url.pathname)
	if (!match?.[1]) return null
	let id: string
	try {
		id = decodeURIComponent(match[1])
	} catch {
		return null
	}
	return boardIdSchema.safeParse(id).success ? id : null
}
