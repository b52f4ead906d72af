import { describe, expect, it } from 'vitest'
import { requestKind } from './apiRateLimits.ts'

describe('requestKind', () => {
	it('counts imports, exports and thumbnail uploads as files', () => {
		expect(requestKind('GET', '/api/boards/b1/tldr')).toBe('file')
		expect(requestKind('HEAD', '/api/boards/b1/tldr')).toBe('file')
		expect(requestKind('GET', '/api/snapshots/s1/tldr')).toBe('file')
		expect(requestKind('POST', '/api/boards/b1/import')).toBe('file')
		expect(requestKind('POST', '/api/circles/c1/boards/import')).toBe('file')
		expect(requestKind('PUT', '/api/snapshots/s1/thumbnail')).toBe('file')
	})

	it('counts thumbnail reads as reads: a page shows many at once', () => {
		expect(requestKind('GET', '/api/snapshots/s1/thumbnail')).toBe('read')
	})

	it('counts every other GET and HEAD as a read, and any other method as a write', () => {
		expect(requestKind('GET', '/api/boards/b1')).toBe('read')
		expect(requestKind('HEAD', '/api/assets/x.png')).toBe('read')
		expect(requestKind('get', '/api/home')).toBe('read')
		expect(requestKind('POST', '/api/boards/b1/snapshots')).toBe('write')
		expect(requestKind('POST', '/api/assets')).toBe('write')
		expect(requestKind('PATCH', '/api/boards/b1')).toBe('write')
		expect(requestKind('DELETE', '/api/boards/b1')).toBe('write')
		expect(requestKind('POST', '/api/auth/signin')).toBe('write')
	})
})
