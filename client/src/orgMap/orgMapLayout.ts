import type { OrgMap, OrgMapCircle, OrgMapConnection, OrgMapTribe } from '@circlespace/shared'

/** A circle placed on the picture. */
export interface PlacedCircle {
	circle: OrgMapCircle
	tribe: OrgMapTribe
	x: number
	y: number
	r: number
}

/** A tribe placed on the picture: its box, its root node, and its circles hanging from it. */
export interface PlacedTribe {
	tribe: OrgMapTribe
	x: number
	y: number
	width: number
	height: number
	/** The tribe's own node, at the top of its tree. */
	root: { x: number; y: number }
	circles: PlacedCircle[]
}

/** A connection between two placed circles. */
export interface PlacedConnection {
	connection: OrgMapConnection
	from: PlacedCircle
	to: PlacedCircle
}

/** The whole picture, in its own units (the SVG's viewBox is `0 0 width height`). */
export interface OrgMapLayout {
	width: number
	height: number
	tribes: PlacedTribe[]
	circles: Map<string, PlacedCircle>
	connections: PlacedConnection[]
}

/** Room for one circle (its largest radius, and space around). */
export const SLOT = 96
const MAX_RADIUS = 38
const MIN_RADIUS = 14
const PER_ROW = 5
const HEADER = 84
/** Where the tribe's node sits below the box's top: under its name, which runs along the top. */
const ROOT_Y = 50
/** Longest tribe name the picture writes out (longer ones end in "…"). */
export const TRIBE_NAME_CHARS = 28
/** About the width of one character of a tribe's name (15 px, semibold), to give long names room. */
const NAME_CHAR_WIDTH = 9
const PADDING = 24
const GAP = 40

/** A circle's radius: its area grows with its members, between a small and a large circle. */
export function radiusOf(memberCount: number): number {
	return Math.min(MAX_RADIUS, MIN_RADIUS + Math.sqrt(Math.max(0, memberCount)) * 4)
}

/**
 * Lays the map out as a grid of tribe trees: each tribe a box with its node at the top and its
 * circles in rows below it (at most {@link PER_ROW} a row), tribes filling rows of a grid about
 * as wide as it is tall. Pure, so that the same map always gives the same picture.
 */
export function layoutOrgMap(map: OrgMap): OrgMapLayout {
	const columns = Math.max(1, Math.ceil(Math.sqrt(map.tribes.length)))
	const sizes = map.tribes.map((tribe) => {
		const perRow = Math.max(1, Math.min(PER_ROW, tribe.circles.length))
		const rows = Math.max(1, Math.ceil(tribe.circles.length / PER_ROW))
		const nameWidth = 2 * 14 + Math.min(TRIBE_NAME_CHARS, tribe.name.length) * NAME_CHAR_WIDTH
		return {
			width: Math.max(perRow * SLOT + 2 * PADDING, nameWidth),
			height: HEADER + rows * SLOT + PADDING,
		}
	})
	const columnWidth = Math.max(SLOT + 2 * PADDING, ...sizes.map((s) => s.width))
	const tribes: PlacedTribe[] = []
	const circles = new Map<string, PlacedCircle>()
	let top = GAP
	for (let start = 0; start < map.tribes.length; start += columns) {
		const rowTribes = map.tribes.slice(start, start + columns)
		const rowHeight = Math.max(...sizes.slice(start, start + columns).map((s) => s.height))
		rowTribes.forEach((tribe, i) => {
			const size = sizes[start + i] as (typeof sizes)[number]
			const x = GAP + i * (columnWidth + GAP) + (columnWidth - size.width) / 2
			const placed: PlacedTribe = {
				tribe,
				x,
				y: top,
				width: size.width,
				height: rowHeight,
				root: { x: x + size.width / 2, y: top + ROOT_Y },
				circles: [],
			}
			tribe.circles.forEach((circle, n) => {
				const row = Math.floor(n / PER_ROW)
				const inRow = Math.min(PER_ROW, tribe.circles.length - row * PER_ROW)
				// Rows centred in the box (wider than its circles when the tribe's name is long).
				const offset = (size.width - 2 * PADDING - inRow * SLOT) / 2
				const spot: PlacedCircle = {
					circle,
					tribe,
					x: x + PADDING + offset + (n % PER_ROW) * SLOT + SLOT / 2,
					y: top + HEADER + row * SLOT + SLOT / 2,
					r: radiusOf(circle.memberCount),
				}
				placed.circles.push(spot)
				circles.set(circle.id, spot)
			})
			tribes.push(placed)
		})
		top += rowHeight + GAP
	}
	const width = GAP + columns * (columnWidth + GAP)
	const connections: PlacedConnection[] = []
	for (const connection of map.connections) {
		const from = circles.get(connection.circleIds[0])
		const to = circles.get(connection.circleIds[1])
		if (from && to) connections.push({ connection, from, to })
	}
	return { width: Math.max(width, 320), height: Math.max(top, 240), tribes, circles, connections }
}

/** What a circle shows, in words: for its accessible name, its details and the list. */
export function circleSummary(circle: OrgMapCircle): string {
	const parts = [`${circle.memberCount} of ${circle.capacity} seats taken`]
	const journey = journeyWords(circle)
	if (journey) parts.push(journey)
	if (circle.live.sessions > 0) {
		parts.push(
			circle.live.sessions === 1 ? 'a live session now' : `${circle.live.sessions} live sessions now`,
		)
	}
	if (circle.myRole) parts.push(circle.myRole === 'facilitator' ? 'you facilitate it' : 'you are a member')
	return parts.join(', ')
}

/** Where a circle's journey stands, in words, or null without one it shows. */
export function journeyWords(circle: OrgMapCircle): string | null {
	const journey = circle.journey
	if (!journey) return null
	switch (journey.status) {
		case 'upcoming':
			return `a ${journey.lengthDays}-day journey about to begin`
		case 'running':
			return `day ${journey.day} of ${journey.lengthDays}`
		case 'paused':
			return `day ${journey.day} of ${journey.lengthDays}, paused`
		case 'completed':
			return `journey of ${journey.lengthDays} days completed`
	}
}

/** A connection in words. */
export function connectionWords(connection: OrgMapConnection): string {
	const parts: string[] = []
	if (connection.sharedBoards > 0) {
		parts.push(connection.sharedBoards === 1 ? '1 shared board' : `${connection.sharedBoards} shared boards`)
	}
	if (connection.links > 0) parts.push(connection.links === 1 ? '1 link' : `${connection.links} links`)
	return parts.join(' and ')
}
