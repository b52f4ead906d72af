import type { JourneyTemplateDetail } from '@circlespace/shared'
import { type FormEvent, type KeyboardEvent, useId, useMemo, useRef, useState } from 'react'
import { ApiError, messageOf } from '../../api/http.ts'
import { replaceJourneyTemplate } from '../../api/journeys.ts'
import { navigate } from '../../app/router.ts'
import { useAnnounce } from '../../ui/Announcer.tsx'
import { Dialog } from '../../ui/Dialog.tsx'
import { TextAreaField, TextField } from '../../ui/Field.tsx'
import { focusFirstInvalid } from '../../ui/formErrors.ts'
import { apiOwnerOf, type TemplateOwner } from './owner.ts'
import {
	checkDraft,
	dayGroups,
	daysWithErrors,
	documentFromDraft,
	draftFromTemplate,
	EMPTY_PROMPT,
	hasPrompt,
	lengthOf,
	nextSection,
	type PromptDraft,
	type SectionDraft,
	sameDocument,
	type TemplateDraft,
	type TemplateErrors,
	type TemplateField,
	templateErrorsOf,
} from './templateDraft.ts'
import { useUnsavedChangesGuard } from './useUnsavedChangesGuard.ts'

const NO_ERRORS: TemplateErrors = { fields: {}, form: [] }

/**
 * Writes a journey template: its name and length, its sections, and day by day whether it is an
 * action day and its prompt. The days are a list grouped by section (usable for 100 days and
 * more: the selected day is edited beside it, arrows move through the days); the document is
 * checked with the schema the server uses before it is saved with PUT, and every message sits
 * beside its field. Leaving with unsaved changes asks first. `readOnly` shows it to readers.
 */
