import { describe, expect, it } from 'vitest'
import type { CircleRelation } from '../permissions/permissions.ts'
import {
	boardTemplatePermissions,
	mayReadBoardTemplates,
	maySaveBoardAsTemplate,
	mayStartBoardFromTemplate,
} from './boardTemplatePermissions.ts'

// The people of the table, relative to one circle of one tribe (as in permissions.test.ts).
const people: Record<string, CircleRelation> = {
	outsider: { instanceRole: 'member', tribeRole: null, circleRole: null },
	tribeMember: { instanceRole: 'member', tribeRole: 'member', circleRole: null },
	steward: { instanceRole: 'member', tribeRole: 'steward', circleRole: null },
	circleMember: { instanceRole: 'member', tribeRole: 'member', circleRole: 'member' },
	facilitator: { instanceRole: 'member', tribeRole: 'member', circleRole: 'facilitator' },
	admin: { instanceRole: 'admin', tribeRole: null, circleRole: null },
}

const live = { visibility: 'circle', archived: false, deleted: false } as const

describe('board template permissions: every person', () => {
	// R read the tribe's templates, S save a board of the circle as one, N start a new board of the
	// circle from one; one template saved by someone else: V view, E edit (rename, delete); one
	// they saved themselves: the same.
	const table: Record<string, { tribe: string; others: string; own: string }> = {
		outsider: { tribe: '---', others: '--', own: '--' },
		tribeMember: { tribe: 'R--', others: 'V-', own: 'VE' },
		steward: { tribe: 'RSN', others: 'VE', own: 'VE' },
		circleMember: { tribe: 'R--', others: 'V-', own: 'VE' },
		facilitator: { tribe: 'RSN', others: 'V-', own: 'VE' },
		admin: { tribe: 'RSN', others: 'VE', own: 'VE' },
	}
	const flags = (p: { view: boolean; edit: boolean }) => `${p.view ? 'V' : '-'}${p.edit ? 'E' : '-'}`
	for (const [name, row] of Object.entries(table)) {
		const person = people[name] as CircleRelation
		it(`${name}: tribe ${row.tribe}, another's template ${row.others}, their own ${row.own}`, () => {
			const tribe = [
				mayReadBoardTemplates(person) ? 'R' : '-',
				maySaveBoardAsTemplate(person, live) ? 'S' : '-',
				mayStartBoardFromTemplate(person) ? 'N' : '-',
			].join('')
			expect(tribe).toBe(row.tribe)
			expect(flags(boardTemplatePermissions(person, { savedByThem: false }))).toBe(row.others)
			expect(flags(boardTemplatePermissions(person, { savedByThem: true }))).toBe(row.own)
		})
	}

	it('refuses a member of the circle who asks to save its board as a template', () => {
		expect(maySaveBoardAsTemplate(people.circleMember as CircleRelation, live)).toBe(false)
	})

	it('refuses a reader of a tribe-visible board who asks to save it as a template', () => {
		const reader = people.tribeMember as CircleRelation
		expect(maySaveBoardAsTemplate(reader, { ...live, visibility: 'tribe' })).toBe(false)
		expect(maySaveBoardAsTemplate(reader, { ...live, visibility: 'instance' })).toBe(false)
	})

	it('lets a facilitator save an archived board (its content is still there), never a deleted one', () => {
		const facilitator = people.facilitator as CircleRelation
		expect(maySaveBoardAsTemplate(facilitator, { ...live, archived: true })).toBe(true)
		for (const person of Object.values(people)) {
			expect(maySaveBoardAsTemplate(person, { ...live, deleted: true })).toBe(false)
		}
	})

	it('refuses a facilitator who asks to rename or delete a template someone else saved', () => {
		expect(boardTemplatePermissions(people.facilitator as CircleRelation, { savedByThem: false }).edit).toBe(
			false,
		)
	})

	it('shows someone who saved a template and then left the tribe nothing of it', () => {
		expect(boardTemplatePermissions(people.outsider as CircleRelation, { savedByThem: true })).toEqual({
			view: false,
			edit: false,
		})
	})
})
