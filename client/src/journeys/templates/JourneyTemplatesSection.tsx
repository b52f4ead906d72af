import {
	type JourneyTemplateSummary,
	journeyTemplateFileName,
	MAX_JOURNEY_TEMPLATE_BYTES,
	parseJourneyTemplateFile,
} from '@circlespace/shared'
import { type ChangeEvent, useRef, useState } from 'react'
import { messageOf } from '../../api/http.ts'
import {
	createExampleJourneyTemplate,
	deleteJourneyTemplate,
	downloadJourneyTemplate,
	importJourneyTemplate,
	listJourneyTemplates,
} from '../../api/journeys.ts'
import { saveFile } from '../../snapshots/files.ts'
import { useAnnounce } from '../../ui/Announcer.tsx'
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx'
import { FormError } from '../../ui/Field.tsx'
import { Link } from '../../ui/Link.tsx'
import { Empty, LoadError, Loading } from '../../ui/States.tsx'
import { useResource } from '../../ui/useResource.ts'
import { apiOwnerOf, type TemplateOwner, templateEditorPath } from './owner.ts'
import { templateFacts } from './templateFacts.ts'
import './templates.css'

/**
 * "Journey templates" of a tribe (written by its stewards) or of one circle (its own, written by
 * its facilitators): the list with each template's shape and how many circles follow it; writers
 * add the example, import a file (checked here first, so a broken file gets its specific message
 * before anything is sent), export, delete (refused while a journey follows it) and edit.
 */