export function TemplateEditor({
	owner,
	detail,
	readOnly,
	onSaved,
}: {
	owner: TemplateOwner
	detail: JourneyTemplateDetail
	readOnly: boolean
	onSaved: (detail: JourneyTemplateDetail) => void
}) {
	const announce = useAnnounce()
	const formRef = useRef<HTMLFormElement>(null)
	const [saved, setSaved] = useState(() => draftFromTemplate(detail.template))
	const [draft, setDraft] = useState(saved)
	const [selectedDay, setSelectedDay] = useState(1)
	const [errors, setErrors] = useState<TemplateErrors>(NO_ERRORS)
	const [saving, setSaving] = useState(false)
	const [savedNote, setSavedNote] = useState(false)
	const dirty = !readOnly && !sameDocument(draft, saved)
	const { leaving, stay } = useUnsavedChangesGuard(dirty)

	const length = lengthOf(draft)
	const day = Math.min(selectedDay, length)
	const groups = useMemo(() => dayGroups(length, draft.sections), [length, draft.sections])
	const errorDays = useMemo(() => daysWithErrors(errors), [errors])
	const actionDays = useMemo(() => new Set(draft.actionDays), [draft.actionDays])

	function change(next: (draft: TemplateDraft) => TemplateDraft) {
		setDraft(next)
		setSavedNote(false)
	}
	const fieldError = (field: TemplateField) => errors.fields[field]

	function updateSection(index: number, patch: Partial<SectionDraft>) {
		change((d) => ({ ...d, sections: d.sections.map((s, i) => (i === index ? { ...s, ...patch } : s)) }))
	}
	function updatePrompt(dayNumber: number, patch: Partial<PromptDraft>) {
		change((d) => ({
			...d,
			prompts: { ...d.prompts, [dayNumber]: { ...(d.prompts[dayNumber] ?? EMPTY_PROMPT), ...patch } },
		}))
	}
	function toggleActionDay(dayNumber: number, on: boolean) {
		change((d) => ({
			...d,
			actionDays: on
				? [...d.actionDays.filter((n) => n !== dayNumber), dayNumber].sort((a, b) => a - b)
				: d.actionDays.filter((n) => n !== dayNumber),
		}))
	}

	function show(next: TemplateErrors) {
		setErrors(next)
		const firstDay = [...daysWithErrors(next)].sort((a, b) => a - b)[0]
		const onlyDays = Object.keys(next.fields).every((field) => field.startsWith('day.'))
		if (firstDay !== undefined && onlyDays) setSelectedDay(firstDay)
		requestAnimationFrame(() => {
			const form = formRef.current
			if (form?.querySelector('[aria-invalid="true"]')) focusFirstInvalid(form)
			else form?.querySelector<HTMLElement>('.cs-template-form-errors')?.focus()
		})
	}

	async function save(event: FormEvent) {
		event.preventDefault()
		const check = checkDraft(draft)
		if (!check.ok) {
			show(check.errors)
			return
		}
		setSaving(true)
		setErrors(NO_ERRORS)
		try {
			const result = await replaceJourneyTemplate(apiOwnerOf(owner), detail.id, check.document)
			const next = draftFromTemplate(result.template)
			setSaved(next)
			setDraft(next)
			setSavedNote(true)
			onSaved(result)
			announce(`Saved “${result.template.name}”.`)
		} catch (caught) {
			if (caught instanceof ApiError && caught.issues.length > 0) {
				show(templateErrorsOf(caught.issues, documentFromDraft(draft), length))
			} else {
				show({ fields: {}, form: [`The template could not be saved. ${messageOf(caught)}`] })
			}
		} finally {
			setSaving(false)
		}
	}

	const daySection = groups.find((group) => group.days.includes(day))
	const prompt = draft.prompts[day] ?? EMPTY_PROMPT
	const errorCount = Object.keys(errors.fields).length + errors.form.length

	return (
		<form ref={formRef} className="cs-template-editor" onSubmit={save} noValidate>
			<fieldset disabled={readOnly} className="cs-fieldset cs-template-fields">
				<legend className="cs-visually-hidden">The template</legend>
				<div className="cs-template-basics">
					<TextField
						label="Name"
						value={draft.name}
						maxLength={100}
						onChange={(e) => change((d) => ({ ...d, name: e.target.value }))}
						error={fieldError('name')}
					/>
					<TextField
						label="Length in days"
						className="cs-field-short"
						inputMode="numeric"
						value={draft.lengthDays}
						onChange={(e) => change((d) => ({ ...d, lengthDays: e.target.value }))}
						hint="1 to 366; most journeys have 100."
						error={fieldError('lengthDays')}
					/>
				</div>

				<SectionsEditor
					sections={draft.sections}
					errors={errors}
					readOnly={readOnly}
					onChange={updateSection}
					onAdd={() => change((d) => ({ ...d, sections: [...d.sections, nextSection(d)] }))}
					onRemove={(index) => change((d) => ({ ...d, sections: d.sections.filter((_, i) => i !== index) }))}
				/>
			</fieldset>

			<section className="cs-template-days" aria-labelledby="template-days-heading">
				<h2 id="template-days-heading">Days</h2>
				<p className="cs-muted">
					Choose a day to write its prompt or make it an action day. Up and down arrows move through the days.
				</p>
				<div className="cs-template-days-layout">
					<DayList
						groups={groups}
						selected={day}
						prompts={draft.prompts}
						actionDays={actionDays}
						errorDays={errorDays}
						onSelect={setSelectedDay}
					/>
					<fieldset
						disabled={readOnly}
						className="cs-fieldset cs-day-panel"
						aria-labelledby="template-day-heading"
					>
						<h3 id="template-day-heading" className="cs-day-panel-title">
							Day {day}
							{daySection && daySection.sectionIndex !== null && (
								<span className="cs-muted"> · {daySection.label}</span>
							)}
						</h3>
						<div className="cs-check">
							<input
								id={`action-day-${day}`}
								type="checkbox"
								checked={actionDays.has(day)}
								onChange={(e) => toggleActionDay(day, e.target.checked)}
							/>
							<label htmlFor={`action-day-${day}`}>Action day</label>
						</div>
						<TextField
							key={`title-${day}`}
							label="Prompt title"
							value={prompt.title}
							maxLength={200}
							onChange={(e) => updatePrompt(day, { title: e.target.value })}
							error={fieldError(`day.${day}.title`)}
							hint="Leave the title and the text empty for a day without a prompt."
						/>
						<TextAreaField
							key={`body-${day}`}
							label="A few lines"
							rows={5}
							maxLength={2000}
							value={prompt.body}
							onChange={(e) => updatePrompt(day, { body: e.target.value })}
							error={fieldError(`day.${day}.body`)}
						/>
						<div className="cs-check">
							<input
								id={`ask-${day}`}
								type="checkbox"
								checked={prompt.askSomeoneElse}
								onChange={(e) => updatePrompt(day, { askSomeoneElse: e.target.checked })}
							/>
							<label htmlFor={`ask-${day}`}>Ask someone else this too</label>
						</div>
						<div className="cs-day-panel-nav">
							<button
								type="button"
								className="cs-button cs-button-small"
								disabled={day <= 1}
								onClick={() => setSelectedDay(day - 1)}
							>
								Previous day
							</button>
							<button
								type="button"
								className="cs-button cs-button-small"
								disabled={day >= length}
								onClick={() => setSelectedDay(day + 1)}
							>
								Next day
							</button>
						</div>
					</fieldset>
				</div>
			</section>

			{!readOnly && (
				<div className="cs-template-savebar">
					{errorCount > 0 && (
						<div className="cs-notice cs-notice-error cs-template-form-errors" role="alert" tabIndex={-1}>
							<p>
								{errors.form.length > 0 ? 'The template was not saved:' : 'Some fields need another look.'}
							</p>
							{errors.form.length > 0 && (
								<ul>
									{errors.form.map((message) => (
										<li key={message}>{message}</li>
									))}
								</ul>
							)}
						</div>
					)}
					<p className="cs-template-status" aria-live="polite">
						{dirty ? 'Unsaved changes' : savedNote ? 'All changes saved' : 'No changes'}
					</p>
					<div className="cs-form-actions">
						<button
							type="button"
							className="cs-button"
							disabled={!dirty || saving}
							onClick={() => {
								setDraft(saved)
								setErrors(NO_ERRORS)
							}}
						>
							Discard changes
						</button>
						<button type="submit" className="cs-button cs-button-primary" disabled={saving || !dirty}>
							{saving ? 'Saving…' : 'Save template'}
						</button>
					</div>
				</div>
			)}

			{leaving && (
				<Dialog title="Leave without saving?" onClose={stay}>
					<p>The changes to this template have not been saved. They are lost if you leave now.</p>
					<div className="cs-dialog-actions">
						<button type="button" className="cs-button" onClick={stay}>
							Stay and keep editing
						</button>
						<button
							type="button"
							className="cs-button cs-button-danger"
							onClick={() => {
								// Drafts equal again: the guard lets go before the page changes.
								setDraft(saved)
								stay()
								const to = leaving
								setTimeout(() => navigate(to), 0)
							}}
						>
							Leave without saving
						</button>
					</div>
				</Dialog>
			)}
		</form>
	)
}

