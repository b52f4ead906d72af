import type { CircleRole } from '@circlespace/shared'
import type { Kysely, Selectable, Transaction } from 'kysely'
import { countGuestSeats } from '../guests/KyselyGuestStore.ts'
import type { DatabaseKind } from './migrations.ts'
import { toIso, toNumber } from './rowValues.ts'
import type {
	CircleMembership,
	CircleRecord,
	CircleStore,
	InvitationRecord,
	JoinOutcome,
	JoinRequestRecord,
} from './Storage.ts'
import type { CirclesTable, DatabaseSchema, InvitationsTable } from './schema.ts'

type Trx = Transaction<DatabaseSchema>

/** {@link CircleStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyCircleStore implements CircleStore {
	readonly #db: Kysely<DatabaseSchema>
	readonly #kind: DatabaseKind

	/** `kind` decides how rows are locked inside transactions (PostgreSQL only; SQLite runs them one at a time). */
	constructor(db: Kysely<DatabaseSchema>, kind: DatabaseKind) {
		this.#db = db
		this.#kind = kind
	}

	create(
		circle: Omit<CircleRecord, 'memberCount' | 'createdAt'> & { createdAt: Date; facilitatorId?: string },
	): Promise<CircleRecord> {
		const createdAt = circle.createdAt.toISOString()
		return this.#db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('circles')
				.values({
					id: circle.id,
					tribe_id: circle.tribeId,
					name: circle.name,
					description: circle.description,
					capacity: circle.capacity,
					created_at: createdAt,
				})
				.returningAll()
				.executeTakeFirstOrThrow()
			if (circle.facilitatorId === undefined) return toCircleRecord(row, 0)
			await trx
				.insertInto('circle_members')
				.values({
					circle_id: circle.id,
					user_id: circle.facilitatorId,
					role: 'facilitator',
					joined_at: createdAt,
				})
				.execute()
			await addToTribe(trx, circle.tribeId, circle.facilitatorId, createdAt)
			return toCircleRecord(row, 1)
		})
	}

	async get(id: string): Promise<CircleRecord | undefined> {
		const row = await this.#selectCircles().where('circles.id', '=', id).executeTakeFirst()
		return row ? toCircleRecord(row, row.member_count) : undefined
	}

	async listOfTribe(tribeId: string): Promise<CircleRecord[]> {
		const rows = await this.#selectCircles()
			.where('circles.tribe_id', '=', tribeId)
			.orderBy('circles.name')
			.orderBy('circles.id')
			.execute()
		return rows.map((row) => toCircleRecord(row, row.member_count))
	}

	async listOfMember(userId: string): Promise<Array<CircleRecord & { role: CircleRole; tribeName: string }>> {
		const rows = await this.#selectCircles()
			.innerJoin('circle_members as mine', 'mine.circle_id', 'circles.id')
			.innerJoin('tribes', 'tribes.id', 'circles.tribe_id')
			.select(['mine.role as my_role', 'tribes.name as tribe_name'])
			.where('mine.user_id', '=', userId)
			.orderBy('circles.name')
			.orderBy('circles.id')
			.execute()
		return rows.map((row) => ({
			...toCircleRecord(row, row.member_count),
			role: row.my_role,
			tribeName: row.tribe_name,
		}))
	}

	async update(
		id: string,
		changes: { name?: string; description?: string; capacity?: number },
	): Promise<CircleRecord | undefined> {
		const set: { name?: string; description?: string; capacity?: number } = {}
		if (changes.name !== undefined) set.name = changes.name
		if (changes.description !== undefined) set.description = changes.description
		if (changes.capacity !== undefined) set.capacity = changes.capacity
		if (Object.keys(set).length > 0) {
			const result = await this.#db.updateTable('circles').set(set).where('id', '=', id).executeTakeFirst()
			if (result.numUpdatedRows === 0n) return undefined
		}
		return this.get(id)
	}

	async roleOf(circleId: string, userId: string): Promise<CircleRole | undefined> {
		const row = await this.#db
			.selectFrom('circle_members')
			.select('role')
			.where('circle_id', '=', circleId)
			.where('user_id', '=', userId)
			.executeTakeFirst()
		return row?.role
	}

	async members(circleId: string): Promise<CircleMembership[]> {
		const rows = await this.#db
			.selectFrom('circle_members')
			.innerJoin('users', 'users.id', 'circle_members.user_id')
			.select([
				'users.id',
				'users.display_name',
				'users.color',
				'circle_members.role',
				'circle_members.joined_at',
			])
			.where('circle_members.circle_id', '=', circleId)
			.orderBy((eb) => eb.case().when('circle_members.role', '=', 'facilitator').then(0).else(1).end())
			.orderBy((eb) => eb.fn('lower', ['users.display_name']))
			.orderBy('users.id')
			.execute()
		return rows.map((row) => ({
			id: row.id,
			displayName: row.display_name,
			color: row.color,
			role: row.role,
			joinedAt: toIso(row.joined_at),
		}))
	}

	join(
		circleId: string,
		userId: string,
		options: { role: CircleRole; at: Date; invitationId?: string },
	): Promise<JoinOutcome> {
		const at = options.at.toISOString()
		return this.#db.transaction().execute(async (trx) => {
			// Every join of this circle waits here for the ones before it to commit, so the seats
			// counted below are the seats taken: of N joins racing for the last seat one gets it.
			const circle = await this.#lockCircle(trx, circleId)
			if (!circle) throw new Error(`Cannot join circle ${circleId}: there is no such circle`)

			if (await isMember(trx, circleId, userId)) {
				await deleteJoinRequestOf(trx, circleId, userId)
				return 'already_member'
			}

			if (options.invitationId !== undefined) {
				// Invitations belong to one circle, so its lock above also serialises their uses.
				const invitation = await trx
					.selectFrom('invitations')
					.selectAll()
					.where('id', '=', options.invitationId)
					.where('circle_id', '=', circleId)
					.executeTakeFirst()
				if (!invitation || !isUsable(invitation, options.at)) return 'invitation_unusable'
			}

			const seats = await trx
				.selectFrom('circle_members')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('circle_id', '=', circleId)
				.executeTakeFirstOrThrow()
			// Guests invited to the circle's boards with "counts a seat" hold seats too (guests/).
			const guestSeats = await countGuestSeats(trx, circleId, options.at)
			if (toNumber(seats.n) + guestSeats >= circle.capacity) return 'full'

			await trx
				.insertInto('circle_members')
				.values({ circle_id: circleId, user_id: userId, role: options.role, joined_at: at })
				.execute()
			if (options.invitationId !== undefined) {
				await trx
					.updateTable('invitations')
					.set((eb) => ({ uses: eb('uses', '+', 1) }))
					.where('id', '=', options.invitationId)
					.execute()
			}
			await addToTribe(trx, circle.tribe_id, userId, at)
			await deleteJoinRequestOf(trx, circleId, userId)
			return 'joined'
		})
	}

	setRole(
		circleId: string,
		userId: string,
		role: CircleRole,
	): Promise<'changed' | 'not_member' | 'last_facilitator'> {
		return this.#db.transaction().execute(async (trx) => {
			await this.#lockCircle(trx, circleId)
			const current = await roleIn(trx, circleId, userId)
			if (!current) return 'not_member'
			if (
				current === 'facilitator' &&
				role !== 'facilitator' &&
				(await facilitatorCount(trx, circleId)) <= 1
			) {
				return 'last_facilitator'
			}
			await trx
				.updateTable('circle_members')
				.set({ role })
				.where('circle_id', '=', circleId)
				.where('user_id', '=', userId)
				.execute()
			return 'changed'
		})
	}

	removeMember(circleId: string, userId: string): Promise<'removed' | 'not_member' | 'last_facilitator'> {
		return this.#db.transaction().execute(async (trx) => {
			await this.#lockCircle(trx, circleId)
			const current = await roleIn(trx, circleId, userId)
			if (!current) return 'not_member'
			if (current === 'facilitator' && (await facilitatorCount(trx, circleId)) <= 1) return 'last_facilitator'
			await trx
				.deleteFrom('circle_members')
				.where('circle_id', '=', circleId)
				.where('user_id', '=', userId)
				.execute()
			return 'removed'
		})
	}

	async createInvitation(invitation: {
		id: string
		circleId: string
		tokenHash: string
		createdBy: string
		createdAt: Date
		expiresAt: Date
		maxUses: number | null
	}): Promise<InvitationRecord> {
		await this.#db
			.insertInto('invitations')
			.values({
				id: invitation.id,
				circle_id: invitation.circleId,
				token_hash: invitation.tokenHash,
				created_by: invitation.createdBy,
				created_at: invitation.createdAt.toISOString(),
				expires_at: invitation.expiresAt.toISOString(),
				max_uses: invitation.maxUses,
				uses: 0,
				revoked_at: null,
			})
			.execute()
		const row = await this.#selectInvitations()
			.where('invitations.id', '=', invitation.id)
			.executeTakeFirstOrThrow()
		return toInvitationRecord(row)
	}

	async listInvitations(circleId: string): Promise<InvitationRecord[]> {
		const rows = await this.#selectInvitations()
			.where('invitations.circle_id', '=', circleId)
			.orderBy('invitations.created_at', 'desc')
			.orderBy('invitations.id', 'desc')
			.execute()
		return rows.map(toInvitationRecord)
	}

	async findInvitation(tokenHash: string): Promise<InvitationRecord | undefined> {
		const row = await this.#selectInvitations()
			.where('invitations.token_hash', '=', tokenHash)
			.executeTakeFirst()
		return row ? toInvitationRecord(row) : undefined
	}

	async revokeInvitation(circleId: string, invitationId: string, at: Date): Promise<boolean> {
		const revoked = await this.#db
			.updateTable('invitations')
			.set({ revoked_at: at.toISOString() })
			.where('id', '=', invitationId)
			.where('circle_id', '=', circleId)
			// Revoking twice keeps the time of the first revocation.
			.where('revoked_at', 'is', null)
			.executeTakeFirst()
		if (revoked.numUpdatedRows > 0n) return true
		const existing = await this.#db
			.selectFrom('invitations')
			.select('id')
			.where('id', '=', invitationId)
			.where('circle_id', '=', circleId)
			.executeTakeFirst()
		return existing !== undefined
	}

	async createJoinRequest(request: {
		id: string
		circleId: string
		userId: string
		createdAt: Date
	}): Promise<'created' | 'exists'> {
		const inserted = await this.#db
			.insertInto('join_requests')
			.values({
				id: request.id,
				circle_id: request.circleId,
				user_id: request.userId,
				created_at: request.createdAt.toISOString(),
			})
			// One waiting request per person and circle; a concurrent second one does nothing.
			.onConflict((oc) => oc.columns(['circle_id', 'user_id']).doNothing())
			.returning('id')
			.executeTakeFirst()
		return inserted ? 'created' : 'exists'
	}

	async listJoinRequests(circleId: string): Promise<JoinRequestRecord[]> {
		const rows = await this.#selectJoinRequests()
			.where('join_requests.circle_id', '=', circleId)
			.orderBy('join_requests.created_at')
			.orderBy('join_requests.id')
			.execute()
		return rows.map(toJoinRequestRecord)
	}

	async getJoinRequest(id: string): Promise<JoinRequestRecord | undefined> {
		const row = await this.#selectJoinRequests().where('join_requests.id', '=', id).executeTakeFirst()
		return row ? toJoinRequestRecord(row) : undefined
	}

	async hasJoinRequest(circleId: string, userId: string): Promise<boolean> {
		const row = await this.#db
			.selectFrom('join_requests')
			.select('id')
			.where('circle_id', '=', circleId)
			.where('user_id', '=', userId)
			.executeTakeFirst()
		return row !== undefined
	}

	async deleteJoinRequest(id: string): Promise<void> {
		await this.#db.deleteFrom('join_requests').where('id', '=', id).execute()
	}

	/**
	 * Reads a circle inside a transaction, holding its row on PostgreSQL until commit (SQLite runs
	 * one transaction at a time on its single connection). NO KEY UPDATE conflicts with every
	 * other holder of the circle and with updates of it, but not with inserts that refer to it.
	 */
	#lockCircle(trx: Trx, circleId: string) {
		return trx
			.selectFrom('circles')
			.select(['id', 'tribe_id', 'capacity'])
			.where('id', '=', circleId)
			.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate())
			.executeTakeFirst()
	}

	/** Circles with how many members each has. */
	#selectCircles() {
		return this.#db
			.selectFrom('circles')
			.selectAll('circles')
			.select((eb) =>
				eb
					.selectFrom('circle_members')
					.select((sub) => sub.fn.countAll().as('n'))
					.whereRef('circle_members.circle_id', '=', 'circles.id')
					.as('member_count'),
			)
	}

	/** Invitations with the person who made them. */
	#selectInvitations() {
		return this.#db
			.selectFrom('invitations')
			.innerJoin('users', 'users.id', 'invitations.created_by')
			.selectAll('invitations')
			.select(['users.display_name', 'users.color'])
	}

	/** Join requests with the person asking. */
	#selectJoinRequests() {
		return this.#db
			.selectFrom('join_requests')
			.innerJoin('users', 'users.id', 'join_requests.user_id')
			.selectAll('join_requests')
			.select(['users.display_name', 'users.color'])
	}
}

