import type { SerializedSchema } from '@tldraw/store'
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, type TLPage } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { readBoardContent } from './boardDoc.ts'
import { type MigrationProblem, migrateRecords } from './migrateRecords.ts'
import { TLDR_FILE_FORMAT_VERSION } from './parseTldrFile.ts'
import { currentSchema, isNewerSchema } from './tldrawSchema.ts'

/** A `.tldr` file as tldraw writes it (`serializeTldrawJson`) and reads it (`parseTldrawJsonFile`). */
export interface TldrFile {
	tldrawFileFormatVersion: number
	schema: SerializedSchema
	records: Array<{ id: string; typeName: string }>
}

/** A board's content as a `.tldr` file, with the records that had to be left out. */
export interface BuiltTldrFile {
	file: TldrFile
	/** Records of the board that could not be migrated or validated (tldraw would skip them too). */
	skipped: MigrationProblem[]
}

/**
 * Builds a `.tldr` file from a board's doc: its records migrated to this server's tldraw schema
 * and validated, with a document record and at least one page (tldraw needs both to open it),
 * and only the assets some shape uses (as tldraw's own export does).
 *
 * A doc written by a newer tldraw than this server's is exported as it is, with its own schema:
 * this server cannot migrate records down, and the newer tldraw that wrote them can read them.
 */
export function buildTldrFile(doc: Y.Doc): BuiltTldrFile {
	const content = readBoardContent(doc)
	const stored = content.schema === null || content.schema === 'unreadable' ? null : content.schema
	if (stored && isNewerSchema(stored)) {
		return {
			file: { tldrawFileFormatVersion: TLDR_FILE_FORMAT_VERSION, schema: stored, records: content.records },
			skipped: [],
		}
	}
	const migrated = migrateRecords(content.records, stored ?? currentSchema)
	const records: TldrFile['records'] = [...migrated.records]
	if (!records.some((record) => record.typeName === 'document')) {
		records.unshift(DocumentRecordType.create({ id: TLDOCUMENT_ID }))
	}
	if (!records.some((record) => record.typeName === 'page')) {
		records.push(
			PageRecordType.create({
				id: PageRecordType.createId('page'),
				name: 'Page 1',
				index: 'a1' as TLPage['index'],
			}),
		)
	}
	return {
		file: {
			tldrawFileFormatVersion: TLDR_FILE_FORMAT_VERSION,
			schema: currentSchema,
			records: pruneUnusedAssets(records),
		},
		skipped: migrated.problems,
	}
}

/** Leaves out asset records no shape points at. */
export function pruneUnusedAssets<R extends { id: string; typeName: string }>(records: readonly R[]): R[] {
	const used = new Set<unknown>()
	for (const record of records) {
		if (record.typeName !== 'shape') continue
		const props = (record as { props?: { assetId?: unknown } }).props
		if (props?.assetId) used.add(props.assetId)
	}
	return records.filter((record) => record.typeName !== 'asset' || used.has(record.id))
}
