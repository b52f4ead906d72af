import {
	type Board,
	type BoardVisibility,
	boardTitleSchema,
	boardVisibilitySchema,
	type CircleDetail,
} from '@circlespace/shared'
import { type FormEvent, useId, useState } from 'react'
import { createBoard, deleteBoard, listCircleBoards, updateBoard } from '../api/boards.ts'
import { boardPath, navigate } from '../app/router.ts'
import { BoardTemplatePicker } from '../boardTemplates/BoardTemplatePicker.tsx'
import { ImportBoardButton } from '../snapshots/ImportBoardButton.tsx'
import { useAnnounce } from '../ui/Announcer.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError, SelectField, TextField } from '../ui/Field.tsx'
import { formErrorsOf } from '../ui/formErrors.ts'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useFormErrors } from '../ui/useFormErrors.ts'
import { useResource } from '../ui/useResource.ts'
import { BoardList } from './BoardList.tsx'
import { boardVisibilityHint, boardVisibilityLabel } from './format.ts'

/**
 * The boards of a circle. Its managers create boards (title and visibility), edit, archive,
 * unarchive and delete them; archived boards are listed only on request.
 */
export function CircleBoards({ circle }: { circle: CircleDetail }) {
	const announce = useAnnounce()
	const showArchivedId = useId()
	const [showArchived, setShowArchived] = useState(false)
	const [boards, boardsControls] = useResource(
		(signal) => listCircleBoards(circle.id, { signal }),
		[circle.id],
	)
	const [archived, archivedControls] = useResource(
		(signal) =>
			showArchived ? listCircleBoards(circle.id, { archived: true, signal }) : Promise.resolve([]),
		[circle.id, showArchived],
	)
	const [editing, setEditing] = useState<Board | null>(null)
	const [deleting, setDeleting] = useState<Board | null>(null)
	const [actionError, setActionError] = useState<string | null>(null)
	const [busyId, setBusyId] = useState<string | null>(null)

	async function setArchived(board: Board, value: boolean) {
		setBusyId(board.id)
		setActionError(null)
		try {
			await updateBoard(board.id, { archived: value })
			boardsControls.reload()
			if (showArchived) archivedControls.reload()
			announce(value ? `${board.title} was archived.` : `${board.title} is back among the boards.`)
		} catch (caught) {
			setActionError(`${board.title}: ${caught instanceof Error ? caught.message : 'could not be changed.'}`)
		} finally {
			setBusyId(null)
		}
	}

	const actions = (board: Board) =>
		board.canManage ? (
			<span className="cs-row-actions">
				<button
					type="button"
					className="cs-button cs-button-small cs-button-quiet"
					onClick={() => setEditing(board)}
					aria-label={`Edit ${board.title}`}
				>
					Edit
				</button>
				<button
					type="button"
					className="cs-button cs-button-small cs-button-quiet"
					onClick={() => setArchived(board, !board.archivedAt)}
					disabled={busyId === board.id}
					aria-label={`${board.archivedAt ? 'Unarchive' : 'Archive'} ${board.title}`}
				>
					{board.archivedAt ? 'Unarchive' : 'Archive'}
				</button>
				<button
					type="button"
					className="cs-button cs-button-small cs-button-quiet cs-danger-text"
					onClick={() => setDeleting(board)}
					aria-label={`Delete ${board.title}`}
				>
					Delete
				</button>
			</span>
		) : null

	return (
		<section aria-labelledby="circle-boards" className="cs-section">
			<div className="cs-section-head">
				<h2 id="circle-boards">Boards</h2>
				<span className="cs-check">
					<input
						id={showArchivedId}
						type="checkbox"
						checked={showArchived}
						onChange={(event) => setShowArchived(event.target.checked)}
					/>
					<label htmlFor={showArchivedId}>Show archived boards</label>
				</span>
			</div>
			{circle.can.manage && <CreateBoardForm circleId={circle.id} tribeId={circle.tribeId} />}
			<FormError message={actionError} />
			{boards.status === 'loading' && <Loading>Loading boards…</Loading>}
			{boards.status === 'error' && (
				<LoadError what="The boards" error={boards.error} onRetry={boardsControls.reload} />
			)}
			{boards.status === 'ready' &&
				(boards.data.length === 0 ? (
					<Empty>
						<p>
							{showArchived && archived.status === 'ready' && archived.data.length > 0
								? 'Every board of this circle is archived.'
								: 'No boards yet.'}
						</p>
						<p className="cs-muted">
							{circle.can.manage
								? 'Create the first one above: a board for each session works well.'
								: 'The facilitators of this circle create its boards.'}
						</p>
					</Empty>
				) : (
					<BoardList boards={sortByChange(boards.data)} actions={actions} />
				))}
			{showArchived && (
				<div className="cs-archived">
					<h3 className="cs-subhead">Archived</h3>
					{archived.status === 'loading' && <Loading>Loading archived boards…</Loading>}
					{archived.status === 'error' && (
						<LoadError what="The archived boards" error={archived.error} onRetry={archivedControls.reload} />
					)}
					{archived.status === 'ready' &&
						(archived.data.length === 0 ? (
							<p className="cs-muted">No archived boards.</p>
						) : (
							<BoardList boards={sortByChange(archived.data)} actions={actions} />
						))}
				</div>
			)}
			{editing && (
				<Dialog title="Edit board" onClose={() => setEditing(null)} wide>
					<BoardSettingsForm
						board={editing}
						onCancel={() => setEditing(null)}
						onSaved={(board) => {
							setEditing(null)
							boardsControls.reload()
							if (showArchived) archivedControls.reload()
							announce(`${board.title} was saved.`)
						}}
					/>
				</Dialog>
			)}
			{deleting && (
				<ConfirmDialog
					title={`Delete “${deleting.title}”?`}
					confirmLabel="Delete board"
					pendingLabel="Deleting…"
					danger
					onClose={() => setDeleting(null)}
					onConfirm={async () => {
						await deleteBoard(deleting.id)
						boardsControls.reload()
						if (showArchived) archivedControls.reload()
						announce(`${deleting.title} was deleted.`)
					}}
				>
					<p>
						The board disappears for everyone, and people who have it open are disconnected. To keep it
						readable but closed to changes, archive it instead.
					</p>
				</ConfirmDialog>
			)}
		</section>
	)
}

