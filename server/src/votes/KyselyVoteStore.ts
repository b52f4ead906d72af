import type { Person } from '@circlespace/shared'
import type { Kysely, Transaction } from 'kysely'
import { toIso } from '../storage/rowValues.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import type { CastOutcome, NewVote, StoredTally, VoteRecord, VoteStore } from './VoteStore.ts'

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>

/** The stored form of `results`: voters by id (their names are read when shown). */
interface ResultRow {
	shapeId: string
	dots: number
	voterIds?: string[]
}

/** {@link VoteStore} in the `votes` and `vote_dots` tables, on SQLite or PostgreSQL. */
export class KyselyVoteStore implements VoteStore {
	readonly #db: Kysely<DatabaseSchema>
	readonly #kind: 'sqlite' | 'postgres'

	constructor(db: Kysely<DatabaseSchema>, kind: 'sqlite' | 'postgres') {
		this.#db = db
		this.#kind = kind
	}

	async start(vote: NewVote): Promise<VoteRecord | undefined> {
		const inserted = await this.#db
			.insertInto('votes')
			.values({
				id: vote.id,
				board_id: vote.boardId,
				session_id: vote.sessionId,
				dots_per_person: vote.dotsPerPerson,
				anonymous: vote.anonymous ? 1 : 0,
				started_by: vote.startedBy,
				started_at: vote.startedAt.toISOString(),
				ends_at: vote.endsAt?.toISOString() ?? null,
				ended_at: null,
				results: null,
			})
			// The partial unique index allows one running vote per board, even against a concurrent start.
			.onConflict((oc) => oc.column('board_id').where('ended_at', 'is', null).doNothing())
			.returning('id')
			.executeTakeFirst()
		if (!inserted) return undefined
		return this.get(vote.id)
	}

	async get(id: string): Promise<VoteRecord | undefined> {
		return (await this.#read(this.#db, (q) => q.where('votes.id', '=', id)))[0]
	}

	async running(boardId: string): Promise<VoteRecord | undefined> {
		return (
			await this.#read(this.#db, (q) =>
				q.where('votes.board_id', '=', boardId).where('votes.ended_at', 'is', null),
			)
		)[0]
	}

