import { MalformedMessageError } from './messages.ts'

/** Who a connection belongs to, as the server's session says: never what the client claims. */
export interface PresenceIdentity {
	/** The account id. */
	userId: string
	name: string
	/** `#rrggbb`. */
	color: string
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * The JSON a room shares for one client's presence, with the person's identity written in by
 * the server (docs/SPEC.md, R5): `user` becomes the account's id, name and colour, and a tldraw
 * presence record gets the same `userId`, `userName` and `color` and an id derived from the client
 * id, so that no one can appear as someone else or overwrite someone else's cursor record in the
 * other browsers. `null` (the client left) stays `null`; a state that is not an object is malformed.
 */
export function stampIdentity(value: unknown, identity: PresenceIdentity, clientId: number): string {
	if (value === null) return 'null'
	if (!isObject(value)) throw new MalformedMessageError('awareness state is not an object')
	value.user = { id: identity.userId, name: identity.name, color: identity.color }
	const presence = value.presence
	if (isObject(presence)) {
		presence.id = `instance_presence:${clientId}`
		presence.userId = `user:${identity.userId}`
		presence.userName = identity.name
		presence.color = identity.color
	}
	return JSON.stringify(value)
}
