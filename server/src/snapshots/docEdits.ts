import { isDeepStrictEqual } from 'node:util'
import { compareStoredSchema, parseStoredRecord, SCHEMA_KEY } from '@circlespace/shared'
import type { SerializedSchema } from '@tldraw/store'
import {
	AssetRecordType,
	createBindingId,
	createShapeId,
	DocumentRecordType,
	PageRecordType,
	type TLAsset,
	type TLBinding,
	TLDOCUMENT_ID,
	type TLPage,
	type TLParentId,
	type TLRecord,
	type TLShape,
} from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { BoardTooNewError } from './BoardTooNewError.ts'
import { metaMapOf, readBoardContent, recordsMapOf } from './boardDoc.ts'
import { highestIndexKey, indexKeysAbove } from './indexKeys.ts'
import { migrateRecords } from './migrateRecords.ts'
import { currentSchema, tldrawSchema } from './tldrawSchema.ts'

export { BoardTooNewError }

/** The content a board's doc is to hold: record id → the record as JSON, and the schema as JSON. */
export interface DocContent {
	records: Map<string, string>
	/** The serialized schema to store beside them; null leaves the stored one as it is. */
	schema: string | null
}

/** How many records a change set, deleted and left alone. */
export interface ChangeCount {
	set: number
	deleted: number
	untouched: number
}

const currentSchemaJson = JSON.stringify(currentSchema)

/**
 * Makes a doc hold exactly `content`, as the smallest change, in one transaction: records it lacks
 * are deleted, records whose JSON differs are set, equal ones are not touched (so they cause no
 * update, and no connected client's store sees them change). `origin` marks the transaction.
 */
export function replaceDocContent(doc: Y.Doc, content: DocContent, origin: unknown): ChangeCount {
	const records = recordsMapOf(doc)
	const meta = metaMapOf(doc)
	const count: ChangeCount = { set: 0, deleted: 0, untouched: 0 }
	doc.transact(() => {
		for (const id of [...records.keys()]) {
			if (!content.records.has(id)) {
				records.delete(id)
				count.deleted++
			}
		}
		for (const [id, json] of content.records) {
			if (records.get(id) === json) {
				count.untouched++
				continue
			}
			records.set(id, json)
			count.set++
		}
		if (content.schema !== null && meta.get(SCHEMA_KEY) !== content.schema)
			meta.set(SCHEMA_KEY, content.schema)
	}, origin)
	return count
}

/**
 * What restoring `snapshot` onto `live` must make the live doc hold.
 *
 * When both were written with the same schema, the snapshot's records are taken byte for byte,
 * so every record unchanged since the snapshot compares equal and stays untouched. Otherwise the
 * snapshot's records are migrated to this server's schema, and a record whose live version is the
 * same object is kept in its live form for the same reason. Throws {@link BoardTooNewError} when
 * either was written by a newer tldraw than this server's and they differ.
 */
export function contentToRestore(snapshot: Y.Doc, live: Y.Doc): DocContent {
	const snapshotSchemaJson = metaMapOf(snapshot).get(SCHEMA_KEY)
	const liveSchemaJson = metaMapOf(live).get(SCHEMA_KEY)
	const snapshotRecords = recordsMapOf(snapshot)
	if (snapshotSchemaJson === undefined || sameSchema(snapshotSchemaJson, liveSchemaJson)) {
		const records = new Map<string, string>()
		snapshotRecords.forEach((value, id) => {
			if (typeof value === 'string') records.set(id, value)
		})
		return { records, schema: typeof snapshotSchemaJson === 'string' ? snapshotSchemaJson : null }
	}
	const snapshotContent = readBoardContent(snapshot)
	const liveContent = readBoardContent(live)
	if (!canBeWrittenNow(liveContent.schema) || !canBeWrittenNow(snapshotContent.schema))
		throw new BoardTooNewError()
	const from =
		snapshotContent.schema === null || snapshotContent.schema === 'unreadable'
			? currentSchema
			: snapshotContent.schema
	const migrated = migrateRecords(snapshotContent.records, from)
	const liveRecords = recordsMapOf(live)
	const records = new Map<string, string>()
	for (const record of migrated.records) {
		const liveJson = liveRecords.get(record.id)
		const liveParsed = parseStoredRecord(record.id, liveJson)
		records.set(
			record.id,
			typeof liveJson === 'string' && 'record' in liveParsed && isDeepStrictEqual(liveParsed.record, record)
				? liveJson
				: JSON.stringify(record),
		)
	}
	return { records, schema: currentSchemaJson }
}