function sortByChange(boards: Board[]): Board[] {
	return [...boards].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
}

function VisibilityOptions() {
	return (
		<>
			{boardVisibilitySchema.options.map((option) => (
				<option key={option} value={option}>
					{boardVisibilityLabel(option)}
				</option>
			))}
		</>
	)
}

/** A board's title and visibility being chosen, checked here before `save` sends them. */
function useBoardForm(
	initial: { title: string; visibility: BoardVisibility },
	save: (input: { title: string; visibility: BoardVisibility }) => Promise<void>,
) {
	const [title, setTitle] = useState(initial.title)
	const [visibility, setVisibility] = useState<BoardVisibility>(initial.visibility)
	const [pending, setPending] = useState(false)
	const { formRef, errors, showErrors, clearErrors } = useFormErrors<'title' | 'visibility'>()

	async function submit(event: FormEvent) {
		event.preventDefault()
		if (!boardTitleSchema.safeParse(title).success) {
			showErrors({ fields: { title: 'Give the board a title (up to 200 characters).' }, form: null })
			return
		}
		setPending(true)
		clearErrors()
		try {
			await save({ title: title.trim(), visibility })
		} catch (caught) {
			showErrors(formErrorsOf(caught, ['title', 'visibility']))
			setPending(false)
		}
	}

	return { formRef, title, setTitle, visibility, setVisibility, pending, errors, submit }
}

function CreateBoardForm({ circleId, tribeId }: { circleId: string; tribeId: string }) {
	const [importError, setImportError] = useState<string | null>(null)
	// A board template of the tribe to start from (its content copied), or null for a blank board.
	const [templateId, setTemplateId] = useState<string | null>(null)
	const { formRef, title, setTitle, visibility, setVisibility, pending, errors, submit } = useBoardForm(
		{ title: '', visibility: 'circle' },
		async (input) => {
			const board = await createBoard(circleId, { ...input, templateId })
			navigate(boardPath(board.id))
		},
	)

	return (
		<form
			ref={formRef}
			className="cs-create"
			onSubmit={(event) => {
				setImportError(null)
				void submit(event)
			}}
			noValidate
			aria-busy={pending}
		>
			<FormError message={importError ?? errors.form} />
			<div className="cs-create-row">
				<TextField
					label="New board title"
					value={title}
					onChange={(event) => setTitle(event.target.value)}
					placeholder="e.g. Day 12 check-in"
					maxLength={200}
					error={errors.fields.title}
					className="cs-grow"
				/>
				<SelectField
					label="Who can open it"
					value={visibility}
					onChange={(event) => setVisibility(event.target.value as BoardVisibility)}
					error={errors.fields.visibility}
				>
					<VisibilityOptions />
				</SelectField>
				<button type="submit" className="cs-button cs-button-primary cs-create-submit" disabled={pending}>
					{pending ? 'Creating…' : 'Create board'}
				</button>
			</div>
			<p className="cs-hint">{boardVisibilityHint(visibility)}</p>
			<BoardTemplatePicker
				tribeId={tribeId}
				value={templateId}
				onChange={(id) => setTemplateId(id)}
				disabled={pending}
			/>
			<p className="cs-create-alternative">
				<span className="cs-muted">Or start from a tldraw file:</span>
				<ImportBoardButton circleId={circleId} className="cs-button-small" onError={setImportError} />
			</p>
		</form>
	)
}

function BoardSettingsForm({
	board,
	onCancel,
	onSaved,
}: {
	board: Board
	onCancel: () => void
	onSaved: (board: Board) => void
}) {
	const { formRef, title, setTitle, visibility, setVisibility, pending, errors, submit } = useBoardForm(
		board,
		async (input) => onSaved(await updateBoard(board.id, input)),
	)

	return (
		<form ref={formRef} onSubmit={submit} noValidate className="cs-form" aria-busy={pending}>
			<FormError message={errors.form} />
			<TextField
				label="Title"
				value={title}
				onChange={(event) => setTitle(event.target.value)}
				maxLength={200}
				error={errors.fields.title}
			/>
			<SelectField
				label="Who can open it"
				hint={boardVisibilityHint(visibility)}
				value={visibility}
				onChange={(event) => setVisibility(event.target.value as BoardVisibility)}
				error={errors.fields.visibility}
			>
				<VisibilityOptions />
			</SelectField>
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
