import type { Board, SnapshotInfo } from '@circlespace/shared'
import { type FormEvent, type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { messageOf } from '../api/http.ts'
import {
	createSnapshot,
	listSnapshots,
	snapshotThumbnailUrl,
	uploadSnapshotThumbnail,
} from '../api/snapshots.ts'
import { snapshotPath } from '../app/router.ts'
import { ReplayRangeForm } from '../replay/ReplayRangeForm.tsx'
import { useAnnounce } from '../ui/Announcer.tsx'
import { formatDateTime } from '../ui/dates.ts'
import { FormError, TextField } from '../ui/Field.tsx'
import { Link } from '../ui/Link.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { useResource } from '../ui/useResource.ts'
import { renderThumbnail } from './images.ts'
import { RestoreDialog } from './RestoreDialog.tsx'
import { kindLabel, shapeCountText } from './snapshotText.ts'

/**
 * The board's history: its snapshots, newest first, each opening read-only, and the replay of
 * any stretch of time. Facilitators save a snapshot of the live board (and this browser draws
 * its thumbnail) and restore one.
 *
 * A side panel beside the canvas, not a modal: the board stays usable. It takes focus when it
 * opens; Escape (or its Close button) closes it and the board page gives focus back to the
 * button that opened it.
 */
export function HistoryPanel({
	id,
	board,
	editor,
	onClose,
}: {
	id: string
	board: Board
	editor: Editor | null
	onClose: () => void
}) {
	const headingId = useId()
	const headingRef = useRef<HTMLHeadingElement>(null)
	const announce = useAnnounce()
	const [snapshots, controls] = useResource((signal) => listSnapshots(board.id, signal), [board.id])
	const [restoring, setRestoring] = useState<SnapshotInfo | null>(null)

	useEffect(() => {
		headingRef.current?.focus()
	}, [])

	function onKeyDown(event: KeyboardEvent) {
		if (event.key !== 'Escape' || event.defaultPrevented) return
		event.preventDefault()
		onClose()
	}

	return (
		<>
			<aside id={id} className="cs-history" aria-labelledby={headingId} onKeyDown={onKeyDown}>
				<div className="cs-history-head">
					<h2 id={headingId} ref={headingRef} tabIndex={-1}>
						History
					</h2>
					<button type="button" className="cs-button cs-button-small cs-button-quiet" onClick={onClose}>
						Close<span className="cs-visually-hidden"> history</span>
					</button>
				</div>
				{board.canManage && (
					<SaveSnapshotForm
						board={board}
						editor={editor}
						onSaved={(snapshot) => {
							controls.set((previous) => [snapshot, ...previous.filter((item) => item.id !== snapshot.id)])
						}}
						onThumbnail={() => controls.reload()}
					/>
				)}
				<ReplayRangeForm boardId={board.id} />
				<div className="cs-history-list">
					{snapshots.status === 'loading' && <Loading>Loading the history…</Loading>}
					{snapshots.status === 'error' && (
						<LoadError what="The history" error={snapshots.error} onRetry={controls.reload} />
					)}
					{snapshots.status === 'ready' &&
						(snapshots.data.length === 0 ? (
							<Empty>
								<p>No snapshots yet.</p>
								<p className="cs-muted">
									{board.canManage
										? 'Save one to keep the board as it is now; you can open or restore it later.'
										: 'The facilitators save snapshots of what the circle made.'}
								</p>
							</Empty>
						) : (
							<ol aria-label="Snapshots, newest first" className="cs-snapshots">
								{snapshots.data.map((snapshot) => (
									<SnapshotItem
										key={snapshot.id}
										snapshot={snapshot}
										canRestore={board.canManage}
										onRestore={() => setRestoring(snapshot)}
									/>
								))}
							</ol>
						))}
				</div>
			</aside>
			{restoring && (
				<RestoreDialog
					snapshot={restoring}
					liveEditor={editor}
					onClose={() => setRestoring(null)}
					onThumbnail={controls.reload}
					onRestored={(result) => {
						controls.reload()
						announce(
							`Restored “${result.restored.title}”. The board as it was is saved as “${result.savedBefore.title}”.`,
						)
					}}
				/>
			)}
		</>
	)
}

function SnapshotItem({
	snapshot,
	canRestore,
	onRestore,
}: {
	snapshot: SnapshotInfo
	canRestore: boolean
	onRestore: () => void
}) {
	const [thumbnailFailed, setThumbnailFailed] = useState(false)
	const kind = kindLabel(snapshot.kind)
	return (
		<li className="cs-snapshot">
			{snapshot.hasThumbnail && !thumbnailFailed ? (
				<img
					className="cs-snapshot-thumb"
					src={snapshotThumbnailUrl(snapshot.id)}
					alt=""
					loading="lazy"
					onError={() => setThumbnailFailed(true)}
				/>
			) : (
				<span className="cs-snapshot-thumb cs-snapshot-thumb-empty" aria-hidden="true" />
			)}
			<div className="cs-snapshot-main">
				<Link href={snapshotPath(snapshot.boardId, snapshot.id)} className="cs-snapshot-title">
					{snapshot.title}
				</Link>
				<p className="cs-snapshot-meta">
					<time dateTime={snapshot.createdAt}>{formatDateTime(snapshot.createdAt)}</time>
					{snapshot.createdBy && <span>by {snapshot.createdBy.displayName}</span>}
					<span>{shapeCountText(snapshot.shapeCount)}</span>
				</p>
				<div className="cs-snapshot-foot">
					{kind && <span className="cs-badge cs-badge-quiet">{kind}</span>}
					{canRestore && (
						<button
							type="button"
							className="cs-button cs-button-small"
							onClick={onRestore}
							aria-label={`Restore ${snapshot.title}`}
						>
							Restore
						</button>
					)}
				</div>
			</div>
		</li>
	)
}

function SaveSnapshotForm({
	board,
	editor,
	onSaved,
	onThumbnail,
}: {
	board: Board
	editor: Editor | null
	onSaved: (snapshot: SnapshotInfo) => void
	onThumbnail: () => void
}) {
	const announce = useAnnounce()
	const [title, setTitle] = useState('')
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)

	async function submit(event: FormEvent) {
		event.preventDefault()
		setPending(true)
		setError(null)
		try {
			const trimmed = title.trim()
			const snapshot = await createSnapshot(board.id, trimmed ? { title: trimmed } : {})
			onSaved(snapshot)
			setTitle('')
			announce(`Snapshot “${snapshot.title}” saved.`)
			if (editor) void attachThumbnail(editor, snapshot.id).then((added) => added && onThumbnail())
		} catch (caught) {
			setError(messageOf(caught))
		} finally {
			setPending(false)
		}
	}

	return (
		<form className="cs-history-save" onSubmit={submit} noValidate aria-busy={pending}>
			<FormError message={error} />
			<TextField
				label="Snapshot title (optional)"
				hint="Without one, the snapshot is named after the date."
				value={title}
				onChange={(event) => setTitle(event.target.value)}
				maxLength={200}
			/>
			<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
				{pending ? 'Saving…' : 'Save snapshot'}
			</button>
		</form>
	)
}

/**
 * Draws the current page and stores it as the snapshot's thumbnail. Any failure is ignored:
 * the snapshot is saved already, and the history shows a placeholder without a thumbnail.
 */
async function attachThumbnail(editor: Editor, snapshotId: string): Promise<boolean> {
	try {
		const png = await renderThumbnail(editor)
		if (!png) return false
		await uploadSnapshotThumbnail(snapshotId, png)
		return true
	} catch {
		return false
	}
}
