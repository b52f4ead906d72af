import './audience.css'
import { useId } from 'react'
import { type Editor, type TLShape, useValue } from 'tldraw'
import { type NoteAudience, withAudience } from './noteAudience.ts'
import { audienceOfNotes, type NoteAudienceState } from './useNoteAudience.ts'

/**
 * "Notes for": who sees the notes the person writes. With notes selected it shows theirs and
 * changing it moves them (to the person's own layer, their circle's, or the board); it is also
 * what new notes get. In private mode it says so and cannot be changed.
 */
export function AudienceControl({ editor, state }: { editor: Editor | null; state: NoteAudienceState }) {
	const id = useId()
	const selectedNotes = useValue(
		'selected notes',
		() => (editor ? editor.getSelectedShapes().filter((shape: TLShape) => shape.type === 'note') : []),
		[editor],
	)
	const selected = audienceOfNotes(selectedNotes)
	if (state.privateMode) {
		return (
			<span className="cs-audience cs-audience-private" role="status">
				Notes for: only me (private mode)
			</span>
		)
	}
	const shown = selected ?? state.choice
	const choose = (value: NoteAudience) => {
		state.setChoice(value)
		if (editor && selectedNotes.length > 0) {
			// Whole records, not partials: updateShapes merges `meta`, so it could not drop the key.
			const moved = selectedNotes.map((shape) => withAudience(shape, value))
			editor.run(() => editor.store.put(moved))
		}
	}
	return (
		<span className="cs-audience">
			<label htmlFor={id}>{selectedNotes.length > 0 ? 'Selected notes for' : 'Notes for'}</label>
			<select
				id={id}
				className="cs-audience-select"
				value={shown}
				disabled={!editor || editor.getIsReadonly()}
				onChange={(event) => choose(event.target.value as NoteAudience)}
			>
				{shown === 'mixed' && (
					<option value="mixed" disabled>
						Several audiences
					</option>
				)}
				{state.choices.map((choice) => (
					<option key={choice.value} value={choice.value} disabled={!choice.available}>
						{choice.available ? choice.label : `${choice.label} (connecting…)`}
					</option>
				))}
			</select>
		</span>
	)
}
