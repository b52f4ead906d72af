import { describe, expect, it } from 'vitest'
import { isAllowedOrigin } from './originCheck.ts'

describe('isAllowedOrigin', () => {
	it('allows the request’s own host when no public URL is set, whatever the scheme', () => {
		expect(isAllowedOrigin('http://localhost:3000', 'localhost:3000', undefined)).toBe(true)
		// A TLS proxy in front: the browser says https, the server sees plain http.
		expect(isAllowedOrigin('https://boards.example.org', 'boards.example.org', undefined)).toBe(true)
	})

	it('refuses another site, another port, or a look-alike host', () => {
		expect(isAllowedOrigin('https://evil.example', 'boards.example.org', undefined)).toBe(false)
		expect(isAllowedOrigin('http://localhost:4000', 'localhost:3000', undefined)).toBe(false)
		expect(isAllowedOrigin('https://boards.example.org.evil.example', 'boards.example.org', undefined)).toBe(
			false,
		)
	})

	it('allows only the public URL when it is set, even if the Host header is forged to match', () => {
		const publicUrl = 'https://boards.example.org'
		expect(isAllowedOrigin('https://boards.example.org', 'internal:3000', publicUrl)).toBe(true)
		expect(isAllowedOrigin('http://boards.example.org', 'boards.example.org', publicUrl)).toBe(false)
		expect(isAllowedOrigin('https://evil.example', 'evil.example', publicUrl)).toBe(false)
	})

	it('refuses a missing, opaque or malformed origin', () => {
		expect(isAllowedOrigin(undefined, 'localhost:3000', undefined)).toBe(false)
		expect(isAllowedOrigin('null', 'localhost:3000', undefined)).toBe(false)
		expect(isAllowedOrigin('not a url', 'localhost:3000', undefined)).toBe(false)
		expect(isAllowedOrigin('file:///etc/passwd', 'localhost:3000', undefined)).toBe(false)
	})
})
