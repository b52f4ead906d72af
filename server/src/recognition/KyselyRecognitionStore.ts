import type { Recognition, RecognitionSubject } from '@circlespace/shared/recognition/recognitionApi.ts'
import type { Kysely } from 'kysely'
import { toIso } from '../storage/rowValues.ts'
import type { DatabaseSchema } from '../storage/schema.ts'
import type { GiveOutcome, NewRecognition, RecognitionStore } from './RecognitionStore.ts'

interface RecognitionRow {
	id: string
	board_id: string
	subject_kind: 'note' | 'session'
	subject_id: string
	message: string
	excerpt: string
	created_at: string | Date
	board_title: string
	journey_day: number | null
	circle_id: string
	circle_name: string
	tribe_id: string
	tribe_name: string
	recipient_id: string
	recipient_name: string
	recipient_color: string
	giver_id: string
	giver_name: string
	giver_color: string
}

/** {@link RecognitionStore} in the `recognitions` table, on SQLite or PostgreSQL. */
export class KyselyRecognitionStore implements RecognitionStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async give(recognition: NewRecognition, maxPerContribution: number): Promise<GiveOutcome> {
		const subjectId = subjectIdOf(recognition.subject)
		const stored = await this.#db.transaction().execute(async (trx) => {
			const same = trx
				.selectFrom('recognitions')
				.where('board_id', '=', recognition.boardId)
				.where('subject_kind', '=', recognition.subject.kind)
				.where('subject_id', '=', subjectId)
			const mine = await same.select('id').where('giver_id', '=', recognition.giverId).executeTakeFirst()
			if (mine) return 'already' as const
			// Counted in the transaction: on PostgreSQL two givers racing for the last place may both
			// get it (a few over the bound at most); the unique constraint still holds each giver to one.
			const { count } = await same
				.select((eb) => eb.fn.countAll<number | string>().as('count'))
				.executeTakeFirstOrThrow()
			if (Number(count) >= maxPerContribution) return 'full' as const
			const inserted = await trx
				.insertInto('recognitions')
				.values({
					id: recognition.id,
					board_id: recognition.boardId,
					subject_kind: recognition.subject.kind,
					subject_id: subjectId,
					recipient_id: recognition.recipientId,
					giver_id: recognition.giverId,
					message: recognition.message,
					excerpt: recognition.excerpt,
					created_at: recognition.createdAt.toISOString(),
				})
				.onConflict((oc) => oc.columns(['board_id', 'subject_kind', 'subject_id', 'giver_id']).doNothing())
				.executeTakeFirst()
			return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0 ? ('already' as const) : ('given' as const)
		})
		if (stored !== 'given') return { outcome: stored }
		const found = await this.get(recognition.id)
		if (!found) throw new Error('A recognition just stored could not be read back')
		return { outcome: 'given', recognition: found }
	}

	async get(id: string): Promise<Recognition | undefined> {
		const row = await this.#selectRecognitions().where('r.id', '=', id).executeTakeFirst()
		return row ? recognitionOf(row) : undefined
	}

	async withdraw(id: string, giverId: string): Promise<boolean> {
		const result = await this.#db
			.deleteFrom('recognitions')
			.where('id', '=', id)
			.where('giver_id', '=', giverId)
			.executeTakeFirst()
		return Number(result.numDeletedRows) > 0
	}

	async givenSince(giverId: string, since: Date): Promise<{ count: number; firstAt: Date | null }> {
		const row = await this.#db
			.selectFrom('recognitions')
			.select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('created_at').as('first_at')])
			.where('giver_id', '=', giverId)
			.where('created_at', '>', since.toISOString())
			.executeTakeFirstOrThrow()
		const firstAt = row.first_at === null || row.first_at === undefined ? null : new Date(toIso(row.first_at))
		return { count: Number(row.count), firstAt }
	}

	async listOfBoard(boardId: string, limit: number): Promise<Recognition[]> {
		const rows = await this.#selectRecognitions()
			.where('r.board_id', '=', boardId)
			.orderBy('r.created_at', 'desc')
			.orderBy('r.id', 'desc')
			.limit(limit)
			.execute()
		return rows.map(recognitionOf).reverse()
	}

	async listReceived(
		recipientId: string,
		tribeIds: readonly string[],
		limit: number,
	): Promise<Recognition[]> {
		if (tribeIds.length === 0) return []
		const rows = await this.#selectRecognitions()
			.where('r.recipient_id', '=', recipientId)
			.where('c.tribe_id', 'in', [...tribeIds])
			.orderBy('r.created_at', 'desc')
			.orderBy('r.id', 'desc')
			.limit(limit)
			.execute()
		return rows.map(recognitionOf)
	}

	async sharedTribes(a: string, b: string): Promise<Array<{ id: string; name: string }>> {
		return this.#db
			.selectFrom('tribe_members as mine')
			.innerJoin('tribe_members as theirs', 'theirs.tribe_id', 'mine.tribe_id')
			.innerJoin('tribes', 'tribes.id', 'mine.tribe_id')
			.select(['tribes.id', 'tribes.name'])
			.where('mine.user_id', '=', a)
			.where('theirs.user_id', '=', b)
			.orderBy('tribes.name')
			.orderBy('tribes.id')
			.execute()
	}

	#selectRecognitions() {
		return this.#db
			.selectFrom('recognitions as r')
			.innerJoin('boards as b', 'b.id', 'r.board_id')
			.innerJoin('circles as c', 'c.id', 'b.circle_id')
			.innerJoin('tribes as t', 't.id', 'c.tribe_id')
			.innerJoin('users as recipient', 'recipient.id', 'r.recipient_id')
			.innerJoin('users as giver', 'giver.id', 'r.giver_id')
			.where('b.deleted_at', 'is', null)
			.select([
				'r.id',
				'r.board_id',
				'r.subject_kind',
				'r.subject_id',
				'r.message',
				'r.excerpt',
				'r.created_at',
				'b.title as board_title',
				'b.journey_day',
				'c.id as circle_id',
				'c.name as circle_name',
				't.id as tribe_id',
				't.name as tribe_name',
				'recipient.id as recipient_id',
				'recipient.display_name as recipient_name',
				'recipient.color as recipient_color',
				'giver.id as giver_id',
				'giver.display_name as giver_name',
				'giver.color as giver_color',
			])
	}
}

function subjectIdOf(subject: RecognitionSubject): string {
	return subject.kind === 'note' ? subject.shapeId : subject.sessionId
}

function recognitionOf(row: RecognitionRow): Recognition {
	const subject: RecognitionSubject =
		row.subject_kind === 'note'
			? { kind: 'note', shapeId: row.subject_id }
			: { kind: 'session', sessionId: row.subject_id }
	return {
		id: row.id,
		subject,
		board: {
			id: row.board_id,
			title: row.board_title,
			journeyDay: row.journey_day === null ? null : Number(row.journey_day),
		},
		circle: { id: row.circle_id, name: row.circle_name },
		tribe: { id: row.tribe_id, name: row.tribe_name },
		recipient: { id: row.recipient_id, displayName: row.recipient_name, color: row.recipient_color },
		giver: { id: row.giver_id, displayName: row.giver_name, color: row.giver_color },
		message: row.message,
		excerpt: row.excerpt,
		createdAt: toIso(row.created_at),
	}
}
