import type { Board, BoardVisibility, JourneyPrompt } from '@circlespace/shared'
import { useState } from 'react'
import { createBoard } from '../../api/boards.ts'
import { BoardTemplatePicker } from '../../boardTemplates/BoardTemplatePicker.tsx'
import { BoardVisibilityOptions } from '../../spaces/BoardVisibilityOptions.tsx'
import { boardVisibilityHint } from '../../spaces/format.ts'
import { useBoardForm } from '../../spaces/useBoardForm.ts'
import { FormError, SelectField, TextField } from '../../ui/Field.tsx'
import { dayBoardTitle } from './dayText.ts'

/**
 * "New board on this day": a board of the circle, put on journey day `day` as it is made, with
 * a title, who can open it, and optionally one of the tribe's board templates to start from.
 */
export function NewDayBoardForm({
	circleId,
	tribeId,
	day,
	prompt,
	onCancel,
	onCreated,
}: {
	circleId: string
	tribeId: string
	day: number
	prompt: JourneyPrompt | null
	onCancel: () => void
	onCreated: (board: Board) => void
}) {
	// A board template of the tribe to start from (its content copied), or null for a blank board.
	const [templateId, setTemplateId] = useState<string | null>(null)
	const form = useBoardForm(
		{ title: dayBoardTitle(day, prompt), visibility: 'circle', journeyDay: day },
		null,
		async (input) => onCreated(await createBoard(circleId, { ...input, journeyDay: day, templateId })),
	)
	const { errors, pending } = form

	return (
		<form ref={form.formRef} onSubmit={form.submit} noValidate className="cs-form" aria-busy={pending}>
			{/* The day is not a field here: a refusal about it is the form's. */}
			<FormError message={errors.form ?? errors.fields.journeyDay} />
			<TextField
				label="Title"
				value={form.title}
				onChange={(event) => form.setTitle(event.target.value)}
				maxLength={200}
				error={errors.fields.title}
			/>
			<SelectField
				label="Who can open it"
				hint={boardVisibilityHint(form.visibility)}
				value={form.visibility}
				onChange={(event) => form.setVisibility(event.target.value as BoardVisibility)}
				error={errors.fields.visibility}
			>
				<BoardVisibilityOptions />
			</SelectField>
			<BoardTemplatePicker
				tribeId={tribeId}
				value={templateId}
				onChange={(id) => setTemplateId(id)}
				error={errors.fields.templateId}
				disabled={pending}
			/>
			<div className="cs-form-actions">
				<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
					{pending ? 'Creating…' : 'Create board'}
				</button>
				<button type="button" className="cs-button" onClick={onCancel} disabled={pending}>
					Cancel
				</button>
			</div>
		</form>
	)
}
