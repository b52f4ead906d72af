import {
	type CreatedGuestLink,
	createGuestLinkSchema,
	type GuestLinkPreview,
	type GuestSelf,
	guestLinkTokenSchema,
	joinAsGuestSchema,
	MAX_GUEST_LINK_LIFETIME_MS,
	MAX_OPEN_GUEST_LINKS_PER_BOARD,
	SESSION_GUEST_LINK_BACKSTOP_MS,
} from '@circlespace/shared'
import { Hono } from 'hono'
import type { Clock } from '../auth/Clock.ts'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import { clientAddress } from '../limits/clientAddress.ts'
import type { Limiters, LimitRule } from '../limits/Limiters.ts'
import type { Access } from '../spaces/Access.ts'
import type { AccessChanges } from '../spaces/AccessChanges.ts'
import { managedBoard } from '../spaces/boardAccess.ts'
import { newId } from '../spaces/ids.ts'
import { notFound } from '../spaces/params.ts'
import type { Storage } from '../storage/Storage.ts'
import type { GuestLinkRecord, GuestStore } from './GuestStore.ts'
import { guestColor, guestLinkView, hashToken, linkEndedBecause, newToken } from './Guests.ts'
import { guestCookie } from './guestSession.ts'

/** Rate limits of guest links (docs/API.md, "Guests"). */
export interface GuestRules {
	/** Links one person makes: 30 an hour. */
	createPerPerson: LimitRule
	/** Names given through guest links from one address: 20 in 10 minutes. */
	joinPerAddress: LimitRule
}

const DEFAULT_RULES: GuestRules = {
	createPerPerson: { points: 30, seconds: 60 * 60 },
	joinPerAddress: { points: 20, seconds: 10 * 60 },
}

/** Most links a board's list shows (newest first). */
const LIST_LIMIT = 100

/** What the guest routes need. */
export interface GuestRoutesDeps {
	storage: Pick<Storage, 'boards' | 'liveSessions'> & { guests: GuestStore }
	access: Access
	/** Told when a link is revoked or a guest leaves, so that their live connections close. */
	live: AccessChanges
	clock: Clock
	limiters: Limiters
	secureCookies: boolean
	rules?: GuestRules
}

const onlyFacilitators = 'Only the facilitators of this circle may invite guests to its boards.'

const endedMessages = {
	revoked: 'This guest link was withdrawn by a facilitator.',
	expired: 'This guest link has expired.',
	session_ended: 'The live session this guest link was for has ended.',
	full: 'Every place of this guest link is taken. Ask the facilitator for another link.',
	circle_full: 'The circle has no free seat for another guest. Ask the facilitator.',
} as const

/**
 * Guest links, mounted at `/api`:
 * - `/boards/:id/guest-links`: list and make (facilitators of the board), `…/:linkId` revoke
 * - `/guest-links/:token`: what a link leads to (anyone holding it), `…/join` give a name
 * - `/guest/me`, `/guest/leave`: the guest's own session
 */
