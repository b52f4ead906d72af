import type * as Y from 'yjs'
import { RECORDS_MAP } from './yjsLayout.ts'

/** A document record as read from a Y doc, before any schema validation. */
export interface StoredRecord {
	id: string
	typeName: string
	[key: string]: unknown
}

/** A record of the doc that could not be read, and why. */
export interface RecordProblem {
	id: string
	reason: string
}

/** What {@link readRecords} found in a Y doc. */
export interface ReadRecordsResult {
	records: StoredRecord[]
	problems: RecordProblem[]
}

/**
 * Lists the tldraw document records stored in a Y doc, parsed from their JSON strings.
 *
 * It does not validate the records against a tldraw schema (the server may not have one):
 * it only checks that each value parses to an object whose `id` matches its key and that
 * has a `typeName`. Anything else is listed in `problems` instead of throwing.
 */
export function readRecords(doc: Y.Doc): ReadRecordsResult {
	const records: StoredRecord[] = []
	const problems: RecordProblem[] = []
	doc.getMap<unknown>(RECORDS_MAP).forEach((value, id) => {
		const parsed = parseStoredRecord(id, value)
		if ('reason' in parsed) problems.push({ id, reason: parsed.reason })
		else records.push(parsed.record)
	})
	return { records, problems }
}

/**
 * Parses one value of the records map. Exported for the binding, which reads single
 * entries as they change.
 */
export function parseStoredRecord(id: string, value: unknown): { record: StoredRecord } | { reason: string } {
	if (typeof value !== 'string') return { reason: 'value is not a JSON string' }
	let parsed: unknown
	try {
		parsed = JSON.parse(value)
	} catch {
		return { reason: 'value is not valid JSON' }
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		return { reason: 'value is not a JSON object' }
	}
	const record = parsed as Record<string, unknown>
	if (typeof record.typeName !== 'string') return { reason: 'record has no typeName' }
	if (record.id !== id) return { reason: 'record id does not match its key' }
	return { record: record as StoredRecord }
}