export function JourneyTemplatesSection({ owner, canEdit }: { owner: TemplateOwner; canEdit: boolean }) {
	const apiOwner = apiOwnerOf(owner)
	const ownerKey = `${apiOwner.kind}/${apiOwner.id}`
	const announce = useAnnounce()
	const [list, listControls] = useResource((signal) => listJourneyTemplates(apiOwner, signal), [ownerKey])
	const [problem, setProblem] = useState<string | null>(null)
	const [pending, setPending] = useState<'example' | 'import' | null>(null)
	const [exporting, setExporting] = useState<string | null>(null)
	const [deleting, setDeleting] = useState<JourneyTemplateSummary | null>(null)
	const fileRef = useRef<HTMLInputElement>(null)
	const headingId = `journey-templates-${apiOwner.kind}`

	async function addExample() {
		setPending('example')
		setProblem(null)
		try {
			const created = await createExampleJourneyTemplate(apiOwner)
			listControls.reload()
			announce(`Added the template “${created.template.name}”.`)
		} catch (caught) {
			setProblem(`The example template could not be added. ${messageOf(caught)}`)
		} finally {
			setPending(null)
		}
	}

	async function chosen(event: ChangeEvent<HTMLInputElement>) {
		const file = event.target.files?.[0]
		// Cleared so that choosing the same file again (after fixing it) is noticed.
		event.target.value = ''
		if (!file) return
		setProblem(null)
		if (file.size > MAX_JOURNEY_TEMPLATE_BYTES) {
			setProblem(`“${file.name}” is larger than a journey template can be (600 kB), so it was not sent.`)
			return
		}
		setPending('import')
		try {
			const text = await file.text()
			const read = parseJourneyTemplateFile(text)
			if (!read.ok) {
				setProblem(`“${file.name}” was not imported. ${read.message}`)
				return
			}
			const created = await importJourneyTemplate(apiOwner, text)
			listControls.reload()
			announce(`Imported the template “${created.template.name}”.`)
		} catch (caught) {
			setProblem(`“${file.name}” could not be imported. ${messageOf(caught)}`)
		} finally {
			setPending(null)
		}
	}

	async function exportTemplate(summary: JourneyTemplateSummary) {
		setExporting(summary.id)
		setProblem(null)
		try {
			const file = await downloadJourneyTemplate(apiOwner, summary.id)
			saveFile(file.blob, file.fileName ?? journeyTemplateFileName(summary))
			announce(`Exported “${summary.name}”.`)
		} catch (caught) {
			setProblem(`“${summary.name}” could not be exported. ${messageOf(caught)}`)
		} finally {
			setExporting(null)
		}
	}

	return (
		<section aria-labelledby={headingId} className="cs-section cs-templates">
			<div className="cs-section-head">
				<h2 id={headingId}>Journey templates</h2>
				{canEdit && (
					<div className="cs-templates-actions">
						<button
							type="button"
							className="cs-button cs-button-small"
							onClick={addExample}
							disabled={pending !== null}
						>
							{pending === 'example' ? 'Adding…' : 'Add the example template'}
						</button>
						<button
							type="button"
							className="cs-button cs-button-small"
							onClick={() => fileRef.current?.click()}
							disabled={pending !== null}
						>
							{pending === 'import' ? 'Importing…' : 'Import…'}
						</button>
						<input
							ref={fileRef}
							type="file"
							accept=".json,application/json"
							hidden
							tabIndex={-1}
							onChange={chosen}
							aria-label="A journey template file to import"
						/>
					</div>
				)}
			</div>
			<p className="cs-muted">
				{owner.kind === 'tribe'
					? 'Circles of the tribe start their journeys from these, which is what makes them comparable day by day.'
					: 'This circle’s own templates, for a journey of its own.'}
			</p>
			<FormError message={problem} />
			{list.status === 'loading' && <Loading>Loading the templates…</Loading>}
			{list.status === 'error' && (
				<LoadError what="The journey templates" error={list.error} onRetry={listControls.reload} />
			)}
			{list.status === 'ready' &&
				(list.data.length === 0 ? (
					<Empty>
						<p>No journey templates yet.</p>
						{canEdit && (
							<p className="cs-muted">
								Add the example (100 days in ten sections, a prompt every day) and change it, or import a
								template file another tribe exported.
							</p>
						)}
					</Empty>
				) : (
					<ul className="cs-templates-list">
						{list.data.map((summary) => (
							<li key={summary.id} className="cs-templates-item">
								<div className="cs-templates-item-text">
									<Link href={templateEditorPath(owner, summary.id)} className="cs-templates-name">
										{summary.name}
									</Link>
									<p className="cs-muted cs-templates-facts">{templateFacts(summary)}</p>
								</div>
								<div className="cs-templates-item-actions">
									{canEdit && (
										<Link
											href={templateEditorPath(owner, summary.id)}
											className="cs-button cs-button-small"
											aria-label={`Edit ${summary.name}`}
										>
											Edit
										</Link>
									)}
									<button
										type="button"
										className="cs-button cs-button-small"
										onClick={() => exportTemplate(summary)}
										disabled={exporting === summary.id}
										aria-label={`Export ${summary.name}`}
									>
										{exporting === summary.id ? 'Exporting…' : 'Export'}
									</button>
									{canEdit && (
										<button
											type="button"
											className="cs-button cs-button-small cs-button-danger-quiet"
											onClick={() => setDeleting(summary)}
											aria-label={`Delete ${summary.name}`}
										>
											Delete
										</button>
									)}
								</div>
							</li>
						))}
					</ul>
				))}
			{deleting && (
				<ConfirmDialog
					title={`Delete “${deleting.name}”?`}
					confirmLabel="Delete template"
					pendingLabel="Deleting…"
					danger
					onClose={() => setDeleting(null)}
					onConfirm={async () => {
						await deleteJourneyTemplate(apiOwner, deleting.id)
						listControls.set((templates) => templates.filter((t) => t.id !== deleting.id))
						announce(`Deleted “${deleting.name}”.`)
					}}
				>
					<p>
						{deleting.usedBy > 0
							? `${followers(deleting.usedBy)} this template: it can be deleted once no journey follows it.`
							: 'The template and its prompts are removed. Export it first to keep a copy.'}
					</p>
				</ConfirmDialog>
			)}
		</section>
	)
}

function followers(count: number): string {
	return count === 1 ? '1 circle follows' : `${count} circles follow`
}
