import { META_MAP, RECORDS_MAP, SCHEMA_KEY } from '@circlespace/shared'
import type { SerializedSchema } from '@tldraw/store'
import {
	AssetRecordType,
	createBindingId,
	createShapeId,
	DocumentRecordType,
	PageRecordType,
	type TLAssetId,
	type TLBinding,
	TLDOCUMENT_ID,
	type TLPage,
	type TLParentId,
	type TLRecord,
	type TLShape,
	toRichText,
} from '@tldraw/tlschema'
import * as Y from 'yjs'
import { loadTldraw } from './tldrawPackage.ts'
import { currentSchema } from './tldrawSchema.ts'

/**
 * Test support: boards as tldraw makes them. Shapes get the default props of tldraw's own
 * shape utils (loaded from the tldraw package), so they are what an editor would have written.
 */

const tldraw = await loadTldraw()

function defaultsOf(utils: typeof tldraw.defaultShapeUtils, type: string): Record<string, unknown> {
	// Groups have no props; their util is part of tldraw's editor, not of the default shapes.
	if (type === 'group') return {}
	const Util = utils.find((util) => util.type === type)
	if (!Util) throw new Error(`tldraw has no util for ${type}`)
	return new Util({}).getDefaultProps()
}

/** A shape of `type` with tldraw's default props, changed by `props` and `fields`. */
export function makeShape(
	type: string,
	name: string,
	parentId: string,
	index: string,
	props: Record<string, unknown> = {},
	fields: Partial<Pick<TLShape, 'x' | 'y' | 'rotation' | 'meta'>> = {},
): TLShape {
	return {
		id: createShapeId(name),
		typeName: 'shape',
		type,
		x: 10,
		y: 20,
		rotation: 0,
		index,
		parentId: parentId as TLParentId,
		isLocked: false,
		opacity: 1,
		meta: {},
		...fields,
		props: { ...defaultsOf(tldraw.defaultShapeUtils, type), ...props },
	} as unknown as TLShape
}

/** A page. */
export function makePage(name: string, index: string): TLPage {
	return PageRecordType.create({ id: PageRecordType.createId(name), name, index: index as TLPage['index'] })
}

/** An arrow binding from an arrow shape to another shape. */
export function makeArrowBinding(arrow: TLShape, to: TLShape, terminal: 'start' | 'end'): TLBinding {
	return {
		id: createBindingId(`${arrow.id}-${terminal}`),
		typeName: 'binding',
		type: 'arrow',
		fromId: arrow.id,
		toId: to.id,
		meta: {},
		props: { ...defaultsOf(tldraw.defaultBindingUtils, 'arrow'), terminal },
	} as TLBinding
}

/**
 * A board with two pages and most kinds of content: geo, note and text shapes with text, a
 * frame with a child, an arrow bound at both ends, an image with its asset, a group of two
 * shapes, and a drawing on the second page.
 */
export function sampleBoard(options: { imageSrc?: string } = {}): TLRecord[] {
	const ideas = makePage('Ideas', 'a1')
	const actions = makePage('Actions', 'a2')
	const geo = makeShape('geo', 'geo', ideas.id, 'a1', { richText: toRichText('Trust') })
	const note = makeShape(
		'note',
		'note',
		ideas.id,
		'a2',
		{ richText: toRichText('Ask someone else') },
		{ x: 300 },
	)
	const frame = makeShape('frame', 'frame', ideas.id, 'a3', { name: 'Day 12' }, { y: 400 })
	const inFrame = makeShape('text', 'in-frame', frame.id, 'a1', { richText: toRichText('Inside the frame') })
	const arrow = makeShape('arrow', 'arrow', ideas.id, 'a4', { richText: toRichText('leads to') })
	const assetId: TLAssetId = AssetRecordType.createId('photo')
	const asset = AssetRecordType.create({
		id: assetId,
		type: 'image',
		props: {
			name: 'photo.png',
			src: options.imageSrc ?? 'https://example.org/photo.png',
			w: 1,
			h: 1,
			mimeType: 'image/png',
			isAnimated: false,
		},
	})
	const image = makeShape('image', 'image', ideas.id, 'a5', { assetId, w: 1, h: 1 })
	const group = makeShape('group', 'group', actions.id, 'a1')
	const inGroupA = makeShape('geo', 'in-group-a', group.id, 'a1', { richText: toRichText('One') })
	const inGroupB = makeShape('geo', 'in-group-b', group.id, 'a2', { richText: toRichText('Two') }, { x: 200 })
	const drawing = makeShape('draw', 'drawing', actions.id, 'a2', { isComplete: true })
	return [
		DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'Retro' }),
		ideas,
		actions,
		geo,
		note,
		frame,
		inFrame,
		arrow,
		makeArrowBinding(arrow, geo, 'start'),
		makeArrowBinding(arrow, note, 'end'),
		asset,
		image,
		group,
		inGroupA,
		inGroupB,
		drawing,
	]
}

/** A Y doc laid out as the binding writes boards: one JSON string per record, and the schema. */
export function docOf(
	records: readonly { id: string }[],
	schema: SerializedSchema | null = currentSchema,
): Y.Doc {
	const doc = new Y.Doc()
	doc.transact(() => {
		const map = doc.getMap<string>(RECORDS_MAP)
		for (const record of records) map.set(record.id, JSON.stringify(record))
		if (schema) doc.getMap<string>(META_MAP).set(SCHEMA_KEY, JSON.stringify(schema))
	})
	return doc
}

/** The records of a doc, parsed, by id. */
export function recordsOf(doc: Y.Doc): Map<string, { id: string; typeName: string; [key: string]: unknown }> {
	const result = new Map<string, { id: string; typeName: string }>()
	doc.getMap<string>(RECORDS_MAP).forEach((json, id) => {
		result.set(id, JSON.parse(json))
	})
	return result as Map<string, { id: string; typeName: string; [key: string]: unknown }>
}

/** The tldraw package, for tests that check with tldraw's own code. */
export { tldraw }
