import { META_MAP, RECORDS_MAP, readRecords, readStoredSchema, type StoredRecord } from '@circlespace/shared'
import type { SerializedSchema } from '@tldraw/store'
import * as Y from 'yjs'

/** What a board's Y doc holds, read without a tldraw store (see the tldraw-yjs CONTEXT.md). */
export interface BoardContent {
	/** The schema the records were written with; null when none is stored yet (an empty board). */
	schema: SerializedSchema | null | 'unreadable'
	/** The records that parse (an object with its own id and a type name); others are skipped. */
	records: StoredRecord[]
}

/** Reads the records and stored schema of a board's doc. */
export function readBoardContent(doc: Y.Doc): BoardContent {
	return { schema: readStoredSchema(doc), records: readRecords(doc).records }
}

/** The records map of a board's doc: record id → the record as a JSON string. */
export function recordsMapOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(RECORDS_MAP)
}

/** The metadata map of a board's doc (holds the schema). */
export function metaMapOf(doc: Y.Doc): Y.Map<unknown> {
	return doc.getMap<unknown>(META_MAP)
}

/** A fresh doc holding a snapshot's stored state (a V2 update). */
export function docFromSnapshotState(state: Uint8Array): Y.Doc {
	const doc = new Y.Doc()
	Y.applyUpdateV2(doc, state)
	return doc
}

/**
 * How many shapes a board holds, on all its pages. Counted by key (every shape id starts with
 * `shape:`), without parsing the records: it runs on a live room's doc.
 */
export function countShapes(doc: Y.Doc): number {
	let count = 0
	for (const id of recordsMapOf(doc).keys()) if (id.startsWith('shape:')) count++
	return count
}