/** Makes someone a member of a tribe unless they already are (a steward stays a steward). */
async function addToTribe(trx: Trx, tribeId: string, userId: string, at: string): Promise<void> {
	await trx
		.insertInto('tribe_members')
		.values({ tribe_id: tribeId, user_id: userId, role: 'member', joined_at: at })
		.onConflict((oc) => oc.columns(['tribe_id', 'user_id']).doNothing())
		.execute()
}

async function roleIn(trx: Trx, circleId: string, userId: string): Promise<CircleRole | undefined> {
	const row = await trx
		.selectFrom('circle_members')
		.select('role')
		.where('circle_id', '=', circleId)
		.where('user_id', '=', userId)
		.executeTakeFirst()
	return row?.role
}

async function isMember(trx: Trx, circleId: string, userId: string): Promise<boolean> {
	return (await roleIn(trx, circleId, userId)) !== undefined
}

async function facilitatorCount(trx: Trx, circleId: string): Promise<number> {
	const row = await trx
		.selectFrom('circle_members')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('circle_id', '=', circleId)
		.where('role', '=', 'facilitator')
		.executeTakeFirstOrThrow()
	return toNumber(row.n)
}

async function deleteJoinRequestOf(trx: Trx, circleId: string, userId: string): Promise<void> {
	await trx
		.deleteFrom('join_requests')
		.where('circle_id', '=', circleId)
		.where('user_id', '=', userId)
		.execute()
}

