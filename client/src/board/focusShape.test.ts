import { describe, expect, it } from 'vitest'
import { shapeParamOf } from './focusShape.ts'

describe('shapeParamOf', () => {
	it('reads the shape a search result links to', () => {
		expect(shapeParamOf('?shape=shape%3AabC_9-x')).toBe('shape:abC_9-x')
		expect(shapeParamOf('?shape=shape:abc')).toBe('shape:abc')
	})

	it('accepts the id without its prefix', () => {
		expect(shapeParamOf('?shape=abc')).toBe('shape:abc')
	})

	it('names no shape when the address has none, an empty one or an absurd one', () => {
		expect(shapeParamOf('')).toBeNull()
		expect(shapeParamOf('?other=1')).toBeNull()
		expect(shapeParamOf('?shape=')).toBeNull()
		expect(shapeParamOf('?shape=shape:')).toBeNull()
		expect(shapeParamOf(`?shape=${'a'.repeat(201)}`)).toBeNull()
	})
})
