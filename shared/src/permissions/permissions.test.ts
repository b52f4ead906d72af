import { describe, expect, it } from 'vitest'
import type { BoardVisibility } from '../schemas/board.ts'
import type { TribeVisibility } from '../schemas/spaces.ts'
import {
	boardPermissions,
	type CircleRelation,
	circleJourneyPermissions,
	circlePermissions,
	instancePermissions,
	NOT_SHARED,
	type SharedBoardRelation,
	tribeJourneyPermissions,
	tribePermissions,
} from './permissions.ts'

// The people of the tables, relative to one circle of one tribe.
const people: Record<string, CircleRelation> = {
	outsider: { instanceRole: 'member', tribeRole: null, circleRole: null },
	tribeMember: { instanceRole: 'member', tribeRole: 'member', circleRole: null },
	steward: { instanceRole: 'member', tribeRole: 'steward', circleRole: null },
	circleMember: { instanceRole: 'member', tribeRole: 'member', circleRole: 'member' },
	facilitator: { instanceRole: 'member', tribeRole: 'member', circleRole: 'facilitator' },
	admin: { instanceRole: 'admin', tribeRole: null, circleRole: null },
}

/** Renders permissions as letters, e.g. `VE-` = view and edit, not manage. */
function letters(flags: Record<string, boolean>, order: Array<[string, string]>): string {
	return order.map(([key, letter]) => (flags[key] ? letter : '-')).join('')
}

describe('board permissions: every person × visibility × archived state', () => {
	// Columns: visibility circle, tribe, instance; each "live | archived". V view, E edit, M manage.
	const table: Record<string, string> = {
		outsider: '--- --- | --- --- | V-- V--',
		tribeMember: '--- --- | V-- V-- | V-- V--',
		steward: 'V-M V-M | V-M V-M | V-M V-M',
		circleMember: 'VE- V-- | VE- V-- | VE- V--',
		facilitator: 'VEM V-M | VEM V-M | VEM V-M',
		admin: 'V-M V-M | V-M V-M | V-M V-M',
	}
	const visibilities: BoardVisibility[] = ['circle', 'tribe', 'instance']
	for (const [name, row] of Object.entries(table)) {
		const cells = row.split('|').map((pair) => pair.trim().split(' '))
		visibilities.forEach((visibility, v) => {
			;[false, true].forEach((archived, a) => {
				it(`${name} on a ${archived ? 'archived' : 'live'} ${visibility} board: ${cells[v]?.[a]}`, () => {
					const person = people[name] as CircleRelation
					const got = boardPermissions(person, { visibility, archived, deleted: false })
					expect(
						letters({ ...got }, [
							['view', 'V'],
							['edit', 'E'],
							['manage', 'M'],
						]),
					).toBe(cells[v]?.[a])
				})
			})
		})
	}

	it('a deleted board is gone for everyone, whatever its visibility', () => {
		for (const person of Object.values(people)) {
			for (const visibility of visibilities) {
				for (const archived of [false, true]) {
					expect(boardPermissions(person, { visibility, archived, deleted: true })).toEqual({
						view: false,
						edit: false,
						manage: false,
					})
				}
			}
		}
	})

	it('refuses an edit from a steward who is not a member of the circle', () => {
		const steward = people.steward as CircleRelation
		expect(boardPermissions(steward, { visibility: 'circle', archived: false, deleted: false }).edit).toBe(
			false,
		)
	})
})

