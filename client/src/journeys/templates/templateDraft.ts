import {
	DEFAULT_JOURNEY_DAYS,
	JOURNEY_TEMPLATE_FORMAT,
	JOURNEY_TEMPLATE_VERSION,
	type JourneyTemplate,
	type JourneyTemplateInput,
	journeyTemplateSchema,
} from '@circlespace/shared'

/** One section as it is being written: the day numbers as typed, so that "1" → "" → "12" works. */
export interface SectionDraft {
	/** Keeps a row's inputs (and their focus) in place when another row is removed. */
	key: string
	name: string
	firstDay: string
	lastDay: string
}

/** One day's prompt as it is being written. */
export interface PromptDraft {
	title: string
	body: string
	askSomeoneElse: boolean
}

/** A journey template as the editor holds it while someone writes it. */
export interface TemplateDraft {
	name: string
	lengthDays: string
	sections: SectionDraft[]
	actionDays: number[]
	/** By day number; a day without an entry (or with an empty one) has no prompt. */
	prompts: Record<number, PromptDraft>
}

/** A prompt with nothing written and nothing ticked: the day has no prompt. */
export const EMPTY_PROMPT: PromptDraft = { title: '', body: '', askSomeoneElse: false }

let keys = 0
/** A key for a new section row, unique within the page. */
export function newSectionKey(): string {
	keys += 1
	return `section-${keys}`
}

/** The draft of a stored template. */
export function draftFromTemplate(template: JourneyTemplate): TemplateDraft {
	const prompts: Record<number, PromptDraft> = {}
	for (const prompt of template.prompts) {
		prompts[prompt.day] = { title: prompt.title, body: prompt.body, askSomeoneElse: prompt.askSomeoneElse }
	}
	return {
		name: template.name,
		lengthDays: String(template.lengthDays),
		sections: template.sections.map((section) => ({
			key: newSectionKey(),
			name: section.name,
			firstDay: String(section.firstDay),
			lastDay: String(section.lastDay),
		})),
		actionDays: [...template.actionDays],
		prompts,
	}
}

/** True when a prompt has anything in it (then it is part of the document and must have a title). */
export function hasPrompt(prompt: PromptDraft | undefined): prompt is PromptDraft {
	return !!prompt && (prompt.title.trim() !== '' || prompt.body.trim() !== '' || prompt.askSomeoneElse)
}

// A number as typed: a whole number stays a number; anything else is passed on as it is, so that
// the schema says what is wrong with it ("A day is a whole number") instead of it vanishing.
function typedNumber(text: string): number | string {
	const trimmed = text.trim()
	if (/^\d{1,6}$/.test(trimmed)) return Number(trimmed)
	return trimmed
}

/**
 * The template document a draft stands for, as the API takes it. Prompts with nothing in them
 * are left out; everything else is kept as written, so that the schema judges it.
 */
export function documentFromDraft(draft: TemplateDraft): JourneyTemplateInput {
	const prompts = Object.entries(draft.prompts)
		.map(([day, prompt]) => ({ day: Number(day), prompt }))
		.filter(({ prompt }) => hasPrompt(prompt))
		.sort((a, b) => a.day - b.day)
		.map(({ day, prompt }) => ({
			day,
			title: prompt.title,
			body: prompt.body,
			askSomeoneElse: prompt.askSomeoneElse,
		}))
	// Typed numbers that are not numbers go through as strings for the schema to refuse.
	return {
		format: JOURNEY_TEMPLATE_FORMAT,
		version: JOURNEY_TEMPLATE_VERSION,
		name: draft.name,
		lengthDays: typedNumber(draft.lengthDays) as number,
		sections: draft.sections.map((section) => ({
			name: section.name,
			firstDay: typedNumber(section.firstDay) as number,
			lastDay: typedNumber(section.lastDay) as number,
		})),
		actionDays: [...draft.actionDays].sort((a, b) => a - b),
		prompts,
	}
}

/** Whether two drafts describe the same document (what "unsaved changes" compares). */
export function sameDocument(a: TemplateDraft, b: TemplateDraft): boolean {
	return JSON.stringify(documentFromDraft(a)) === JSON.stringify(documentFromDraft(b))
}

/** The field of the editor a message belongs to. */
export type TemplateField =
	| 'name'
	| 'lengthDays'
	| `sections.${number}.${'name' | 'firstDay' | 'lastDay'}`
	| `day.${number}.${'title' | 'body'}`

/** What is wrong with a draft: messages beside fields, and the rest for the whole form. */
export interface TemplateErrors {
	fields: Partial<Record<TemplateField, string>>
	form: string[]
}

/** An issue as zod or the server's problem document (`issues`) names it. */
export interface TemplateIssue {
	path: string | ReadonlyArray<PropertyKey>
	message: string
}

function pathParts(path: TemplateIssue['path']): string[] {
	return typeof path === 'string' ? (path ? path.split('.') : []) : path.map(String)
}

