import { describe, expect, it } from 'vitest'
import { redirectFor } from './redirect.ts'
import { parseRoute } from './router.ts'

describe('redirectFor', () => {
	it('sends a signed-out visitor of a private page to sign in, to come back after', () => {
		expect(redirectFor(parseRoute('/c/circle1234'), 'signed-out', '/c/circle1234')).toBe(
			'/signin?next=%2Fc%2Fcircle1234',
		)
		expect(redirectFor(parseRoute('/'), 'signed-out', '/')).toBe('/signin')
	})

	it('lets signed-out visitors see the sign-in pages and invitation links', () => {
		expect(redirectFor(parseRoute('/signin'), 'signed-out', '/signin')).toBeNull()
		expect(redirectFor(parseRoute('/invite/abc'), 'signed-out', '/invite/abc')).toBeNull()
	})

	it('explains an ended session instead of redirecting', () => {
		expect(redirectFor(parseRoute('/b/board1234'), 'expired', '/b/board1234')).toBeNull()
	})

	it('takes a signed-in person past the sign-in pages, to where they were going', () => {
		expect(
			redirectFor(parseRoute('/signin', '?next=/t/tribe1234'), 'signed-in', '/signin?next=/t/tribe1234'),
		).toBe('/t/tribe1234')
		expect(redirectFor(parseRoute('/signup'), 'signed-in', '/signup')).toBe('/')
	})

	it('waits while the session is being checked', () => {
		expect(redirectFor(parseRoute('/admin'), 'loading', '/admin')).toBeNull()
	})
})
