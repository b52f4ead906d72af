import type { JourneyPause, JourneyTemplate, Person } from '@circlespace/shared'
import { type Kysely, type Selectable, sql } from 'kysely'
import { toBoardRecord } from './KyselyBoardStore.ts'
import { toIso } from './rowValues.ts'
import type {
	CircleJourneyRecord,
	JourneyChanges,
	JourneyStore,
	JourneyTemplateListing,
	JourneyTemplateRecord,
	MadeInCircles,
	NewJourneyTemplate,
} from './Storage.ts'
import type { CircleJourneysTable, DatabaseSchema } from './schema.ts'

interface TemplateRow {
	id: string
	tribe_id: string
	circle_id: string | null
	name: string
	document: string
	created_at: string | Date
	updated_at: string | Date
	used_by: number | string | bigint
	created_by: string | null
	created_by_name: string | null
	created_by_color: string | null
}

/** {@link JourneyStore} on any database Kysely speaks (SQLite, PostgreSQL). */
export class KyselyJourneyStore implements JourneyStore {
	readonly #db: Kysely<DatabaseSchema>

	constructor(db: Kysely<DatabaseSchema>) {
		this.#db = db
	}

	async createTemplate(template: NewJourneyTemplate): Promise<JourneyTemplateRecord> {
		const at = template.createdAt.toISOString()
		await this.#db
			.insertInto('journey_templates')
			.values({
				id: template.id,
				tribe_id: template.tribeId,
				circle_id: template.circleId,
				name: template.template.name,
				document: JSON.stringify(template.template),
				created_by: template.createdBy,
				created_at: at,
				updated_at: at,
			})
			.execute()
		const created = await this.getTemplate(template.id)
		if (!created) throw new Error(`journey template ${template.id} vanished right after it was stored`)
		return created
	}

	async getTemplate(id: string): Promise<JourneyTemplateRecord | undefined> {
		return (await this.getTemplates([id]))[0]
	}

	async getTemplates(ids: readonly string[]): Promise<JourneyTemplateRecord[]> {
		if (ids.length === 0) return []
		const rows = await this.#selectTemplates()
			.where('t.id', 'in', [...ids])
			.execute()
		return rows.map(toTemplateRecord)
	}

	async listTemplates(owner: {
		tribeId: string
		circleId: string | null
	}): Promise<JourneyTemplateListing[]> {
		let query = this.#db
			.selectFrom('journey_templates as t')
			.select(['t.id', 't.tribe_id', 't.circle_id', 't.name', 't.created_at', 't.updated_at'])
			.select((eb) =>
				eb
					.selectFrom('circle_journeys')
					.select((inner) => inner.fn.countAll().as('n'))
					.whereRef('circle_journeys.template_id', '=', 't.id')
					.as('used_by'),
			)
			.where('t.tribe_id', '=', owner.tribeId)
		query =
			owner.circleId === null
				? query.where('t.circle_id', 'is', null)
				: query.where('t.circle_id', '=', owner.circleId)
		const rows = await query.orderBy('t.name').orderBy('t.id').execute()
		return rows.map((row) => ({
			id: row.id,
			tribeId: row.tribe_id,
			circleId: row.circle_id,
			name: row.name,
			usedBy: Number(row.used_by ?? 0),
			createdAt: toIso(row.created_at),
			updatedAt: toIso(row.updated_at),
		}))
	}

	async replaceTemplate(
		id: string,
		template: JourneyTemplate,
		at: Date,
	): Promise<JourneyTemplateRecord | undefined> {
		const result = await this.#db
			.updateTable('journey_templates')
			.set({ name: template.name, document: JSON.stringify(template), updated_at: at.toISOString() })
			.where('id', '=', id)
			.executeTakeFirst()
		return result.numUpdatedRows > 0n ? this.getTemplate(id) : undefined
	}

