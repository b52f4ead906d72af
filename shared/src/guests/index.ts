import { z } from 'zod'

/** What a guest may do on the board they were invited to. */
export const guestModeSchema = z.enum(['edit', 'view'])
export type GuestMode = z.infer<typeof guestModeSchema>

/** Most guest links open at once on one board (unrevoked, unexpired). */
export const MAX_OPEN_GUEST_LINKS_PER_BOARD = 20
/** Most guests one link admits (each who gives a name is one guest), and the default. */
export const MAX_GUESTS_PER_LINK = 50
export const DEFAULT_GUESTS_PER_LINK = 10
/** The longest a guest's name may be (characters, after trimming). */
export const MAX_GUEST_NAME_LENGTH = 40
/** The latest a time-bound link may end, from its creation (30 days). */
export const MAX_GUEST_LINK_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
/**
 * A link that ends with a live session ends at the latest this long after it was made (a
 * session nobody ends does not leave a guest in forever).
 */
export const SESSION_GUEST_LINK_BACKSTOP_MS = 24 * 60 * 60 * 1000

/** A guest's name: trimmed, 1–40 characters, no control characters. */
export const guestNameSchema = z
	.string()
	.trim()
	.min(1, 'Please give a name.')
	.max(MAX_GUEST_NAME_LENGTH, `At most ${MAX_GUEST_NAME_LENGTH} characters.`)
	// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
	.refine((name) => !/[\u0000-\u001f\u007f]/.test(name), 'A name cannot hold control characters.')

/** Until when a guest link works: the end of the board's running live session, or a set time. */
export const guestLinkUntilSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('session') }),
	z.object({ kind: z.literal('time'), at: z.iso.datetime({ offset: true }) }),
])

/** Input of making a guest link (a facilitator, on one board). */
export const createGuestLinkSchema = z.object({
	mode: guestModeSchema,
	until: guestLinkUntilSchema,
	/** Whether each guest who joins takes one of the circle's seats while the link works. */
	countsSeat: z.boolean().default(false),
	maxGuests: z.number().int().min(1).max(MAX_GUESTS_PER_LINK).default(DEFAULT_GUESTS_PER_LINK),
})
export type CreateGuestLink = z.input<typeof createGuestLinkSchema>

/** Input of joining through a guest link. */
export const joinAsGuestSchema = z.object({ name: guestNameSchema })

/** Guest link tokens: 20 random bytes in lower-case base32, like every token of ours. */
export const guestLinkTokenSchema = z.string().regex(/^[a-z2-7]{32}$/, 'Not a guest link')

/** Why a guest link no longer works. */
export type GuestLinkEnd = 'revoked' | 'expired' | 'session_ended'

/** A guest link as its board's facilitators see it. */
export interface GuestLink {
	id: string
	boardId: string
	mode: GuestMode
	/** ISO time it stops working at the latest. */
	expiresAt: string
	/** The live session it ends with, or null for a time-bound link. */
	liveSessionId: string | null
	countsSeat: boolean
	maxGuests: number
	createdBy: string | null
	createdAt: string
	revokedAt: string | null
	/** Why it no longer works, or null while it does. */
	endedBecause: GuestLinkEnd | null
	/** The guests who joined through it, first come first. */
	guests: { name: string; joinedAt: string }[]
}

/** A link just made: the only time its token is shown. */
export interface CreatedGuestLink extends GuestLink {
	token: string
}

/** What anyone holding a guest link learns before giving a name. */
export interface GuestLinkPreview {
	boardTitle: string
	mode: GuestMode
	expiresAt: string
	/** The live session's title when the link ends with it. */
	sessionTitle: string | null
	/** Why the link no longer works, or 'full' when every place is taken; null when it works. */
	unusableBecause: GuestLinkEnd | 'full' | 'circle_full' | null
}

/** Who a guest is, as the guest's own browser sees it (`GET /api/guest/me`). */
export interface GuestSelf {
	name: string
	color: string
	mode: GuestMode
	expiresAt: string
	board: { id: string; title: string }
}
