import {
	type BoardTemplate,
	boardTemplateDescriptionSchema,
	boardTemplateNameSchema,
} from '@circlespace/shared'
import { type FormEvent, useState } from 'react'
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
import { FormError, TextAreaField, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { useResource } from '../ui/useResource.ts'

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
							A facilitator saves a board as a template from the board’s menu; every circle of the tribe can
							then start its boards from it.
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
										<span className="cs-row-actions">
											<button
												type="button"
												className="cs-button cs-button-small cs-button-quiet"
												onClick={() => setEditing(template)}
												aria-label={`Rename ${template.name}`}
											>
												Rename
											</button>
											<button
												type="button"
												className="cs-button cs-button-small cs-button-quiet cs-danger-text"
												onClick={() => setDeleting(template)}
												aria-label={`Delete ${template.name}`}
											>
												Delete
											</button>
										</span>
									</div>
								)}
							</li>
						))}
					</ul>
				))}
			{editing && (
				<Dialog title="Rename template" onClose={() => setEditing(null)}>
					<RenameTemplateForm
						template={editing}
						onCancel={() => setEditing(null)}
						onSaved={(saved) => {
							controls.set((list) => list.map((t) => (t.id === saved.id ? saved : t)))
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

function RenameTemplateForm({
	template,
	onCancel,
	onSaved,
}: {
	template: BoardTemplate
	onCancel: () => void
	onSaved: (template: BoardTemplate) => void
}) {
	const [name, setName] = useState(template.name)
	const [description, setDescription] = useState(template.description)
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'name' | 'description'>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		const nameCheck = boardTemplateNameSchema.safeParse(name)
		const descriptionCheck = boardTemplateDescriptionSchema.safeParse(description)
		if (!nameCheck.success || !descriptionCheck.success) {
			showErrors({
				fields: {
					...(nameCheck.success
						? {}
						: { name: 'Give the template a name of one line (up to 200 characters).' }),
					...(descriptionCheck.success ? {} : { description: 'Keep the description under 2000 characters.' }),
				},
				form: null,
			})
			return
		}
		setPending(true)
		clearErrors()
		try {
			onSaved(
				await updateBoardTemplate(template.id, { name: nameCheck.data, description: descriptionCheck.data }),
			)
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['name', 'description']))
			setPending(false)
		}
	}

	return (
		<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
			<FormError message={errors.form} />
			<TextField
				label="Template name"
				value={name}
				onChange={(event) => setName(event.target.value)}
				maxLength={200}
				required
				error={errors.fields.name}
			/>
			<TextAreaField
				label="What it is for (optional)"
				value={description}
				onChange={(event) => setDescription(event.target.value)}
				maxLength={2000}
				rows={3}
				error={errors.fields.description}
			/>
			<div className="cs-form-actions">
				<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
					{pending ? 'Saving…' : 'Save changes'}
				</button>
				<button type="button" className="cs-button" onClick={onCancel} disabled={pending}>
					Cancel
				</button>
			</div>
		</form>
	)
}