function sentence(message: string): string {
	const trimmed = message.trim()
	if (!trimmed) return 'This value is not valid.'
	const capital = trimmed[0]?.toUpperCase() + trimmed.slice(1)
	return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

/**
 * Puts issues with a template document (from the schema here, or from the server's 400) beside
 * the fields of the editor they are about. `document` is the one that was checked: a prompt's
 * index there gives its day. What no field shows (an action day beyond the length, a prompt on a
 * day the journey no longer has, too many sections) goes to the form, saying which day.
 */
export function templateErrorsOf(
	issues: readonly TemplateIssue[],
	document: Pick<JourneyTemplateInput, 'prompts' | 'actionDays'>,
	lengthDays: number,
): TemplateErrors {
	const result: TemplateErrors = { fields: {}, form: [] }
	const put = (field: TemplateField, message: string) => {
		result.fields[field] ??= sentence(message)
	}
	for (const issue of issues) {
		const [top, index, key] = pathParts(issue.path)
		const i = Number(index)
		if ((top === 'name' || top === 'lengthDays') && index === undefined) {
			put(top, issue.message)
		} else if (
			top === 'sections' &&
			Number.isInteger(i) &&
			(key === 'name' || key === 'firstDay' || key === 'lastDay')
		) {
			put(`sections.${i}.${key}`, issue.message)
		} else if (top === 'prompts' && Number.isInteger(i)) {
			const day = document.prompts?.[i]?.day
			if (day !== undefined && day <= lengthDays && (key === 'title' || key === 'body')) {
				put(`day.${day}.${key}`, issue.message)
			} else {
				result.form.push(
					day !== undefined ? `Day ${day}’s prompt: ${sentence(issue.message)}` : sentence(issue.message),
				)
			}
		} else if (top === 'actionDays' && Number.isInteger(i)) {
			const day = document.actionDays?.[i]
			result.form.push(
				day !== undefined ? `Action day ${day}: ${sentence(issue.message)}` : sentence(issue.message),
			)
		} else if (top === 'sections') {
			result.form.push(`Sections: ${sentence(issue.message)}`)
		} else {
			result.form.push(sentence(issue.message))
		}
	}
	result.form = [...new Set(result.form)]
	return result
}

/** The outcome of checking a draft before it is saved. */
export type DraftCheck =
	| { ok: true; document: JourneyTemplate }
	| { ok: false; document: JourneyTemplateInput; errors: TemplateErrors }

/** Checks a draft with the schema the server uses, with its messages beside the fields. */
export function checkDraft(draft: TemplateDraft): DraftCheck {
	const document = documentFromDraft(draft)
	const parsed = journeyTemplateSchema.safeParse(document)
	if (parsed.success) return { ok: true, document: parsed.data }
	return {
		ok: false,
		document,
		errors: templateErrorsOf(parsed.error.issues, document, lengthOf(draft)),
	}
}

/** The journey's length as the draft says it, or the default while it is not a usable number. */
export function lengthOf(draft: Pick<TemplateDraft, 'lengthDays'>): number {
	const value = Number(draft.lengthDays.trim())
	return Number.isInteger(value) && value >= 1 && value <= 366 ? value : DEFAULT_JOURNEY_DAYS
}

/** A run of days shown together in the day list: a section's, or days that belong to none. */
export interface DayGroup {
	/** The section's index in the draft, or null for days between (or after) sections. */
	sectionIndex: number | null
	label: string
	days: number[]
}

/**
 * The days 1 to `lengthDays` grouped by the sections that hold them, in order; days that no
 * section holds make groups of their own ("Not in a section"). A section whose days are not
 * numbers yet, or overlap the previous one, does not claim them (its errors say why).
 */
export function dayGroups(lengthDays: number, sections: readonly SectionDraft[]): DayGroup[] {
	const owner = new Array<number | null>(lengthDays + 1).fill(null)
	sections.forEach((section, index) => {
		const first = Number(section.firstDay)
		const last = Number(section.lastDay)
		if (!Number.isInteger(first) || !Number.isInteger(last) || first < 1 || last < first) return
		for (let day = first; day <= Math.min(last, lengthDays); day += 1) owner[day] ??= index
	})
	const groups: DayGroup[] = []
	for (let day = 1; day <= lengthDays; day += 1) {
		const sectionIndex = owner[day] ?? null
		const last = groups.at(-1)
		if (last && last.sectionIndex === sectionIndex) {
			last.days.push(day)
			continue
		}
		const section = sectionIndex === null ? undefined : sections[sectionIndex]
		const label =
			sectionIndex === null || !section
				? 'Not in a section'
				: section.name.trim() || `Section ${sectionIndex + 1}`
		groups.push({ sectionIndex, label, days: [day] })
	}
	return groups
}

/** A new section after the last one: the next ten days (or what is left of the journey). */
export function nextSection(draft: Pick<TemplateDraft, 'sections' | 'lengthDays'>): SectionDraft {
	const length = lengthOf(draft)
	const lastDay = draft.sections.reduce((latest, section) => {
		const day = Number(section.lastDay)
		return Number.isInteger(day) ? Math.max(latest, day) : latest
	}, 0)
	const first = Math.min(lastDay + 1, length)
	return {
		key: newSectionKey(),
		name: '',
		firstDay: String(first),
		lastDay: String(Math.min(first + 9, length)),
	}
}

/** The days (of the journey's length) whose fields have an error, for marking them in the day list. */
export function daysWithErrors(errors: TemplateErrors): Set<number> {
	const days = new Set<number>()
	for (const field of Object.keys(errors.fields)) {
		const match = /^day\.(\d+)\./.exec(field)
		if (match) days.add(Number(match[1]))
	}
	return days
}