	deleteTemplate(id: string): Promise<'deleted' | 'not_found' | 'in_use'> {
		// In one transaction with the check, so that a journey started meanwhile either sees the
		// template or is refused by the foreign key; never a journey left without its template.
		return this.#db.transaction().execute(async (trx) => {
			const inUse = await trx
				.selectFrom('circle_journeys')
				.select('circle_id')
				.where('template_id', '=', id)
				.limit(1)
				.executeTakeFirst()
			if (inUse) return 'in_use'
			const result = await trx.deleteFrom('journey_templates').where('id', '=', id).executeTakeFirst()
			return result.numDeletedRows > 0n ? 'deleted' : 'not_found'
		})
	}

	async getJourney(circleId: string): Promise<CircleJourneyRecord | undefined> {
		const row = await this.#db
			.selectFrom('circle_journeys')
			.selectAll()
			.where('circle_id', '=', circleId)
			.executeTakeFirst()
		return row ? toJourneyRecord(row) : undefined
	}

	async putJourney(journey: JourneyChanges): Promise<CircleJourneyRecord> {
		const at = journey.at.toISOString()
		const columns = {
			template_id: journey.templateId,
			start_date: journey.startDate,
			time_zone: journey.timeZone,
			pauses: JSON.stringify(journey.pauses),
			updated_at: at,
		}
		const row = await this.#db
			.insertInto('circle_journeys')
			.values({ circle_id: journey.circleId, created_at: at, ...columns })
			.onConflict((oc) => oc.column('circle_id').doUpdateSet(columns))
			.returningAll()
			.executeTakeFirstOrThrow()
		return toJourneyRecord(row)
	}

	async deleteJourney(circleId: string): Promise<boolean> {
		const result = await this.#db
			.deleteFrom('circle_journeys')
			.where('circle_id', '=', circleId)
			.executeTakeFirst()
		return result.numDeletedRows > 0n
	}

	async listJourneysOfTribe(tribeId: string): Promise<CircleJourneyRecord[]> {
		const rows = await this.#db
			.selectFrom('circle_journeys')
			.innerJoin('circles', 'circles.id', 'circle_journeys.circle_id')
			.selectAll('circle_journeys')
			.where('circles.tribe_id', '=', tribeId)
			.execute()
		return rows.map(toJourneyRecord)
	}

	async madeIn(scope: { circleId: string } | { tribeId: string }): Promise<MadeInCircles> {
		const boardsInScope = () => {
			const query = this.#db
				.selectFrom('boards')
				.innerJoin('circles', 'circles.id', 'boards.circle_id')
				.where('boards.deleted_at', 'is', null)
			return 'circleId' in scope
				? query.where('boards.circle_id', '=', scope.circleId)
				: query.where('circles.tribe_id', '=', scope.tribeId)
		}
		const [boards, sessions, snapshots] = await Promise.all([
			boardsInScope().selectAll('boards').orderBy('boards.created_at').orderBy('boards.id').execute(),
			boardsInScope()
				.innerJoin('live_sessions as s', 's.board_id', 'boards.id')
				.leftJoin('board_snapshots as snap', 'snap.id', 's.snapshot_id')
				.select(['s.id', 's.board_id', 's.title', 's.started_at', 's.ended_at', 's.snapshot_id'])
				.select((eb) =>
					eb.case().when('snap.thumbnail', 'is', null).then(0).else(1).end().as('snapshot_has_thumbnail'),
				)
				.orderBy('s.started_at')
				.orderBy('s.id')
				.execute(),
			boardsInScope()
				.innerJoin('board_snapshots as snap', 'snap.board_id', 'boards.id')
				.select(['snap.id', 'snap.board_id', 'snap.title', 'snap.kind', 'snap.created_at'])
				.select((eb) =>
					eb.case().when('snap.thumbnail', 'is', null).then(0).else(1).end().as('has_thumbnail'),
				)
				.orderBy('snap.created_at')
				.orderBy('snap.id')
				.execute(),
		])
		return {
			boards: boards.map(toBoardRecord),
			sessions: sessions.map((row) => ({
				id: row.id,
				boardId: row.board_id,
				title: row.title,
				startedAt: toIso(row.started_at),
				endedAt: row.ended_at === null ? null : toIso(row.ended_at),
				snapshot:
					row.snapshot_id === null
						? null
						: { id: row.snapshot_id, hasThumbnail: Number(row.snapshot_has_thumbnail) === 1 },
			})),
			snapshots: snapshots.map((row) => ({
				id: row.id,
				boardId: row.board_id,
				title: row.title,
				kind: row.kind,
				createdAt: toIso(row.created_at),
				hasThumbnail: Number(row.has_thumbnail) === 1,
			})),
		}
	}

	#selectTemplates() {
		return this.#db
			.selectFrom('journey_templates as t')
			.leftJoin('users as u', 'u.id', 't.created_by')
			.select([
				't.id',
				't.tribe_id',
				't.circle_id',
				't.name',
				't.document',
				't.created_at',
				't.updated_at',
				't.created_by',
				'u.display_name as created_by_name',
				'u.color as created_by_color',
			])
			.select(sql<number>`(select count(*) from circle_journeys j where j.template_id = t.id)`.as('used_by'))
	}
}

function toTemplateRecord(row: TemplateRow): JourneyTemplateRecord {
	const createdBy: Person | null =
		row.created_by !== null && row.created_by_name !== null
			? { id: row.created_by, displayName: row.created_by_name, color: row.created_by_color ?? '' }
			: null
	return {
		id: row.id,
		tribeId: row.tribe_id,
		circleId: row.circle_id,
		// Validated before it was written (see JourneyStore).
		template: JSON.parse(row.document) as JourneyTemplate,
		createdBy,
		usedBy: Number(row.used_by),
		createdAt: toIso(row.created_at),
		updatedAt: toIso(row.updated_at),
	}
}

function toJourneyRecord(row: Selectable<CircleJourneysTable>): CircleJourneyRecord {
	return {
		circleId: row.circle_id,
		templateId: row.template_id,
		startDate: row.start_date,
		timeZone: row.time_zone,
		pauses: JSON.parse(row.pauses) as JourneyPause[],
		createdAt: toIso(row.created_at),
		updatedAt: toIso(row.updated_at),
	}
}
