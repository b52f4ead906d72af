import type { Kysely, Transaction } from 'kysely'
import type { DatabaseKind } from '../storage/migrations.ts'
import { toIso, toNumber } from '../storage/rowValues.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import type {
	GuestJoinOutcome,
	GuestLinkRecord,
	GuestSessionRecord,
	GuestStore,
	NewGuestLink,
} from './GuestStore.ts'

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>

/** {@link GuestStore} in the `guest_links` and `guest_sessions` tables, on SQLite or PostgreSQL. */
export class KyselyGuestStore implements GuestStore {
	readonly #db: Kysely<DatabaseSchema>
	readonly #kind: DatabaseKind

	/** `kind` decides how rows are locked inside transactions (PostgreSQL only; SQLite runs them one at a time). */
	constructor(db: Kysely<DatabaseSchema>, kind: DatabaseKind) {
		this.#db = db
		this.#kind = kind
	}

	async createLink(link: NewGuestLink): Promise<GuestLinkRecord> {
		await this.#db
			.insertInto('guest_links')
			.values({
				id: link.id,
				board_id: link.boardId,
				token_hash: link.tokenHash,
				mode: link.mode,
				expires_at: link.expiresAt.toISOString(),
				live_session_id: link.liveSessionId,
				counts_seat: link.countsSeat ? 1 : 0,
				max_guests: link.maxGuests,
				created_by: link.createdBy,
				created_at: link.createdAt.toISOString(),
				revoked_at: null,
			})
			.execute()
		const stored = await this.#selectLinks(this.#db).where('guest_links.id', '=', link.id).executeTakeFirst()
		if (!stored) throw new Error(`guest link ${link.id} was not stored`)
		return toLink(stored)
	}

	async findLinkByTokenHash(tokenHash: string): Promise<GuestLinkRecord | undefined> {
		const row = await this.#selectLinks(this.#db)
			.where('guest_links.token_hash', '=', tokenHash)
			.executeTakeFirst()
		return row ? toLink(row) : undefined
	}

	async linksOfBoard(boardId: string, limit: number): Promise<GuestLinkRecord[]> {
		const rows = await this.#selectLinks(this.#db)
			.where('guest_links.board_id', '=', boardId)
			.orderBy('guest_links.created_at', 'desc')
			.orderBy('guest_links.id')
			.limit(limit)
			.execute()
		return rows.map(toLink)
	}

	async guestsOfLinks(linkIds: readonly string[]): Promise<GuestSessionRecord[]> {
		if (linkIds.length === 0) return []
		const rows = await this.#db
			.selectFrom('guest_sessions')
			.selectAll()
			.where('link_id', 'in', [...linkIds])
			.orderBy('created_at')
			.orderBy('id')
			.execute()
		return rows.map(toSession)
	}

