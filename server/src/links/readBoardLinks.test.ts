import { describe, expect, it } from 'vitest'
import { readBoardLinks } from './readBoardLinks.ts'

const shape = (id: string, type: string, props: unknown) => ({ id, typeName: 'shape', type, props })

describe('readBoardLinks', () => {
	it('finds the board links on a board, by shape id, and nothing else', () => {
		const records = [
			shape('shape:z', 'board-link', { boardId: 'board-target-2', w: 240, h: 200 }),
			shape('shape:a', 'board-link', { boardId: 'board-target-1', w: 240, h: 200 }),
			shape('shape:note', 'note', { boardId: 'board-target-3' }),
			{ id: 'page:page', typeName: 'page', type: 'board-link', props: { boardId: 'board-target-4' } },
		]
		expect(readBoardLinks(records)).toEqual([
			{ shapeId: 'shape:a', targetBoardId: 'board-target-1' },
			{ shapeId: 'shape:z', targetBoardId: 'board-target-2' },
		])
	})

	it('skips what a hostile client could write instead of a board id', () => {
		const records = [
			shape('shape:a', 'board-link', { boardId: '../../admin' }),
			shape('shape:b', 'board-link', { boardId: 42 }),
			shape('shape:c', 'board-link', null),
			shape('shape:d', 'board-link', 'board-target-1'),
		]
		expect(readBoardLinks(records)).toEqual([])
	})

	it('reads at most the bound of links per board', () => {
		const records = Array.from({ length: 20 }, (_, i) =>
			shape(`shape:${String(i).padStart(2, '0')}`, 'board-link', { boardId: 'board-target-1' }),
		)
		expect(readBoardLinks(records, 5).map((link) => link.shapeId)).toEqual([
			'shape:00',
			'shape:01',
			'shape:02',
			'shape:03',
			'shape:04',
		])
	})
})
