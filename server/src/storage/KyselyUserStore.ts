import type { Kysely, Selectable } from 'kysely'
import { toIso } from './rowValues.ts'
import type { NewUser, User, UserStore, UserWithPassword } from './Storage.ts'
import type { DatabaseSchema, UsersTable } from './schema.ts'

const FIRST_ADMIN_CLAIM = 'first_admin'

/** {@link UserStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyUserStore implements UserStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	create(user: NewUser): Promise<User | undefined> {
		const createdAt = user.createdAt.toISOString()
		return this.#db.transaction().execute(async (trx) => {
			const inserted = await trx
				.insertInto('users')
				.values({
					id: user.id,
					email: user.email,
					display_name: user.displayName,
					color: user.color,
					password_hash: user.passwordHash,
					role: 'member',
					created_at: createdAt,
				})
				// A concurrent insert of the same email waits for the other commit, then does nothing.
				.onConflict((oc) => oc.column('email').doNothing())
				.returningAll()
				.executeTakeFirst()
			if (!inserted) return undefined

			// The claim's primary key decides the first admin: on PostgreSQL a second transaction
			// inserting the same key blocks until the first commits and then inserts nothing;
			// on SQLite transactions on the one connection never interleave.
			const claim = await trx
				.insertInto('instance_claims')
				.values({ name: FIRST_ADMIN_CLAIM, claimed_at: createdAt })
				.onConflict((oc) => oc.column('name').doNothing())
				.returning('name')
				.executeTakeFirst()
			if (!claim) return toUser(inserted)

			const admin = await trx
				.updateTable('users')
				.set({ role: 'admin' })
				.where('id', '=', user.id)
				.returningAll()
				.executeTakeFirstOrThrow()
			return toUser(admin)
		})
	}

	async get(id: string): Promise<User | undefined> {
		const row = await this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
		return row ? toUser(row) : undefined
	}

	async any(): Promise<boolean> {
		const row = await this.#db.selectFrom('users').select('id').limit(1).executeTakeFirst()
		return row !== undefined
	}

	async findByEmail(email: string): Promise<UserWithPassword | undefined> {
		const row = await this.#db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst()
		return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined
	}

	async getPasswordHash(id: string): Promise<string | undefined> {
		const row = await this.#db
			.selectFrom('users')
			.select('password_hash')
			.where('id', '=', id)
			.executeTakeFirst()
		return row?.password_hash
	}

	async updateProfile(
		id: string,
		changes: { displayName?: string; color?: string },
	): Promise<User | undefined> {
		const set: { display_name?: string; color?: string } = {}
		if (changes.displayName !== undefined) set.display_name = changes.displayName
		if (changes.color !== undefined) set.color = changes.color
		if (Object.keys(set).length === 0) return this.get(id)
		const row = await this.#db
			.updateTable('users')
			.set(set)
			.where('id', '=', id)
			.returningAll()
			.executeTakeFirst()
		return row ? toUser(row) : undefined
	}

	async setPasswordHash(id: string, passwordHash: string): Promise<void> {
		await this.#db.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', id).execute()
	}
}

function toUser(row: Selectable<UsersTable>): User {
	return {
		id: row.id,
		email: row.email,
		displayName: row.display_name,
		color: row.color,
		role: row.role,
		createdAt: toIso(row.created_at),
	}
}
