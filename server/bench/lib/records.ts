/** The Y.Map that holds a board's tldraw records: the binding's own layout constant. */
export { RECORDS_MAP } from '@circlespace/shared/tldraw-yjs/yjsLayout.ts'

/** The page every generated shape sits on. */
export const PAGE_ID = 'page:page'

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * A fractional index key for the n-th shape: 'c' + three base-62 digits is a valid integer
 * key in tldraw's scheme, and keeps every key the same length so they sort as numbers do.
 */
export function indexKey(n: number): string {
	const d2 = BASE62[Math.floor(n / 3844) % 62]
	const d1 = BASE62[Math.floor(n / 62) % 62]
	const d0 = BASE62[n % 62]
	return `c${d2}${d1}${d0}`
}

/** A tldraw geo shape (valid for tldraw 5.4's schema), about 400 bytes as JSON. */
export interface ShapeRecord {
	id: string
	typeName: 'shape'
	type: 'geo'
	x: number
	y: number
	rotation: number
	index: string
	parentId: string
	isLocked: boolean
	opacity: number
	meta: { t?: string }
	props: Record<string, unknown>
}

/** Builds the n-th shape of a board; `owner` only makes ids unique across writers. */
export function makeShape(owner: string, n: number): ShapeRecord {
	return {
		id: `shape:${owner}-${n}`,
		typeName: 'shape',
		type: 'geo',
		x: (n % 100) * 120,
		y: Math.floor(n / 100) * 120,
		rotation: 0,
		index: indexKey(n),
		parentId: PAGE_ID,
		isLocked: false,
		opacity: 1,
		meta: {},
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
			richText: { type: 'doc', content: [{ type: 'paragraph' }] },
		},
	}
}

/** The document and page records a tldraw board always has. */
export function baseRecords(): Record<string, unknown>[] {
	return [
		{ id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
		{ id: PAGE_ID, typeName: 'page', name: 'Page 1', index: 'a1', meta: {} },
	]
}
