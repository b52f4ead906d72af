import { describe, expect, it } from 'vitest'
import { putCircleJourneySchema } from './circleJourney.ts'
import { exampleJourneyTemplate } from './exampleJourneyTemplate.ts'
import {
	journeyTemplateFileName,
	journeyTemplateSchema,
	parseJourneyTemplateFile,
} from './journeyTemplate.ts'

const minimal = { format: 'circlespace.journey-template', version: 1, name: 'Spring' }
const problems = (value: unknown) => {
	const result = journeyTemplateSchema.safeParse(value)
	return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
}

describe('journey templates', () => {
	it('fills in 100 days, no sections, no action days and no prompts', () => {
		expect(journeyTemplateSchema.parse(minimal)).toEqual({
			...minimal,
			lengthDays: 100,
			sections: [],
			actionDays: [],
			prompts: [],
		})
	})

	it('sorts action days and prompts, and trims text', () => {
		const parsed = journeyTemplateSchema.parse({
			...minimal,
			name: '  Spring  ',
			actionDays: [20, 10],
			prompts: [
				{ day: 5, title: ' Later ' },
				{ day: 2, title: 'Earlier', body: 'Two\nlines', askSomeoneElse: true },
			],
		})
		expect(parsed.name).toBe('Spring')
		expect(parsed.actionDays).toEqual([10, 20])
		expect(parsed.prompts).toEqual([
			{ day: 2, title: 'Earlier', body: 'Two\nlines', askSomeoneElse: true },
			{ day: 5, title: 'Later', body: '', askSomeoneElse: false },
		])
	})

	it('the example is a valid template of 100 days, ten sections of ten, a prompt every day', () => {
		const parsed = journeyTemplateSchema.parse(exampleJourneyTemplate)
		expect(parsed).toEqual(exampleJourneyTemplate)
		expect(parsed.lengthDays).toBe(100)
		expect(parsed.sections.map((s) => s.lastDay - s.firstDay + 1)).toEqual(Array(10).fill(10))
		expect(parsed.prompts.map((p) => p.day)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1))
		expect(parsed.actionDays).toEqual([10, 20, 30, 40, 50, 60, 70, 80, 90, 100])
	})

	it('refuses sections that overlap, come out of order, end before they begin or run past the end', () => {
		const sections = (list: Array<[number, number]>) =>
			problems({
				...minimal,
				lengthDays: 30,
				sections: list.map(([firstDay, lastDay]) => ({ name: 'S', firstDay, lastDay })),
			})
		expect(
			sections([
				[1, 10],
				[11, 20],
			]),
		).toEqual([])
		expect(
			sections([
				[1, 10],
				[10, 20],
			])[0],
		).toMatch(/^sections\.1\.firstDay: .*overlap/)
		expect(
			sections([
				[11, 20],
				[1, 10],
			])[0],
		).toMatch(/^sections\.1\.firstDay/)
		expect(sections([[5, 4]])[0]).toMatch(/^sections\.0\.lastDay: .*ends on or after/)
		expect(sections([[21, 31]])[0]).toMatch(/^sections\.0\.lastDay: Beyond the journey's 30 days/)
	})

	it('refuses days out of range, twice-listed days and two prompts on one day', () => {
		expect(problems({ ...minimal, lengthDays: 0 })).toHaveLength(1)
		expect(problems({ ...minimal, lengthDays: 367 })).toHaveLength(1)
		expect(problems({ ...minimal, lengthDays: 10.5 })).toHaveLength(1)
		expect(problems({ ...minimal, lengthDays: 10, actionDays: [11] })).toEqual([
			"actionDays.0: Beyond the journey's 10 days",
		])
		expect(problems({ ...minimal, actionDays: [3, 3] })).toEqual(['actionDays.1: Day 3 is listed twice'])
		expect(problems({ ...minimal, actionDays: [0] })[0]).toMatch(/^actionDays\.0/)
		expect(
			problems({
				...minimal,
				prompts: [
					{ day: 4, title: 'a' },
					{ day: 4, title: 'b' },
				],
			}),
		).toEqual(['prompts.1.day: Day 4 has more than one prompt'])
	})

	it('bounds every string and array (an attacker’s template is refused, not stored)', () => {
		expect(problems({ ...minimal, name: 'x'.repeat(101) })).toHaveLength(1)
		expect(problems({ ...minimal, name: '   ' })).toHaveLength(1)
		expect(problems({ ...minimal, name: 'Two\nlines' })).toHaveLength(1)
		expect(problems({ ...minimal, name: 'Right\u202eleft' })).toHaveLength(1)
		expect(problems({ ...minimal, prompts: [{ day: 1, title: 't', body: 'b'.repeat(2001) }] })).toHaveLength(
			1,
		)
		expect(problems({ ...minimal, prompts: [{ day: 1, title: 't', body: 'bell\u0007' }] })).toHaveLength(1)
		const many = Array.from({ length: 61 }, (_, i) => ({ name: 'S', firstDay: i + 1, lastDay: i + 1 }))
		expect(problems({ ...minimal, sections: many }).some((p) => p.startsWith('sections:'))).toBe(true)
		expect(problems({ ...minimal, actionDays: Array(367).fill(1) })[0]).toMatch(/^actionDays:/)
		expect(problems({ ...minimal, extra: 1 })).toHaveLength(1)
		expect(problems({ ...minimal, prompts: [{ day: 1, title: 't', html: '<b>' }] })).toHaveLength(1)
	})

	it('names its export file safely', () => {
		expect(journeyTemplateFileName({ name: 'Spring: 100 days / North' })).toBe(
			'Spring- 100 days - North.journey.json',
		)
		expect(journeyTemplateFileName({ name: '***' })).toBe('-.journey.json')
	})
})

