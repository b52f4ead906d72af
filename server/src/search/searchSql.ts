import { searchWords } from '@circlespace/shared'
import { type Kysely, type RawBuilder, sql } from 'kysely'
import { boardVisibilitySql } from '../storage/boardVisibilitySql.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import type { SearchEntry, Searcher, SearchHit } from './SearchIndex.ts'

/**
 * The boards the searcher may view now, with what a hit shows of them: the permission rule of
 * `boardPermissions` (shared/src/permissions) written as SQL, for boards that are neither archived
 * nor deleted and belong to a circle. A search reads this set once (a few hundred or thousand
 * rows) and keeps entries of these boards only, instead of joining four tables for every entry
 * that matches. The route applies `boardPermissions` itself once more to every row it returns.
 */
export function visibleBoards(searcher: Searcher): RawBuilder<unknown> {
	const visibility = boardVisibilitySql(searcher)
	return sql`select b.id, b.title, b.visibility, b.archived_at, b.journey_day,
			c.id as circle_id, c.name as circle_name, t.id as tribe_id, t.name as tribe_name,
			${visibility.columns}
		from boards b
		join circles c on c.id = b.circle_id
		join tribes t on t.id = c.tribe_id
		${visibility.joins}
		where b.deleted_at is null and b.archived_at is null and ${visibility.mayView}`
}

/**
 * How many matching entries are ranked at most: on SQLite the most recently indexed ones of
 * visible boards (recently edited boards are indexed last), on PostgreSQL the first it finds. Ranking costs a little for every entry ranked, and a
 * word on every other note ("the", "team") matches tens of thousands; the first results of such
 * a query are nearly as good among the newest 1,000 as among all.
 */
export const MAX_RANKED = 1_000

/** The columns {@link hitOf} reads, from the ranked entries `e` and the visible boards `b`. */
export const hitColumns = sql`e.board_id, e.shape_id, e.text, b.title, b.visibility, b.archived_at, b.journey_day,
	b.circle_id, b.circle_name, b.tribe_id, b.tribe_name, b.circle_role, b.tribe_role, b.shared_member, b.shared_steward`

/** A row of {@link hitColumns}. */
export interface HitRow {
	board_id: string
	shape_id: string | null
	text: string
	title: string
	visibility: SearchHit['board']['visibility']
	archived_at: string | Date | null
	journey_day: number | null
	circle_id: string
	circle_name: string
	tribe_id: string
	tribe_name: string
	circle_role: SearchHit['relation']['circleRole']
	tribe_role: SearchHit['relation']['tribeRole']
	/** 1 when the searcher is in a circle the board is shared with (accepted), else 0. */
	shared_member: number | string
	/** 1 when the searcher is a steward of the tribe of such a circle, else 0. */
	shared_steward: number | string
}

/** A {@link SearchHit} from its row. */
export function hitOf(row: HitRow): SearchHit {
	return {
		boardId: row.board_id,
		shapeId: row.shape_id,
		text: row.text,
		board: {
			title: row.title,
			visibility: row.visibility,
			archived: row.archived_at !== null,
			journeyDay: row.journey_day === null ? null : Number(row.journey_day),
		},
		circle: { id: row.circle_id, name: row.circle_name, tribeId: row.tribe_id, tribeName: row.tribe_name },
		relation: { circleRole: row.circle_role, tribeRole: row.tribe_role },
		// Only whether the searcher is in one of those circles matters for viewing, not the role.
		shared: {
			circleRole: Number(row.shared_member) === 1 ? 'member' : null,
			steward: Number(row.shared_steward) === 1,
		},
	}
}

/**
 * An entry with its folded words, or undefined when a shape's text holds no word (punctuation
 * only). A title is always kept: its row says the board was indexed, and through which log id.
 */
export function withWords(entry: SearchEntry): (SearchEntry & { words: string }) | undefined {
	const words = searchWords(entry.text).join(' ')
	return words === '' && entry.shapeId !== null ? undefined : { ...entry, words }
}

/** `SearchIndex.staleBoards`: the same SQL on both databases. */
export async function staleBoards(db: Kysely<DatabaseSchema>, limit: number): Promise<string[]> {
	const result = await sql<{ id: string }>`select b.id from boards b
		left join search_entries e on e.board_id = b.id and e.shape_id is null
		where b.deleted_at is null and (
			e.id is null
			or e.text <> b.title
			or exists (select 1 from board_updates u where u.board_id = b.id and u.id > e.indexed_through)
		)
		order by b.id limit ${limit}`.execute(db)
	return result.rows.map((row) => row.id)
}

/** Terms made only of letters and digits (what `searchWords` gives): nothing a query syntax reads. */
export function safeWords(words: readonly string[]): string[] {
	return words.filter((word) => /^[\p{L}\p{N}]+$/u.test(word))
}

/** Rows per insert: four values each, well under either database's limit of bound values. */
export const INSERT_CHUNK = 500
