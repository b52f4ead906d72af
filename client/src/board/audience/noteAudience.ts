import type { TLRecord } from 'tldraw'

/**
 * Who sees a note (docs/ARCHITECTURE.md, "Note audience"): `me` (only its writer), `circle` (the
 * writer's circle, on a board seen beyond it) or `board` (everyone who sees the board: on a
 * tribe-visible board, the tribe). Kept in the note's `meta.audience`; `board` is the absence
 * of it, so every note written before audiences existed stays where it was.
 */
export type NoteAudience = 'me' | 'circle' | 'board'

/** The doc a record lives in: the board's own, or one of its note layers. */
export type RecordLayer = NoteAudience

export const AUDIENCE_META_KEY = 'audience'
/** The private mode a note was written in (its id), until the facilitator reveals it. */
export const PRIVATE_MODE_META_KEY = 'privateMode'

interface ShapeLike {
	typeName: string
	type?: string
	meta?: { readonly [key: string]: unknown }
}

/** The audience a shape's meta names; `board` for anything else. */
export function audienceOf(record: ShapeLike): NoteAudience {
	if (record.typeName !== 'shape') return 'board'
	const value = record.meta?.[AUDIENCE_META_KEY]
	return value === 'me' || value === 'circle' ? value : 'board'
}

/**
 * The layer a record belongs to. Shapes by their audience; a binding (an arrow's end on a note)
 * goes with the private shape it ties, if any, so that nobody receives a binding to a note they
 * cannot see; everything else (pages, the document, assets) is the board's.
 */
export function layerOf(record: TLRecord, lookup: (id: TLRecord['id']) => TLRecord | undefined): RecordLayer {
	if (record.typeName === 'shape') return audienceOf(record)
	if (record.typeName === 'binding') {
		for (const end of [record.toId, record.fromId]) {
			const shape = lookup(end)
			const layer = shape ? audienceOf(shape) : 'board'
			if (layer !== 'board') return layer
		}
	}
	return 'board'
}

/** The shape with its audience set (`board` removes the key). Same object when unchanged. */
export function withAudience<Shape extends { meta: { readonly [key: string]: unknown } }>(
	shape: Shape,
	audience: NoteAudience,
): Shape {
	const current = shape.meta[AUDIENCE_META_KEY]
	if (audience === 'board') {
		if (current === undefined && !(PRIVATE_MODE_META_KEY in shape.meta)) return shape
		const { [AUDIENCE_META_KEY]: _a, [PRIVATE_MODE_META_KEY]: _p, ...meta } = shape.meta
		return { ...shape, meta }
	}
	if (current === audience) return shape
	const { [PRIVATE_MODE_META_KEY]: _p, ...rest } = shape.meta
	return { ...shape, meta: { ...rest, [AUDIENCE_META_KEY]: audience } }
}
