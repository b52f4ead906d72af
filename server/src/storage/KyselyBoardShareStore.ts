import type { Kysely, Selectable } from 'kysely'
import type {
	BoardOfferRecord,
	BoardShareRecord,
	BoardShareStore,
	NewBoardShare,
	OfferOutcome,
	SharedCircleRelation,
} from './BoardShareStore.ts'
import type { DatabaseKind } from './migrations.ts'
import { toIso, toNumber } from './rowValues.ts'
import type { BoardSharesTable, DatabaseSchema } from './schema.ts'

/** {@link BoardShareStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyBoardShareStore implements BoardShareStore {
	readonly #db: Kysely<DatabaseSchema>
	readonly #kind: DatabaseKind

	/** `kind` decides how rows are locked inside transactions (PostgreSQL only; SQLite runs them one at a time). */
	constructor(db: Kysely<DatabaseSchema>, kind: DatabaseKind) {
		this.#db = db
		this.#kind = kind
	}

	async offer(share: NewBoardShare): Promise<OfferOutcome> {
		const inserted = await this.#db.transaction().execute(async (trx) => {
			// Holding the board and the circle rows makes the counts below true until commit, so two
			// offers at once cannot both take the last place.
			await trx
				.selectFrom('boards')
				.select('id')
				.where('id', '=', share.boardId)
				.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate())
				.executeTakeFirst()
			await trx
				.selectFrom('circles')
				.select('id')
				.where('id', '=', share.circleId)
				.$if(this.#kind === 'postgres', (q) => q.forNoKeyUpdate())
				.executeTakeFirst()
			const existing = await trx
				.selectFrom('board_shares')
				.select('id')
				.where('board_id', '=', share.boardId)
				.where('circle_id', '=', share.circleId)
				.executeTakeFirst()
			if (existing) return { outcome: 'exists' } as const
			const onBoard = await trx
				.selectFrom('board_shares')
				.select((eb) => eb.fn.countAll().as('n'))
				.where('board_id', '=', share.boardId)
				.executeTakeFirstOrThrow()
			if (toNumber(onBoard.n as number | string) >= share.limits.perBoard)
				return { outcome: 'board_full' } as const
			if (share.acceptedBy === null) {
				const pending = await trx
					.selectFrom('board_shares')
					.select((eb) => eb.fn.countAll().as('n'))
					.where('circle_id', '=', share.circleId)
					.where('state', '=', 'offered')
					.executeTakeFirstOrThrow()
				if (toNumber(pending.n as number | string) >= share.limits.pendingPerCircle) {
					return { outcome: 'circle_full' } as const
				}
			}
			const at = share.at.toISOString()
			const row = await trx
				.insertInto('board_shares')
				.values({
					id: share.id,
					board_id: share.boardId,
					circle_id: share.circleId,
					state: share.acceptedBy === null ? 'offered' : 'accepted',
					offered_by: share.offeredBy,
					offered_at: at,
					accepted_by: share.acceptedBy,
					accepted_at: share.acceptedBy === null ? null : at,
				})
				// Two offers of the same board to the same circle at once: the unique key decides.
				.onConflict((oc) => oc.columns(['board_id', 'circle_id']).doNothing())
				.returning('id')
				.executeTakeFirst()
			return row ? ({ outcome: 'created' } as const) : ({ outcome: 'exists' } as const)
		})
		if (inserted.outcome !== 'created') return inserted
		const created = await this.get(share.id)
		if (!created) throw new Error('a share just stored could not be read')
		return { outcome: 'created', share: created }
	}

	async get(id: string): Promise<BoardShareRecord | undefined> {
		const row = await this.#select().where('board_shares.id', '=', id).executeTakeFirst()
		return row ? toShareRecord(row) : undefined
	}

	async listOfBoard(boardId: string): Promise<BoardShareRecord[]> {
		const rows = await this.#select()
			.where('board_shares.board_id', '=', boardId)
			.orderBy('board_shares.offered_at')
			.orderBy('board_shares.id')
			.execute()
		return rows.map(toShareRecord)
	}

	async acceptedOfBoards(boardIds: readonly string[]): Promise<BoardShareRecord[]> {
		if (boardIds.length === 0) return []
		const rows = await this.#select()
			.where('board_shares.board_id', 'in', [...boardIds])
			.where('board_shares.state', '=', 'accepted')
			.orderBy('board_shares.offered_at')
			.orderBy('board_shares.id')
			.execute()
		return rows.map(toShareRecord)
	}

	async accept(id: string, by: string, at: Date): Promise<BoardShareRecord | undefined> {
		const result = await this.#db
			.updateTable('board_shares')
			.set({ state: 'accepted', accepted_by: by, accepted_at: at.toISOString() })
			.where('id', '=', id)
			.where('state', '=', 'offered')
			.where('board_id', 'in', (eb) => eb.selectFrom('boards').select('id').where('deleted_at', 'is', null))
			.executeTakeFirst()
		return result.numUpdatedRows > 0n ? this.get(id) : undefined
	}

	async delete(id: string): Promise<boolean> {
		const result = await this.#db.deleteFrom('board_shares').where('id', '=', id).executeTakeFirst()
		return result.numDeletedRows > 0n
	}

	async offersToCircle(circleId: string): Promise<BoardOfferRecord[]> {
		const rows = await this.#db
			.selectFrom('board_shares')
			.innerJoin('boards', 'boards.id', 'board_shares.board_id')
			.innerJoin('circles', 'circles.id', 'boards.circle_id')
			.innerJoin('tribes', 'tribes.id', 'circles.tribe_id')
			.leftJoin('users as offerer', 'offerer.id', 'board_shares.offered_by')
			.select([
				'board_shares.id as id',
				'board_shares.offered_at as offered_at',
				'boards.id as board_id',
				'boards.title as board_title',
				'circles.id as from_id',
				'circles.name as from_name',
				'tribes.id as from_tribe_id',
				'tribes.name as from_tribe_name',
				'offerer.id as o_id',
				'offerer.display_name as o_name',
				'offerer.color as o_color',
			])
			.where('board_shares.circle_id', '=', circleId)
			.where('board_shares.state', '=', 'offered')
			.where('boards.deleted_at', 'is', null)
			.orderBy('board_shares.offered_at', 'desc')
			.orderBy('board_shares.id')
			.execute()
		return rows.map((row) => ({
			id: row.id,
			board: { id: row.board_id, title: row.board_title },
			fromCircle: {
				id: row.from_id,
				name: row.from_name,
				tribeId: row.from_tribe_id,
				tribeName: row.from_tribe_name,
			},
			offeredBy: person(row.o_id, row.o_name, row.o_color),
			offeredAt: toIso(row.offered_at),
		}))
	}

	async boardsSharedInto(circleId: string): Promise<string[]> {
		const rows = await this.#db
			.selectFrom('board_shares')
			.innerJoin('boards', 'boards.id', 'board_shares.board_id')
			.select('boards.id')
			.where('board_shares.circle_id', '=', circleId)
			.where('board_shares.state', '=', 'accepted')
			.where('boards.deleted_at', 'is', null)
			.execute()
		return rows.map((row) => row.id)
	}

	async relationsOf(boardId: string, userId: string): Promise<SharedCircleRelation[]> {
		const rows = await this.#db
			.selectFrom('board_shares')
			.innerJoin('circles', 'circles.id', 'board_shares.circle_id')
			.leftJoin('circle_members', (join) =>
				join.onRef('circle_members.circle_id', '=', 'circles.id').on('circle_members.user_id', '=', userId),
			)
			.leftJoin('tribe_members', (join) =>
				join
					.onRef('tribe_members.tribe_id', '=', 'circles.tribe_id')
					.on('tribe_members.user_id', '=', userId),
			)
			.select([
				'circles.id as circle_id',
				'circles.tribe_id as tribe_id',
				'circle_members.role as circle_role',
				'tribe_members.role as tribe_role',
			])
			.where('board_shares.board_id', '=', boardId)
			.where('board_shares.state', '=', 'accepted')
			.execute()
		return rows.map((row) => ({
			circleId: row.circle_id,
			tribeId: row.tribe_id,
			circleRole: row.circle_role ?? null,
			tribeRole: row.tribe_role ?? null,
		}))
	}

	/** Shares with their circle, tribe and people; those of a deleted board are no one's any more. */
	#select() {
		return this.#db
			.selectFrom('board_shares')
			.innerJoin('boards', 'boards.id', 'board_shares.board_id')
			.where('boards.deleted_at', 'is', null)
			.innerJoin('circles', 'circles.id', 'board_shares.circle_id')
			.innerJoin('tribes', 'tribes.id', 'circles.tribe_id')
			.leftJoin('users as offerer', 'offerer.id', 'board_shares.offered_by')
			.leftJoin('users as accepter', 'accepter.id', 'board_shares.accepted_by')
			.selectAll('board_shares')
			.select([
				'circles.name as c_name',
				'tribes.id as t_id',
				'tribes.name as t_name',
				'tribes.visibility as t_visibility',
				'offerer.id as o_id',
				'offerer.display_name as o_name',
				'offerer.color as o_color',
				'accepter.id as a_id',
				'accepter.display_name as a_name',
				'accepter.color as a_color',
			])
	}
}

type ShareRow = Selectable<BoardSharesTable> & {
	c_name: string
	t_id: string
	t_name: string
	t_visibility: BoardShareRecord['circle']['tribeVisibility']
	o_id: string | null
	o_name: string | null
	o_color: string | null
	a_id: string | null
	a_name: string | null
	a_color: string | null
}

function toShareRecord(row: ShareRow): BoardShareRecord {
	return {
		id: row.id,
		boardId: row.board_id,
		circle: {
			id: row.circle_id,
			name: row.c_name,
			tribeId: row.t_id,
			tribeName: row.t_name,
			tribeVisibility: row.t_visibility,
		},
		state: row.state,
		offeredBy: person(row.o_id, row.o_name, row.o_color),
		offeredAt: toIso(row.offered_at),
		acceptedBy: person(row.a_id, row.a_name, row.a_color),
		acceptedAt: row.accepted_at === null ? null : toIso(row.accepted_at),
	}
}

function person(id: string | null, displayName: string | null, color: string | null) {
	return id !== null && displayName !== null && color !== null ? { id, displayName, color } : null
}
