import { describe, expect, it } from 'vitest'
import { boardPath, parseRoute } from './router.ts'

describe('parseRoute', () => {
	it('opens the board list at the root', () => {
		expect(parseRoute('/')).toEqual({ page: 'boards' })
	})

	it('opens a board by its id, with or without a trailing slash', () => {
		expect(parseRoute('/b/abc_DEF-123')).toEqual({ page: 'board', boardId: 'abc_DEF-123' })
		expect(parseRoute('/b/abc_DEF-123/')).toEqual({ page: 'board', boardId: 'abc_DEF-123' })
	})

	it('round-trips the path it builds for a board', () => {
		expect(parseRoute(boardPath('a b/c'))).toEqual({ page: 'board', boardId: 'a b/c' })
	})

	it('says not found for anything else', () => {
		expect(parseRoute('/b/')).toEqual({ page: 'not-found' })
		expect(parseRoute('/b/x/y')).toEqual({ page: 'not-found' })
		expect(parseRoute('/admin')).toEqual({ page: 'not-found' })
	})
})
