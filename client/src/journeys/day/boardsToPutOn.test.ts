import type { Board } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { boardChoiceLabel, boardsToPutOn } from './boardsToPutOn.ts'

function board(id: string, title: string, changes: Partial<Board> = {}): Board {
	return {
		id,
		circleId: 'c1',
		circleName: 'Circle 7',
		tribeId: 't1',
		tribeName: 'Tribe',
		title,
		visibility: 'circle',
		archivedAt: null,
		createdAt: '2026-03-01T10:00:00.000Z',
		updatedAt: '2026-03-01T10:00:00.000Z',
		access: 'edit',
		canManage: true,
		journeyDay: null,
		...changes,
	}
}

describe('boardsToPutOn', () => {
	it('offers the boards not on the day yet, by title, those on another day included', () => {
		const boards = [
			board('b1', 'Warm-up'),
			board('b2', 'Check-in', { journeyDay: 12 }),
			board('b3', 'Actions', { journeyDay: 5 }),
		]
		expect(boardsToPutOn(boards, 12).map((b) => b.title)).toEqual(['Actions', 'Warm-up'])
	})

	it('leaves out archived boards and boards the person does not manage', () => {
		const boards = [
			board('b1', 'Old', { archivedAt: '2026-03-02T10:00:00.000Z' }),
			board('b2', 'Not mine', { canManage: false }),
		]
		expect(boardsToPutOn(boards, 12)).toEqual([])
	})
})

describe('boardChoiceLabel', () => {
	it('says which day a board would leave', () => {
		expect(boardChoiceLabel(board('b1', 'Actions', { journeyDay: 5 }))).toBe('Actions (now on day 5)')
		expect(boardChoiceLabel(board('b2', 'Warm-up'))).toBe('Warm-up')
	})
})
