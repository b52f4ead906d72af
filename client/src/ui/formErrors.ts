import { ApiError, messageOf } from '../api/http.ts'

/** Errors to show on a form: one per field the server or the browser named, and one for the rest. */
export interface FormErrors<Field extends string> {
	fields: Partial<Record<Field, string>>
	form: string | null
}

/** No errors. */
export function noErrors<Field extends string>(): FormErrors<Field> {
	return { fields: {}, form: null }
}

/**
 * Spreads a failed request over a form: issues the server tied to one of `fields` go beside
 * that field (the first message per field), everything else becomes the form's message.
 */
export function formErrorsOf<Field extends string>(
	error: unknown,
	fields: readonly Field[],
): FormErrors<Field> {
	const result: FormErrors<Field> = { fields: {}, form: null }
	const known = new Set<string>(fields)
	const leftOver: string[] = []
	if (error instanceof ApiError && error.issues.length > 0) {
		for (const issue of error.issues) {
			const field = issue.path.split('.')[0] ?? ''
			if (known.has(field)) {
				const key = field as Field
				result.fields[key] ??= sentence(issue.message)
			} else {
				leftOver.push(sentence(issue.message))
			}
		}
		const named = Object.keys(result.fields).length > 0
		result.form = leftOver.length > 0 ? leftOver.join(' ') : named ? null : messageOf(error)
		if (named && result.form === null) result.form = 'Some fields need another look.'
		return result
	}
	result.form = messageOf(error)
	return result
}

/** Zod-style messages ("Too small: expected…") made into a sentence a person can read. */
function sentence(message: string): string {
	const trimmed = message.trim()
	if (!trimmed) return 'This value is not valid.'
	const capital = trimmed[0]?.toUpperCase() + trimmed.slice(1)
	return /[.!?]$/.test(capital) ? capital : `${capital}.`
}

/** Focuses the first invalid field of a form, so that keyboard and screen-reader users land on it. */
export function focusFirstInvalid(form: HTMLFormElement | null): void {
	const field = form?.querySelector<HTMLElement>('[aria-invalid="true"]')
	field?.focus()
}
