import type { GuestLink, GuestLinkEnd, GuestMode } from '@circlespace/shared'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding'
import type { Clock } from '../auth/Clock.ts'
import type { BoardInContext, BoardStore } from '../storage/Storage.ts'
import type { GuestLinkRecord, GuestSessionRecord, GuestStore } from './GuestStore.ts'

/**
 * Who a request (or a live connection) is when it carries a guest's cookie and no account's:
 * a guest of one board, never a {@link import('../storage/Storage.ts').User}. Routes that need
 * a user therefore refuse it by themselves; the fence (`guestFence.ts`) answers 404 for every
 * route but the few a guest's board page needs.
 */
export interface GuestPrincipal {
	/** The guest session's id (the SHA-256 of the cookie's token). */
	sessionId: string
	linkId: string
	boardId: string
	/** The name the guest gave. */
	name: string
	color: string
	/** What the link allows; an archived board is read only whatever it says. */
	mode: GuestMode
	expiresAt: Date
}

// 20 random bytes (160 bits) encode to exactly 32 base32 characters, as for every token of ours.
const TOKEN_PATTERN = /^[a-z2-7]{32}$/

/** A new random token (shown once, never stored) and the SHA-256 under which it is stored. */
export function newToken(): { token: string; hash: string } {
	const token = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)))
	return { token, hash: hashToken(token) }
}

/** The stored form of a guest token: its SHA-256 in lower-case hex. */
export function hashToken(token: string): string {
	return encodeHexLowerCase(sha256(new TextEncoder().encode(token)))
}

/** Why a link no longer works at `now`, or null while it does. */
export function linkEndedBecause(link: GuestLinkRecord, now: Date): GuestLinkEnd | null {
	if (link.revokedAt !== null) return 'revoked'
	if (link.liveSessionId !== null && link.liveSessionEndedAt !== null) return 'session_ended'
	if (Date.parse(link.expiresAt) <= now.getTime()) return 'expired'
	return null
}

/** The link as its board's facilitators see it. */
export function guestLinkView(link: GuestLinkRecord, guests: GuestSessionRecord[], now: Date): GuestLink {
	return {
		id: link.id,
		boardId: link.boardId,
		mode: link.mode,
		expiresAt: link.expiresAt,
		liveSessionId: link.liveSessionId,
		countsSeat: link.countsSeat,
		maxGuests: link.maxGuests,
		createdBy: link.createdBy,
		createdAt: link.createdAt,
		revokedAt: link.revokedAt,
		endedBecause: linkEndedBecause(link, now),
		guests: guests
			.filter((guest) => guest.linkId === link.id)
			.map((guest) => ({ name: guest.name, joinedAt: guest.createdAt })),
	}
}

/** What a guest's live connection is found to be when checked again. */
export type GuestCheck = 'keep' | 'access_changed' | GuestLinkEnd | 'gone'

// Cursor colours for guests, picked from their session id: readable on the canvas, distinct enough.
const GUEST_COLORS = ['#8a4baf', '#b5533c', '#2f7d6d', '#a05a00', '#3a6ea5', '#9b3b64', '#4f7a28', '#6b5b95']

/** A colour for a new guest. */
export function guestColor(sessionId: string): string {
	const index = Number.parseInt(sessionId.slice(0, 8), 16) % GUEST_COLORS.length
	return GUEST_COLORS[index] ?? '#8a4baf'
}

/**
 * Guests' sessions: resolving a cookie to a {@link GuestPrincipal}, and checking an open live
 * connection of a guest again (LiveConnections asks, on every access change of the board and on
 * every sweep).
 */
export class Guests {
	readonly #store: GuestStore
	readonly #boards: Pick<BoardStore, 'getInContext'>
	readonly #clock: Clock

	constructor(deps: { guests: GuestStore; boards: Pick<BoardStore, 'getInContext'>; clock: Clock }) {
		this.#store = deps.guests
		this.#boards = deps.boards
		this.#clock = deps.clock
	}

	/** The guest a cookie's token names, while their link works and their board exists; else undefined. */
	async resolve(token: string): Promise<{ guest: GuestPrincipal; board: BoardInContext } | undefined> {
		if (!TOKEN_PATTERN.test(token)) return undefined
		const found = await this.#store.getSession(hashToken(token))
		if (!found || linkEndedBecause(found.link, this.#clock.now()) !== null) return undefined
		const board = await this.#boards.getInContext(found.link.boardId)
		if (!board) return undefined
		return { guest: principalOf(found.session, found.link), board }
	}

	/** Whether a guest may edit their board now (the link allows it and the board is not archived). */
	static canEdit(guest: GuestPrincipal, board: BoardInContext): boolean {
		return guest.mode === 'edit' && board.board.archivedAt === null
	}

	/** Checks a guest's open connection again: the link still works, the board is there, the same access. */
	async check(sessionId: string, canEdit: boolean): Promise<GuestCheck> {
		const found = await this.#store.getSession(sessionId)
		if (!found) return 'gone'
		const ended = linkEndedBecause(found.link, this.#clock.now())
		if (ended !== null) return ended
		const board = await this.#boards.getInContext(found.link.boardId)
		if (!board) return 'gone'
		return Guests.canEdit(principalOf(found.session, found.link), board) === canEdit
			? 'keep'
			: 'access_changed'
	}
}

function principalOf(session: GuestSessionRecord, link: GuestLinkRecord): GuestPrincipal {
	return {
		sessionId: session.id,
		linkId: link.id,
		boardId: link.boardId,
		name: session.name,
		color: session.color,
		mode: link.mode,
		expiresAt: new Date(link.expiresAt),
	}
}
