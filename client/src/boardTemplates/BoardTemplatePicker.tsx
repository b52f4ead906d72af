import type { BoardTemplate } from '@circlespace/shared'
import { listBoardTemplates } from '../api/boardTemplates.ts'
import { messageOf } from '../api/http.ts'
import { SelectField } from '../ui/Field.tsx'
import { useResource } from '../ui/useResource.ts'

/**
 * Which template a new board starts from: a labelled select of the tribe's board templates, with
 * "Blank board" first. `value` is a template id, or null for a blank board. While the templates
 * load (or if they cannot be), the select offers a blank board only and says why.
 */
export function BoardTemplatePicker({
	tribeId,
	value,
	onChange,
	label = 'Start from',
	error,
	disabled,
}: {
	tribeId: string
	value: string | null
	onChange: (templateId: string | null, template: BoardTemplate | null) => void
	label?: string
	/** What the server said is wrong with the choice (e.g. a template deleted meanwhile). */
	error?: string | null | undefined
	disabled?: boolean
}) {
	const [templates] = useResource((signal) => listBoardTemplates(tribeId, signal), [tribeId])
	const list = templates.status === 'ready' ? templates.data : []
	const chosen = list.find((t) => t.id === value) ?? null
	const hint =
		templates.status === 'loading'
			? 'Loading the tribe’s templates…'
			: templates.status === 'error'
				? `The tribe’s templates could not be loaded (${messageOf(templates.error)}); a blank board can still be made.`
				: list.length === 0
					? 'This tribe has no board templates yet: a facilitator can save a board as one.'
					: chosen
						? chosen.description || `${chosen.shapeCount} ${chosen.shapeCount === 1 ? 'shape' : 'shapes'}`
						: 'Choose a template to start with the same content as the other circles.'

	return (
		<SelectField
			label={label}
			hint={<span aria-live="polite">{hint}</span>}
			value={value ?? ''}
			disabled={disabled}
			aria-busy={templates.status === 'loading' || undefined}
			error={error}
			onChange={(event) => {
				const id = event.target.value || null
				onChange(id, list.find((t) => t.id === id) ?? null)
			}}
		>
			<option value="">Blank board</option>
			{list.map((template) => (
				<option key={template.id} value={template.id}>
					{template.name}
				</option>
			))}
			{/* A value the list does not hold (still loading, or gone) is kept rather than lost. */}
			{value !== null && !chosen && <option value={value}>The chosen template</option>}
		</SelectField>
	)
}
