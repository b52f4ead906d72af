import { describe, expect, it } from 'vitest'
import { kindLabel, shapeCountText } from './snapshotText.ts'

describe('kindLabel', () => {
	it('marks the automatic snapshots and leaves the ones saved on demand plain', () => {
		expect(kindLabel('before_restore')).toBe('Before restore')
		expect(kindLabel('session')).toBe('End of session')
		expect(kindLabel('manual')).toBeNull()
	})
})

describe('shapeCountText', () => {
	it('counts shapes in words a person reads', () => {
		expect(shapeCountText(0)).toBe('No shapes')
		expect(shapeCountText(1)).toBe('1 shape')
		expect(shapeCountText(12)).toBe('12 shapes')
	})
})
