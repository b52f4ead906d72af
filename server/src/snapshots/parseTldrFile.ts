import type { SerializedSchema } from '@tldraw/store'
import type { TLRecord } from '@tldraw/tlschema'
import { type LooseRecord, type MigrationProblem, migrateRecords } from './migrateRecords.ts'

/** The `.tldr` file format version this server reads and writes (tldraw's own is 1 since 2023). */
export const TLDR_FILE_FORMAT_VERSION = 1

/** What is wrong with a file that cannot be imported. */
export type TldrProblem =
	| 'not-json'
	| 'not-tldraw'
	| 'tldraw-v1'
	| 'newer-version'
	| 'unknown-record-type'
	| 'invalid-record'

/** A file that cannot be imported, with a message for the person who chose it. */
export class TldrFileError extends Error {
	readonly problem: TldrProblem

	constructor(problem: TldrProblem, message: string) {
		super(message)
		this.name = 'TldrFileError'
		this.problem = problem
	}
}

/** The readable messages of the API contract, one per problem. */
export const tldrMessages = {
	notJson: 'This file is not a tldraw file: it is not JSON.',
	notTldraw: 'This file is not a tldraw file.',
	tldrawV1:
		'This is a document from tldraw version 1, which this version cannot import. Open it at tldraw.com and save it again as a new .tldr file.',
	newerVersion:
		'This file was made by a newer version of tldraw than this server knows. It can be imported once Circlespace is updated.',
	unknownRecordType: (typeName: string) =>
		`This file contains a kind of record this version of tldraw does not know: ${typeName}.`,
	invalidRecord: (id: string, reason: string) =>
		`This file contains a record that is not valid: ${id} (${reason}).`,
} as const

/** A `.tldr` file read and brought to this server's schema. */
export interface ParsedTldrFile {
	/** The board records of the file (pages, shapes, bindings, assets, document), validated. */
	records: TLRecord[]
	/** The schema the file was written with. */
	schema: SerializedSchema
}

/**
 * Reads a `.tldr` file (`{ tldrawFileFormatVersion, schema, records }`), migrates its records to
 * this server's tldraw schema and validates them, as tldraw's `parseTldrawJsonFile` does, but
 * with a specific reason for each way a file can be broken. Session records (cameras, instance
 * state) are dropped: a board keeps only document records. Throws {@link TldrFileError}.
 */
export function parseTldrFile(bytes: Uint8Array): ParsedTldrFile {
	const data = parseJson(bytes)
	if (typeof data !== 'object' || data === null || Array.isArray(data)) {
		throw new TldrFileError('not-tldraw', tldrMessages.notTldraw)
	}
	const file = data as Record<string, unknown>
	if (!('records' in file) && isTldrawV1Document(file.document)) {
		throw new TldrFileError('tldraw-v1', tldrMessages.tldrawV1)
	}
	const version = file.tldrawFileFormatVersion
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		throw new TldrFileError('not-tldraw', tldrMessages.notTldraw)
	}
	// Checked before the rest of the shape: a newer format may be laid out differently.
	if (version > TLDR_FILE_FORMAT_VERSION) throw new TldrFileError('newer-version', tldrMessages.newerVersion)
	const schema = file.schema
	if (!isSerializedSchema(schema) || !Array.isArray(file.records)) {
		throw new TldrFileError('not-tldraw', tldrMessages.notTldraw)
	}

	const records = looseRecords(file.records)
	const migrated = migrateRecords(records, schema)
	const problem = migrated.problems[0]
	if (problem) throw errorOf(problem)
	checkReferences(migrated.records)
	return { records: migrated.records, schema }
}

function parseJson(bytes: Uint8Array): unknown {
	let text: string
	try {
		// `fatal`: bytes that are not UTF-8 are not a JSON text either (RFC 8259).
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
	} catch {
		throw new TldrFileError('not-json', tldrMessages.notJson)
	}
	try {
		return JSON.parse(text)
	} catch {
		throw new TldrFileError('not-json', tldrMessages.notJson)
	}
}

