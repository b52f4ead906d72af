import { type Kysely, sql } from 'kysely'
import type { DatabaseSchema } from '../storage/schema.ts'
import type { SearchEntry, SearchHit, SearchIndex, SearchRequest } from './SearchIndex.ts'
import {
	type HitRow,
	hitColumns,
	hitOf,
	INSERT_CHUNK,
	MAX_RANKED,
	safeWords,
	staleBoards,
	visibleBoards,
	withWords,
} from './searchSql.ts'

/**
 * {@link SearchIndex} on SQLite's FTS5 (built into `node:sqlite`): `search_fts` indexes the
 * `words` of `search_entries` as external content, ranked by bm25.
 */
export class SqliteSearchIndex implements SearchIndex {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async replaceBoard(
		boardId: string,
		entries: readonly SearchEntry[],
		indexedThrough: number,
	): Promise<void> {
		const rows = entries.flatMap((entry) => withWords(entry) ?? [])
		await this.#db.transaction().execute(async (trx) => {
			await removeFrom(trx, boardId)
			for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
				const values = rows
					.slice(i, i + INSERT_CHUNK)
					.map((row) => sql`(${boardId}, ${row.shapeId}, ${row.text}, ${indexedThrough}, ${row.words})`)
				await sql`insert into search_entries (board_id, shape_id, text, indexed_through, words) values ${sql.join(values)}`.execute(
					trx,
				)
			}
			await sql`insert into search_fts (rowid, words)
				select id, words from search_entries where board_id = ${boardId}`.execute(trx)
		})
	}

	async removeBoard(boardId: string): Promise<void> {
		await this.#db.transaction().execute((trx) => removeFrom(trx, boardId))
	}

	async search(request: SearchRequest): Promise<SearchHit[]> {
		const words = safeWords(request.terms.words)
		if (words.length === 0 || request.limit <= 0) return []
		// Each word quoted (FTS5 would read AND, OR, NOT or NEAR as operators otherwise); all must occur.
		const match = words
			.map((word, i) => `"${word}"${i === words.length - 1 && request.terms.lastIsPrefix ? '*' : ''}`)
			.join(' ')
		// The newest entries first (FTS5 walks its index by rowid, and stops once it has enough).
		const result = await sql<HitRow>`with visible as materialized (${visibleBoards(request.searcher)}),
			ranked as materialized (
				select e.id, e.board_id, e.shape_id, e.text,
					bm25(search_fts) * (case when e.shape_id is null then 2.0 else 1.0 end) as score
				from search_fts
				join search_entries e on e.id = search_fts.rowid
				where search_fts match ${match} and e.board_id in (select id from visible)
				order by search_fts.rowid desc
				limit ${MAX_RANKED}
			)
			select ${hitColumns}
			from ranked e
			join visible b on b.id = e.board_id
			order by e.score, e.board_id, e.id
			limit ${request.limit} offset ${request.offset}`.execute(this.#db)
		return result.rows.map(hitOf)
	}

	staleBoards(limit: number): Promise<string[]> {
		return staleBoards(this.#db, limit)
	}
}

// External content: FTS5 forgets an entry only when told its old words, so they are read back first.
async function removeFrom(db: Kysely<DatabaseSchema>, boardId: string): Promise<void> {
	await sql`insert into search_fts (search_fts, rowid, words)
		select 'delete', id, words from search_entries where board_id = ${boardId}`.execute(db)
	await sql`delete from search_entries where board_id = ${boardId}`.execute(db)
}
