import type { Board } from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
import { listCircleBoards, updateBoard } from '../../api/boards.ts'
import { messageOf } from '../../api/http.ts'
import { FormError, SelectField } from '../../ui/Field.tsx'
import { Empty, LoadError, Loading } from '../../ui/States.tsx'
import { useResource } from '../../ui/useResource.ts'
import { boardChoiceLabel, boardsToPutOn } from './boardsToPutOn.ts'

/**
 * "Put a board on this day": one of the circle's current boards that is not on day `day` yet
 * (a board on another day moves from it) is given the day.
 */
export function PutBoardOnDayForm({
	circleId,
	day,
	onCancel,
	onPut,
}: {
	circleId: string
	day: number
	onCancel: () => void
	onPut: (board: Board) => void
}) {
	const [boards, controls] = useResource((signal) => listCircleBoards(circleId, { signal }), [circleId])
	const [chosenId, setChosenId] = useState('')
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const choices = boards.status === 'ready' ? boardsToPutOn(boards.data, day) : []
	const chosen = choices.find((board) => board.id === chosenId) ?? choices[0] ?? null

	async function submit(event: FormEvent) {
		event.preventDefault()
		if (!chosen) return
		setPending(true)
		setError(null)
		try {
			onPut(await updateBoard(chosen.id, { journeyDay: day }))
		} catch (caught) {
			setError(messageOf(caught))
			setPending(false)
		}
	}

	if (boards.status === 'loading') return <Loading>Loading the circle’s boards…</Loading>
	if (boards.status === 'error')
		return <LoadError what="The circle’s boards" error={boards.error} onRetry={controls.reload} />
	return (
		<form onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
			<FormError message={error} />
			{chosen ? (
				<SelectField
					label="Board"
					hint={
						chosen.journeyDay != null
							? `It moves from day ${chosen.journeyDay} to day ${day}.`
							: `It will show on day ${day} of the journey.`
					}
					value={chosen.id}
					onChange={(event) => setChosenId(event.target.value)}
					disabled={pending}
				>
					{choices.map((board) => (
						<option key={board.id} value={board.id}>
							{boardChoiceLabel(board)}
						</option>
					))}
				</SelectField>
			) : (
				<Empty>
					<p>
						{boards.data.length === 0
							? 'This circle has no boards yet.'
							: 'Every board of this circle is on this day already.'}
					</p>
					<p className="cs-muted">Make a new board on this day instead.</p>
				</Empty>
			)}
			<div className="cs-form-actions">
				{chosen && (
					<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
						{pending ? 'Putting it on the day…' : `Put on day ${day}`}
					</button>
				)}
				<button type="button" className="cs-button" onClick={onCancel} disabled={pending}>
					{chosen ? 'Cancel' : 'Close'}
				</button>
			</div>
		</form>
	)
}
