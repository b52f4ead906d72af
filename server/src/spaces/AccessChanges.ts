/**
 * What changed, so that live connections it may affect are checked again: a board's
 * visibility or archive state, a circle's or tribe's membership or roles, one person's
 * memberships, or sessions that ended.
 */
export type AccessScope =
	| { boardId: string }
	| { circleId: string }
	| { tribeId: string }
	| { userId: string }
	| { sessionId: string }

/**
 * Told by the routes after every change of who may do what. The sync rooms implement it:
 * each open connection in scope has its access looked up again and is downgraded to read-only,
 * closed, or left as it is (see docs/SPEC.md, rules A1–A4).
 */
export interface AccessChanges {
	accessChanged(scope: AccessScope): void
}
