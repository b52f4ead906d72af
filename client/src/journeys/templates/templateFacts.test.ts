import { describe, expect, it } from 'vitest'
import { templateFacts } from './templateFacts.ts'

describe('a template in the list', () => {
	it('says its length, sections, prompts and how many circles follow it', () => {
		expect(templateFacts({ lengthDays: 100, sectionCount: 10, promptCount: 100, usedBy: 2 })).toBe(
			'100 days · 10 sections · 100 prompts · used by 2 circles',
		)
	})

	it('speaks of one in the singular, and of a template nobody follows yet', () => {
		expect(templateFacts({ lengthDays: 1, sectionCount: 1, promptCount: 1, usedBy: 1 })).toBe(
			'1 day · 1 section · 1 prompt · used by 1 circle',
		)
		expect(templateFacts({ lengthDays: 30, sectionCount: 0, promptCount: 0, usedBy: 0 })).toBe(
			'30 days · 0 sections · 0 prompts · not used yet',
		)
	})
})
