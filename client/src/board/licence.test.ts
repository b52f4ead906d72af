import { describe, expect, it } from 'vitest'
import { isLicenceMissing, isLocalHost } from './licence.ts'

describe('isLicenceMissing', () => {
	it('asks for a key on a public https address without one (tldraw would hide the editor)', () => {
		expect(isLicenceMissing({ protocol: 'https:', hostname: 'circles.example.org' }, null)).toBe(true)
	})

	it('is satisfied by a configured key', () => {
		expect(isLicenceMissing({ protocol: 'https:', hostname: 'circles.example.org' }, 'key')).toBe(false)
	})

	it('needs no key over plain http, where tldraw runs in development mode', () => {
		expect(isLicenceMissing({ protocol: 'http:', hostname: 'circles.example.org' }, null)).toBe(false)
	})

	it.each(['localhost', 'app.localhost', '127.0.0.1', '127.1.2.3', '[::1]', '::1'])(
		'needs no key on the local machine (%s) even over https',
		(hostname) => {
			expect(isLocalHost(hostname)).toBe(true)
			expect(isLicenceMissing({ protocol: 'https:', hostname }, null)).toBe(false)
		},
	)

	it('does not mistake look-alike hosts for the local machine', () => {
		expect(isLocalHost('localhost.example.org')).toBe(false)
		expect(isLocalHost('128.0.0.1')).toBe(false)
	})
})
