import type { TribeRole, TribeVisibility } from '@circlespace/shared'
import type { Kysely, Selectable } from 'kysely'
import type { DatabaseKind } from './migrations.ts'
import { toIso, toNumber } from './rowValues.ts'
import type { TribeMembership, TribeRecord, TribeStore, TribeSummary } from './Storage.ts'
import type { DatabaseSchema, TribesTable } from './schema.ts'

/** {@link TribeStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyTribeStore implements TribeStore {
	readonly #db: Kysely<DatabaseSchema>
	readonly #kind: DatabaseKind

	/** `kind` decides how rows are locked inside transactions (PostgreSQL only; SQLite runs them one at a time). */
	constructor(db: Kysely<DatabaseSchema>, kind: DatabaseKind) {
		this.#db = db
		this.#kind = kind
	}

	create(
		tribe: Omit<TribeRecord, 'createdAt'> & { createdAt: Date; stewardId: string },
	): Promise<TribeRecord> {
		const createdAt = tribe.createdAt.toISOString()
		return this.#db.transaction().execute(async (trx) => {
			const row = await trx
				.insertInto('tribes')
				.values({
					id: tribe.id,
					name: tribe.name,
					description: tribe.description,
					kind: tribe.kind,
					visibility: tribe.visibility,
					created_at: createdAt,
				})
				.returningAll()
				.executeTakeFirstOrThrow()
			await trx
				.insertInto('tribe_members')
				.values({ tribe_id: tribe.id, user_id: tribe.stewardId, role: 'steward', joined_at: createdAt })
				.execute()
			return toTribeRecord(row)
		})
	}

	async get(id: string): Promise<TribeRecord | undefined> {
		const row = await this.#db.selectFrom('tribes').selectAll().where('id', '=', id).executeTakeFirst()
		return row ? toTribeRecord(row) : undefined
	}

	async getSummary(id: string, userId: string): Promise<TribeSummary | undefined> {
		const row = await this.#selectSummaries(userId).where('tribes.id', '=', id).executeTakeFirst()
		return row ? toTribeSummary(row) : undefined
	}

	async listVisible(userId: string, options: { includePrivate: boolean }): Promise<TribeSummary[]> {
		let query = this.#selectSummaries(userId)
		if (!options.includePrivate) {
			query = query.where((eb) =>
				eb.or([eb('tribes.visibility', '!=', 'private'), eb('me.user_id', 'is not', null)]),
			)
		}
		const rows = await query.orderBy('tribes.name').orderBy('tribes.id').execute()
		return rows.map(toTribeSummary)
	}

	async update(
		id: string,
		changes: { name?: string; description?: string; visibility?: TribeVisibility },
	): Promise<TribeRecord | undefined> {
		const set: { name?: string; description?: string; visibility?: TribeVisibility } = {}
		if (changes.name !== undefined) set.name = changes.name
		if (changes.description !== undefined) set.description = changes.description
		if (changes.visibility !== undefined) set.visibility = changes.visibility
		if (Object.keys(set).length === 0) return this.get(id)
		const row = await this.#db
			.updateTable('tribes')
			.set(set)
			.where('id', '=', id)
			.returningAll()
			.executeTakeFirst()
		return row ? toTribeRecord(row) : undefined
	}

	async roleOf(tribeId: string, userId: string): Promise<TribeRole | undefined> {
		const row = await this.#db
			.selectFrom('tribe_members')
			.select('role')
			.where('tribe_id', '=', tribeId)
			.where('user_id', '=', userId)
			.executeTakeFirst()
		return row?.role
	}

	async members(tribeId: string): Promise<TribeMembership[]> {
		const rows = await this.#db
			.selectFrom('tribe_members')
			.innerJoin('users', 'users.id', 'tribe_members.user_id')
			.select([
				'users.id',
				'users.display_name',
				'users.color',
				'tribe_members.role',
				'tribe_members.joined_at',
			])
			.where('tribe_members.tribe_id', '=', tribeId)
			.orderBy((eb) => eb.case().when('tribe_members.role', '=', 'steward').then(0).else(1).end())
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

	async setMember(tribeId: string, userId: string, role: TribeRole, at: Date): Promise<void> {
		await this.#db
			.insertInto('tribe_members')
			.values({ tribe_id: tribeId, user_id: userId, role, joined_at: at.toISOString() })
			// A role change keeps the date the person first joined.
			.onConflict((oc) => oc.columns(['tribe_id', 'user_id']).doUpdateSet({ role }))
			.execute()
	}

	removeMember(
		tribeId: string,
		userId: string,
	): Promise<'removed' | 'not_member' | 'last_steward' | 'last_facilitator'> {
		return this.#db.transaction().execute(async (trx) => {
			// On PostgreSQL the tribe row, then every circle of the tribe (always in id order, so two
			// removals cannot deadlock), is held until commit: a concurrent removal of the other
			// steward, or a circle's own removal or demotion of its other facilitator, waits for this
			// one and then sees its outcome. NO KEY UPDATE still lets others insert rows that refer
			// to these (e.g. a join adding someone to the tribe).
			const tribe = await trx
				.selectFrom('tribes')
				.select('id')
				.where('id', '=', tribeId)
				.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate())
				.executeTakeFirst()
			if (!tribe) return 'not_member'
			const circles = await trx
				.selectFrom('circles')
				.select('id')
				.where('tribe_id', '=', tribeId)
				.orderBy('id')
				.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate())
				.execute()

			const membership = await trx
				.selectFrom('tribe_members')
				.select('role')
				.where('tribe_id', '=', tribeId)
				.where('user_id', '=', userId)
				.executeTakeFirst()
			if (!membership) return 'not_member'

			if (membership.role === 'steward') {
				const stewards = await trx
					.selectFrom('tribe_members')
					.select((eb) => eb.fn.countAll().as('n'))
					.where('tribe_id', '=', tribeId)
					.where('role', '=', 'steward')
					.executeTakeFirstOrThrow()
				if (toNumber(stewards.n) <= 1) return 'last_steward'
			}

			const circleIds = circles.map((c) => c.id)
			if (circleIds.length > 0) {
				const soleFacilitation = await trx
					.selectFrom('circle_members as mine')
					.select('mine.circle_id')
					.where('mine.user_id', '=', userId)
					.where('mine.role', '=', 'facilitator')
					.where('mine.circle_id', 'in', circleIds)
					.where((eb) =>
						eb.not(
							eb.exists(
								eb
									.selectFrom('circle_members as other')
									.select('other.user_id')
									.whereRef('other.circle_id', '=', 'mine.circle_id')
									.where('other.role', '=', 'facilitator')
									.where('other.user_id', '!=', userId),
							),
						),
					)
					.executeTakeFirst()
				if (soleFacilitation) return 'last_facilitator'

				await trx
					.deleteFrom('circle_members')
					.where('user_id', '=', userId)
					.where('circle_id', 'in', circleIds)
					.execute()
			}
			await trx
				.deleteFrom('tribe_members')
				.where('tribe_id', '=', tribeId)
				.where('user_id', '=', userId)
				.execute()
			return 'removed'
		})
	}

	/** Tribes with their counts and `userId`'s membership (`me`, null columns when not a member). */
	#selectSummaries(userId: string) {
		return this.#db
			.selectFrom('tribes')
			.leftJoin('tribe_members as me', (join) =>
				join.onRef('me.tribe_id', '=', 'tribes.id').on('me.user_id', '=', userId),
			)
			.selectAll('tribes')
			.select('me.role as my_role')
			.select((eb) => [
				eb
					.selectFrom('circles')
					.select((sub) => sub.fn.countAll().as('n'))
					.whereRef('circles.tribe_id', '=', 'tribes.id')
					.as('circle_count'),
				eb
					.selectFrom('tribe_members')
					.select((sub) => sub.fn.countAll().as('n'))
					.whereRef('tribe_members.tribe_id', '=', 'tribes.id')
					.as('member_count'),
			])
	}
}

function toTribeSummary(
	row: Selectable<TribesTable> & {
		my_role: TribeRole | null
		circle_count: number | string | bigint | null
		member_count: number | string | bigint | null
	},
): TribeSummary {
	return {
		...toTribeRecord(row),
		myRole: row.my_role,
		circleCount: toNumber(row.circle_count),
		memberCount: toNumber(row.member_count),
	}
}

function toTribeRecord(row: Selectable<TribesTable>): TribeRecord {
	return {
		id: row.id,
		name: row.name,
		description: row.description,
		kind: row.kind,
		visibility: row.visibility,
		createdAt: toIso(row.created_at),
	}
}
