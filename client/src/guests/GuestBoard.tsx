import { CloseCode, type GuestSelf } from '@circlespace/shared'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useMemo, useState } from 'react'
import {
	atom,
	computed,
	createTLCurrentUser,
	createUserId,
	type Editor,
	type TLComponents,
	type TLUserPreferences,
	Tldraw,
	UserRecordType,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { ApiError } from '../api/http.ts'
import { BoardHelperButtons } from '../board/BoardHelperButtons.tsx'
import { ConnectionStatus } from '../board/ConnectionStatus.tsx'
import { boardShapeUtils } from '../board/links/BoardLinkShapeUtil.tsx'
import { openOnContent } from '../board/openingView.ts'
import { PeopleHere } from '../board/PeopleHere.tsx'
import { type BoardStoreOptions, useBoardStore } from '../board/useBoardStore.ts'
import { usePeers } from '../board/usePeers.ts'
import { SessionBar } from '../sessions/SessionBar.tsx'
import { useLiveSession } from '../sessions/useLiveSession.ts'
import { formatDateTime } from '../ui/dates.ts'
import { getGuestSelf } from './guestLinks.ts'
import {
	GUEST_UPLOAD_REFUSED,
	guestAssetStore,
	guestUiOverrides,
	refuseGuestUploads,
} from './guestUploads.ts'

// Fonts, icons and translations come from our own server, as on a member's board page.
const assetUrls = getAssetUrlsByImport()

// As on the board page: the top bar shows who is here, the session bar offers "Stop following".
const tldrawComponents: TLComponents = { SharePanel: null, HelperButtons: BoardHelperButtons }

// A guest is a visitor on someone else's device: the board lives in the tab only, so nothing of it
// stays behind when the link ends. Guests add no images (the server takes no upload from them).
const GUEST_BOARD: BoardStoreOptions = { keepOfflineCopy: false, assets: guestAssetStore }

// A refused connection is checked against the guest session at most this often.
const GUEST_CHECK_INTERVAL_MS = 10_000

/** Why a guest's board went away: the link ended (4410, or refused at reconnect), or the board did. */
export type GuestBoardEnd = 'link-ended' | 'board-gone'

/**
 * The one board a guest was invited to, live: the canvas (read-only for a view link), who is
 * here, the live session's bar, and nothing that leads elsewhere in the instance. It composes
 * the member board's pieces (`useBoardStore`, the presence, the session bar); the server decides
 * what the connection may do, so a view link stays read-only whatever this page does.
 */
export function GuestBoard({
	self,
	sessionTitle,
	licenseKey,
	onEnded,
	onLeave,
}: {
	self: GuestSelf
	/** The live session the link ends with, or null for a link that ends at a set time. */
	sessionTitle: string | null
	licenseKey: string | null
	onEnded: (end: GuestBoardEnd) => void
	onLeave: () => Promise<void>
}) {
	const boardId = self.board.id
	const [mode, setMode] = useState(self.mode)
	const shownName = `${self.name} (guest)`
	// tldraw's own user id for this tab: the server writes the guest's presence id itself, this one
	// only names the notes the guest writes (their label shows the name kept in the note).
	const [selfId] = useState(() => `guest-${crypto.randomUUID().slice(0, 13)}`)

	const [$preferences] = useState(() =>
		atom<TLUserPreferences>('user preferences', { id: selfId, name: shownName, color: self.color }),
	)
	const [$user] = useState(() =>
		computed('user', () => {
			const prefs = $preferences.get()
			return UserRecordType.create({
				id: createUserId(selfId),
				name: shownName,
				color: prefs.color ?? self.color,
			})
		}),
	)
	const currentUser = useMemo(
		() =>
			createTLCurrentUser({
				userPreferences: $preferences,
				// A guest keeps the name they gave (the server shows it to the others whatever is sent);
				// other preferences (dark mode, snapping…) stay in this tab.
				setUserPreferences: (next) => $preferences.set({ ...next, id: selfId, name: shownName }),
			}),
		[$preferences, selfId, shownName],
	)
	const [$viewOnly] = useState(() => atom('view only', self.mode === 'view'))
	useEffect(() => {
		$viewOnly.set(mode === 'view')
	}, [$viewOnly, mode])

	const [lastCheck] = useState(() => ({ at: 0 }))
	const events = useMemo(() => {
		const check = () =>
			getGuestSelf().then(
				(fresh) => setMode(fresh.mode),
				(error: unknown) => {
					if (error instanceof ApiError && error.status === 401) onEnded('link-ended')
				},
			)
		return {
			// The board was archived (or unarchived): what the guest may do changed.
			onAccessChanged: () => void check(),
			// The server refuses the upgrade (401) once the link stopped working while away.
			onConnectionRefused: () => {
				const now = Date.now()
				if (now - lastCheck.at < GUEST_CHECK_INTERVAL_MS) return
				lastCheck.at = now
				void check()
			},
		}
	}, [onEnded, lastCheck])

	const session = useBoardStore(boardId, $user, $viewOnly, events, GUEST_BOARD)
	const peers = usePeers(session.awareness, selfId)
	const liveSession = useLiveSession(session.liveSession)

	const closedCode = session.connection.state === 'closed' ? session.connection.code : null
	useEffect(() => {
		if (closedCode === CloseCode.GUEST_ENDED || closedCode === CloseCode.UNAUTHENTICATED)
			onEnded('link-ended')
		else if (closedCode === CloseCode.BOARD_NOT_FOUND || closedCode === CloseCode.FORBIDDEN)
			onEnded('board-gone')
	}, [closedCode, onEnded])

	const [editor, setEditor] = useState<Editor | null>(null)
	const [uploadRefused, setUploadRefused] = useState(false)
	const [uiOverrides] = useState(() => guestUiOverrides(() => setUploadRefused(true)))
	const [leaving, setLeaving] = useState(false)
	const viewOnly = mode === 'view' || session.readonly
	const otherClose =
		session.connection.state === 'closed' && closedCode !== CloseCode.GUEST_ENDED
			? session.connection.message
			: null

	return (
		<div className="cs-board-page cs-guest-board">
			<header className="cs-topbar">
				<span className="cs-badge cs-badge-accent cs-guest-badge">Guest</span>
				<h1 className="cs-board-name">{self.board.title}</h1>
				<div className="cs-topbar-end">
					<span className="cs-muted cs-guest-until">
						{sessionTitle ? 'Until the live session ends' : `Until ${formatDateTime(self.expiresAt)}`}
					</span>
					{viewOnly && (
						<span
							className="cs-view-only cs-guest-view-only"
							title="This guest link lets you look, not change."
						>
							View only
						</span>
					)}
					<ConnectionStatus connection={session.connection} />
					<PeopleHere self={{ name: shownName, color: self.color }} peers={peers} />
					<button
						type="button"
						className="cs-button cs-button-small cs-topbar-button"
						disabled={leaving}
						onClick={() => {
							setLeaving(true)
							onLeave().catch(() => setLeaving(false))
						}}
					>
						{leaving ? 'Leaving…' : 'Leave'}
					</button>
				</div>
			</header>
			<div className="cs-notices-anchor">
				<div className="cs-notices">
					{/* Always in the page, so that a notice appearing in it is announced. */}
					<div role="status" aria-live="polite">
						{uploadRefused && (
							<p className="cs-notice cs-notice-info cs-notice-with-action">
								<span className="cs-notice-text">{GUEST_UPLOAD_REFUSED}</span>{' '}
								<button
									type="button"
									className="cs-button cs-button-small"
									onClick={() => setUploadRefused(false)}
								>
									OK
								</button>
							</p>
						)}
					</div>
					{otherClose && (
						<p className="cs-notice cs-notice-error" role="alert">
							{otherClose}
						</p>
					)}
					{session.offlineWithoutCopy && !otherClose && (
						<p className="cs-notice" role="status">
							You are offline. The board will appear as soon as the connection returns.
						</p>
					)}
				</div>
			</div>
			<SessionBar
				state={liveSession}
				channel={session.liveSession}
				boardId={boardId}
				canRun={false}
				editor={editor}
				self={{ id: selfId, name: shownName, color: self.color }}
				peers={peers}
			/>
			<div className="cs-board-body">
				<main className="cs-canvas" aria-label="Board canvas">
					<Tldraw
						store={session.storeWithStatus}
						shapeUtils={boardShapeUtils}
						assetUrls={assetUrls}
						user={currentUser}
						licenseKey={licenseKey ?? undefined}
						components={tldrawComponents}
						overrides={uiOverrides}
						onMount={(mounted) => {
							refuseGuestUploads(mounted, () => setUploadRefused(true))
							openOnContent(mounted, boardId)
							window.__circlespaceEditor = mounted
							setEditor(mounted)
							return () => {
								if (window.__circlespaceEditor === mounted) window.__circlespaceEditor = undefined
								setEditor((current) => (current === mounted ? null : current))
							}
						}}
					/>
				</main>
			</div>
		</div>
	)
}
