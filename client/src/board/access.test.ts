import type { Board } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { accessChangeNotice, viewOnlyReason } from './access.ts'

const board: Board = {
	id: 'board1234',
	circleId: 'circle1234',
	circleName: 'Spring cohort',
	tribeId: 'tribe1234',
	tribeName: 'North',
	title: 'Day 12',
	visibility: 'circle',
	archivedAt: null,
	createdAt: '2026-03-01T00:00:00Z',
	updatedAt: '2026-03-01T00:00:00Z',
	access: 'edit',
	canManage: false,
}

describe('viewOnlyReason', () => {
	it('lets an editor edit', () => {
		expect(viewOnlyReason(board)).toBeNull()
	})

	it('explains a board shared with the tribe to someone from another circle', () => {
		expect(viewOnlyReason({ ...board, access: 'view', visibility: 'tribe' })).toBe(
			'Spring cohort shares this board with your tribe: you can look, its members edit.',
		)
	})

	it('explains an instance-wide board', () => {
		expect(viewOnlyReason({ ...board, access: 'view', visibility: 'instance' })).toMatch(/everyone here/)
	})

	it('says an archived board is read-only, even for its members', () => {
		expect(viewOnlyReason({ ...board, archivedAt: '2026-03-02T00:00:00Z', access: 'view' })).toMatch(
			/archived/,
		)
	})

	it('tells a steward who is not in the circle why they cannot draw', () => {
		expect(viewOnlyReason({ ...board, access: 'view', canManage: true })).toMatch(
			/only members of Spring cohort/,
		)
	})
})

describe('accessChangeNotice', () => {
	it('says when editing was taken away, and when it came back', () => {
		expect(accessChangeNotice('edit', { ...board, access: 'view', visibility: 'tribe' })).toMatch(
			/can now view it, but not edit/,
		)
		expect(
			accessChangeNotice('edit', { ...board, access: 'view', archivedAt: '2026-03-02T00:00:00Z' }),
		).toMatch(/archived/)
		expect(accessChangeNotice('view', board)).toBe('You can edit this board now.')
	})

	it('stays vague when the board could not be read again', () => {
		expect(accessChangeNotice('edit', null)).toBe('Your access to this board changed.')
	})
})
