import { describe, expect, it } from 'vitest'
import { parseRoute, searchPath } from '../app/router.ts'
import { resultPath } from './resultPath.ts'

describe('the search page and where results lead', () => {
	it('keeps what was searched for in the address, whatever it holds', () => {
		const query = 'café & tea/ ?#'
		const path = searchPath(query)
		const [pathname, search] = path.split('?')
		expect(parseRoute(pathname ?? '', `?${search}`)).toEqual({ page: 'search', query })
		expect(searchPath('')).toBe('/search')
		expect(parseRoute('/search')).toEqual({ page: 'search', query: '' })
	})

	it('opens a note result on its board, with the shape to zoom to', () => {
		const path = resultPath({ boardId: 'b1', shapeId: 'shape:n1' })
		expect(path).toBe('/b/b1?shape=shape%3An1')
		const [pathname, search] = path.split('?')
		expect(parseRoute(pathname ?? '', search)).toEqual({ page: 'board', boardId: 'b1' })
		expect(new URLSearchParams(search).get('shape')).toBe('shape:n1')
	})

	it('opens a title result on its board as usual', () => {
		expect(resultPath({ boardId: 'b1', shapeId: null })).toBe('/b/b1')
	})
})
