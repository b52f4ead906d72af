import { describe, expect, it } from 'vitest'
import { parseRoute } from '../../app/router.ts'
import { templateEditorPath, templatesPath } from './owner.ts'

describe('the addresses of journey templates', () => {
	it('opens a tribe’s templates and one of them in the editor', () => {
		expect(parseRoute('/t/tribe-1/templates')).toEqual({
			page: 'journey-templates',
			owner: { kind: 'tribe', tribeId: 'tribe-1' },
		})
		expect(parseRoute('/t/tribe-1/templates/tpl-9/')).toEqual({
			page: 'journey-template',
			owner: { kind: 'tribe', tribeId: 'tribe-1' },
			templateId: 'tpl-9',
		})
	})

	it('opens a circle’s own template, and leaves the circle’s page and day views to their routes', () => {
		expect(parseRoute('/c/circle-2/templates/tpl-3')).toEqual({
			page: 'journey-template',
			owner: { kind: 'circle', circleId: 'circle-2' },
			templateId: 'tpl-3',
		})
		expect(parseRoute('/c/circle-2')).toEqual({ page: 'circle', circleId: 'circle-2' })
		expect(parseRoute('/t/tribe-1')).toEqual({ page: 'tribe', tribeId: 'tribe-1' })
	})

	it('names nothing for a malformed escape or a deeper path', () => {
		expect(parseRoute('/t/%E0%A4%A/templates')).toEqual({ page: 'not-found' })
		expect(parseRoute('/t/tribe-1/templates/tpl-9/more')).toEqual({ page: 'not-found' })
	})

	it('builds the paths it reads back', () => {
		const owner = { kind: 'tribe', tribeId: 'a/b' } as const
		expect(templatesPath(owner)).toBe('/t/a%2Fb/templates')
		expect(parseRoute(templateEditorPath(owner, 'x y'))).toEqual({
			page: 'journey-template',
			owner,
			templateId: 'x y',
		})
	})
})
