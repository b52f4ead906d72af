import { DatabaseSync } from 'node:sqlite'
import { Kysely, sql } from 'kysely'
import { afterEach, describe, expect, it } from 'vitest'
import { nodeSqliteDialect } from './nodeSqliteDialect.ts'

interface Schema {
	notes: { id: number; text: string }
}

/** A real in-memory database whose `prepare` calls are counted. */
function countingDatabase() {
	const database = new DatabaseSync(':memory:')
	const prepared: string[] = []
	const prepare = database.prepare.bind(database)
	database.prepare = (text: string) => {
		prepared.push(text)
		return prepare(text)
	}
	return { database, prepared }
}

describe('nodeSqliteDialect', () => {
	let db: Kysely<Schema> | undefined
	afterEach(async () => {
		await db?.destroy()
		db = undefined
	})

	async function open(statementCacheSize?: number) {
		const counting = countingDatabase()
		db = new Kysely<Schema>({ dialect: nodeSqliteDialect(counting.database, { statementCacheSize }) })
		await sql`create table notes (id integer primary key, text text not null)`.execute(db)
		return { db, prepared: counting.prepared }
	}

	it('prepares a query once and gives the right rows every time it runs again', async () => {
		const { db, prepared } = await open()
		for (let i = 1; i <= 20; i++) {
			await db
				.insertInto('notes')
				.values({ id: i, text: `note ${i}` })
				.execute()
			const row = await db.selectFrom('notes').select('text').where('id', '=', i).executeTakeFirst()
			expect(row?.text).toBe(`note ${i}`)
		}
		const inserts = prepared.filter((text) => text.startsWith('insert'))
		const selects = prepared.filter((text) => text.startsWith('select'))
		expect(inserts).toHaveLength(1)
		expect(selects).toHaveLength(1)
	})

	it('keeps at most the given number of statements, dropping the least recently used', async () => {
		const { db, prepared } = await open(2)
		const byId = (id: number) => db.selectFrom('notes').select('id').where('id', '=', id)
		const inList = (n: number) =>
			db
				.selectFrom('notes')
				.select('id')
				.where(
					'id',
					'in',
					Array.from({ length: n }, (_, i) => i),
				)
		await db.insertInto('notes').values({ id: 1, text: 'one' }).execute()
		const before = prepared.length
		await byId(1).execute() // prepared: cache holds insert, byId
		await inList(2).execute() // prepared: insert dropped
		await byId(1).execute() // cached: byId now the most recent
		await inList(3).execute() // prepared: inList(2) dropped
		await byId(1).execute() // still cached
		await inList(2).execute() // prepared again
		expect(prepared.length - before).toBe(4)
		expect((await byId(1).execute()).map((r) => r.id)).toEqual([1])
	})

	it('prepares every query anew with a cache size of 0', async () => {
		const { db, prepared } = await open(0)
		const before = prepared.length
		for (let i = 0; i < 3; i++) await db.selectFrom('notes').selectAll().execute()
		expect(prepared.length - before).toBe(3)
	})

	it('runs a cached statement again after it failed', async () => {
		const { db } = await open()
		await db.insertInto('notes').values({ id: 1, text: 'one' }).execute()
		await expect(db.insertInto('notes').values({ id: 1, text: 'again' }).execute()).rejects.toThrow()
		await db.insertInto('notes').values({ id: 2, text: 'two' }).execute()
		expect((await db.selectFrom('notes').select('text').orderBy('id').execute()).map((r) => r.text)).toEqual([
			'one',
			'two',
		])
	})
})