describe('journey template files', () => {
	it('reads a file written by the export', () => {
		const result = parseJourneyTemplateFile(JSON.stringify(exampleJourneyTemplate))
		expect(result).toEqual({ ok: true, template: exampleJourneyTemplate })
		// A byte order mark (some editors write one) is not a reason to refuse a file.
		expect(parseJourneyTemplateFile(`\ufeff${JSON.stringify(minimal)}`).ok).toBe(true)
	})

	it('tells broken JSON, another kind of file, a newer version and wrong fields apart', () => {
		const problemOf = (text: string) => {
			const result = parseJourneyTemplateFile(text)
			return result.ok ? 'ok' : `${result.problem}: ${result.message}`
		}
		expect(problemOf('{"format": "circlespace.journey-template",')).toBe(
			'not_json: This file is not a journey template: it is not JSON.',
		)
		expect(problemOf('[1, 2]')).toBe('not_a_template: This file is not a Circlespace journey template.')
		expect(problemOf('{"tldrawFileFormatVersion": 1}')).toBe(
			'not_a_template: This file is not a Circlespace journey template.',
		)
		expect(problemOf(JSON.stringify({ ...minimal, version: 2 }))).toMatch(
			/^too_new: This journey template was written by a newer version of Circlespace \(format version 2/,
		)
		expect(problemOf(JSON.stringify({ ...minimal, version: 'one' }))).toMatch(/^not_a_template: .*version/)
		expect(problemOf(JSON.stringify({ ...minimal, lengthDays: 10, actionDays: [12] }))).toBe(
			"invalid: This journey template has fields that are not valid, first actionDays.0: Beyond the journey's 10 days.",
		)
		const invalid = parseJourneyTemplateFile(JSON.stringify({ ...minimal, name: '', lengthDays: -1 }))
		expect(invalid.ok ? [] : invalid.issues.map((i) => i.path)).toEqual(['name', 'lengthDays'])
	})
})

describe('a circle’s journey', () => {
	const put = { templateId: 'template-12345', startDate: '2026-03-02' }
	it('takes a start date and an IANA time zone, canonically spelt', () => {
		expect(putCircleJourneySchema.parse({ ...put, timeZone: 'pacific/auckland' })).toEqual({
			...put,
			timeZone: 'Pacific/Auckland',
			paused: false,
		})
	})

	it('refuses a date that is not a date and a zone Intl does not know', () => {
		expect(putCircleJourneySchema.safeParse({ ...put, timeZone: 'Europe/Atlantis' }).success).toBe(false)
		expect(putCircleJourneySchema.safeParse({ ...put, timeZone: 'GMT+2' }).success).toBe(false)
		expect(
			putCircleJourneySchema.safeParse({ ...put, startDate: '2026-02-30', timeZone: 'UTC' }).success,
		).toBe(false)
		expect(
			putCircleJourneySchema.safeParse({ ...put, startDate: '02/03/2026', timeZone: 'UTC' }).success,
		).toBe(false)
	})
})
