import {
	boardPermissions,
	GALLERY_PAGE_SIZE,
	type GalleryCard,
	type GalleryPage,
	type GalleryQuery,
	galleryQuerySchema,
	type PresenceCounts,
	presenceQuerySchema,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { validate } from '../http/validate.ts'
import type { Access } from '../spaces/Access.ts'
import { notFound, pathId } from '../spaces/params.ts'
import type { User } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type { GalleryFilter, GalleryRow, GalleryStore } from './GalleryStore.ts'
import { cursorOf, positionOf } from './galleryCursor.ts'

/** What the gallery routes need. */
export interface GalleryDeps {
	gallery: GalleryStore
	access: Pick<Access, 'tribe'>
	/** The rooms this process holds: how many are connected to each board now. */
	rooms: Pick<RoomRegistry, 'peek'>
}

/**
 * The galleries, mounted at `/api`:
 *
 * - `GET /tribes/:id/gallery`: every board of the tribe's circles the caller may view;
 * - `GET /gallery`: every `instance`-visible board of the instance;
 * - `GET /gallery/presence?boards=…`: how many are connected to each of those boards now.
 *
 * Permissions are applied in the query (so pages hold only what may be seen) and once more here
 * with `boardPermissions` on every row before it leaves. No total is given: a count over all
 * boards would tell of boards one may not see. Presence is read from the rooms this process
 * holds (a board no one has open has no room: 0), never by asking the rooms for more.
 */
export function galleryRoutes(deps: GalleryDeps) {
	async function pageOf(user: User, query: GalleryQuery, tribeId?: string): Promise<GalleryPage> {
		const filter: GalleryFilter = {
			...(tribeId !== undefined ? { tribeId } : {}),
			...(query.circle !== undefined ? { circleId: query.circle } : {}),
			...(query.day !== undefined ? { journeyDay: query.day } : {}),
			...(query.cursor !== undefined ? { after: positionOf(query.cursor) } : {}),
			// One more than a page, to know whether there is a next one.
			limit: GALLERY_PAGE_SIZE + 1,
		}
		const rows = await deps.gallery.page(viewerOf(user), filter)
		const shown = rows.slice(0, GALLERY_PAGE_SIZE)
		const last = shown.at(-1)
		const cards = await Promise.all(shown.filter((row) => mayView(user, row)).map((row) => cardOf(row)))
		return {
			cards,
			nextCursor:
				rows.length > GALLERY_PAGE_SIZE && last
					? cursorOf({ updatedAt: last.updatedAt, boardId: last.boardId })
					: null,
		}
	}

	async function cardOf(row: GalleryRow): Promise<GalleryCard> {
		return {
			boardId: row.boardId,
			title: row.title,
			circles: [row.circle],
			tribe: row.tribe,
			journeyDay: row.journeyDay,
			updatedAt: row.updatedAt,
			thumbnailAt: row.thumbnailAt,
			presence: await presenceOf(row.boardId),
		}
	}

	async function presenceOf(boardId: string): Promise<number> {
		const room = await deps.rooms.peek(boardId)
		return room?.peopleHere ?? 0
	}

	return new Hono<AuthEnv>()
		.get('/tribes/:id/gallery', validate('query', galleryQuerySchema), async (c) => {
			const { user } = requireUser(c)
			const tribe = await deps.access.tribe(user, pathId(c.req.param('id'), 'tribe'))
			if (!tribe) throw notFound('tribe')
			return c.json(await pageOf(user, c.req.valid('query'), tribe.tribe.id), 200)
		})
		.get('/gallery', validate('query', galleryQuerySchema), async (c) => {
			const { user } = requireUser(c)
			return c.json(await pageOf(user, c.req.valid('query')), 200)
		})
		.get('/gallery/presence', validate('query', presenceQuerySchema), async (c) => {
			const { user } = requireUser(c)
			const rows = await deps.gallery.visibleAmong(viewerOf(user), c.req.valid('query').boards)
			const counts: PresenceCounts['counts'] = {}
			for (const row of rows) {
				if (mayView(user, row)) counts[row.boardId] = await presenceOf(row.boardId)
			}
			const answer: PresenceCounts = { counts }
			return c.json(answer, 200)
		})
}

const viewerOf = (user: User) => ({ userId: user.id, role: user.role })

function mayView(user: User, row: GalleryRow): boolean {
	const { sharedMember, sharedSteward, ...own } = row.relation
	return boardPermissions(
		{ instanceRole: user.role, ...own },
		{ visibility: row.visibility, archived: false, deleted: false },
		{ circleRole: sharedMember ? 'member' : null, steward: sharedSteward },
	).view
}
