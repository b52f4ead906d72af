import type { RestoreResult, SnapshotInfo } from '@circlespace/shared'
import type { Editor } from 'tldraw'
import { restoreSnapshot, uploadSnapshotThumbnail } from '../api/snapshots.ts'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { formatDateTime } from '../ui/dates.ts'
import { renderThumbnail } from './images.ts'

/**
 * Asks a facilitator to confirm a restore, saying what happens: the live board becomes the
 * snapshot for everyone, and its current state is saved as a snapshot first.
 *
 * Given the live board's editor, it draws the board as it is just before the restore and
 * stores that as the thumbnail of the snapshot the server saves first; `onThumbnail` says when
 * it is there. A thumbnail that cannot be made is simply missing.
 */
export function RestoreDialog({
	snapshot,
	liveEditor = null,
	onClose,
	onRestored,
	onThumbnail,
}: {
	snapshot: SnapshotInfo
	liveEditor?: Editor | null
	onClose: () => void
	onRestored: (result: RestoreResult) => void
	onThumbnail?: () => void
}) {
	return (
		<ConfirmDialog
			title={`Restore “${snapshot.title}”?`}
			confirmLabel="Restore"
			pendingLabel="Restoring…"
			onClose={onClose}
			onConfirm={async () => {
				// Drawn now: a moment later the canvas shows the restored content.
				const before = liveEditor ? await renderThumbnail(liveEditor).catch(() => null) : null
				const result = await restoreSnapshot(snapshot.id)
				onRestored(result)
				if (before) {
					uploadSnapshotThumbnail(result.savedBefore.id, before).then(onThumbnail, () => {
						// The snapshot is saved; only its picture is missing.
					})
				}
			}}
		>
			<p>
				The board goes back to how it was on {formatDateTime(snapshot.createdAt)}, for everyone who has it
				open.
			</p>
			<p>
				Nothing is lost: the board as it is now is saved first, as the snapshot “Before restoring{' '}
				{snapshot.title}”, which you can restore in turn.
			</p>
		</ConfirmDialog>
	)
}