	async countOpenLinks(boardId: string, at: Date): Promise<number> {
		const row = await workingLinks(this.#db, at)
			.where('guest_links.board_id', '=', boardId)
			.select((eb) => eb.fn.countAll().as('n'))
			.executeTakeFirstOrThrow()
		return toNumber(row.n as number | string)
	}

	async revoke(boardId: string, linkId: string, at: Date): Promise<boolean> {
		const result = await this.#db
			.updateTable('guest_links')
			.set({ revoked_at: at.toISOString() })
			.where('id', '=', linkId)
			.where('board_id', '=', boardId)
			.where('revoked_at', 'is', null)
			.executeTakeFirst()
		return Number(result.numUpdatedRows) > 0
	}

	join(
		linkId: string,
		guest: Omit<GuestSessionRecord, 'linkId' | 'createdAt'>,
		options: { at: Date; circleId: string | null },
	): Promise<GuestJoinOutcome> {
		return this.#db.transaction().execute(async (trx) => {
			// The circle first (as members' joins lock it), then the link: guests racing for the last
			// seat or the last place of a link are counted one after the other.
			if (options.circleId !== null) {
				await trx
					.selectFrom('circles')
					.select('id')
					.where('id', '=', options.circleId)
					.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate())
					.executeTakeFirst()
			}
			const link = await workingLinks(trx, options.at)
				.where('guest_links.id', '=', linkId)
				.select(['guest_links.id', 'guest_links.max_guests', 'guest_links.counts_seat'])
				.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate('guest_links'))
				.executeTakeFirst()
			if (!link) return 'unusable'
			const guests = await trx
				.selectFrom('guest_sessions')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('link_id', '=', linkId)
				.executeTakeFirstOrThrow()
			if (toNumber(guests.n as number | string) >= link.max_guests) return 'full'
			if (link.counts_seat === 1 && options.circleId !== null) {
				const circle = await trx
					.selectFrom('circles')
					.select('capacity')
					.where('id', '=', options.circleId)
					.executeTakeFirst()
				const members = await trx
					.selectFrom('circle_members')
					.select((eb) => eb.fn.countAll().as('n'))
					.where('circle_id', '=', options.circleId)
					.executeTakeFirstOrThrow()
				const taken =
					toNumber(members.n as number | string) + (await countGuestSeats(trx, options.circleId, options.at))
				if (!circle || taken >= circle.capacity) return 'circle_full'
			}
			await trx
				.insertInto('guest_sessions')
				.values({
					id: guest.id,
					link_id: linkId,
					name: guest.name,
					color: guest.color,
					created_at: options.at.toISOString(),
				})
				.execute()
			return 'joined'
		})
	}

	async getSession(id: string): Promise<{ session: GuestSessionRecord; link: GuestLinkRecord } | undefined> {
		const session = await this.#db
			.selectFrom('guest_sessions')
			.selectAll()
			.where('id', '=', id)
			.executeTakeFirst()
		if (!session) return undefined
		const link = await this.#selectLinks(this.#db)
			.where('guest_links.id', '=', session.link_id)
			.executeTakeFirst()
		return link ? { session: toSession(session), link: toLink(link) } : undefined
	}

	async deleteSession(id: string): Promise<void> {
		await this.#db.deleteFrom('guest_sessions').where('id', '=', id).execute()
	}

	seatsTaken(circleId: string, at: Date): Promise<number> {
		return countGuestSeats(this.#db, circleId, at)
	}

	#selectLinks(db: Db) {
		return db
			.selectFrom('guest_links')
			.leftJoin('live_sessions', 'live_sessions.id', 'guest_links.live_session_id')
			.select([
				'guest_links.id',
				'guest_links.board_id',
				'guest_links.mode',
				'guest_links.expires_at',
				'guest_links.live_session_id',
				'guest_links.counts_seat',
				'guest_links.max_guests',
				'guest_links.created_by',
				'guest_links.created_at',
				'guest_links.revoked_at',
				'live_sessions.ended_at as live_session_ended_at',
			])
	}
}

/** Links that work at `at`: not revoked, not past their time, their live session (if any) running. */
function workingLinks(db: Db, at: Date) {
	return db
		.selectFrom('guest_links')
		.leftJoin('live_sessions', 'live_sessions.id', 'guest_links.live_session_id')
		.where('guest_links.revoked_at', 'is', null)
		.where('guest_links.expires_at', '>', at.toISOString())
		.where((eb) =>
			eb.or([eb('guest_links.live_session_id', 'is', null), eb('live_sessions.ended_at', 'is', null)]),
		)
}

/**
 * Seats of a circle taken by guests at `at`: one per guest who came through a working link that
 * counts seats, on a board of the circle that is not deleted. Members' joins count these too.
 */
export async function countGuestSeats(db: Db, circleId: string, at: Date): Promise<number> {
	const row = await workingLinks(db, at)
		.innerJoin('boards', 'boards.id', 'guest_links.board_id')
		.innerJoin('guest_sessions', 'guest_sessions.link_id', 'guest_links.id')
		.where('boards.circle_id', '=', circleId)
		.where('boards.deleted_at', 'is', null)
		.where('guest_links.counts_seat', '=', 1)
		.select((eb) => eb.fn.countAll().as('n'))
		.executeTakeFirstOrThrow()
	return toNumber(row.n as number | string)
}

interface LinkRow {
	id: string
	board_id: string
	mode: 'edit' | 'view'
	expires_at: string | Date
	live_session_id: string | null
	counts_seat: number
	max_guests: number
	created_by: string | null
	created_at: string | Date
	revoked_at: string | Date | null
	live_session_ended_at: string | Date | null
}

function toLink(row: LinkRow): GuestLinkRecord {
	return {
		id: row.id,
		boardId: row.board_id,
		mode: row.mode,
		expiresAt: toIso(row.expires_at),
		liveSessionId: row.live_session_id,
		liveSessionEndedAt: row.live_session_ended_at === null ? null : toIso(row.live_session_ended_at),
		countsSeat: Number(row.counts_seat) === 1,
		maxGuests: Number(row.max_guests),
		createdBy: row.created_by,
		createdAt: toIso(row.created_at),
		revokedAt: row.revoked_at === null ? null : toIso(row.revoked_at),
	}
}

function toSession(row: {
	id: string
	link_id: string
	name: string
	color: string
	created_at: string | Date
}) {
	return {
		id: row.id,
		linkId: row.link_id,
		name: row.name,
		color: row.color,
		createdAt: toIso(row.created_at),
	}
}
