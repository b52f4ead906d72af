import type { BoardTemplate } from '@circlespace/shared'
import { saveBoardAsTemplate } from '../api/boardTemplates.ts'
import { Dialog } from '../ui/Dialog.tsx'
import { BoardTemplateForm } from './BoardTemplateForm.tsx'

/**
 * "Save as template": a copy of the board's content as it is now (not its history) becomes a
 * template of its tribe, which every circle of the tribe can start new boards from. Shown to
 * those who manage the board; the server refuses everyone else.
 */
export function SaveAsTemplateDialog({
	boardId,
	defaultName,
	open,
	onClose,
	onSaved,
}: {
	boardId: string
	/** What the name field starts with, e.g. the board's title. */
	defaultName: string
	open: boolean
	onClose: () => void
	/** Called with the stored template; the dialog closes itself after. */
	onSaved?: (template: BoardTemplate) => void
}) {
	if (!open) return null
	return (
		<Dialog
			title="Save as template"
			description={
				<p>
					The board’s content as it is now is copied for the whole tribe: every circle can start a new board
					from it. Later changes to this board do not change the template.
				</p>
			}
			onClose={onClose}
		>
			<BoardTemplateForm
				initial={{ name: defaultName, description: '' }}
				submitLabel="Save template"
				descriptionHint="People choose a template by this, e.g. “For the day 12 check-in: two rounds, then one word each.”"
				onCancel={onClose}
				onSubmit={async (fields) => {
					const template = await saveBoardAsTemplate(boardId, fields)
					onSaved?.(template)
					onClose()
				}}
			/>
		</Dialog>
	)
}
