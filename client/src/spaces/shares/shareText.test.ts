import { describe, expect, it } from 'vitest'
import { shareBadge, sharedWithText } from './shareText.ts'

const b = { circleId: 'b', circleName: 'Circle B' }
const c = { circleId: 'c', circleName: 'Circle C' }
const d = { circleId: 'd', circleName: 'Circle D' }

describe('share badges in a circle’s board list', () => {
	it('names the circle a board was shared by, on the receiving circle’s list', () => {
		expect(shareBadge({ circleId: 'a', circleName: 'Circle A', sharedWith: [b] }, 'b')).toBe(
			'Shared by Circle A',
		)
	})

	it('names the circles its own board is shared with, shortening beyond two', () => {
		const own = (sharedWith: (typeof b)[]) =>
			shareBadge({ circleId: 'a', circleName: 'Circle A', sharedWith }, 'a')
		expect(own([])).toBeNull()
		expect(own([b])).toBe('Shared with Circle B')
		expect(own([b, c])).toBe('Shared with Circle B and Circle C')
		expect(own([b, c, d])).toBe('Shared with Circle B and 2 more')
		expect(sharedWithText([])).toBeNull()
	})
})
