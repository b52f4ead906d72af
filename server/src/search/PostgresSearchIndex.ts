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
 * {@link SearchIndex} on PostgreSQL full text: a `tsvector` of each entry's folded words under a
 * GIN index, ranked by `ts_rank`. The `simple` configuration: boards are written in whatever
 * languages their circles speak, often several on one board, and a language's stemmer would
 * both miss words of the others and find words that only share a stem; `simple` keeps each word
 * as it is, like FTS5 does, so both databases answer the same.
 */
export class PostgresSearchIndex implements SearchIndex {
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
			await sql`delete from search_entries where board_id = ${boardId}`.execute(trx)
			for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
				const values = rows
					.slice(i, i + INSERT_CHUNK)
					.map(
						(row) =>
							sql`(${boardId}, ${row.shapeId}, ${row.text}, ${indexedThrough}, to_tsvector('simple', ${row.words}))`,
					)
				await sql`insert into search_entries (board_id, shape_id, text, indexed_through, tsv) values ${sql.join(values)}`.execute(
					trx,
				)
			}
		})
	}

	async removeBoard(boardId: string): Promise<void> {
		await sql`delete from search_entries where board_id = ${boardId}`.execute(this.#db)
	}

	async search(request: SearchRequest): Promise<SearchHit[]> {
		const words = safeWords(request.terms.words)
		if (words.length === 0 || request.limit <= 0) return []
		const query = words
			.map((word, i) => `'${word}'${i === words.length - 1 && request.terms.lastIsPrefix ? ':*' : ''}`)
			.join(' & ')
		// The tsquery is written out where it is used, not taken from a CTE: only then does the planner
		// read the words' frequencies from the statistics and choose between the GIN index and a scan.
		// No order before the limit: ordering every match by id (to rank the newest, as on SQLite)
		// cost a sort of every entry holding a common word; the first found are ranked instead.
		const tsquery = sql`to_tsquery('simple', ${query})`
		const search = sql<HitRow>`with visible as materialized (${visibleBoards(request.searcher)}),
			ranked as materialized (
				select e.id, e.board_id, e.shape_id, e.text, e.tsv
				from search_entries e
				where e.tsv @@ ${tsquery} and e.board_id in (select id from visible)
				limit ${MAX_RANKED}
			)
			select ${hitColumns}
			from ranked e
			join visible b on b.id = e.board_id
			order by ts_rank(e.tsv, ${tsquery}) * (case when e.shape_id is null then 2.0 else 1.0 end) desc, e.board_id, e.id
			limit ${request.limit} offset ${request.offset}`
		// For a word on a few percent of the entries the planner prefers reading the table until it
		// has 1,000 matches, costing `@@` as a cheap operator; it is not (measured: 3–4× slower than
		// the GIN index for such words, and no faster for any other). Only for this query.
		const result = await this.#db.transaction().execute(async (trx) => {
			await sql`set local enable_seqscan = off`.execute(trx)
			return search.execute(trx)
		})
		return result.rows.map(hitOf)
	}

	staleBoards(limit: number): Promise<string[]> {
		return staleBoards(this.#db, limit)
	}
}
