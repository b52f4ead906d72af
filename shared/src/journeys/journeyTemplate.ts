import { z } from 'zod'

/** The `format` every journey template file carries. */
export const JOURNEY_TEMPLATE_FORMAT = 'circlespace.journey-template'
/** The newest version of the journey template format this code reads and writes. */
export const JOURNEY_TEMPLATE_VERSION = 1
/** The length of a journey unless its template says otherwise. */
export const DEFAULT_JOURNEY_DAYS = 100
/** The longest journey a template may describe (a year and a day, for leap years). */
export const MAX_JOURNEY_DAYS = 366
/** At most this many sections in one template. */
export const MAX_JOURNEY_SECTIONS = 60
/**
 * The largest template document the API accepts, in bytes of JSON. Every string and array below
 * is bounded, so a valid template stays under it; the cap stops a huge body before it is parsed.
 */
export const MAX_JOURNEY_TEMPLATE_BYTES = 600 * 1024

// Control characters other than tab and line breaks have no place in text people read; they are
// how a name is made to look like another one (or to break a terminal that prints a log line).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const FORBIDDEN_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/
const LINE_BREAKS = /[\r\n\u2028\u2029]/

/** One line of text: trimmed, `min`–`max` characters, no line breaks or control characters. */
function line(what: string, max: number) {
	return z
		.string()
		.trim()
		.min(1, `${what} is required`)
		.max(max, `${what} is longer than ${max} characters`)
		.refine((s) => !LINE_BREAKS.test(s), `${what} must be one line`)
		.refine((s) => !FORBIDDEN_CONTROL.test(s), `${what} contains control characters`)
}

/** A day number of a journey: 1 for its first day. */
export const journeyDayNumberSchema = z
	.number()
	.int('A day is a whole number')
	.min(1, 'Days are counted from 1')
	.max(MAX_JOURNEY_DAYS, `A journey has at most ${MAX_JOURNEY_DAYS} days`)

/** A named run of consecutive days, e.g. "Listening", days 11 to 20. */
export const journeySectionSchema = z
	.object({
		name: line('A section name', 100),
		firstDay: journeyDayNumberSchema,
		lastDay: journeyDayNumberSchema,
	})
	.strict()
	.refine((s) => s.firstDay <= s.lastDay, {
		message: 'A section ends on or after the day it begins',
		path: ['lastDay'],
	})
/** A named run of consecutive days of a journey. */
export type JourneySection = z.infer<typeof journeySectionSchema>

/** The prompt of one day: a title, a few lines, and whether to ask someone else too. */
export const journeyPromptSchema = z
	.object({
		day: journeyDayNumberSchema,
		title: line('A prompt title', 200),
		body: z
			.string()
			.trim()
			.max(2000, 'A prompt is longer than 2000 characters')
			.refine((s) => !FORBIDDEN_CONTROL.test(s), 'A prompt contains control characters')
			.default(''),
		/** "Ask someone else this too": the prompt is also a question to put to someone outside the circle. */
		askSomeoneElse: z.boolean().default(false),
	})
	.strict()
/** The prompt of one journey day. */
export type JourneyPrompt = z.infer<typeof journeyPromptSchema>

/**
 * A journey template (version 1 of the file format): what every circle that follows it shares,
 * its length, sections, action days and the prompt of each day. Sections are in order and do not
 * overlap (days between sections belong to none); at most one prompt per day; every day lies
 * within the length. Action days are given back sorted and prompts sorted by day.
 */
