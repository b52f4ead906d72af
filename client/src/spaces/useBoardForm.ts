import { type BoardVisibility, boardTitleSchema } from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { parseJourneyDayInput } from '../journeys/day/journeyDayInput.ts'
import { formErrorsOf } from '../ui/formErrors.ts'
import { useFormErrors } from '../ui/useFormErrors.ts'

/** What a board form sends: its title, visibility and journey day (null: on no day). */
export interface BoardFormValues {
	title: string
	visibility: BoardVisibility
	journeyDay: number | null
}

/** The fields a board form shows errors at. */
export type BoardFormField = 'title' | 'visibility' | 'journeyDay' | 'templateId'

const FIELDS: readonly BoardFormField[] = ['title', 'visibility', 'journeyDay', 'templateId']

/**
 * A board's title, visibility and journey day being chosen, checked here before `save` sends
 * them; what the server refuses goes beside its field (a day beyond the journey at the day).
 * `lengthDays` is the circle's journey length, or null without a journey (any day the format
 * allows: a facilitator may prepare boards before it starts).
 */
export function useBoardForm(
	initial: { title: string; visibility: BoardVisibility; journeyDay?: number | null | undefined },
	lengthDays: number | null,
	save: (input: BoardFormValues) => Promise<void>,
) {
	const [title, setTitle] = useState(initial.title)
	const [visibility, setVisibility] = useState<BoardVisibility>(initial.visibility)
	const [journeyDay, setJourneyDay] = useState(initial.journeyDay == null ? '' : String(initial.journeyDay))
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<BoardFormField>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const fields: Partial<Record<BoardFormField, string>> = {}
		if (!boardTitleSchema.safeParse(title).success)
			fields.title = 'Give the board a title (up to 200 characters).'
		const day = parseJourneyDayInput(journeyDay, lengthDays)
		if (!day.ok) fields.journeyDay = day.error
		if (!day.ok || Object.keys(fields).length > 0) {
			showErrors({ fields, form: null })
			return
		}
		setPending(true)
		clearErrors()
		try {
			await save({ title: title.trim(), visibility, journeyDay: day.day })
		} catch (caught) {
			showErrors(formErrorsOf(caught, FIELDS))
			setPending(false)
		}
	}

	return {
		formRef,
		title,
		setTitle,
		visibility,
		setVisibility,
		journeyDay,
		setJourneyDay,
		pending,
		errors,
		submit,
	}
}
