import type { OrgMap, OrgMapCircle, OrgMapTribe } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { circleSummary, layoutOrgMap, radiusOf } from './orgMapLayout.ts'

function circle(id: string, memberCount: number): OrgMapCircle {
	return {
		id,
		name: `Circle ${id}`,
		capacity: 30,
		memberCount,
		myRole: null,
		journey: null,
		live: { sessions: 0, peopleHere: 0, boards: [] },
	}
}

function tribe(id: string, circles: OrgMapCircle[]): OrgMapTribe {
	return {
		id,
		name: `Tribe ${id}`,
		visibility: 'listed',
		myRole: null,
		memberCount: 3,
		circles,
		circlesTruncated: false,
	}
}

function mapOf(tribes: OrgMapTribe[]): OrgMap {
	return { tribes, tribesTruncated: false, connections: [], connectionsTruncated: false, asOf: '' }
}

describe('the map layout', () => {
	it('places 30 tribes of 30 circles inside the picture, no two circles overlapping', () => {
		const tribes = Array.from({ length: 30 }, (_, t) =>
			tribe(
				`t${t}`,
				Array.from({ length: 30 }, (_, c) => circle(`t${t}c${c}`, (c * 7) % 40)),
			),
		)
		const layout = layoutOrgMap(mapOf(tribes))
		const placed = [...layout.circles.values()]
		expect(placed).toHaveLength(900)
		for (const spot of placed) {
			expect(spot.x - spot.r).toBeGreaterThanOrEqual(0)
			expect(spot.y - spot.r).toBeGreaterThanOrEqual(0)
			expect(spot.x + spot.r).toBeLessThanOrEqual(layout.width)
			expect(spot.y + spot.r).toBeLessThanOrEqual(layout.height)
		}
		// Neighbours in a tribe are one slot apart, more than two of the largest radii.
		for (const placedTribe of layout.tribes) {
			const spots = placedTribe.circles
			for (const [i, a] of spots.entries()) {
				for (const b of spots.slice(i + 1)) {
					expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThanOrEqual(a.r + b.r)
				}
			}
		}
		// Tribe boxes do not overlap either.
		for (const [i, a] of layout.tribes.entries()) {
			for (const b of layout.tribes.slice(i + 1)) {
				const apart =
					a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y
				expect(apart).toBe(true)
			}
		}
	})

	it('gives a tribe with one circle and a long name a box as wide as its name, its node below the name', () => {
		const long = { ...tribe('t', [circle('a', 3)]), name: 'The Northern Schools Federation' }
		const [placed] = layoutOrgMap(mapOf([long])).tribes
		if (!placed) throw new Error('no tribe placed')
		// 28 characters shown (the rest ends in "…"), about 9 units each, 14 of margin either side.
		expect(placed.width).toBeGreaterThanOrEqual(28 * 9 + 28)
		// The node hangs under the name's line (its baseline 22 units down), clear of it.
		expect(placed.root.y - placed.y - 9).toBeGreaterThan(26)
		// The one circle stays in the middle of the wider box, under the node.
		expect(placed.circles[0]?.x).toBe(placed.root.x)
		expect((placed.circles[0]?.y ?? 0) - (placed.circles[0]?.r ?? 0)).toBeGreaterThan(placed.root.y + 9)
	})

	it('draws a connection only between circles on the picture', () => {
		const map = mapOf([tribe('t', [circle('a', 3), circle('b', 4)])])
		map.connections = [
			{ circleIds: ['a', 'b'], sharedBoards: 1, links: 0 },
			{ circleIds: ['a', 'zz'], sharedBoards: 1, links: 0 },
		]
		expect(layoutOrgMap(map).connections.map((c) => c.to.circle.id)).toEqual(['b'])
	})

	it('a circle grows with its members, up to a largest size', () => {
		expect(radiusOf(10)).toBeGreaterThan(radiusOf(1))
		expect(radiusOf(500)).toBe(radiusOf(400))
	})

	it('says a circle in words', () => {
		const c = { ...circle('a', 7), journey: { status: 'running' as const, day: 10, lengthDays: 30 } }
		c.live = { sessions: 1, peopleHere: 2, boards: [] }
		expect(circleSummary(c)).toBe('7 of 30 seats taken, day 10 of 30, a live session now')
	})
})
