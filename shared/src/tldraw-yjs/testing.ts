import { Store } from '@tldraw/store'
import {
	createShapeId,
	createTLSchema,
	DocumentRecordType,
	PageRecordType,
	TLDOCUMENT_ID,
	type TLGeoShape,
	type TLPageId,
	type TLRecord,
	type TLStore,
	type TLStoreProps,
	toRichText,
} from '@tldraw/tlschema'
import * as Y from 'yjs'
import { RECORDS_MAP } from './yjsLayout.ts'

/** Test support: the page every board store made here starts with. */
export const PAGE_ID = PageRecordType.createId('main')

/**
 * Test support: a headless tldraw store, as the client's store is before an editor mounts.
 * The asset and user stores are never called without an editor, so they are stubs.
 */
export function createBoardStore(initial: 'empty' | 'with-page' = 'with-page'): TLStore {
	const props: TLStoreProps = {
		defaultName: '',
		assets: {
			upload: async () => ({ src: '' }),
			resolve: (asset) => asset.props.src,
			remove: async () => {},
		},
		users: {} as TLStoreProps['users'],
		onMount: () => {},
	}
	const store: TLStore = new Store({ schema: createTLSchema(), props })
	if (initial === 'with-page') {
		store.put([
			DocumentRecordType.create({ id: TLDOCUMENT_ID }),
			PageRecordType.create({ id: PAGE_ID, name: 'Page 1', index: 'a1' as TLGeoShape['index'] }),
		])
	}
	return store
}

/** Test support: a geo shape with every prop filled in, as tldraw's GeoShapeUtil would make it. */
export function geoShape(
	name: string,
	overrides: Partial<TLGeoShape> = {},
	pageId: TLPageId = PAGE_ID,
): TLGeoShape {
	return {
		id: createShapeId(name),
		typeName: 'shape',
		type: 'geo',
		x: 0,
		y: 0,
		rotation: 0,
		index: 'a1' as TLGeoShape['index'],
		parentId: pageId,
		isLocked: false,
		opacity: 1,
		meta: {},
		...overrides,
		props: {
			geo: 'rectangle',
			dash: 'draw',
			url: '',
			w: 100,
			h: 100,
			growY: 0,
			scale: 1,
			flipX: false,
			flipY: false,
			labelColor: 'black',
			color: 'black',
			fill: 'none',
			size: 'm',
			font: 'draw',
			align: 'middle',
			verticalAlign: 'middle',
			richText: toRichText(name),
			...overrides.props,
		},
	}
}

/** Test support: sends each doc what the other lacks, like two peers reconnecting. */
export function exchange(a: Y.Doc, b: Y.Doc): void {
	const toB = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b))
	const toA = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a))
	Y.applyUpdate(b, toB, 'peer')
	Y.applyUpdate(a, toA, 'peer')
}

/** Test support: the store's document records other than users, by id, for comparing stores. */
export function documentRecords(store: TLStore): Record<string, TLRecord> {
	const result: Record<string, TLRecord> = {}
	for (const record of store.allRecords()) {
		if (store.schema.types[record.typeName].scope === 'document' && record.typeName !== 'user') {
			result[record.id] = record
		}
	}
	return result
}

/** Test support: the ids stored in a doc's records map. */
export function docRecordIds(doc: Y.Doc): string[] {
	return [...doc.getMap(RECORDS_MAP).keys()].sort()
}
