import type { TLInstancePresence, TLShapeId } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { boundPresence, PRESENCE_BUDGET_BYTES } from './presenceBounds.ts'

function presence(overrides: Partial<TLInstancePresence> = {}): TLInstancePresence {
	return {
		id: 'instance_presence:me',
		typeName: 'instance_presence',
		userId: 'user:me',
		userName: 'Me',
		lastActivityTimestamp: 1,
		color: '#3366cc',
		camera: { x: 1, y: 2, z: 1 },
		selectedShapeIds: [],
		currentPageId: 'page:page',
		brush: null,
		scribbles: [],
		screenBounds: { x: 0, y: 0, w: 1280, h: 800 },
		followingUserId: null,
		cursor: { x: 10, y: 20, rotation: 0, type: 'default' },
		chatMessage: '',
		meta: {},
		...overrides,
	} as TLInstancePresence
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length
const shapeIds = (n: number) =>
	Array.from({ length: n }, (_, i) => `shape:${'a'.repeat(20)}${i}` as TLShapeId)

describe('the presence this tab publishes', () => {
	it('is published as it is when small', () => {
		const small = presence({ selectedShapeIds: shapeIds(10) })
		expect(boundPresence(small)).toBe(small)
	})

	it('keeps the first hundred of a thousand selected shapes, and the cursor', () => {
		const bounded = boundPresence(presence({ selectedShapeIds: shapeIds(1000) }))
		expect(bounded.selectedShapeIds).toHaveLength(100)
		expect(bounded.cursor).toEqual({ x: 10, y: 20, rotation: 0, type: 'default' })
		expect(bytes(bounded)).toBeLessThanOrEqual(PRESENCE_BUDGET_BYTES)
	})

	it('fits however long the scribbles and the chat message, in any script', () => {
		const points = Array.from({ length: 2000 }, (_, i) => ({ x: i, y: i * 2, z: 0.5 }))
		const scribble = {
			id: 's',
			points,
			size: 4,
			color: 'laser',
			opacity: 1,
			state: 'active',
			delay: 0,
			shrink: 0,
			taper: true,
		}
		const bounded = boundPresence(
			presence({
				scribbles: Array.from({ length: 10 }, () => scribble) as TLInstancePresence['scribbles'],
				chatMessage: '気'.repeat(20_000),
				selectedShapeIds: shapeIds(5000),
			}),
		)
		expect(bytes(bounded)).toBeLessThanOrEqual(PRESENCE_BUDGET_BYTES)
		expect(bounded.camera).toEqual({ x: 1, y: 2, z: 1 })
	})
})
