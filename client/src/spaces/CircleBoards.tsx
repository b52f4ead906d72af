import type { Board, BoardVisibility, CircleDetail, JourneyOutline } from '@circlespace/shared'
import { useId, useState } from 'react'
import { createBoard, deleteBoard, listCircleBoards, updateBoard } from '../api/boards.ts'
import { getCircleJourney } from '../api/journeys.ts'
import { boardPath, navigate } from '../app/router.ts'
import { BoardTemplatePicker } from '../boardTemplates/BoardTemplatePicker.tsx'
import { JourneyDayField } from '../journeys/day/JourneyDayField.tsx'
import { ImportBoardButton } from '../snapshots/ImportBoardButton.tsx'
import { useAnnounce } from '../ui/Announcer.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { Dialog } from '../ui/Dialog.tsx'
import { FormError, SelectField, TextField } from '../ui/Field.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useReloadOn, useResource } from '../ui/useResource.ts'
import { BoardList } from './BoardList.tsx'
import { BoardVisibilityOptions } from './BoardVisibilityOptions.tsx'
import { boardVisibilityHint } from './format.ts'
import { BoardSharingDialog } from './shares/BoardSharingDialog.tsx'
import { useBoardForm } from './useBoardForm.ts'

/**
 * The boards of a circle. Its managers create boards (title, visibility, and a day of the
 * circle's journey when it has one), edit them (putting them on a day or taking them off it),
 * archive, unarchive and delete them, and share them with other circles; archived boards are listed
 * only on request. Boards other circles shared with this one are listed too, marked as such.
 */
