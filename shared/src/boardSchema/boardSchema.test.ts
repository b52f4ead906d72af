import { createTLSchema } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { BOARD_LINK_SHAPE_TYPE } from './boardLinkShape.ts'
import { boardSchema } from './boardSchema.ts'

function linkRecord(props: Record<string, unknown>) {
	return {
		id: 'shape:link1',
		typeName: 'shape',
		type: BOARD_LINK_SHAPE_TYPE,
		parentId: 'page:page',
		index: 'a1',
		x: 10,
		y: 20,
		rotation: 0,
		isLocked: false,
		opacity: 1,
		meta: {},
		props,
	}
}

function validate(record: ReturnType<typeof linkRecord>) {
	// biome-ignore lint/suspicious/noExplicitAny: a record as a client might write it, checked by the schema
	boardSchema().validateRecord(null as any, record as any, 'createRecord', null)
}

describe('boardSchema', () => {
	it('is built once and shared', () => {
		expect(boardSchema()).toBe(boardSchema())
	})

	it('holds tldraw’s default shapes and bindings, as tldraw’s own schema does, and the board link', () => {
		const ours = boardSchema().serialize().sequences
		const tldraws = createTLSchema().serialize().sequences
		expect(ours).toMatchObject(tldraws)
		expect(Object.keys(ours).filter((id) => !(id in tldraws))).toEqual([
			`com.tldraw.shape.${BOARD_LINK_SHAPE_TYPE}`,
		])
	})

	it('accepts a board link to a board', () => {
		expect(() => validate(linkRecord({ boardId: 'board_abc123', w: 240, h: 200 }))).not.toThrow()
	})

	it('refuses a board link without a board id, with a made-up id, or with no size', () => {
		expect(() => validate(linkRecord({ w: 240, h: 200 }))).toThrow()
		expect(() => validate(linkRecord({ boardId: '../../etc', w: 240, h: 200 }))).toThrow()
		expect(() => validate(linkRecord({ boardId: 'board_abc123', w: 0, h: 200 }))).toThrow()
		expect(() => validate(linkRecord({ boardId: 'board_abc123', w: 240, h: Number.NaN }))).toThrow()
		expect(() => validate(linkRecord({ boardId: 'board_abc123', w: 240, h: 200, script: 'x' }))).toThrow()
	})

	it('migrates a board stored before board links existed (tldraw’s schema only)', () => {
		const before = createTLSchema().serialize()
		expect(boardSchema().getMigrationsSince(before).ok).toBe(true)
	})
})