function SectionsEditor({
	sections,
	errors,
	readOnly,
	onChange,
	onAdd,
	onRemove,
}: {
	sections: SectionDraft[]
	errors: TemplateErrors
	readOnly: boolean
	onChange: (index: number, patch: Partial<SectionDraft>) => void
	onAdd: () => void
	onRemove: (index: number) => void
}) {
	const headingId = useId()
	return (
		<section className="cs-template-sections" aria-labelledby={headingId}>
			<h2 id={headingId}>Sections</h2>
			{sections.length === 0 ? (
				<p className="cs-muted">
					No sections: the days are one run. Sections group days, e.g. ten of ten days.
				</p>
			) : (
				<ol className="cs-template-section-rows">
					{sections.map((section, index) => (
						<li key={section.key} className="cs-template-section-row">
							<TextField
								label={`Section ${index + 1} name`}
								value={section.name}
								maxLength={100}
								onChange={(e) => onChange(index, { name: e.target.value })}
								error={errors.fields[`sections.${index}.name`]}
							/>
							<TextField
								label="First day"
								className="cs-field-short"
								inputMode="numeric"
								value={section.firstDay}
								onChange={(e) => onChange(index, { firstDay: e.target.value })}
								error={errors.fields[`sections.${index}.firstDay`]}
							/>
							<TextField
								label="Last day"
								className="cs-field-short"
								inputMode="numeric"
								value={section.lastDay}
								onChange={(e) => onChange(index, { lastDay: e.target.value })}
								error={errors.fields[`sections.${index}.lastDay`]}
							/>
							{!readOnly && (
								<button
									type="button"
									className="cs-button cs-button-small cs-button-danger-quiet cs-template-section-remove"
									onClick={() => onRemove(index)}
									aria-label={`Remove section ${index + 1}${section.name.trim() ? ` (${section.name.trim()})` : ''}`}
								>
									Remove
								</button>
							)}
						</li>
					))}
				</ol>
			)}
			{!readOnly && (
				<button
					type="button"
					className="cs-button cs-button-small"
					onClick={onAdd}
					disabled={sections.length >= 60}
				>
					Add a section
				</button>
			)}
		</section>
	)
}

