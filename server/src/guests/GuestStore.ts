import type { GuestMode } from '@circlespace/shared'

/** A guest link as stored, with the end of the live session it is bound to (if any). */
export interface GuestLinkRecord {
	id: string
	boardId: string
	mode: GuestMode
	/** ISO time: the link stops working then at the latest. */
	expiresAt: string
	liveSessionId: string | null
	/** When its live session ended (ISO), or null (running, or no session). */
	liveSessionEndedAt: string | null
	countsSeat: boolean
	maxGuests: number
	createdBy: string | null
	createdAt: string
	revokedAt: string | null
}

/** What is stored to make a link: its token's SHA-256 and no token. */
export interface NewGuestLink {
	id: string
	boardId: string
	tokenHash: string
	mode: GuestMode
	expiresAt: Date
	liveSessionId: string | null
	countsSeat: boolean
	maxGuests: number
	createdBy: string
	createdAt: Date
}

/** A guest who gave a name through a link; `id` is the SHA-256 of their cookie's token. */
export interface GuestSessionRecord {
	id: string
	linkId: string
	name: string
	color: string
	createdAt: string
}

/** How joining through a link went. */
export type GuestJoinOutcome = 'joined' | 'unusable' | 'full' | 'circle_full'

/** Guest links of boards and the guests who came through them (`guests/`). */
export interface GuestStore {
	createLink(link: NewGuestLink): Promise<GuestLinkRecord>
	/** The link a token names, whatever its state; undefined when none. */
	findLinkByTokenHash(tokenHash: string): Promise<GuestLinkRecord | undefined>
	/** The links of a board, newest first (revoked and ended ones included), at most `limit`. */
	linksOfBoard(boardId: string, limit: number): Promise<GuestLinkRecord[]>
	/** The guests of these links, first come first. */
	guestsOfLinks(linkIds: readonly string[]): Promise<GuestSessionRecord[]>
	/** How many links of a board work at `at` (not revoked, not expired, their session running). */
	countOpenLinks(boardId: string, at: Date): Promise<number>
	/** Revokes a link of a board; false when there is no such link (or it was revoked already). */
	revoke(boardId: string, linkId: string, at: Date): Promise<boolean>
	/**
	 * Adds a guest through a link, in one transaction: the link must work at `options.at`, have a
	 * place left, and (when it counts seats) the circle must have a free seat counting members and
	 * the guests who take seats.
	 */
	join(
		linkId: string,
		guest: Omit<GuestSessionRecord, 'linkId' | 'createdAt'>,
		options: { at: Date; circleId: string | null },
	): Promise<GuestJoinOutcome>
	/** A guest's session with its link; undefined when there is none. */
	getSession(id: string): Promise<{ session: GuestSessionRecord; link: GuestLinkRecord } | undefined>
	/** Ends one guest's session (they left). */
	deleteSession(id: string): Promise<void>
	/** Seats of a circle that guests take at `at` (through working links that count seats). */
	seatsTaken(circleId: string, at: Date): Promise<number>
}