export function guestRoutes(deps: GuestRoutesDeps) {
	const { storage, access, live, clock } = deps
	const rules = deps.rules ?? DEFAULT_RULES
	const createPerPerson = deps.limiters.create('guest-link-create', rules.createPerPerson)
	const joinPerAddress = deps.limiters.create('guest-join', rules.joinPerAddress)

	async function findLink(rawToken: string): Promise<GuestLinkRecord> {
		const parsed = guestLinkTokenSchema.safeParse(rawToken)
		const link = parsed.success ? await storage.guests.findLinkByTokenHash(hashToken(parsed.data)) : undefined
		if (!link) throw linkNotFound()
		return link
	}

	async function listOf(boardId: string) {
		const links = await storage.guests.linksOfBoard(boardId, LIST_LIMIT)
		const joined = await storage.guests.guestsOfLinks(links.map((link) => link.id))
		const now = clock.now()
		return links.map((link) => guestLinkView(link, joined, now))
	}

	return new Hono<AuthEnv>()
		.get('/boards/:id/guest-links', async (c) => {
			const { user } = requireUser(c)
			const { board } = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			return c.json(await listOf(board.id), 200)
		})
		.post('/boards/:id/guest-links', validate('json', createGuestLinkSchema), async (c) => {
			const { user } = requireUser(c)
			const { board } = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			if (board.archivedAt !== null)
				throw new AppError('CONFLICT', 'This board is archived: unarchive it to invite guests.')
			const input = c.req.valid('json')
			const now = clock.now()
			let expiresAt: Date
			let liveSessionId: string | null = null
			if (input.until.kind === 'session') {
				const running = await storage.liveSessions.running(board.id)
				if (!running) {
					throw new AppError(
						'CONFLICT',
						'No live session is running on this board: choose an end time instead.',
					)
				}
				liveSessionId = running.id
				expiresAt = new Date(now.getTime() + SESSION_GUEST_LINK_BACKSTOP_MS)
			} else {
				expiresAt = new Date(input.until.at)
				if (
					expiresAt.getTime() <= now.getTime() ||
					expiresAt.getTime() > now.getTime() + MAX_GUEST_LINK_LIFETIME_MS
				) {
					throw new AppError('VALIDATION', 'A guest link ends in the future, within 30 days.', {
						issues: [{ path: 'until.at', message: 'must be in the future, within 30 days' }],
					})
				}
			}
			if ((await storage.guests.countOpenLinks(board.id, now)) >= MAX_OPEN_GUEST_LINKS_PER_BOARD) {
				throw new AppError(
					'CONFLICT',
					`This board already has ${MAX_OPEN_GUEST_LINKS_PER_BOARD} guest links open: revoke one first.`,
				)
			}
			const taken = await createPerPerson.take(user.id)
			if (!taken.allowed) {
				throw new AppError(
					'RATE_LIMITED',
					'You made too many guest links in the last hour. Try again later.',
					{
						retryAfterSeconds: taken.retryAfterSeconds,
					},
				)
			}
			const { token, hash } = newToken()
			const link = await storage.guests.createLink({
				id: newId(),
				boardId: board.id,
				tokenHash: hash,
				mode: input.mode,
				expiresAt,
				liveSessionId,
				countsSeat: input.countsSeat,
				maxGuests: input.maxGuests,
				createdBy: user.id,
				createdAt: now,
			})
			const created: CreatedGuestLink = { ...guestLinkView(link, [], now), token }
			return c.json(created, 201)
		})
		.delete('/boards/:id/guest-links/:linkId', async (c) => {
			const { user } = requireUser(c)
			const { board } = await managedBoard(access, user, c.req.param('id'), onlyFacilitators)
			const revoked = await storage.guests.revoke(board.id, c.req.param('linkId'), clock.now())
			if (!revoked) throw linkNotFound()
			// Every process checks its guests on this board again: theirs close at once (4410).
			live.accessChanged({ boardId: board.id })
			return c.body(null, 204)
		})
		.get('/guest-links/:token', async (c) => {
			const link = await findLink(c.req.param('token'))
			const found = await storage.boards.getInContext(link.boardId)
			if (!found) throw linkNotFound()
			const now = clock.now()
			const session = link.liveSessionId ? await storage.liveSessions.get(link.liveSessionId) : undefined
			const guest = c.var.guest
			const preview: GuestLinkPreview & { joined: boolean } = {
				boardTitle: found.board.title,
				mode: link.mode,
				expiresAt: link.expiresAt,
				sessionTitle: session?.title ?? null,
				unusableBecause: linkEndedBecause(link, now),
				joined: guest !== null && guest.linkId === link.id,
			}
			return c.json(preview, 200)
		})
		.post('/guest-links/:token/join', validate('json', joinAsGuestSchema), async (c) => {
			if (c.var.user !== null) {
				throw new AppError(
					'CONFLICT',
					'You are signed in: open the board as yourself, or sign out to join as a guest.',
				)
			}
			const byAddress = await joinPerAddress.take(clientAddress(c))
			if (!byAddress.allowed) {
				throw new AppError(
					'RATE_LIMITED',
					'Too many guests joined from here in the last minutes. Try again later.',
					{
						retryAfterSeconds: byAddress.retryAfterSeconds,
					},
				)
			}
			const link = await findLink(c.req.param('token'))
			const found = await storage.boards.getInContext(link.boardId)
			if (!found) throw linkNotFound()
			const now = clock.now()
			const ended = linkEndedBecause(link, now)
			if (ended) throw new AppError('CONFLICT', endedMessages[ended])
			const { token, hash } = newToken()
			const name = c.req.valid('json').name
			const color = guestColor(hash)
			const outcome = await storage.guests.join(
				link.id,
				{ id: hash, name, color },
				{ at: now, circleId: found.circle?.id ?? null },
			)
			if (outcome === 'unusable')
				throw new AppError('CONFLICT', endedMessages[linkEndedBecause(link, now) ?? 'expired'])
			if (outcome !== 'joined') throw new AppError('CONFLICT', endedMessages[outcome])
			// A guest cookie already here (another link) is replaced by this one.
			guestCookie.write(c, token, { expiresAt: new Date(link.expiresAt), now, secure: deps.secureCookies })
			const self: GuestSelf = {
				name,
				color,
				mode: link.mode,
				expiresAt: link.expiresAt,
				board: { id: found.board.id, title: found.board.title },
			}
			return c.json(self, 201)
		})
		.get('/guest/me', async (c) => {
			const guest = c.var.guest
			if (guest === null) throw new AppError('UNAUTHENTICATED', 'This guest link no longer works here.')
			const found = await storage.boards.getInContext(guest.boardId)
			if (!found) throw notFound('board')
			const self: GuestSelf = {
				name: guest.name,
				color: guest.color,
				mode: found.board.archivedAt === null ? guest.mode : 'view',
				expiresAt: guest.expiresAt.toISOString(),
				board: { id: found.board.id, title: found.board.title },
			}
			return c.json(self, 200)
		})
		.post('/guest/leave', async (c) => {
			const guest = c.var.guest
			guestCookie.clear(c, { secure: deps.secureCookies })
			if (guest !== null) {
				await storage.guests.deleteSession(guest.sessionId)
				live.accessChanged({ sessionId: guest.sessionId })
			}
			return c.body(null, 204)
		})
}

function linkNotFound(): AppError {
	return new AppError('NOT_FOUND', 'There is no such guest link.')
}
