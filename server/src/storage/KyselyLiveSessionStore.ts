import type { Person } from '@circlespace/shared'
import type { Kysely, Transaction } from 'kysely'
import { toIso } from './rowValues.ts'
import type {
	LiveSessionChanges,
	LiveSessionRecord,
	LiveSessionStore,
	NewLiveSession,
	StoredTimer,
} from './Storage.ts'
import type { DatabaseSchema } from './schema.ts'

interface SessionRow {
	id: string
	board_id: string
	title: string
	agenda: string
	current_item: number
	timer_duration_ms: number | string | null
	timer_remaining_ms: number | string | null
	timer_running_since: string | Date | null
	follow_me: string | null
	started_by: string | null
	started_at: string | Date
	ended_at: string | Date | null
	snapshot_id: string | null
	snapshot_has_thumbnail: number | boolean | string | null
}

type Db = Kysely<DatabaseSchema> | Transaction<DatabaseSchema>

/** {@link LiveSessionStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyLiveSessionStore implements LiveSessionStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	start(session: NewLiveSession): Promise<LiveSessionRecord | undefined> {
		return this.#db.transaction().execute(async (trx) => {
			const inserted = await trx
				.insertInto('live_sessions')
				.values({
					id: session.id,
					board_id: session.boardId,
					title: session.title,
					agenda: JSON.stringify(session.agenda),
					current_item: 0,
					...timerColumns(session.timer),
					follow_me: null,
					started_by: session.startedBy,
					started_at: session.startedAt.toISOString(),
					ended_at: null,
					snapshot_id: null,
				})
				// The partial unique index allows one running session per board: a second start,
				// even a concurrent one, inserts nothing.
				.onConflict((oc) => oc.column('board_id').where('ended_at', 'is', null).doNothing())
				.returning('id')
				.executeTakeFirst()
			if (!inserted) return undefined
			if (session.participants.length > 0) {
				await trx
					.insertInto('live_session_participants')
					.values(
						[...new Set(session.participants)].map((userId) => ({
							session_id: session.id,
							user_id: userId,
							joined_at: session.startedAt.toISOString(),
						})),
					)
					.execute()
			}
			return (await this.#read(trx, (q) => q.where('live_sessions.id', '=', session.id)))[0]
		})
	}

	async get(id: string): Promise<LiveSessionRecord | undefined> {
		return (await this.#read(this.#db, (q) => q.where('live_sessions.id', '=', id)))[0]
	}

	async running(boardId: string): Promise<LiveSessionRecord | undefined> {
		const found = await this.#read(this.#db, (q) =>
			q.where('live_sessions.board_id', '=', boardId).where('live_sessions.ended_at', 'is', null),
		)
		return found[0]
	}

	async update(id: string, changes: LiveSessionChanges): Promise<LiveSessionRecord | undefined> {
		const set = {
			...(changes.currentItem !== undefined ? { current_item: changes.currentItem } : {}),
			...(changes.timer !== undefined ? timerColumns(changes.timer) : {}),
			...(changes.followMe !== undefined ? { follow_me: changes.followMe } : {}),
		}
		if (Object.keys(set).length > 0) {
			const result = await this.#db
				.updateTable('live_sessions')
				.set(set)
				.where('id', '=', id)
				.where('ended_at', 'is', null)
				.executeTakeFirst()
			if (result.numUpdatedRows === 0n) return undefined
		}
		const found = await this.get(id)
		return found && found.endedAt === null ? found : undefined
	}

	async addParticipant(sessionId: string, userId: string, at: Date): Promise<void> {
		await this.#db
			.insertInto('live_session_participants')
			.values({ session_id: sessionId, user_id: userId, joined_at: at.toISOString() })
			.onConflict((oc) => oc.columns(['session_id', 'user_id']).doNothing())
			.execute()
	}

	async end(id: string, at: Date, snapshotId: string | null): Promise<LiveSessionRecord | undefined> {
		const result = await this.#db
			.updateTable('live_sessions')
			.set({ ended_at: at.toISOString(), snapshot_id: snapshotId, follow_me: null })
			.where('id', '=', id)
			.where('ended_at', 'is', null)
			.executeTakeFirst()
		if (result.numUpdatedRows === 0n) return undefined
		return this.get(id)
	}

	async listEnded(boardIds: readonly string[], limit: number): Promise<LiveSessionRecord[]> {
		if (boardIds.length === 0) return []
		return this.#read(this.#db, (q) =>
			q
				.where('live_sessions.board_id', 'in', [...boardIds])
				.where('live_sessions.ended_at', 'is not', null)
				.orderBy('live_sessions.started_at', 'desc')
				.orderBy('live_sessions.id', 'desc')
				.limit(limit),
		)
	}

	/** Reads sessions (filtered and ordered by `shape`) with their snapshot, and the people they name. */
	async #read(db: Db, shape: (query: SessionQuery) => SessionQuery): Promise<LiveSessionRecord[]> {
		const rows: SessionRow[] = await shape(selectSessions(db)).execute()
		if (rows.length === 0) return []
		const participantRows = await db
			.selectFrom('live_session_participants')
			.select(['session_id', 'user_id'])
			.where(
				'session_id',
				'in',
				rows.map((row) => row.id),
			)
			.orderBy('joined_at')
			.orderBy('user_id')
			.execute()
		const participantIds = new Map<string, string[]>()
		for (const row of participantRows) {
			const list = participantIds.get(row.session_id) ?? []
			list.push(row.user_id)
			participantIds.set(row.session_id, list)
		}
		const ids = new Set<string>(participantRows.map((row) => row.user_id))
		for (const row of rows) {
			if (row.follow_me) ids.add(row.follow_me)
			if (row.started_by) ids.add(row.started_by)
		}
		const people = new Map<string, Person>()
		if (ids.size > 0) {
			const found = await db
				.selectFrom('users')
				.select(['id', 'display_name', 'color'])
				.where('id', 'in', [...ids])
				.execute()
			for (const user of found)
				people.set(user.id, { id: user.id, displayName: user.display_name, color: user.color })
		}
		const person = (id: string | null) => (id ? (people.get(id) ?? null) : null)
		return rows.map((row) => ({
			id: row.id,
			boardId: row.board_id,
			title: row.title,
			agenda: parseAgenda(row.agenda),
			currentItem: Number(row.current_item),
			timer: timerOf(row),
			followMe: person(row.follow_me),
			startedBy: person(row.started_by),
			startedAt: toIso(row.started_at),
			endedAt: row.ended_at === null ? null : toIso(row.ended_at),
			participants: (participantIds.get(row.id) ?? []).flatMap((id) => {
				const found = people.get(id)
				return found ? [found] : []
			}),
			snapshot:
				row.snapshot_id === null || row.snapshot_has_thumbnail === null
					? null
					: { id: row.snapshot_id, hasThumbnail: Number(row.snapshot_has_thumbnail) === 1 },
		}))
	}
}

