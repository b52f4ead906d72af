import type { Kysely } from 'kysely'
import type { Session, SessionStore } from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

/** {@link SessionStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselySessionStore implements SessionStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async create(session: Session): Promise<void> {
		await this.#db
			.insertInto('sessions')
			.values({
				id: session.id,
				user_id: session.userId,
				expires_at: session.expiresAt.toISOString(),
				created_at: session.createdAt.toISOString(),
			})
			.execute()
	}

	async get(id: string): Promise<Session | undefined> {
		const row = await this.#db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()
		if (!row) return undefined
		return {
			id: row.id,
			userId: row.user_id,
			expiresAt: new Date(row.expires_at),
			createdAt: new Date(row.created_at),
		}
	}

	async setExpiresAt(id: string, expiresAt: Date): Promise<void> {
		await this.#db
			.updateTable('sessions')
			.set({ expires_at: expiresAt.toISOString() })
			.where('id', '=', id)
			.execute()
	}

	async delete(id: string): Promise<void> {
		await this.#db.deleteFrom('sessions').where('id', '=', id).execute()
	}

	async deleteAllOfUser(userId: string, exceptId?: string): Promise<void> {
		let query = this.#db.deleteFrom('sessions').where('user_id', '=', userId)
		if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
		await query.execute()
	}
}