/** tldraw 1 saved `{ name, fileHandle, document: { id, name, version, pages, pageStates, … } }`. */
function isTldrawV1Document(document: unknown): boolean {
	if (typeof document !== 'object' || document === null) return false
	const fields = document as Record<string, unknown>
	return typeof fields.pages === 'object' || typeof fields.pageStates === 'object'
}

function isSerializedSchema(value: unknown): value is SerializedSchema {
	if (typeof value !== 'object' || value === null) return false
	const schema = value as Record<string, unknown>
	const isVersionMap = (map: unknown, check: (v: unknown) => boolean) =>
		typeof map === 'object' && map !== null && !Array.isArray(map) && Object.values(map).every(check)
	if (schema.schemaVersion === 1) {
		return (
			typeof schema.storeVersion === 'number' &&
			isVersionMap(schema.recordVersions, (v) => typeof v === 'object' && v !== null)
		)
	}
	if (schema.schemaVersion === 2) {
		return isVersionMap(schema.sequences, (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0)
	}
	return false
}

/** The file's records as objects with an id and a type name, each id once. */
function looseRecords(values: unknown[]): LooseRecord[] {
	const seen = new Set<string>()
	return values.map((value, index) => {
		if (typeof value !== 'object' || value === null || Array.isArray(value)) {
			throw invalid(`#${index + 1}`, 'it is not an object')
		}
		const record = value as Record<string, unknown>
		const id = typeof record.id === 'string' && record.id !== '' ? record.id : undefined
		if (id === undefined) throw invalid(`#${index + 1}`, 'it has no id')
		if (typeof record.typeName !== 'string' || record.typeName === '') throw invalid(id, 'it has no typeName')
		if (seen.has(id)) throw invalid(id, 'this id appears more than once')
		seen.add(id)
		return record as LooseRecord
	})
}

/** Every shape's parent, every binding's ends and every image's asset must be in the file. */
function checkReferences(records: readonly TLRecord[]): void {
	const ids = new Set<string>(records.map((record) => record.id))
	for (const record of records) {
		if (record.typeName === 'shape') {
			if (!ids.has(record.parentId))
				throw invalid(record.id, `its parent ${record.parentId} is not in the file`)
			if (record.parentId === record.id) throw invalid(record.id, 'it is its own parent')
		} else if (record.typeName === 'binding') {
			for (const end of [record.fromId, record.toId]) {
				if (!ids.has(end)) throw invalid(record.id, `it binds ${end}, which is not in the file`)
			}
		}
	}
	// A cycle of shapes parented to each other would hang any tree walk (tldraw's included).
	const parentOf = new Map<string, string>()
	for (const record of records) if (record.typeName === 'shape') parentOf.set(record.id, record.parentId)
	const reachesPage = new Set<string>()
	for (const start of parentOf.keys()) {
		const path = new Set<string>()
		let current: string | undefined = start
		while (current !== undefined && parentOf.has(current) && !reachesPage.has(current)) {
			if (path.has(current)) throw invalid(start, 'its parents form a loop')
			path.add(current)
			current = parentOf.get(current)
		}
		for (const id of path) reachesPage.add(id)
	}
}

function invalid(id: string, reason: string): TldrFileError {
	return new TldrFileError('invalid-record', tldrMessages.invalidRecord(id, reason))
}

function errorOf(problem: MigrationProblem): TldrFileError {
	switch (problem.kind) {
		case 'newer-schema':
			return new TldrFileError('newer-version', tldrMessages.newerVersion)
		case 'unknown-type':
			return new TldrFileError('unknown-record-type', tldrMessages.unknownRecordType(problem.typeName))
		case 'invalid-record':
			return invalid(problem.id, problem.reason)
		default: {
			const exhaustive: never = problem
			throw new Error(`unhandled migration problem ${JSON.stringify(exhaustive)}`)
		}
	}
}
