import type { ParallelJourneys } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { parseRoute, tribeComparePath } from '../../app/router.ts'
import {
	cellLabel,
	circlesWithSomethingOn,
	gridColumns,
	itemsSummary,
	moveCell,
	statusLabel,
} from './parallelGrid.ts'

const outline = {
	name: 'Example',
	lengthDays: 30,
	sections: [
		{ name: 'Arriving', firstDay: 1, lastDay: 10 },
		{ name: 'Listening', firstDay: 15, lastDay: 20 },
	],
	actionDays: [10, 20],
}

function journey(circleId: string, templateId: string) {
	return {
		circleId,
		templateId,
		startDate: '2026-11-01',
		timeZone: 'Europe/Berlin',
		state: 'running' as const,
		pauses: [],
		createdAt: '',
		updatedAt: '',
	}
}

const view: ParallelJourneys = {
	tribeId: 't',
	templates: [
		{ id: 'short', ...outline, name: 'Short', lengthDays: 12, sections: [], actionDays: [] },
		{ id: 'main', ...outline },
	],
	rows: [
		{ circle: { id: 'a', name: 'A', myRole: null }, journey: journey('a', 'main'), status: null, days: [] },
		{
			circle: { id: 'b', name: 'B', myRole: 'member' },
			journey: journey('b', 'main'),
			status: null,
			days: [{ day: 12, items: [{ kind: 'notShared', notShared: true }] }],
		},
		{ circle: { id: 'c', name: 'C', myRole: null }, journey: journey('c', 'short'), status: null, days: [] },
		{ circle: { id: 'd', name: 'D', myRole: null }, journey: null, status: null, days: [] },
	],
	asOf: '',
}

describe('the parallel view grid', () => {
	it('draws the sections of the most followed template, with the days between sections as groups without a name, as long as the longest journey', () => {
		const columns = gridColumns(view)
		expect(columns.lengthDays).toBe(30)
		expect(columns.groups).toEqual([
			{ name: 'Arriving', firstDay: 1, lastDay: 10 },
			{ name: null, firstDay: 11, lastDay: 14 },
			{ name: 'Listening', firstDay: 15, lastDay: 20 },
			{ name: null, firstDay: 21, lastDay: 30 },
		])
		expect([...columns.actionDays]).toEqual([10, 20])
		expect(columns.mixedTemplates).toBe(true)
	})

	it('names a cell by circle, day and what it holds, saying "not shared" and nothing more of what is hidden', () => {
		const items = [
			{
				kind: 'board',
				id: 'x',
				title: 'T',
				visibility: 'tribe',
				archived: false,
				access: 'view',
				thumbnailSnapshotId: null,
			},
			{
				kind: 'board',
				id: 'y',
				title: 'U',
				visibility: 'tribe',
				archived: false,
				access: 'view',
				thumbnailSnapshotId: null,
			},
			{ kind: 'notShared', notShared: true },
		] as const
		expect(cellLabel('Circle A', 12, [...items], { today: true, actionDay: false })).toBe(
			'Circle A, day 12 (today): 2 boards, more not shared',
		)
		expect(itemsSummary([{ kind: 'notShared', notShared: true }])).toBe('not shared')
		expect(cellLabel('Circle B', 3, [], { today: false, actionDay: true })).toBe(
			'Circle B, day 3 (action day): nothing',
		)
	})

	it('says where each journey stands in its row', () => {
		expect(statusLabel(null)).toBe('No journey yet')
		expect(statusLabel({ status: 'upcoming', today: '2026-01-01', startsInDays: 5, lengthDays: 100 })).toBe(
			'Starts in 5 days',
		)
		expect(statusLabel({ status: 'completed', today: '2026-01-01', lengthDays: 100 })).toBe('Completed')
	})

	it('moves by arrow keys within the grid and stops at its edges', () => {
		const size = { rows: 3, columns: 100 }
		expect(moveCell('ArrowRight', { row: 0, column: 5 }, size)).toEqual({ row: 0, column: 6 })
		expect(moveCell('ArrowLeft', { row: 0, column: 0 }, size)).toEqual({ row: 0, column: 0 })
		expect(moveCell('ArrowDown', { row: 2, column: 5 }, size)).toEqual({ row: 2, column: 5 })
		expect(moveCell('End', { row: 1, column: 5 }, size)).toEqual({ row: 1, column: 99 })
		expect(moveCell('Home', { row: 1, column: 5 }, size, true)).toEqual({ row: 0, column: 0 })
		expect(moveCell('a', { row: 1, column: 5 }, size)).toBeNull()
	})

	it('compares by default the circles that have anything on the day, shared or not', () => {
		expect(circlesWithSomethingOn(view, 12)).toEqual(['b'])
		expect(circlesWithSomethingOn(view, 13)).toEqual([])
	})
})

describe('the Compare day route', () => {
	it('round-trips a day and the chosen circles', () => {
		expect(parseRoute('/t/tr1/compare/12')).toEqual({
			page: 'tribe-compare',
			tribeId: 'tr1',
			day: 12,
			circleIds: null,
		})
		const [path, search] = tribeComparePath('tr1', 12, ['a', 'b']).split('?')
		expect(parseRoute(path ?? '', `?${search}`)).toEqual({
			page: 'tribe-compare',
			tribeId: 'tr1',
			day: 12,
			circleIds: ['a', 'b'],
		})
		expect(parseRoute('/t/tr1/compare/012').page).toBe('not-found')
		expect(parseRoute('/t/tr1/compare/0').page).toBe('not-found')
	})
})
