import { describe, expect, it } from 'vitest'
import { formatAgo } from '../ui/dates.ts'
import {
	countOf,
	describeExpiry,
	describeSeats,
	describeUses,
	formatSeats,
	invitationState,
	isFull,
	seatFraction,
} from './format.ts'

describe('seats', () => {
	it('shows taken over capacity', () => {
		expect(formatSeats(23, 30)).toBe('23 / 30')
		expect(formatSeats(0, 30)).toBe('0 / 30')
	})

	it('says in words how many seats are free, and when a circle is full', () => {
		expect(describeSeats(23, 30)).toBe('23 of 30 seats taken, 7 seats free')
		expect(describeSeats(29, 30)).toBe('29 of 30 seats taken, 1 seat free')
		expect(describeSeats(30, 30)).toBe('Full: 30 of 30 seats taken')
		expect(describeSeats(1, 1)).toBe('Full: 1 of 1 seat taken')
	})

	it('counts a circle over capacity (capacity lowered below its members) as full', () => {
		expect(isFull({ memberCount: 31, capacity: 30 })).toBe(true)
		expect(isFull({ memberCount: 29, capacity: 30 })).toBe(false)
		expect(seatFraction(31, 30)).toBe(1)
		expect(seatFraction(15, 30)).toBe(0.5)
	})
})

describe('invitation links', () => {
	const now = new Date('2026-03-10T12:00:00Z')
	const base = { revokedAt: null, expiresAt: '2026-03-17T12:00:00Z', maxUses: null, uses: 0 }

	it('works until it expires, is used up or is revoked', () => {
		expect(invitationState(base, now)).toBe('active')
		expect(invitationState({ ...base, expiresAt: '2026-03-10T12:00:00Z' }, now)).toBe('expired')
		expect(invitationState({ ...base, maxUses: 3, uses: 3 }, now)).toBe('used-up')
		expect(invitationState({ ...base, maxUses: 3, uses: 2 }, now)).toBe('active')
	})

	it('reports a revoked link as revoked, even when it has also expired', () => {
		expect(
			invitationState({ ...base, revokedAt: '2026-03-09T00:00:00Z', expiresAt: '2026-03-09T00:00:00Z' }, now),
		).toBe('revoked')
	})

	it('says how often it was used', () => {
		expect(describeUses(0, null)).toBe('Not used yet')
		expect(describeUses(1, null)).toBe('Used once')
		expect(describeUses(4, null)).toBe('Used 4 times')
		expect(describeUses(2, 10)).toBe('2 of 10 uses')
		expect(describeUses(1, 1)).toBe('1 of 1 use')
	})

	it('says when it expires', () => {
		expect(describeExpiry('2026-03-17T12:00:00Z', now)).toBe('Expires in 7 days')
		expect(describeExpiry('2026-03-10T20:00:00Z', now)).toBe('Expires within a day')
		expect(describeExpiry('2026-03-10T11:00:00Z', now)).toMatch(/^Expired /)
		expect(describeExpiry('2026-05-01T12:00:00Z', now)).toMatch(/^Expires (?!in)/)
	})
})

describe('formatAgo', () => {
	const now = new Date('2026-03-10T12:00:00Z')
	it('says how long ago in words, then the date', () => {
		expect(formatAgo('2026-03-10T11:59:30Z', now)).toBe('just now')
		expect(formatAgo('2026-03-10T11:55:00Z', now)).toBe('5 minutes ago')
		expect(formatAgo('2026-03-10T11:00:00Z', now)).toBe('1 hour ago')
		expect(formatAgo('2026-03-09T10:00:00Z', now)).toBe('yesterday')
		expect(formatAgo('2026-03-06T12:00:00Z', now)).toBe('4 days ago')
		expect(formatAgo('2026-01-01T12:00:00Z', now)).not.toMatch(/ago/)
		expect(formatAgo('not a date', now)).toBe('not a date')
	})
})

describe('countOf', () => {
	it('uses the right noun', () => {
		expect(countOf(1, 'circle')).toBe('1 circle')
		expect(countOf(0, 'circle')).toBe('0 circles')
		expect(countOf(2, 'person', 'people')).toBe('2 people')
	})
})