function sameSchema(a: unknown, b: unknown): boolean {
	if (a === b) return true
	if (typeof a !== 'string' || typeof b !== 'string') return false
	try {
		return isDeepStrictEqual(JSON.parse(a), JSON.parse(b))
	} catch {
		return false
	}
}

/** Whether the server may write records in its own schema beside records of `schema`. */
function canBeWrittenNow(schema: SerializedSchema | null | 'unreadable'): boolean {
	if (schema === null) return true
	if (schema === 'unreadable') return false
	return compareStoredSchema(tldrawSchema, schema) !== 'newer'
}

/**
 * The changes that bring a doc's records to this server's schema before it adds its own (as a
 * newer client does when it joins, see the tldraw-yjs CONTEXT.md): migrated records whose JSON
 * changed, records the migration removed, and the schema. Records that cannot be read or
 * migrated are left as they are. Throws {@link BoardTooNewError} for a doc of a newer schema.
 */
function upgradeChanges(doc: Y.Doc): DocContent & { deleted: string[] } {
	const content = readBoardContent(doc)
	if (!canBeWrittenNow(content.schema)) throw new BoardTooNewError()
	const none = { records: new Map<string, string>(), deleted: [], schema: currentSchemaJson }
	if (content.schema === null || content.schema === 'unreadable') return none
	if (compareStoredSchema(tldrawSchema, content.schema) === 'same') return { ...none, schema: null }
	const migrated = migrateRecords(content.records, content.schema)
	const kept = new Set<string>(migrated.problems.flatMap((problem) => ('id' in problem ? [problem.id] : [])))
	const records = new Map<string, string>()
	const current = recordsMapOf(doc)
	for (const record of migrated.records) {
		const json = JSON.stringify(record)
		if (current.get(record.id) !== json) records.set(record.id, json)
	}
	const migratedIds = new Set<string>(migrated.records.map((record) => record.id))
	const deleted = content.records.map((r) => r.id).filter((id) => !migratedIds.has(id) && !kept.has(id))
	return { records, deleted, schema: currentSchemaJson }
}

/** Adds records to a doc in one transaction, first bringing its own records to the current schema. */
function addToDoc(doc: Y.Doc, added: readonly TLRecord[], origin: unknown): void {
	const upgrade = upgradeChanges(doc)
	const records = recordsMapOf(doc)
	doc.transact(() => {
		for (const id of upgrade.deleted) records.delete(id)
		for (const [id, json] of upgrade.records) records.set(id, json)
		for (const record of added) records.set(record.id, JSON.stringify(record))
		if (upgrade.schema !== null) metaMapOf(doc).set(SCHEMA_KEY, upgrade.schema)
	}, origin)
}

/**
 * Fills a new board's (empty) doc with the records of a file, keeping their ids, in one
 * transaction, with a document record and a page when the file has none.
 */
export function fillNewBoard(doc: Y.Doc, fileRecords: readonly TLRecord[], origin: unknown): void {
	const records = [...fileRecords]
	if (!records.some((record) => record.typeName === 'document')) {
		records.unshift(DocumentRecordType.create({ id: TLDOCUMENT_ID }))
	}
	if (!records.some((record) => record.typeName === 'page')) {
		records.push(
			PageRecordType.create({
				id: PageRecordType.createId(),
				name: 'Page 1',
				index: 'a1' as TLPage['index'],
			}),
		)
	}
	addToDoc(doc, records, origin)
}

