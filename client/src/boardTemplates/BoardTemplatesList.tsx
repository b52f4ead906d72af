import type { BoardTemplate } from '@circlespace/shared'
import { useState } from 'react'
import {
	boardTemplateThumbnailUrl,
	deleteBoardTemplate,
	listBoardTemplates,
	updateBoardTemplate,
} from '../api/boardTemplates.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { formatAgo, formatDateTime } from '../ui/dates.ts'
import { RowActions } from '../ui/RowActions.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useResource } from '../ui/useResource.ts'
import { BoardTemplateForm } from './BoardTemplateForm.tsx'

/**
 * A tribe's board templates, with rename and delete where the person may (whoever saved one, the
 * tribe's stewards). For the tribe page; `headingLevel` fits it under the page's headings.
 */
export function BoardTemplatesList({ tribeId, headingLevel = 2 }: { tribeId: string; headingLevel?: 2 | 3 }) {
	const [templates, controls] = useResource((signal) => listBoardTemplates(tribeId, signal), [tribeId])
	const [editing, setEditing] = useState<BoardTemplate | null>(null)
	const [deleting, setDeleting] = useState<BoardTemplate | null>(null)
	const announce = useAnnounce()
	const Heading = headingLevel === 2 ? 'h2' : 'h3'

	return (
		<section aria-labelledby="board-templates" className="cs-section">
			<div className="cs-section-head">
				<Heading id="board-templates">Board templates</Heading>
			</div>
			{templates.status === 'loading' && <Loading>Loading board templates…</Loading>}
			{templates.status === 'error' && (
				<LoadError what="The board templates" error={templates.error} onRetry={controls.reload} />
			)}
			{templates.status === 'ready' &&
				(templates.data.length === 0 ? (
					<Empty>
						<p>No board templates yet.</p>
						<p className="cs-muted">
							A circle’s facilitator (or a steward) makes one with “Save as template…” at the top of a board;
							every circle of the tribe can then start new boards from it.
						</p>
					</Empty>
				) : (
					<ul className="cs-board-list">
						{templates.data.map((template) => (
							<li key={template.id} className="cs-board-row">
								{template.hasThumbnail && (
									<img
										className="cs-template-thumbnail"
										src={boardTemplateThumbnailUrl(template)}
										alt=""
										width={64}
										height={48}
										loading="lazy"
									/>
								)}
								<div className="cs-board-row-main">
									<span className="cs-board-title">{template.name}</span>
									{template.description && <span className="cs-muted">{template.description}</span>}
									<span className="cs-board-meta cs-muted">
										<span>
											{template.shapeCount} {template.shapeCount === 1 ? 'shape' : 'shapes'}
										</span>
										{template.createdBy && <span>Saved by {template.createdBy.displayName}</span>}
										<span>
											Changed{' '}
											<time dateTime={template.updatedAt} title={formatDateTime(template.updatedAt)}>
												{formatAgo(template.updatedAt)}
											</time>
										</span>
									</span>
								</div>
								{template.can.edit && (
									<div className="cs-board-row-end">
										<RowActions
											of={template.name}
											actions={[
												{ label: 'Rename', onClick: () => setEditing(template) },
												{ label: 'Delete', danger: true, onClick: () => setDeleting(template) },
											]}
										/>
									</div>
								)}
							</li>
						))}
					</ul>
				))}
			{editing && (
				<Dialog title="Rename template" onClose={() => setEditing(null)}>
					<BoardTemplateForm
						initial={editing}
						submitLabel="Save changes"
						onCancel={() => setEditing(null)}
						onSubmit={async (fields) => {
							const saved = await updateBoardTemplate(editing.id, fields)
							controls.set((list) => list.map((t) => (t.id === saved.id ? saved : t)))
							// The list is by name: ask again for the order the server keeps.
							controls.reload()
							setEditing(null)
							announce(`The template is now called ${saved.name}.`)
						}}
					/>
				</Dialog>
			)}
			{deleting && (
				<ConfirmDialog
					title={`Delete “${deleting.name}”?`}
					confirmLabel="Delete template"
					pendingLabel="Deleting…"
					danger
					onClose={() => setDeleting(null)}
					onConfirm={async () => {
						await deleteBoardTemplate(deleting.id)
						controls.set((list) => list.filter((t) => t.id !== deleting.id))
						announce(`${deleting.name} was deleted.`)
					}}
				>
					<p>New boards can no longer start from it. Boards already started from it keep their content.</p>
				</ConfirmDialog>
			)}
		</section>
	)
}
