import { type FormEvent, useId, useState } from 'react'
import { navigate, replayPath } from '../app/router.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { formatDateTimeRange } from '../ui/dates.ts'
import { TextField } from '../ui/Field.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import './replay.css'
import {
	checkRange,
	defaultRange,
	parseLocalInput,
	type QuickRange,
	quickRange,
	type RangeInput,
} from './replayRange.ts'

const quickChoices: { choice: QuickRange; label: string }[] = [
	{ choice: 'last-hour', label: 'Last hour' },
	{ choice: 'today', label: 'Today' },
	{ choice: 'last-24-hours', label: 'Last 24 hours' },
]

/** The browser's time zone by name ("Europe/Berlin"), which the two inputs are in. */
function timeZoneName(): string {
	return Intl.DateTimeFormat().resolvedOptions().timeZone || 'your time zone'
}

/**
 * "Replay a stretch of time": two moments (local time, the last hour at first, or a quick
 * choice), checked as the server checks them, then the replay of the board over that range.
 * For anyone who may view the board; the replay itself only reads the board's log.
 */
export function ReplayRangeForm({ boardId }: { boardId: string }) {
	const headingId = useId()
	const announce = useAnnounce()
	const [range, setRange] = useState<RangeInput>(() => defaultRange(new Date()))
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<keyof RangeInput>()

	function change(next: Partial<RangeInput>) {
		setRange((previous) => ({ ...previous, ...next }))
		// A range is wrong as a whole (the end before the start): either field may put it right.
		clearErrors()
	}

	function submit(event: FormEvent) {
		event.preventDefault()
		const checked = checkRange(range, new Date())
		if (!checked.ok) {
			showErrors({ fields: checked.errors, form: null })
			return
		}
		navigate(replayPath(boardId, { from: checked.from, to: checked.to }))
	}

	return (
		<section className="cs-replay-range-form" aria-labelledby={headingId}>
			<h3 id={headingId}>Replay a stretch of time</h3>
			<p className="cs-hint">
				Play the board as it grew, up to 24 hours at a time. Times are in {timeZoneName()}.
			</p>
			<form ref={formRef} onSubmit={submit} noValidate>
				<fieldset className="cs-fieldset cs-replay-quick">
					<legend className="cs-visually-hidden">Quick choices</legend>
					{quickChoices.map(({ choice, label }) => (
						<button
							key={choice}
							type="button"
							className="cs-button cs-button-small"
							onClick={() => {
								const next = quickRange(choice, new Date())
								change(next)
								// The inputs change out of sight of a screen reader: say what they hold now.
								announce(`${label}: ${describeInputs(next)}.`)
							}}
						>
							{label}
						</button>
					))}
				</fieldset>
				<TextField
					label="From"
					type="datetime-local"
					value={range.from}
					error={errors.fields.from}
					onChange={(event) => change({ from: event.target.value })}
				/>
				<TextField
					label="To"
					type="datetime-local"
					value={range.to}
					error={errors.fields.to}
					onChange={(event) => change({ to: event.target.value })}
				/>
				<button type="submit" className="cs-button">
					Replay
				</button>
			</form>
		</section>
	)
}

/** The two inputs' moments in words, as the replay's heading will say them. */
function describeInputs(range: RangeInput): string {
	const from = parseLocalInput(range.from)
	const to = parseLocalInput(range.to)
	return from && to ? formatDateTimeRange(from.toISOString(), to.toISOString()) : ''
}
