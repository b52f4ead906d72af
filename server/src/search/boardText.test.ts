import type { StoredRecord } from '@circlespace/shared'
import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { docOf, makePage, makeShape, sampleBoard } from '../snapshots/testBoards.ts'
import { boardText, boardTextOfDoc, plainTextOfRichText } from './boardText.ts'

const page = makePage('Page', 'a1')
const shape = (type: string, name: string, props: Record<string, unknown>) =>
	makeShape(type, name, page.id, 'a1', props) as unknown as StoredRecord

describe('boardText', () => {
	it('finds the text of notes, text, geo and arrow labels and frame names, each with its shape id', () => {
		const found = boardTextOfDoc(docOf(sampleBoard()))
		expect(found.truncated).toBe(false)
		expect(found.shapes).toEqual(
			expect.arrayContaining([
				{ shapeId: 'shape:geo', text: 'Trust' },
				{ shapeId: 'shape:note', text: 'Ask someone else' },
				{ shapeId: 'shape:frame', text: 'Day 12' },
				{ shapeId: 'shape:in-frame', text: 'Inside the frame' },
				{ shapeId: 'shape:arrow', text: 'leads to' },
				{ shapeId: 'shape:in-group-a', text: 'One' },
				{ shapeId: 'shape:in-group-b', text: 'Two' },
			]),
		)
		// Images, groups, drawings, pages, bindings and assets have no text to search.
		expect(found.shapes).toHaveLength(7)
	})

	it('puts each paragraph and hard break of rich text on its own line, so words never run together', () => {
		const richText = {
			type: 'doc',
			content: [
				{ type: 'paragraph', content: [{ type: 'text', text: 'Listen' }] },
				{
					type: 'bulletList',
					content: [
						{
							type: 'listItem',
							content: [{ type: 'paragraph', content: [{ type: 'text', text: 'first' }] }],
						},
						{
							type: 'listItem',
							content: [{ type: 'paragraph', content: [{ type: 'text', text: 'second' }] }],
						},
					],
				},
				{
					type: 'paragraph',
					content: [
						{ type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
						{ type: 'text', text: ' and more' },
						{ type: 'hardBreak' },
						{ type: 'text', text: 'after a break' },
					],
				},
			],
		}
		expect(plainTextOfRichText(richText)).toBe('Listen\nfirst\nsecond\nbold and more\nafter a break')
	})

	it('reads the plain text of shapes written before tldraw had rich text', () => {
		const old = { ...shape('note', 'old', {}), props: { text: 'Written in 2023', color: 'yellow' } }
		expect(boardText([old as StoredRecord]).shapes).toEqual([
			{ shapeId: 'shape:old', text: 'Written in 2023' },
		])
	})

	it('skips what a client wrote that is not text, without throwing', () => {
		let deep: unknown = { type: 'text', text: 'too deep' }
		for (let i = 0; i < 100; i++) deep = { type: 'paragraph', content: [deep] }
		const records = [
			shape('note', 'number', { richText: 42 }),
			shape('note', 'nodes', { richText: { type: 'doc', content: [null, 'x', { type: 'text', text: 7 }] } }),
			shape('note', 'deep', { richText: deep }),
			shape('frame', 'unnamed', { name: 3 }),
			{ id: 'shape:no-props', typeName: 'shape', type: 'note' },
			shape('note', 'empty', { richText: toRichText('   ') }),
			shape('note', 'fine', { richText: toRichText('still found') }),
		]
		expect(boardText(records).shapes).toEqual([{ shapeId: 'shape:fine', text: 'still found' }])
	})

	it('keeps to its bounds and says when it left text out', () => {
		const limits = { maxShapes: 3, maxCharsPerShape: 20, maxCharsPerBoard: 50 }
		const long = shape('note', 'a-long', { richText: toRichText('word '.repeat(30)) })
		const few = ['b', 'c', 'd', 'e'].map((n) => shape('note', n, { richText: toRichText(`note ${n}`) }))
		const cut = boardText([long, ...few], limits)
		expect(cut.truncated).toBe(true)
		expect(cut.shapes).toHaveLength(3)
		expect(cut.shapes[0]).toEqual({ shapeId: 'shape:a-long', text: 'word word word word' })
		expect(cut.shapes.map((s) => s.shapeId)).toEqual(['shape:a-long', 'shape:b', 'shape:c'])

		const total = boardText(
			Array.from({ length: 10 }, (_, i) => shape('note', `n${i}`, { richText: toRichText('twelve chars') })),
			{ maxShapes: 100, maxCharsPerShape: 100, maxCharsPerBoard: 30 },
		)
		expect(total.truncated).toBe(true)
		expect(total.shapes.reduce((n, s) => n + s.text.length, 0)).toBeLessThanOrEqual(30)
	})
})