/** Sessions with whether their snapshot has a thumbnail (null when they have no snapshot). */
function selectSessions(db: Db) {
	return db
		.selectFrom('live_sessions')
		.leftJoin('board_snapshots', 'board_snapshots.id', 'live_sessions.snapshot_id')
		.select([
			'live_sessions.id',
			'live_sessions.board_id',
			'live_sessions.title',
			'live_sessions.agenda',
			'live_sessions.current_item',
			'live_sessions.timer_duration_ms',
			'live_sessions.timer_remaining_ms',
			'live_sessions.timer_running_since',
			'live_sessions.follow_me',
			'live_sessions.started_by',
			'live_sessions.started_at',
			'live_sessions.ended_at',
			'live_sessions.snapshot_id',
		])
		.select((eb) =>
			eb
				.case()
				.when('board_snapshots.id', 'is', null)
				.then(null)
				.when('board_snapshots.thumbnail', 'is', null)
				.then(0)
				.else(1)
				.end()
				.as('snapshot_has_thumbnail'),
		)
}

type SessionQuery = ReturnType<typeof selectSessions>

function timerColumns(timer: NewLiveSession['timer']) {
	return {
		timer_duration_ms: timer ? Math.round(timer.durationMs) : null,
		timer_remaining_ms: timer ? Math.round(timer.remainingMs) : null,
		timer_running_since: timer?.runningSince ? timer.runningSince.toISOString() : null,
	}
}

function timerOf(row: SessionRow): StoredTimer | null {
	if (row.timer_duration_ms === null || row.timer_remaining_ms === null) return null
	return {
		durationMs: Number(row.timer_duration_ms),
		remainingMs: Number(row.timer_remaining_ms),
		runningSince: row.timer_running_since === null ? null : toIso(row.timer_running_since),
	}
}

/** The agenda column; anything unreadable counts as no agenda. */
function parseAgenda(json: string): string[] {
	try {
		const parsed: unknown = JSON.parse(json)
		return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string') : []
	} catch {
		return []
	}
}