export const journeyTemplateSchema = z
	.object({
		format: z.literal(JOURNEY_TEMPLATE_FORMAT),
		version: z.literal(JOURNEY_TEMPLATE_VERSION),
		name: line('A name', 100),
		lengthDays: journeyDayNumberSchema.default(DEFAULT_JOURNEY_DAYS),
		sections: z.array(journeySectionSchema).max(MAX_JOURNEY_SECTIONS).default([]),
		actionDays: z.array(journeyDayNumberSchema).max(MAX_JOURNEY_DAYS).default([]),
		prompts: z.array(journeyPromptSchema).max(MAX_JOURNEY_DAYS).default([]),
	})
	.strict()
	.superRefine((template, ctx) => {
		const beyond = (day: number) => day > template.lengthDays
		const tooLate = `Beyond the journey's ${template.lengthDays} days`
		template.sections.forEach((section, i) => {
			if (beyond(section.lastDay))
				ctx.addIssue({ code: 'custom', message: tooLate, path: ['sections', i, 'lastDay'] })
			const previous = template.sections[i - 1]
			if (previous && section.firstDay <= previous.lastDay) {
				ctx.addIssue({
					code: 'custom',
					message: `Sections are in order and do not overlap: this one begins on day ${section.firstDay}, before the previous one ends (day ${previous.lastDay})`,
					path: ['sections', i, 'firstDay'],
				})
			}
		})
		const actionDays = new Set<number>()
		template.actionDays.forEach((day, i) => {
			if (beyond(day)) ctx.addIssue({ code: 'custom', message: tooLate, path: ['actionDays', i] })
			if (actionDays.has(day)) {
				ctx.addIssue({ code: 'custom', message: `Day ${day} is listed twice`, path: ['actionDays', i] })
			}
			actionDays.add(day)
		})
		const promptDays = new Set<number>()
		template.prompts.forEach((prompt, i) => {
			if (beyond(prompt.day)) ctx.addIssue({ code: 'custom', message: tooLate, path: ['prompts', i, 'day'] })
			if (promptDays.has(prompt.day)) {
				ctx.addIssue({
					code: 'custom',
					message: `Day ${prompt.day} has more than one prompt`,
					path: ['prompts', i, 'day'],
				})
			}
			promptDays.add(prompt.day)
		})
	})
	.transform((template) => ({
		...template,
		actionDays: [...template.actionDays].sort((a, b) => a - b),
		prompts: [...template.prompts].sort((a, b) => a.day - b.day),
	}))
/** A journey template, as stored, exported and imported. */
export type JourneyTemplate = z.output<typeof journeyTemplateSchema>
/** A journey template as it may be written (defaults left out). */
export type JourneyTemplateInput = z.input<typeof journeyTemplateSchema>

/** Why a journey template file could not be read. */
export type JourneyTemplateFileProblem = 'not_json' | 'not_a_template' | 'too_new' | 'invalid'

/** The outcome of reading a journey template file. */
export type JourneyTemplateFileResult =
	| { ok: true; template: JourneyTemplate }
	| {
			ok: false
			problem: JourneyTemplateFileProblem
			/** A sentence for the person who chose the file. */
			message: string
			/** For `invalid`: each wrong field, its path in the file and what is wrong. */
			issues: Array<{ path: string; message: string }>
	  }

/**
 * Reads a journey template file (its text), telling apart a file that is not JSON, JSON that is
 * not a journey template, a template of a newer format version than this code knows, and a
 * template with wrong fields.
 */
export function parseJourneyTemplateFile(text: string): JourneyTemplateFileResult {
	const fail = (
		problem: JourneyTemplateFileProblem,
		message: string,
		issues: Array<{ path: string; message: string }> = [],
	) => ({
		ok: false as const,
		problem,
		message,
		issues,
	})
	let value: unknown
	try {
		value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)
	} catch {
		return fail('not_json', 'This file is not a journey template: it is not JSON.')
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return fail('not_a_template', 'This file is not a Circlespace journey template.')
	}
	const { format, version } = value as { format?: unknown; version?: unknown }
	if (format !== JOURNEY_TEMPLATE_FORMAT) {
		return fail('not_a_template', 'This file is not a Circlespace journey template.')
	}
	if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
		return fail('not_a_template', 'This file is not a Circlespace journey template: its version is missing.')
	}
	if (version > JOURNEY_TEMPLATE_VERSION) {
		return fail(
			'too_new',
			`This journey template was written by a newer version of Circlespace (format version ${version}; this one reads up to ${JOURNEY_TEMPLATE_VERSION}). It can be imported once Circlespace is updated.`,
		)
	}
	const parsed = journeyTemplateSchema.safeParse(value)
	if (!parsed.success) {
		const issues = parsed.error.issues.slice(0, 20).map((issue) => ({
			path: issue.path.join('.') || 'file',
			message: issue.message,
		}))
		const first = issues[0]
		return fail(
			'invalid',
			`This journey template has fields that are not valid${first ? `, first ${first.path}: ${first.message}` : ''}.`,
			issues,
		)
	}
	return { ok: true, template: parsed.data }
}

/** The file name a template is exported under, safe for every file system. */
export function journeyTemplateFileName(template: Pick<JourneyTemplate, 'name'>): string {
	const base = template.name
		.replace(/[\\/:*?"<>|]+/g, '-')
		.replace(/\s+/g, ' ')
		.trim()
		.slice(0, 80)
	return `${base || 'journey'}.journey.json`
}
