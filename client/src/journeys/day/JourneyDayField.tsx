import type { JourneyOutline } from '@circlespace/shared'
import { MAX_JOURNEY_DAYS } from '@circlespace/shared'
import { TextField } from '../../ui/Field.tsx'
import { journeyDayHint } from './journeyDayInput.ts'
import './journeyDay.css'

/**
 * "Journey day": which day of the circle's journey a board is on (empty: none). The hint names
 * the chosen day's section and prompt as it is typed; `template` is what the circle's journey
 * follows, or null without one.
 */
export function JourneyDayField({
	value,
	onChange,
	template,
	error,
	disabled,
	className,
}: {
	value: string
	onChange: (value: string) => void
	template: JourneyOutline | null
	error?: string | null | undefined
	disabled?: boolean
	className?: string
}) {
	const max = template?.lengthDays ?? MAX_JOURNEY_DAYS
	const about = template ? journeyDayHint(template, value) : null
	const hint =
		about ??
		(template
			? `Optional: a day from 1 to ${max} of the journey.`
			: 'Optional. This circle has no journey now.')
	return (
		<TextField
			label="Journey day"
			hint={<span aria-live="polite">{hint}</span>}
			type="number"
			inputMode="numeric"
			min={1}
			max={max}
			step={1}
			value={value}
			onChange={(event) => onChange(event.target.value)}
			error={error}
			disabled={disabled}
			className={
				className ? `cs-field-short cs-journey-day-field ${className}` : 'cs-field-short cs-journey-day-field'
			}
		/>
	)
}