describe('board permissions of a board shared with other circles', () => {
	// Relative to the board's own circle (A) and the circles it is shared with (accepted shares).
	// Columns as above: visibility circle, tribe, instance; each "live | archived".
	const sharedPeople: Record<string, { relation: CircleRelation; shared: SharedBoardRelation }> = {
		// Member of circle B of another tribe, B accepted the share.
		memberOfB: {
			relation: people.outsider as CircleRelation,
			shared: { circleRole: 'member', steward: false },
		},
		// The same, and also in A's tribe (B in A's tribe).
		memberOfBSameTribe: {
			relation: people.tribeMember as CircleRelation,
			shared: { circleRole: 'member', steward: false },
		},
		facilitatorOfB: {
			relation: people.outsider as CircleRelation,
			shared: { circleRole: 'facilitator', steward: false },
		},
		// Steward of B's tribe, in no circle: reads it (manages B), does not edit or manage it.
		stewardOfB: { relation: people.outsider as CircleRelation, shared: { circleRole: null, steward: true } },
		// Member of B while the board was only offered to B (not accepted): nothing yet.
		memberOfOfferedB: { relation: people.outsider as CircleRelation, shared: NOT_SHARED },
		// A tribe member of A's tribe in no sharing circle: the board's own visibility decides.
		tribeMemberOfA: { relation: people.tribeMember as CircleRelation, shared: NOT_SHARED },
	}
	const table: Record<string, string> = {
		memberOfB: 'VE- V-- | VE- V-- | VE- V--',
		memberOfBSameTribe: 'VE- V-- | VE- V-- | VE- V--',
		facilitatorOfB: 'VE- V-- | VE- V-- | VE- V--',
		stewardOfB: 'V-- V-- | V-- V-- | V-- V--',
		memberOfOfferedB: '--- --- | --- --- | V-- V--',
		tribeMemberOfA: '--- --- | V-- V-- | V-- V--',
	}
	const visibilities: BoardVisibility[] = ['circle', 'tribe', 'instance']
	for (const [name, row] of Object.entries(table)) {
		const cells = row.split('|').map((pair) => pair.trim().split(' '))
		visibilities.forEach((visibility, v) => {
			;[false, true].forEach((archived, a) => {
				it(`${name} on a shared ${archived ? 'archived' : 'live'} ${visibility} board: ${cells[v]?.[a]}`, () => {
					const { relation, shared } = sharedPeople[name] as (typeof sharedPeople)[string]
					const got = boardPermissions(relation, { visibility, archived, deleted: false }, shared)
					expect(
						letters({ ...got }, [
							['view', 'V'],
							['edit', 'E'],
							['manage', 'M'],
						]),
					).toBe(cells[v]?.[a])
				})
			})
		})
	}

	it('refuses to let the facilitator of a receiving circle rename, archive or delete the board', () => {
		const { relation, shared } = sharedPeople.facilitatorOfB as (typeof sharedPeople)[string]
		expect(
			boardPermissions(relation, { visibility: 'circle', archived: false, deleted: false }, shared).manage,
		).toBe(false)
	})

	it('a deleted shared board is gone for the receiving circles too', () => {
		const { relation, shared } = sharedPeople.memberOfB as (typeof sharedPeople)[string]
		expect(
			boardPermissions(relation, { visibility: 'instance', archived: false, deleted: true }, shared),
		).toEqual({
			view: false,
			edit: false,
			manage: false,
		})
	})
})

describe('tribe permissions: every person × visibility', () => {
	// Columns: open, listed, private. V view, J join directly, M manage.
	const table: Record<string, string> = {
		outsider: 'VJ- V-- ---',
		tribeMember: 'V-- V-- V--',
		steward: 'V-M V-M V-M',
		admin: 'VJM V-M V-M',
	}
	const visibilities: TribeVisibility[] = ['open', 'listed', 'private']
	for (const [name, row] of Object.entries(table)) {
		const cells = row.split(' ')
		visibilities.forEach((visibility, v) => {
			it(`${name} on a ${visibility} tribe: ${cells[v]}`, () => {
				const got = tribePermissions(people[name] as CircleRelation, { visibility })
				expect(
					letters({ ...got }, [
						['view', 'V'],
						['join', 'J'],
						['manage', 'M'],
					]),
				).toBe(cells[v])
			})
		})
	}
})