function DayList({
	groups,
	selected,
	prompts,
	actionDays,
	errorDays,
	onSelect,
}: {
	groups: ReturnType<typeof dayGroups>
	selected: number
	prompts: Record<number, PromptDraft>
	actionDays: Set<number>
	errorDays: Set<number>
	onSelect: (day: number) => void
}) {
	const listRef = useRef<HTMLFieldSetElement>(null)
	const last = groups.at(-1)?.days.at(-1) ?? 1

	function go(day: number) {
		const target = Math.max(1, Math.min(last, day))
		onSelect(target)
		requestAnimationFrame(() => {
			const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-day="${target}"]`)
			button?.focus()
			button?.scrollIntoView({ block: 'nearest' })
		})
	}

	function keyDown(event: KeyboardEvent<HTMLFieldSetElement>) {
		const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10 }
		if (event.key in moves) go(selected + (moves[event.key] ?? 0))
		else if (event.key === 'Home') go(1)
		else if (event.key === 'End') go(last)
		else return
		event.preventDefault()
	}

	return (
		<fieldset ref={listRef} className="cs-day-list" onKeyDown={keyDown}>
			<legend className="cs-visually-hidden">Days of the journey</legend>
			{groups.map((group) => {
				const first = group.days[0]
				const end = group.days.at(-1)
				return (
					<div key={`${group.sectionIndex}-${first}`} className="cs-day-group">
						<h3 className="cs-day-group-title">
							{group.label}{' '}
							<span className="cs-muted">{first === end ? `day ${first}` : `days ${first}–${end}`}</span>
						</h3>
						<ul>
							{group.days.map((day) => {
								const prompt = prompts[day]
								const isSelected = day === selected
								return (
									<li key={day}>
										<button
											type="button"
											data-day={day}
											className={isSelected ? 'cs-day-button cs-day-button-selected' : 'cs-day-button'}
											aria-current={isSelected ? 'true' : undefined}
											tabIndex={isSelected ? 0 : -1}
											onClick={() => onSelect(day)}
										>
											<span className="cs-day-number">Day {day}</span>
											<span className="cs-day-title">
												{hasPrompt(prompt) ? prompt.title.trim() || 'Untitled prompt' : 'No prompt'}
											</span>
											{actionDays.has(day) && <span className="cs-day-mark cs-day-mark-action">Action</span>}
											{errorDays.has(day) && (
												<span className="cs-day-mark cs-day-mark-error">Needs a look</span>
											)}
										</button>
									</li>
								)
							})}
						</ul>
					</div>
				)
			})}
		</fieldset>
	)
}