export function CircleBoards({
	circle,
	version = 0,
	journeyVersion = 0,
	onBoardsChanged,
}: {
	circle: CircleDetail
	version?: number
	/** Raised by the page when the circle's journey changed (the "Journey day" field follows it). */
	journeyVersion?: number
	/** Told when a board was made, changed, archived, deleted or shared here. */
	onBoardsChanged?: () => void
}) {
	const announce = useAnnounce()
	const showArchivedId = useId()
	const [showArchived, setShowArchived] = useState(false)
	const [boards, boardsControls] = useResource(
		(signal) => listCircleBoards(circle.id, { signal }),
		[circle.id, version],
	)
	const [archived, archivedControls] = useResource(
		(signal) =>
			showArchived ? listCircleBoards(circle.id, { archived: true, signal }) : Promise.resolve([]),
		[circle.id, showArchived],
	)
	// The template the circle's journey follows, for the "Journey day" field of its managers.
	const [journey, journeyControls] = useResource(
		(signal) => (circle.can.manage ? getCircleJourney(circle.id, signal) : Promise.resolve(null)),
		[circle.id, circle.can.manage],
	)
	useReloadOn(journeyVersion, journeyControls.reload)
	function boardsChanged() {
		boardsControls.reload()
		if (showArchived) archivedControls.reload()
		onBoardsChanged?.()
	}
	const journeyTemplate: JourneyOutline | null =
		journey.status === 'ready' && journey.data?.journey ? (journey.data.template?.template ?? null) : null
	const [editing, setEditing] = useState<Board | null>(null)
	const [deleting, setDeleting] = useState<Board | null>(null)
	const [sharing, setSharing] = useState<Board | null>(null)
	const [actionError, setActionError] = useState<string | null>(null)
	const [busyId, setBusyId] = useState<string | null>(null)

	async function setArchived(board: Board, value: boolean) {
		setBusyId(board.id)
		setActionError(null)
		try {
			await updateBoard(board.id, { archived: value })
			boardsChanged()
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
					onClick={() => setSharing(board)}
					aria-label={`Share ${board.title} with another circle`}
				>
					Share…
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
		) : circle.can.manage && board.circleId !== circle.id ? (
			// A board another circle shared with this one: its facilitators may withdraw the circle.
			<span className="cs-row-actions">
				<button
					type="button"
					className="cs-button cs-button-small cs-button-quiet"
					onClick={() => setSharing(board)}
					aria-label={`Sharing of ${board.title}`}
				>
					Sharing…
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
			{circle.can.manage && (
				<CreateBoardForm circleId={circle.id} tribeId={circle.tribeId} journeyTemplate={journeyTemplate} />
			)}
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
					<BoardList boards={sortByChange(boards.data)} actions={actions} circleId={circle.id} />
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
							<BoardList boards={sortByChange(archived.data)} actions={actions} circleId={circle.id} />
						))}
				</div>
			)}
			{editing && (
				<Dialog title="Edit board" onClose={() => setEditing(null)} wide>
					<BoardSettingsForm
						board={editing}
						journeyTemplate={journeyTemplate}
						onCancel={() => setEditing(null)}
						onSaved={(board) => {
							setEditing(null)
							boardsChanged()
							announce(`${board.title} was saved.`)
						}}
					/>
				</Dialog>
			)}
			{sharing && (
				<BoardSharingDialog
					board={sharing}
					circleId={circle.id}
					onClose={() => setSharing(null)}
					onChanged={() => {
						boardsChanged()
					}}
				/>
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
						boardsChanged()
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

function CreateBoardForm({
	circleId,
	tribeId,
	journeyTemplate,
}: {
	circleId: string
	tribeId: string
	journeyTemplate: JourneyOutline | null
}) {
	const [importError, setImportError] = useState<string | null>(null)
	// A board template of the tribe to start from (its content copied), or null for a blank board.
	const [templateId, setTemplateId] = useState<string | null>(null)
	const form = useBoardForm(
		{ title: '', visibility: 'circle', journeyDay: null },
		journeyTemplate?.lengthDays ?? null,
		async (input) => {
			const board = await createBoard(circleId, { ...input, templateId })
			navigate(boardPath(board.id))
		},
	)
	const { errors, pending } = form

	return (
		<form
			ref={form.formRef}
			className="cs-create"
			onSubmit={(event) => {
				setImportError(null)
				void form.submit(event)
			}}
			noValidate
			aria-busy={pending}
		>
			<FormError message={importError ?? errors.form} />
			<div className="cs-create-row">
				<TextField
					label="New board title"
					value={form.title}
					onChange={(event) => form.setTitle(event.target.value)}
					placeholder="e.g. Day 12 check-in"
					maxLength={200}
					error={errors.fields.title}
					className="cs-grow"
				/>
				<SelectField
					label="Who can open it"
					value={form.visibility}
					onChange={(event) => form.setVisibility(event.target.value as BoardVisibility)}
					error={errors.fields.visibility}
				>
					<BoardVisibilityOptions />
				</SelectField>
				<button type="submit" className="cs-button cs-button-primary cs-create-submit" disabled={pending}>
					{pending ? 'Creating…' : 'Create board'}
				</button>
			</div>
			<p className="cs-hint">{boardVisibilityHint(form.visibility)}</p>
			<BoardTemplatePicker
				tribeId={tribeId}
				value={templateId}
				onChange={(id) => setTemplateId(id)}
				error={errors.fields.templateId}
				disabled={pending}
			/>
			{/* Only a circle with a journey has days to put a board on. */}
			{journeyTemplate && (
				<JourneyDayField
					value={form.journeyDay}
					onChange={form.setJourneyDay}
					template={journeyTemplate}
					error={errors.fields.journeyDay}
					disabled={pending}
				/>
			)}
			<p className="cs-create-alternative">
				<span className="cs-muted">Or start from a tldraw file:</span>
				<ImportBoardButton circleId={circleId} className="cs-button-small" onError={setImportError} />
			</p>
		</form>
	)
}

function BoardSettingsForm({
	board,
	journeyTemplate,
	onCancel,
	onSaved,
}: {
	board: Board
	journeyTemplate: JourneyOutline | null
	onCancel: () => void
	onSaved: (board: Board) => void
}) {
	const initialDay = board.journeyDay ?? null
	const form = useBoardForm(board, journeyTemplate?.lengthDays ?? null, async ({ journeyDay, ...input }) =>
		// The day is sent only when it changed, so that saving a title never trips over the journey.
		onSaved(await updateBoard(board.id, journeyDay === initialDay ? input : { ...input, journeyDay })),
	)
	const { errors, pending } = form

	return (
		<form ref={form.formRef} onSubmit={form.submit} noValidate className="cs-form" aria-busy={pending}>
			<FormError message={errors.form} />
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
			{/* A board keeps its day when the journey ends: it can still be taken off it here. */}
			{(journeyTemplate || initialDay !== null) && (
				<JourneyDayField
					value={form.journeyDay}
					onChange={form.setJourneyDay}
					template={journeyTemplate}
					error={errors.fields.journeyDay}
					disabled={pending}
				/>
			)}
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