describe('circle permissions: every person × tribe visibility', () => {
	// Columns: open, listed, private. V view, S see members, M manage, R request to join, L leave.
	const table: Record<string, string> = {
		outsider: 'V--R- V--R- -----',
		tribeMember: 'V--R- V--R- V--R-',
		steward: 'VSMR- VSMR- VSMR-',
		circleMember: 'VS--L VS--L VS--L',
		facilitator: 'VSM-L VSM-L VSM-L',
		admin: 'VSMR- VSMR- VSMR-',
	}
	const visibilities: TribeVisibility[] = ['open', 'listed', 'private']
	for (const [name, row] of Object.entries(table)) {
		const cells = row.split(' ')
		visibilities.forEach((visibility, v) => {
			it(`${name} in a ${visibility} tribe: ${cells[v]}`, () => {
				const got = circlePermissions(people[name] as CircleRelation, { visibility })
				expect(
					letters({ ...got }, [
						['view', 'V'],
						['seeMembers', 'S'],
						['manage', 'M'],
						['requestToJoin', 'R'],
						['leave', 'L'],
					]),
				).toBe(cells[v])
			})
		})
	}
})

describe('instance permissions', () => {
	it('only an admin manages settings and convenes tribes', () => {
		for (const tribeClaiming of [false, true]) {
			const settings = { signupPolicy: 'open' as const, tribeClaiming }
			expect(instancePermissions('admin', settings)).toMatchObject({
				manageSettings: true,
				conveneTribe: true,
			})
			expect(instancePermissions('member', settings)).toMatchObject({
				manageSettings: false,
				conveneTribe: false,
			})
		}
	})

	it('members claim a tribe only when the instance allows it', () => {
		expect(instancePermissions('member', { signupPolicy: 'open', tribeClaiming: true }).claimTribe).toBe(true)
		expect(instancePermissions('member', { signupPolicy: 'open', tribeClaiming: false }).claimTribe).toBe(
			false,
		)
	})
})

describe('journey permissions: every person', () => {
	// Tribe: V view templates and parallel journeys, T edit templates.
	// Circle: V view its journey, E edit it (start, reschedule, pause, own template, boards on days).
	const table: Record<string, { tribe: string; circle: string }> = {
		outsider: { tribe: '--', circle: '--' },
		tribeMember: { tribe: 'V-', circle: 'V-' },
		steward: { tribe: 'VT', circle: 'VE' },
		circleMember: { tribe: 'V-', circle: 'V-' },
		facilitator: { tribe: 'V-', circle: 'VE' },
		admin: { tribe: 'VT', circle: 'VE' },
	}
	for (const [name, row] of Object.entries(table)) {
		const person = people[name] as CircleRelation
		it(`${name}: tribe journeys ${row.tribe}, circle journey ${row.circle}`, () => {
			expect(
				letters({ ...tribeJourneyPermissions(person) }, [
					['view', 'V'],
					['editTemplates', 'T'],
				]),
			).toBe(row.tribe)
			expect(
				letters({ ...circleJourneyPermissions(person) }, [
					['view', 'V'],
					['edit', 'E'],
				]),
			).toBe(row.circle)
		})
	}

	it('refuses a member of the circle who asks to move the journey', () => {
		expect(circleJourneyPermissions(people.circleMember as CircleRelation).edit).toBe(false)
	})

	it('refuses a facilitator of one circle who asks to write the tribe’s templates', () => {
		expect(tribeJourneyPermissions(people.facilitator as CircleRelation).editTemplates).toBe(false)
	})

	it('shows an outsider of an open tribe nothing of its journeys', () => {
		const outsider = people.outsider as CircleRelation
		expect(tribePermissions(outsider, { visibility: 'open' }).view).toBe(true)
		expect(tribeJourneyPermissions(outsider).view).toBe(false)
		expect(circleJourneyPermissions(outsider).view).toBe(false)
	})
})
