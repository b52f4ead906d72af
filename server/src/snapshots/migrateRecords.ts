import type { SerializedSchema, SynchronousStorage } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import { isBoardRecordType, isNewerSchema, recordTypeOf, tldrawSchema } from './tldrawSchema.ts'

/** A record as read from a file or a doc: an object with an id and a type name, nothing checked. */
export interface LooseRecord {
	id: string
	typeName: string
	[key: string]: unknown
}

/** Why records could not be brought to the current schema. */
export type MigrationProblem =
	| { kind: 'newer-schema' }
	| { kind: 'unknown-type'; id: string; typeName: string }
	| { kind: 'invalid-record'; id: string; reason: string }

/** What {@link migrateRecords} made of a set of records. */
export interface MigratedRecords {
	/**
	 * The board records (document-scoped, never `user`), migrated to the current schema and
	 * validated. Session records (cameras, instance state…) are left out silently.
	 */
	records: TLRecord[]
	/** The records that were left out, and why; with `newer-schema` nothing was migrated at all. */
	problems: MigrationProblem[]
}

/**
 * Brings records written with schema `from` to this server's tldraw schema, the way tldraw
 * itself does (`migrateStorage`: store-level migrations may remove whole record types, such as
 * the old `user_document`), then validates each one.
 *
 * Unlike `migrateStoreSnapshot`, which only says that something failed, this finds out which
 * record was the cause: an unknown type that survived the migrations, or a record whose
 * migration threw. Those are left out and the rest is migrated again, so one bad record never
 * hides what is wrong with the others. Strict callers (import) refuse on the first problem;
 * lenient ones (export of a board) keep what is valid.
 */
export function migrateRecords(records: readonly LooseRecord[], from: SerializedSchema): MigratedRecords {
	if (isNewerSchema(from)) return { records: [], problems: [{ kind: 'newer-schema' }] }
	const problems: MigrationProblem[] = []
	let input = [...records]
	let migrated: Map<string, LooseRecord>
	for (;;) {
		const storage = storageOf(input, from)
		try {
			tldrawSchema.migrateStorage(storage.asStorage)
			migrated = storage.map
			break
		} catch (error) {
			// tldraw throws at the end of its migrations on a type it does not know; what is left in
			// the storage at that point names it.
			const unknown = [...storage.map.values()].filter((record) => !recordTypeOf(record.typeName))
			const culprits: MigrationProblem[] =
				unknown.length > 0
					? unknown.map((record) => ({ kind: 'unknown-type', id: record.id, typeName: record.typeName }))
					: [findFailingRecord(input, from) ?? { kind: 'invalid-record', id: '?', reason: messageOf(error) }]
			problems.push(...culprits)
			const removed = new Set(culprits.map((problem) => ('id' in problem ? problem.id : '')))
			const before = input.length
			input = input.filter((record) => !removed.has(record.id))
			// Nothing could be pointed at: the records cannot be migrated one by one either.
			if (input.length === before) return { records: [], problems }
		}
	}

	const valid: TLRecord[] = []
	for (const record of migrated.values()) {
		const type = recordTypeOf(record.typeName)
		if (!type) {
			problems.push({ kind: 'unknown-type', id: record.id, typeName: record.typeName })
			continue
		}
		if (!isBoardRecordType(record.typeName)) continue
		try {
			valid.push(type.validate(record) as TLRecord)
		} catch (error) {
			problems.push({ kind: 'invalid-record', id: record.id, reason: messageOf(error) })
		}
	}
	return { records: valid, problems }
}

/** The first record whose migration throws when migrated on its own. */
function findFailingRecord(
	records: readonly LooseRecord[],
	from: SerializedSchema,
): MigrationProblem | undefined {
	for (const record of records) {
		try {
			tldrawSchema.migrateStorage(storageOf([record], from).asStorage)
		} catch (error) {
			if (!recordTypeOf(record.typeName))
				return { kind: 'unknown-type', id: record.id, typeName: record.typeName }
			return { kind: 'invalid-record', id: record.id, reason: messageOf(error) }
		}
	}
	return undefined
}

/** The records in a map, seen by tldraw's migrations as a synchronous storage of schema `from`. */
function storageOf(records: readonly LooseRecord[], from: SerializedSchema) {
	const map = new Map<string, LooseRecord>(records.map((record) => [record.id, record]))
	// The records are not known to be TLRecords yet: migrating them is what makes them so.
	const asStorage: SynchronousStorage<TLRecord> = {
		get: (id) => map.get(id) as TLRecord | undefined,
		set: (id, record) => void map.set(id, record as unknown as LooseRecord),
		delete: (id) => void map.delete(id),
		keys: () => map.keys(),
		values: () => map.values() as unknown as Iterable<TLRecord>,
		entries: () => map.entries() as unknown as Iterable<[string, TLRecord]>,
		getSchema: () => from,
		setSchema: () => {},
	}
	return { map, asStorage }
}

const MAX_REASON_LENGTH = 300

/** A short, readable reason from whatever a migration or validator threw. */
export function messageOf(error: unknown): string {
	const message = error instanceof Error ? error.message : String(error)
	const oneLine = message.replace(/\s+/g, ' ').trim()
	return oneLine.length > MAX_REASON_LENGTH ? `${oneLine.slice(0, MAX_REASON_LENGTH - 1)}…` : oneLine
}