	async lastEndedOfSession(sessionId: string): Promise<VoteRecord | undefined> {
		return (
			await this.#read(this.#db, (q) =>
				q
					.where('votes.session_id', '=', sessionId)
					.where('votes.ended_at', 'is not', null)
					.orderBy('votes.ended_at', 'desc')
					.orderBy('votes.id', 'desc')
					.limit(1),
			)
		)[0]
	}

	cast(voteId: string, userId: string, shapeId: string, at: Date): Promise<CastOutcome> {
		return this.#db.transaction().execute(async (trx) => {
			// On PostgreSQL the vote's row is locked, so that one person's concurrent casts (even through
			// two server processes) are counted one after the other; SQLite runs one write at a time.
			const vote = await trx
				.selectFrom('votes')
				.select(['dots_per_person'])
				.where('id', '=', voteId)
				.where('ended_at', 'is', null)
				.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate())
				.executeTakeFirst()
			if (!vote) return 'not-running'
			const mine = await trx
				.selectFrom('vote_dots')
				.select('shape_id')
				.where('vote_id', '=', voteId)
				.where('user_id', '=', userId)
				.execute()
			if (mine.some((row) => row.shape_id === shapeId)) return 'already'
			if (mine.length >= vote.dots_per_person) return 'none-left'
			await trx
				.insertInto('vote_dots')
				.values({ vote_id: voteId, user_id: userId, shape_id: shapeId, cast_at: at.toISOString() })
				.execute()
			return 'cast'
		})
	}

	async takeBack(voteId: string, userId: string, shapeId: string): Promise<boolean> {
		const running = await this.#db
			.selectFrom('votes')
			.select('id')
			.where('id', '=', voteId)
			.where('ended_at', 'is', null)
			.executeTakeFirst()
		if (!running) return false
		const deleted = await this.#db
			.deleteFrom('vote_dots')
			.where('vote_id', '=', voteId)
			.where('user_id', '=', userId)
			.where('shape_id', '=', shapeId)
			.executeTakeFirst()
		return Number(deleted.numDeletedRows) > 0
	}

	async dotsOf(voteId: string, userId: string): Promise<string[]> {
		const rows = await this.#db
			.selectFrom('vote_dots')
			.select('shape_id')
			.where('vote_id', '=', voteId)
			.where('user_id', '=', userId)
			.orderBy('cast_at')
			.orderBy('shape_id')
			.execute()
		return rows.map((row) => row.shape_id)
	}

	end(voteId: string, at: Date): Promise<VoteRecord | undefined> {
		return this.#db.transaction().execute(async (trx) => {
			const vote = await trx
				.selectFrom('votes')
				.select(['anonymous'])
				.where('id', '=', voteId)
				.where('ended_at', 'is', null)
				.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate())
				.executeTakeFirst()
			if (!vote) return undefined
			const dots = await trx
				.selectFrom('vote_dots')
				.select(['shape_id', 'user_id'])
				.where('vote_id', '=', voteId)
				.orderBy('cast_at')
				.orderBy('user_id')
				.execute()
			const byNote = new Map<string, string[]>()
			for (const dot of dots) {
				const voters = byNote.get(dot.shape_id) ?? []
				voters.push(dot.user_id)
				byNote.set(dot.shape_id, voters)
			}
			const results: ResultRow[] = [...byNote]
				.map(([shapeId, voterIds]) =>
					vote.anonymous ? { shapeId, dots: voterIds.length } : { shapeId, dots: voterIds.length, voterIds },
				)
				.sort((a, b) => b.dots - a.dots || (a.shapeId < b.shapeId ? -1 : a.shapeId > b.shapeId ? 1 : 0))
			await trx
				.updateTable('votes')
				.set({ ended_at: at.toISOString(), results: JSON.stringify(results) })
				.where('id', '=', voteId)
				.execute()
			// An anonymous vote keeps only its counts.
			if (vote.anonymous) await trx.deleteFrom('vote_dots').where('vote_id', '=', voteId).execute()
			return (await this.#read(trx, (q) => q.where('votes.id', '=', voteId)))[0]
		})
	}

	async #read(
		db: Db,
		// biome-ignore lint/suspicious/noExplicitAny: the query builder's type is long and only filtered here
		filter: (query: any) => any,
	): Promise<VoteRecord[]> {
		const query = db
			.selectFrom('votes')
			.leftJoin('users', 'users.id', 'votes.started_by')
			.select([
				'votes.id',
				'votes.board_id',
				'votes.session_id',
				'votes.dots_per_person',
				'votes.anonymous',
				'votes.started_at',
				'votes.ends_at',
				'votes.ended_at',
				'votes.results',
				'users.id as starter_id',
				'users.display_name as starter_name',
				'users.color as starter_color',
			])
		const rows: Array<{
			id: string
			board_id: string
			session_id: string
			dots_per_person: number | string
			anonymous: number | string | boolean
			started_at: string | Date
			ends_at: string | Date | null
			ended_at: string | Date | null
			results: string | null
			starter_id: string | null
			starter_name: string | null
			starter_color: string | null
		}> = await filter(query).execute()
		const voterIds = new Set<string>()
		const parsed = rows.map((row) => {
			const results = row.results === null ? null : (JSON.parse(row.results) as ResultRow[])
			for (const tally of results ?? []) for (const id of tally.voterIds ?? []) voterIds.add(id)
			return { row, results }
		})
		const people = await peopleById(db, [...voterIds])
		return parsed.map(({ row, results }) => ({
			id: row.id,
			boardId: row.board_id,
			sessionId: row.session_id,
			dotsPerPerson: Number(row.dots_per_person),
			anonymous: Number(row.anonymous) === 1 || row.anonymous === true,
			startedBy:
				row.starter_id === null
					? null
					: { id: row.starter_id, displayName: row.starter_name ?? '', color: row.starter_color ?? '' },
			startedAt: toIso(row.started_at),
			endsAt: row.ends_at === null ? null : toIso(row.ends_at),
			endedAt: row.ended_at === null ? null : toIso(row.ended_at),
			results: results === null ? null : results.map((tally) => tallyView(tally, people)),
		}))
	}
}

function tallyView(tally: ResultRow, people: Map<string, Person>): StoredTally {
	if (!tally.voterIds) return { shapeId: tally.shapeId, dots: tally.dots }
	const voters = tally.voterIds.flatMap((id) => {
		const person = people.get(id)
		return person ? [person] : []
	})
	return { shapeId: tally.shapeId, dots: tally.dots, voters }
}

async function peopleById(db: Db, ids: string[]): Promise<Map<string, Person>> {
	const people = new Map<string, Person>()
	for (let start = 0; start < ids.length; start += 200) {
		const rows = await db
			.selectFrom('users')
			.select(['id', 'display_name', 'color'])
			.where('id', 'in', ids.slice(start, start + 200))
			.execute()
		for (const row of rows)
			people.set(row.id, { id: row.id, displayName: row.display_name, color: row.color })
	}
	return people
}
