import { describe, expect, it } from 'vitest'
import { MAX_ZOOM, panBy, viewOfCircle, wholeView, zoomAround, zoomCentre, zoomOf } from './viewBox.ts'

const size = { width: 1000, height: 500 }

describe('the map view', () => {
	it('zooming in around a point keeps that point where it was on the screen', () => {
		const view = zoomAround(wholeView(size), { x: 250, y: 100 }, 2, size)
		expect(view.width).toBe(500)
		// The point sat at a quarter of the width and a fifth of the height; it still does.
		expect((250 - view.x) / view.width).toBeCloseTo(0.25)
		expect((100 - view.y) / view.height).toBeCloseTo(0.2)
	})

	it(`never zooms closer than ${MAX_ZOOM}× nor much further out than the whole picture`, () => {
		let view = wholeView(size)
		for (let i = 0; i < 20; i++) view = zoomCentre(view, 2, size)
		expect(zoomOf(view, size)).toBeCloseTo(MAX_ZOOM)
		for (let i = 0; i < 20; i++) view = zoomCentre(view, 0.5, size)
		expect(zoomOf(view, size)).toBeCloseTo(0.8)
	})

	it('a circle’s view holds the whole circle, centred, in the picture’s shape', () => {
		const view = viewOfCircle({ x: 300, y: 200, r: 30 }, size)
		expect(view.x + view.width / 2).toBeCloseTo(300)
		expect(view.y + view.height / 2).toBeCloseTo(200)
		expect(view.height).toBeGreaterThanOrEqual(60)
		expect(view.width / view.height).toBeCloseTo(2)
	})

	it('panning moves the view, not its size', () => {
		expect(panBy(wholeView(size), 10, -5)).toEqual({ x: 10, y: -5, width: 1000, height: 500 })
	})
})