/** Whether an invitation may still be used at `at`: not revoked, not expired, uses left. */
function isUsable(invitation: Selectable<InvitationsTable>, at: Date): boolean {
	if (invitation.revoked_at !== null) return false
	if (Date.parse(toIso(invitation.expires_at)) <= at.getTime()) return false
	return invitation.max_uses === null || invitation.uses < invitation.max_uses
}

function toCircleRecord(
	row: Selectable<CirclesTable>,
	memberCount: number | string | bigint | null,
): CircleRecord {
	return {
		id: row.id,
		tribeId: row.tribe_id,
		name: row.name,
		description: row.description,
		capacity: row.capacity,
		memberCount: toNumber(memberCount),
		createdAt: toIso(row.created_at),
	}
}

function toInvitationRecord(
	row: Selectable<InvitationsTable> & { display_name: string; color: string },
): InvitationRecord {
	return {
		id: row.id,
		circleId: row.circle_id,
		createdBy: { id: row.created_by, displayName: row.display_name, color: row.color },
		createdAt: toIso(row.created_at),
		expiresAt: toIso(row.expires_at),
		maxUses: row.max_uses,
		uses: row.uses,
		revokedAt: row.revoked_at === null ? null : toIso(row.revoked_at),
	}
}

function toJoinRequestRecord(
	row: { id: string; circle_id: string; user_id: string; created_at: string | Date } & {
		display_name: string
		color: string
	},
): JoinRequestRecord {
	return {
		id: row.id,
		circleId: row.circle_id,
		person: { id: row.user_id, displayName: row.display_name, color: row.color },
		createdAt: toIso(row.created_at),
	}
}