/** Where {@link addFileAsNewPage} put a file's shapes. */
export interface AddedPage {
	pageId: string
	pageName: string
	shapeCount: number
}

/**
 * Adds the shapes of a file to a board on one new page, after the board's last page, in one
 * transaction; nothing already on the board is changed.
 *
 * Everything added gets a fresh id (the same file imported twice, or a file exported from this
 * very board, must not overwrite what is there): the page, every shape, binding and asset, with
 * parents, binding ends and asset references following their new ids. The shapes on the file's
 * pages become children of the new page in the file's order (page by page, then by index), with
 * new index keys; shapes inside groups and frames keep theirs.
 */
export function addFileAsNewPage(doc: Y.Doc, fileRecords: readonly TLRecord[], origin: unknown): AddedPage {
	const pages = fileRecords
		.filter((record): record is TLPage => record.typeName === 'page')
		.sort((a, b) => compareKeys(a.index, b.index))
	const shapes = fileRecords.filter((record): record is TLShape => record.typeName === 'shape')
	const bindings = fileRecords.filter((record): record is TLBinding => record.typeName === 'binding')
	const assets = fileRecords.filter((record): record is TLAsset => record.typeName === 'asset')

	const livePages = readBoardContent(doc).records.filter((record) => record.typeName === 'page')
	const pageIndex = indexKeysAbove(
		highestIndexKey(livePages.map((page) => String(page.index))),
		1,
	)[0] as string
	const pageName = `Imported: ${pages[0]?.name ?? 'Page 1'}`
	const page = PageRecordType.create({
		id: PageRecordType.createId(),
		name: pageName,
		index: pageIndex as TLPage['index'],
	})

	const newShapeIds = new Map<string, TLShape['id']>(shapes.map((shape) => [shape.id, createShapeId()]))
	const newAssetIds = new Map<string, TLAsset['id']>(
		assets.map((asset) => [asset.id, AssetRecordType.createId()]),
	)
	const pageOrder = new Map<string, number>(pages.map((p, i) => [p.id, i]))
	const topLevel = shapes
		.filter((shape) => pageOrder.has(shape.parentId))
		.sort(
			(a, b) =>
				(pageOrder.get(a.parentId) ?? 0) - (pageOrder.get(b.parentId) ?? 0) || compareKeys(a.index, b.index),
		)
	const topIndexes = new Map<string, string>()
	indexKeysAbove(null, topLevel.length).forEach((key, i) => {
		topIndexes.set((topLevel[i] as TLShape).id, key)
	})

	const added: TLRecord[] = [page]
	for (const shape of shapes) {
		const onPage = topIndexes.get(shape.id)
		const props = shape.props as { assetId?: string | null }
		const assetId = props.assetId ? newAssetIds.get(props.assetId) : undefined
		added.push({
			...shape,
			id: newShapeIds.get(shape.id) as TLShape['id'],
			parentId: onPage !== undefined ? page.id : (newShapeIds.get(shape.parentId) as TLParentId),
			index: (onPage ?? shape.index) as TLShape['index'],
			...(assetId ? { props: { ...shape.props, assetId } } : {}),
		} as TLShape)
	}
	for (const binding of bindings) {
		added.push({
			...binding,
			id: createBindingId(),
			fromId: newShapeIds.get(binding.fromId) as TLShape['id'],
			toId: newShapeIds.get(binding.toId) as TLShape['id'],
		})
	}
	for (const asset of assets) added.push({ ...asset, id: newAssetIds.get(asset.id) as TLAsset['id'] })

	addToDoc(doc, added, origin)
	return { pageId: page.id, pageName, shapeCount: shapes.length }
}

function compareKeys(a: string, b: string): number {
	return a < b ? -1 : a > b ? 1 : 0
}
