import { exampleJourneyTemplate, journeyTemplateSchema } from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import {
	checkDraft,
	dayGroups,
	daysWithErrors,
	documentFromDraft,
	draftFromTemplate,
	nextSection,
	type SectionDraft,
	sameDocument,
	type TemplateDraft,
	templateErrorsOf,
} from './templateDraft.ts'

function section(name: string, firstDay: string, lastDay: string): SectionDraft {
	return { key: name, name, firstDay, lastDay }
}

function draft(overrides: Partial<TemplateDraft> = {}): TemplateDraft {
	return {
		name: 'Spring journey',
		lengthDays: '100',
		sections: [section('Arriving', '1', '10'), section('Listening', '11', '20')],
		actionDays: [20, 10],
		prompts: { 12: { title: 'Who listened to you?', body: '', askSomeoneElse: true } },
		...overrides,
	}
}

describe('the document a draft stands for', () => {
	it('gives back the example template unchanged after a round trip through the editor', () => {
		const document = documentFromDraft(draftFromTemplate(exampleJourneyTemplate))
		expect(journeyTemplateSchema.parse(document)).toEqual(exampleJourneyTemplate)
	})

	it('leaves out days whose prompt has nothing in it, and sorts prompts and action days', () => {
		const document = documentFromDraft(
			draft({
				prompts: {
					30: { title: 'Later', body: '', askSomeoneElse: false },
					5: { title: '  ', body: '', askSomeoneElse: false },
					12: { title: 'Sooner', body: 'A line', askSomeoneElse: true },
				},
			}),
		)
		expect(document.prompts?.map((prompt) => prompt.day)).toEqual([12, 30])
		expect(document.actionDays).toEqual([10, 20])
		expect(document.lengthDays).toBe(100)
	})

	it('keeps a prompt that is only ticked "ask someone else", so that its missing title is reported', () => {
		const check = checkDraft(draft({ prompts: { 7: { title: '', body: '', askSomeoneElse: true } } }))
		expect(check.ok).toBe(false)
		if (!check.ok) expect(check.errors.fields['day.7.title']).toBe('A prompt title is required.')
	})

	it('counts two drafts with the same content as unchanged, whatever their row keys', () => {
		const a = draftFromTemplate(exampleJourneyTemplate)
		const b = draftFromTemplate(exampleJourneyTemplate)
		expect(sameDocument(a, b)).toBe(true)
		expect(sameDocument(a, { ...b, actionDays: [...b.actionDays, 3] })).toBe(false)
	})
})

describe('errors beside the fields they are about', () => {
	it('puts a blank name and a length beyond a year beside those fields', () => {
		const check = checkDraft(
			draft({ name: ' ', lengthDays: '400', sections: [], actionDays: [], prompts: {} }),
		)
		expect(check.ok).toBe(false)
		if (check.ok) return
		expect(check.errors.fields.name).toBe('A name is required.')
		expect(check.errors.fields.lengthDays).toBe('A journey has at most 366 days.')
	})

	it('says a typed length that is not a whole number is wrong, rather than dropping it', () => {
		const check = checkDraft(draft({ lengthDays: '10.5' }))
		expect(check.ok).toBe(false)
		if (!check.ok) expect(check.errors.fields.lengthDays).toBeDefined()
	})

	it('puts an overlapping section on its first day and a reversed one on its last day', () => {
		const check = checkDraft(
			draft({
				sections: [
					section('Arriving', '1', '10'),
					section('Listening', '8', '20'),
					section('Late', '30', '25'),
				],
			}),
		)
		expect(check.ok).toBe(false)
		if (check.ok) return
		expect(check.errors.fields['sections.1.firstDay']).toMatch(/do not overlap.*day 8.*day 10/)
		expect(check.errors.fields['sections.2.lastDay']).toBe('A section ends on or after the day it begins.')
		expect(check.errors.fields['sections.0.firstDay']).toBeUndefined()
	})

	it('puts a section that runs past the journey on its last day', () => {
		const check = checkDraft(draft({ lengthDays: '15', actionDays: [], prompts: {} }))
		expect(check.ok).toBe(false)
		if (!check.ok) expect(check.errors.fields['sections.1.lastDay']).toBe("Beyond the journey's 15 days.")
	})

	it('puts a prompt title problem on that day, found by the prompt’s day, not its index', () => {
		const long = 'x'.repeat(201)
		const check = checkDraft(
			draft({
				prompts: {
					3: { title: 'Fine', body: '', askSomeoneElse: false },
					40: { title: long, body: '', askSomeoneElse: false },
				},
			}),
		)
		expect(check.ok).toBe(false)
		if (check.ok) return
		expect(check.errors.fields['day.40.title']).toBe('A prompt title is longer than 200 characters.')
		expect(daysWithErrors(check.errors)).toEqual(new Set([40]))
	})

	it('tells the form about action days and prompts beyond a shortened journey, naming the day', () => {
		const check = checkDraft(
			draft({
				lengthDays: '20',
				actionDays: [10, 25],
				prompts: { 30: { title: 'Gone', body: '', askSomeoneElse: false } },
			}),
		)
		expect(check.ok).toBe(false)
		if (check.ok) return
		expect(check.errors.form).toEqual([
			"Action day 25: Beyond the journey's 20 days.",
			"Day 30’s prompt: Beyond the journey's 20 days.",
		])
	})

	it('reads the server’s issues, whose paths are dotted strings', () => {
		const document = documentFromDraft(draft())
		const errors = templateErrorsOf(
			[
				{ path: 'sections.1.name', message: 'A section name is required' },
				{ path: 'prompts.0.body', message: 'A prompt contains control characters' },
				{ path: 'body', message: 'Something else' },
			],
			document,
			100,
		)
		expect(errors.fields['sections.1.name']).toBe('A section name is required.')
		expect(errors.fields['day.12.body']).toBe('A prompt contains control characters.')
		expect(errors.form).toEqual(['Something else.'])
	})
})

describe('the day list', () => {
	it('groups 100 days by their sections, with days between sections in a group of their own', () => {
		const groups = dayGroups(30, [section('Arriving', '1', '10'), section('', '16', '20')])
		expect(groups.map((group) => [group.label, group.days[0], group.days.at(-1)])).toEqual([
			['Arriving', 1, 10],
			['Not in a section', 11, 15],
			['Section 2', 16, 20],
			['Not in a section', 21, 30],
		])
		expect(groups.flatMap((group) => group.days)).toHaveLength(30)
	})

	it('lets a section that is still being typed claim no days', () => {
		const groups = dayGroups(12, [section('Arriving', '', '10'), section('Next', '11', '1')])
		expect(groups).toEqual([
			{ sectionIndex: null, label: 'Not in a section', days: Array.from({ length: 12 }, (_, i) => i + 1) },
		])
	})

	it('suggests the next ten days for a new section, within the journey', () => {
		expect(nextSection(draft())).toMatchObject({ name: '', firstDay: '21', lastDay: '30' })
		expect(nextSection(draft({ lengthDays: '25' }))).toMatchObject({ firstDay: '21', lastDay: '25' })
		expect(nextSection(draft({ sections: [] }))).toMatchObject({ firstDay: '1', lastDay: '10' })
	})
})
