import { describe, expect, it } from 'vitest'
import { isPublicRoute, parseRoute } from '../app/router.ts'

describe('the gallery route', () => {
	it('is /gallery, with or without a trailing slash, for signed-in people only', () => {
		expect(parseRoute('/gallery')).toEqual({ page: 'gallery' })
		expect(parseRoute('/gallery/')).toEqual({ page: 'gallery' })
		expect(isPublicRoute({ page: 'gallery' })).toBe(false)
		expect(parseRoute('/gallery/more')).toEqual({ page: 'not-found' })
	})
})
