import { describe, expect, it } from 'vitest'
import { noteVotesOf, startVoteSchema } from './voteSchemas.ts'

describe('noteVotesOf', () => {
	it('reads the totals a vote wrote on a note', () => {
		expect(noteVotesOf({ votes: { voteId: 'v1', dots: 3 } })).toEqual({ voteId: 'v1', dots: 3 })
		expect(noteVotesOf({ author: 'x', votes: { voteId: 'v1', dots: 1, voters: ['Mia'] } })).toEqual({
			voteId: 'v1',
			dots: 1,
			voters: ['Mia'],
		})
	})

	it('ignores what is not ours, or not whole', () => {
		for (const meta of [
			undefined,
			null,
			{},
			{ votes: 3 },
			{ votes: { dots: 3 } },
			{ votes: { voteId: 'v1', dots: 0 } },
			{ votes: { voteId: 'v1', dots: 1.5 } },
			{ votes: { voteId: 'v1', dots: 2, voters: [1, 2] } },
		]) {
			expect(noteVotesOf(meta)).toBeUndefined()
		}
	})
})

describe('startVoteSchema', () => {
	it('is anonymous unless asked otherwise, and bounds dots and minutes', () => {
		expect(startVoteSchema.parse({ dotsPerPerson: 3 })).toEqual({ dotsPerPerson: 3, anonymous: true })
		for (const body of [{ dotsPerPerson: 0 }, { dotsPerPerson: 21 }, { dotsPerPerson: 3, minutes: 61 }]) {
			expect(startVoteSchema.safeParse(body).success).toBe(false)
		}
		expect(startVoteSchema.safeParse({ dotsPerPerson: 20, minutes: 60, anonymous: false }).success).toBe(true)
	})
})
