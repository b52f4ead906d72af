import { describe, expect, it } from 'vitest'
import { boardPermissions, type CircleRelation, circlePermissions } from '../../permissions/permissions.ts'
import { boardShareOffer, boardSharePermissions } from './boardSharePermissions.ts'

// A board of circle A (tribe North) offered to circle B (tribe South, `listed`; or `private` in
// the last column of the offer table). Each person: relation to A (and North), relation to B (and South).
const member = 'member' as const
const people: Record<string, { toA: CircleRelation; toB: CircleRelation }> = {
	facilitatorOfA: {
		toA: { instanceRole: member, tribeRole: member, circleRole: 'facilitator' },
		toB: { instanceRole: member, tribeRole: null, circleRole: null },
	},
	memberOfA: {
		toA: { instanceRole: member, tribeRole: member, circleRole: member },
		toB: { instanceRole: member, tribeRole: null, circleRole: null },
	},
	stewardOfNorth: {
		toA: { instanceRole: member, tribeRole: 'steward', circleRole: null },
		toB: { instanceRole: member, tribeRole: null, circleRole: null },
	},
	// A steward of both tribes (or of one tribe holding A and B): shares directly.
	stewardOfBoth: {
		toA: { instanceRole: member, tribeRole: 'steward', circleRole: null },
		toB: { instanceRole: member, tribeRole: 'steward', circleRole: null },
	},
	facilitatorOfB: {
		toA: { instanceRole: member, tribeRole: null, circleRole: null },
		toB: { instanceRole: member, tribeRole: member, circleRole: 'facilitator' },
	},
	memberOfB: {
		toA: { instanceRole: member, tribeRole: null, circleRole: null },
		toB: { instanceRole: member, tribeRole: member, circleRole: member },
	},
	stewardOfSouth: {
		toA: { instanceRole: member, tribeRole: null, circleRole: null },
		toB: { instanceRole: member, tribeRole: 'steward', circleRole: null },
	},
	// Facilitator of a third circle C of South: sees B, has nothing to say about its offers.
	facilitatorOfC: {
		toA: { instanceRole: member, tribeRole: null, circleRole: null },
		toB: { instanceRole: member, tribeRole: member, circleRole: null },
	},
	admin: {
		toA: { instanceRole: 'admin', tribeRole: null, circleRole: null },
		toB: { instanceRole: 'admin', tribeRole: null, circleRole: null },
	},
}

const board = { visibility: 'circle' as const, archived: false, deleted: false }

function decide(name: string) {
	const person = people[name] as (typeof people)[string]
	const onBoard = boardPermissions(person.toA, board)
	return {
		onBoard,
		onB: (visibility: 'listed' | 'private') => circlePermissions(person.toB, { visibility }),
	}
}

describe('offering a board of A to circle B: every person', () => {
	// Columns: B's tribe listed, B's tribe private.
	const table: Record<string, [string, string]> = {
		facilitatorOfA: ['offered', 'unknown_circle'],
		memberOfA: ['forbidden', 'forbidden'],
		stewardOfNorth: ['offered', 'unknown_circle'],
		stewardOfBoth: ['accepted', 'accepted'],
		facilitatorOfB: ['forbidden', 'forbidden'],
		memberOfB: ['forbidden', 'forbidden'],
		stewardOfSouth: ['forbidden', 'forbidden'],
		facilitatorOfC: ['forbidden', 'forbidden'],
		admin: ['accepted', 'accepted'],
	}
	for (const [name, [listed, hidden]] of Object.entries(table)) {
		it(`${name}: ${listed} when South is listed, ${hidden} when it is private`, () => {
			const { onBoard, onB } = decide(name)
			expect(boardShareOffer(onBoard, onB('listed'))).toBe(listed)
			expect(boardShareOffer(onBoard, onB('private'))).toBe(hidden)
		})
	}

	it('refuses a member of the board’s circle who offers it (403, not an offer)', () => {
		const { onBoard, onB } = decide('memberOfA')
		expect(boardShareOffer(onBoard, onB('listed'))).toBe('forbidden')
	})
})

describe('answering and ending a share of a board of A with B: every person', () => {
	// S see, A accept or decline, E end (withdraw B / end the share / take the offer back).
	// Columns: while offered, once accepted.
	const table: Record<string, string> = {
		facilitatorOfA: 'S-E S-E',
		memberOfA: '--- ---',
		stewardOfNorth: 'S-E S-E',
		facilitatorOfB: 'SAE S-E',
		memberOfB: '--- ---',
		stewardOfSouth: 'SAE S-E',
		facilitatorOfC: '--- ---',
		admin: 'SAE S-E',
	}
	for (const [name, row] of Object.entries(table)) {
		const [offered, accepted] = row.split(' ')
		it(`${name}: ${row}`, () => {
			const { onBoard, onB } = decide(name)
			const onCircle = onB('listed')
			const letters = (p: { see: boolean; answer: boolean; end: boolean }) =>
				`${p.see ? 'S' : '-'}${p.answer ? 'A' : '-'}${p.end ? 'E' : '-'}`
			expect(letters(boardSharePermissions(onBoard, onCircle, 'offered'))).toBe(offered)
			expect(letters(boardSharePermissions(onBoard, onCircle, 'accepted'))).toBe(accepted)
		})
	}

	it('refuses a facilitator of a third circle who accepts someone else’s offer', () => {
		const { onBoard, onB } = decide('facilitatorOfC')
		expect(boardSharePermissions(onBoard, onB('listed'), 'offered').answer).toBe(false)
	})
})
