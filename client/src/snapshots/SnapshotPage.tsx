import type { Board, SnapshotInfo } from '@circlespace/shared'
import { boardSchema } from '@circlespace/shared/boardSchema/index.ts'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useState } from 'react'
import {
	atom,
	createTLStore,
	type Editor,
	parseTldrawJsonFile,
	type TLComponents,
	type TLStore,
	type TLUser,
	Tldraw,
	type TldrawFileParseError,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { getBoard } from '../api/boards.ts'
import { ApiError } from '../api/http.ts'
import { downloadSnapshotTldr, getSnapshot, getSnapshotTldr } from '../api/snapshots.ts'
import { NotFoundPage } from '../app/NotFoundPage.tsx'
import { boardPath, navigate } from '../app/router.ts'
import { useClientConfig } from '../auth/useClientConfig.ts'
import { BoardTopBar } from '../board/BoardTopBar.tsx'
import { LicenceRequired } from '../board/LicenceRequired.tsx'
import { isLicenceMissing } from '../board/licence.ts'
import { boardShapeUtils } from '../board/links/BoardLinkShapeUtil.tsx'
import { resolveUsersWithNoteAuthors } from '../board/noteAuthors.ts'
import { fitContent } from '../board/openingView.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { formatDateTime } from '../ui/dates.ts'
import { Link } from '../ui/Link.tsx'
import { LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { isNotFound, useResource } from '../ui/useResource.ts'
import { ExportMenu } from './ExportMenu.tsx'
import { RestoreDialog } from './RestoreDialog.tsx'
import { loadSessionCover } from './sessionReport.ts'

const assetUrls = getAssetUrlsByImport()
const tldrawComponents: TLComponents = { SharePanel: null }
const schema = boardSchema()

/** A snapshot, loaded and ready to show. */
interface Opened {
	board: Board
	snapshot: SnapshotInfo
	store: TLStore
}

/**
 * A snapshot of a board, read-only: its content comes from the snapshot's `.tldr` file into
 * a store of its own, so the live board is never touched. A banner says what is shown and
 * leads back to the live board; facilitators can restore the snapshot from here.
 */
export function SnapshotPage({ boardId, snapshotId }: { boardId: string; snapshotId: string }) {
	const config = useClientConfig()
	const [opened, controls] = useResource(
		(signal) => openSnapshot(boardId, snapshotId, signal),
		[boardId, snapshotId],
	)

	usePageTitle(
		opened.status === 'ready'
			? `${opened.data.snapshot.title} · ${opened.data.board.title}`
			: isNotFound(opened)
				? 'Snapshot not found'
				: 'Snapshot',
	)

	if (config && isLicenceMissing(window.location, config.tldrawLicenseKey)) return <LicenceRequired />
	if (isNotFound(opened)) {
		return (
			<NotFoundPage title="Snapshot not found">
				<p>This snapshot does not exist, or it belongs to a board you cannot see.</p>
			</NotFoundPage>
		)
	}
	if (opened.status !== 'ready' || !config) {
		return (
			<div className="cs-board-page">
				<BoardTopBar board={null} title="Snapshot" />
				<div className="cs-board-loading">
					{opened.status === 'error' ? (
						<LoadError what="This snapshot" error={opened.error} onRetry={controls.reload} />
					) : (
						<Loading>Opening the snapshot…</Loading>
					)}
				</div>
			</div>
		)
	}
	return <SnapshotView opened={opened.data} licenseKey={config.tldrawLicenseKey} />
}

function SnapshotView({ opened, licenseKey }: { opened: Opened; licenseKey: string | null }) {
	const { board, snapshot, store } = opened
	const announce = useAnnounce()
	const [editor, setEditor] = useState<Editor | null>(null)
	const [restoring, setRestoring] = useState(false)
	const date = formatDateTime(snapshot.createdAt)

	return (
		<div className="cs-board-page">
			<BoardTopBar board={board}>
				<ExportMenu
					editor={editor}
					baseName={`${board.title} — ${snapshot.title}`}
					downloadTldr={() => downloadSnapshotTldr(snapshot.id)}
					{...(snapshot.kind === 'session'
						? { sessionReport: { title: snapshot.title, cover: () => loadSessionCover(board, snapshot) } }
						: {})}
				/>
			</BoardTopBar>
			<section className="cs-snapshot-banner" aria-label="Snapshot">
				<p>
					<strong>Snapshot: {snapshot.title}</strong> — <time dateTime={snapshot.createdAt}>{date}</time>,
					read-only
				</p>
				<div className="cs-snapshot-banner-actions">
					<Link href={boardPath(board.id)} className="cs-button cs-button-small">
						<span aria-hidden="true">← </span>Back to the live board
					</Link>
					{board.canManage && (
						<button type="button" className="cs-button cs-button-small" onClick={() => setRestoring(true)}>
							Restore this snapshot
						</button>
					)}
				</div>
			</section>
			<div className="cs-board-body">
				<main className="cs-canvas" aria-label={`Snapshot canvas: ${snapshot.title}`}>
					<Tldraw
						store={store}
						shapeUtils={boardShapeUtils}
						assetUrls={assetUrls}
						licenseKey={licenseKey ?? undefined}
						components={tldrawComponents}
						onMount={(mounted) => {
							// Looking only: nothing here is saved anywhere, so nothing may seem editable.
							mounted.updateInstanceState({ isReadonly: true })
							fitContent(mounted)
							window.__circlespaceEditor = mounted
							setEditor(mounted)
							return () => {
								if (window.__circlespaceEditor === mounted) window.__circlespaceEditor = undefined
							}
						}}
					/>
				</main>
			</div>
			{restoring && (
				<RestoreDialog
					snapshot={snapshot}
					onClose={() => setRestoring(false)}
					onRestored={(result) => {
						announce(
							`Restored “${result.restored.title}”. The board as it was is saved as “${result.savedBefore.title}”.`,
						)
						navigate(boardPath(board.id))
					}}
				/>
			)}
		</div>
	)
}

async function openSnapshot(boardId: string, snapshotId: string, signal: AbortSignal): Promise<Opened> {
	const [board, snapshot, tldr] = await Promise.all([
		getBoard(boardId, signal),
		getSnapshot(snapshotId, signal),
		getSnapshotTldr(snapshotId, signal),
	])
	// A snapshot of another board under this board's address names nothing.
	if (snapshot.boardId !== board.id) {
		throw new ApiError(404, { title: 'Not found', status: 404, detail: 'There is no such snapshot.' }, '')
	}
	const parsed = parseTldrawJsonFile({ json: tldr, schema })
	if (!parsed.ok) throw new Error(parseProblem(parsed.error))
	return { board, snapshot, store: withNoteAuthorLabels(parsed.value) }
}

/**
 * The same records in a store whose notes are labelled with the names they keep: the parsed
 * file's store knows no one, so every note's author label would be missing here.
 */
function withNoteAuthorLabels(parsed: TLStore): TLStore {
	const store: TLStore = createTLStore({
		schema,
		snapshot: parsed.getStoreSnapshot(),
		users: {
			currentUser: atom<TLUser | null>('nobody edits a snapshot', null),
			resolve: resolveUsersWithNoteAuthors(() => store),
		},
	})
	parsed.dispose()
	return store
}

function parseProblem(error: TldrawFileParseError): string {
	switch (error.type) {
		case 'fileFormatVersionTooNew':
		case 'migrationFailed':
			return 'It was saved by a newer version of Circlespace: reload the page to update.'
		case 'v1File':
		case 'notATldrawFile':
		case 'invalidRecords':
			return 'Its content could not be read.'
	}
}
