import {
	type Board,
	type BoardTemplate,
	CloseCode,
	colorSchema,
	displayNameSchema,
	type ImportResult,
} from '@circlespace/shared'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react'
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
import { getMe, type User, updateProfile } from '../api/auth.ts'
import { ApiError, reportSignedOut } from '../api/http.ts'
import { downloadBoardTldr } from '../api/snapshots.ts'
import { tribePath } from '../app/router.ts'
import { useSession, useUser } from '../auth/SessionProvider.tsx'
import { SignedOutPage } from '../auth/SignedOutPage.tsx'
import { useClientConfig } from '../auth/useClientConfig.ts'
import { SaveAsTemplateButton } from '../boardTemplates/SaveAsTemplateButton.tsx'
import { RecognitionLayer } from '../recognition/RecognitionLayer.tsx'
import { SessionBar } from '../sessions/SessionBar.tsx'
import { StartSessionButton } from '../sessions/StartSessionButton.tsx'
import { useLiveSession } from '../sessions/useLiveSession.ts'
import { ExportMenu } from '../snapshots/ExportMenu.tsx'
import { HistoryPanel } from '../snapshots/HistoryPanel.tsx'
import { showPageWhenItArrives } from '../snapshots/showPageWhenItArrives.ts'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { VoteBar } from '../votes/VoteBar.tsx'
import { VoteLayer } from '../votes/VoteLayer.tsx'
import { VotingContext } from '../votes/VotingContext.ts'
import { accessChangeNotice, viewOnlyReason } from './access.ts'
import { AudienceControl } from './audience/AudienceControl.tsx'
import { PrivateModeBar, StartPrivateModeButton } from './audience/PrivateModeBar.tsx'
import { useNoteAudience } from './audience/useNoteAudience.ts'
import { BoardHelperButtons } from './BoardHelperButtons.tsx'
import { BoardTopBar } from './BoardTopBar.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { focusLinkedShape, SHAPE_GONE_NOTICE } from './focusShape.ts'
import { LicenceRequired } from './LicenceRequired.tsx'
import { isLicenceMissing } from './licence.ts'
import { BacklinksToggle } from './links/BacklinksPanel.tsx'
import { boardShapeUtils } from './links/BoardLinkShapeUtil.tsx'
import { LinkBoardButton } from './links/LinkBoardButton.tsx'
import { registerBoardLinkPaste } from './links/pasteBoardLinks.ts'
import { openOnContent } from './openingView.ts'
import { PeopleHere } from './PeopleHere.tsx'
import { useBoardThumbnail } from './thumbnails/useBoardThumbnail.ts'
import { type BoardInfo, useBoardInfo } from './useBoardInfo.ts'
import { type BoardStoreOptions, useBoardStore } from './useBoardStore.ts'
import { usePeers } from './usePeers.ts'

// Fonts, icons and translations are bundled and served by our own server: no request leaves
// the origin (a privacy promise and a requirement for air-gapped instances).
const assetUrls = getAssetUrlsByImport()

// The top bar already shows who is here; tldraw's own avatar stack would repeat it. The session
// bar offers "Stop following", so tldraw's helper buttons leave theirs out.
const tldrawComponents: TLComponents = {
	SharePanel: null,
	HelperButtons: BoardHelperButtons,
	// Dot votes: notes become ballots while a vote runs; their totals show on them afterwards.
	InFrontOfTheCanvas: VoteLayer,
}

// A member's own device keeps the board, so that it opens and takes edits offline.
const MEMBER_BOARD: BoardStoreOptions = { keepOfflineCopy: true }

// A refused connection is checked against the session at most this often.
const SESSION_CHECK_INTERVAL_MS = 10_000

declare global {
	interface Window {
		/** The mounted tldraw editor, for end-to-end tests and debugging in the console. */
		__circlespaceEditor?: Editor
	}
}

// Close codes that end the page (explained full-page) rather than show a notice over the canvas.
const ENDING_CODES: ReadonlySet<number> = new Set([
	CloseCode.UNAUTHENTICATED,
	CloseCode.FORBIDDEN,
	CloseCode.BOARD_NOT_FOUND,
])

/** Why the live connection ended for good, as the page explains it. */
type Ending = 'signed-out' | 'forbidden' | 'gone'

/**
 * The board page: a full-screen canvas under a slim top bar that leads back to the board's
 * circle. People who may only view the board get a read-only canvas and a "View only" badge
 * saying why; a connection the server ends (removed from the circle, board deleted, signed
 * out) becomes a page that explains it.
 */
export function BoardPage({ boardId }: { boardId: string }) {
	const user = useUser()
	const { info, refetch } = useBoardInfo(boardId)
	const config = useClientConfig()
	const [ending, setEnding] = useState<Ending | null>(null)

	const board = boardOf(info)
	// The title of what is shown, including the pages that replace the board when it ends.
	usePageTitle(
		ending === 'signed-out'
			? 'You were signed out'
			: ending
				? GONE_TEXT[ending].title
				: info.kind === 'missing'
					? GONE_TEXT.missing.title
					: (board?.title ?? 'Board'),
	)

	if (ending === 'signed-out') return <SignedOutPage next={window.location.pathname} />
	if (ending) return <BoardGone reason={ending} />
	if (info.kind === 'missing') return <BoardGone reason="missing" />
	if (config && isLicenceMissing(window.location, config.tldrawLicenseKey)) return <LicenceRequired />

	return (
		<div className="cs-board-page">
			{config && info.kind !== 'loading' ? (
				<BoardCanvas
					key={`${boardId}:${user.id}`}
					boardId={boardId}
					board={board}
					user={user}
					licenseKey={config.tldrawLicenseKey}
					refetch={refetch}
					onEnded={setEnding}
				/>
			) : (
				<>
					<BoardTopBar board={board} />
					<p className="cs-board-loading cs-muted" role="status">
						Opening the board…
					</p>
				</>
			)}
		</div>
	)
}

function BoardCanvas({
	boardId,
	board,
	user,
	licenseKey,
	refetch,
	onEnded,
}: {
	boardId: string
	board: Board | null
	user: User
	licenseKey: string | null
	refetch: () => Promise<Board | null>
	onEnded: (ending: Ending) => void
}) {
	const { updateUser } = useSession()
	const reason = board ? viewOnlyReason(board) : null
	const access: Board['access'] = reason ? 'view' : 'edit'
	// Say once, on opening, why the canvas does not take edits; the badge brings it back.
	const [notice, setNotice] = useState<string | null>(reason)

	// The component is keyed by the account, so these signals live as long as it does; the
	// name and colour may change and flow through them into the presence others see.
	const [$preferences] = useState(() =>
		atom<TLUserPreferences>('user preferences', { id: user.id, name: user.displayName, color: user.color }),
	)
	const [$user] = useState(() =>
		computed('user', () => {
			const prefs = $preferences.get()
			return UserRecordType.create({
				id: createUserId(prefs.id),
				name: prefs.name ?? '',
				color: prefs.color ?? user.color,
			})
		}),
	)
	const [$viewOnly] = useState(() => atom('view only', access === 'view'))
	useEffect(() => {
		$viewOnly.set(access === 'view')
	}, [$viewOnly, access])
	useEffect(() => {
		const current = $preferences.get()
		if (current.name !== user.displayName || current.color !== user.color) {
			$preferences.set({ ...current, name: user.displayName, color: user.color })
		}
	}, [$preferences, user.displayName, user.color])

	// Read through a ref so that the object tldraw receives stays the same for the page's life:
	// a new `user` prop would set the editor up again.
	const profileRef = useRef({ user, updateUser })
	profileRef.current = { user, updateUser }
	const currentUser = useMemo(
		() =>
			createTLCurrentUser({
				userPreferences: $preferences,
				setUserPreferences: (next) => {
					$preferences.set(next)
					// tldraw's people menu lets a person rename themselves or pick a colour: that is
					// their profile, so it is kept for every board and every device.
					const { user: profile, updateUser: saved } = profileRef.current
					const name = displayNameSchema.safeParse(next.name ?? '')
					const color = colorSchema.safeParse(next.color ?? '')
					const changes = {
						...(name.success && name.data !== profile.displayName ? { displayName: name.data } : {}),
						...(color.success && color.data !== profile.color.toLowerCase() ? { color: color.data } : {}),
					}
					if (Object.keys(changes).length > 0) {
						updateProfile(changes).then(saved, () => {
							// The name still shows on this board; the profile keeps the old one.
						})
					}
				},
			}),
		[$preferences],
	)

	const accessRef = useRef(access)
	accessRef.current = access
	const lastSessionCheck = useRef(0)
	const events = useMemo(
		() => ({
			onAccessChanged: () => {
				const before = accessRef.current
				refetch().then((fresh) => setNotice(accessChangeNotice(before, fresh)))
			},
			onConnectionRefused: () => {
				// The server refuses the upgrade (401, no close code) once the session is gone:
				// ask the API, which says so plainly.
				const now = Date.now()
				if (now - lastSessionCheck.current < SESSION_CHECK_INTERVAL_MS) return
				lastSessionCheck.current = now
				getMe().catch((error: unknown) => {
					if (error instanceof ApiError && error.status === 401) reportSignedOut()
				})
			},
		}),
		[refetch],
	)

	const session = useBoardStore(boardId, $user, $viewOnly, events, MEMBER_BOARD)
	// Who sees each note: the person's own layer, their circle's, or the board (board/audience/).
	const audience = useNoteAudience(session.storeWithStatus, boardId, board)
	const peers = usePeers(session.awareness, user.id)
	const liveSession = useLiveSession(session.liveSession)
	const canVote = access === 'edit' && !session.readonly
	const voting = useMemo(
		() => ({ boardId, channel: session.votes, canVote }),
		[boardId, session.votes, canVote],
	)
	// Known once the connection synced; a facilitator may start one when none runs.
	const canStartSession =
		board?.canManage === true &&
		board.archivedAt === null &&
		(liveSession.session === null || liveSession.session?.endedAt != null)

	const closedCode = session.connection.state === 'closed' ? session.connection.code : null
	useEffect(() => {
		if (closedCode === CloseCode.UNAUTHENTICATED) {
			reportSignedOut()
			onEnded('signed-out')
		} else if (closedCode === CloseCode.FORBIDDEN) onEnded('forbidden')
		else if (closedCode === CloseCode.BOARD_NOT_FOUND) onEnded('gone')
	}, [closedCode, onEnded])

	const [editor, setEditor] = useState<Editor | null>(null)
	// Only the editor who made the last change draws the board's thumbnail (board/thumbnails/).
	useBoardThumbnail(editor, boardId, access === 'edit' && !session.readonly)
	// The template just saved from this board, said over the canvas with the way to the tribe's list.
	const [savedTemplate, setSavedTemplate] = useState<SavedTemplate | null>(null)
	const [historyOpen, setHistoryOpen] = useState(false)
	const historyId = useId()
	const historyButtonRef = useRef<HTMLButtonElement>(null)
	const closeHistory = useCallback(() => {
		setHistoryOpen(false)
		historyButtonRef.current?.focus()
	}, [])

	// A page imported onto the board arrives over the live connection, shortly after the answer.
	const stopWaitingForPage = useRef<(() => void) | null>(null)
	useEffect(() => () => stopWaitingForPage.current?.(), [])
	const onImported = useCallback(
		(result: ImportResult) => {
			if (!editor) return
			stopWaitingForPage.current?.()
			stopWaitingForPage.current = showPageWhenItArrives(editor, result.pageId)
		},
		[editor],
	)

	return (
		<>
			<BoardTopBar board={board}>
				{reason && <ViewOnlyBadge reason={reason} onShow={() => setNotice(reason)} />}
				<ConnectionStatus connection={session.connection} />
				<PeopleHere self={{ name: user.displayName, color: user.color }} peers={peers} />
				{board && access === 'edit' && !session.readonly && (
					<AudienceControl editor={editor} state={audience} />
				)}
				{board && (
					<ExportMenu
						editor={editor}
						baseName={board.title}
						downloadTldr={() => downloadBoardTldr(boardId)}
						importOnto={reason || session.readonly ? undefined : { boardId, onImported }}
					/>
				)}
				{canStartSession && (
					<StartSessionButton
						boardId={boardId}
						onStarted={(started) => session.liveSession?.accept(started)}
					/>
				)}
				{/* Those who manage the board decide to share its content with the whole tribe (the
				    server's rule is maySaveBoardAsTemplate, the same people as canManage). */}
				{board?.canManage && (
					<SaveAsTemplateButton
						boardId={boardId}
						boardTitle={board.title}
						onSaved={(template) =>
							setSavedTemplate({ template, tribeId: board.tribeId, tribeName: board.tribeName })
						}
					/>
				)}
				{board && access === 'edit' && !session.readonly && (
					<LinkBoardButton editor={editor} boardId={boardId} tribeId={board.tribeId} />
				)}
				{board?.canManage && !audience.privateMode && <StartPrivateModeButton boardId={boardId} />}
				{board && <BacklinksToggle boardId={boardId} />}
				{board && (
					<button
						ref={historyButtonRef}
						type="button"
						className="cs-button cs-button-small cs-topbar-button"
						aria-expanded={historyOpen}
						aria-controls={historyOpen ? historyId : undefined}
						onClick={() => setHistoryOpen((open) => !open)}
					>
						History
					</button>
				)}
			</BoardTopBar>
			{/* Just under the top bar, whatever its height (it wraps on phones), over what follows. */}
			<div className="cs-notices-anchor">
				<Notices
					accessNotice={notice}
					onDismissAccessNotice={() => setNotice(null)}
					savedTemplate={savedTemplate}
					onDismissSavedTemplate={() => setSavedTemplate(null)}
					readonly={session.readonly}
					invalidRecords={session.invalidRecords}
					closedMessage={
						session.connection.state === 'closed' && !ENDING_CODES.has(session.connection.code)
							? session.connection.message
							: null
					}
					offlineWithoutCopy={session.offlineWithoutCopy}
				/>
			</div>
			<SessionBar
				state={liveSession}
				channel={session.liveSession}
				boardId={boardId}
				canRun={board?.canManage === true}
				editor={editor}
				self={{ id: user.id, name: user.displayName, color: user.color }}
				peers={peers}
			/>
			<VoteBar
				boardId={boardId}
				channel={session.votes}
				sessionRunning={liveSession.session != null && liveSession.session.endedAt === null}
				canRun={board?.canManage === true}
				canVote={canVote}
			/>
			<PrivateModeBar boardId={boardId} state={audience} canRun={board?.canManage === true} />
			<div className="cs-board-body">
				<main className="cs-canvas" aria-label="Board canvas">
					<VotingContext.Provider value={voting}>
						<Tldraw
							store={session.storeWithStatus}
							shapeUtils={boardShapeUtils}
							assetUrls={assetUrls}
							user={currentUser}
							licenseKey={licenseKey ?? undefined}
							components={tldrawComponents}
							onMount={(mounted) => {
								registerBoardLinkPaste(mounted)
								// A link to one shape (a search result) opens on it; one that is gone says so, calmly.
								const focus = focusLinkedShape(mounted)
								if (focus !== 'focused') openOnContent(mounted, boardId)
								if (focus === 'missing')
									setNotice((shown) => (shown ? `${SHAPE_GONE_NOTICE} ${shown}` : SHAPE_GONE_NOTICE))
								window.__circlespaceEditor = mounted
								setEditor(mounted)
								return () => {
									if (window.__circlespaceEditor === mounted) window.__circlespaceEditor = undefined
									setEditor((current) => (current === mounted ? null : current))
								}
							}}
						/>
					</VotingContext.Provider>
					<RecognitionLayer editor={editor} boardId={boardId} selfId={user.id} />
				</main>
				{board && historyOpen && (
					<HistoryPanel id={historyId} board={board} editor={editor} onClose={closeHistory} />
				)}
			</div>
		</>
	)
}

/** "View only", visible at all times on a read-only board; pressing it says why again. */
function ViewOnlyBadge({ reason, onShow }: { reason: string; onShow: () => void }) {
	return (
		<button type="button" className="cs-view-only" title={reason} onClick={onShow}>
			<svg className="cs-view-only-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
				<path
					d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12Z"
					fill="none"
					stroke="currentColor"
					strokeWidth="2"
					strokeLinejoin="round"
				/>
				<circle cx="12" cy="12" r="3" fill="currentColor" />
			</svg>
			View only
			<span className="cs-visually-hidden">: {reason}</span>
		</button>
	)
}

/** A template saved from the board, and the tribe it now belongs to. */
interface SavedTemplate {
	template: BoardTemplate
	tribeId: string
	tribeName: string
}

function Notices({
	accessNotice,
	onDismissAccessNotice,
	savedTemplate,
	onDismissSavedTemplate,
	readonly,
	invalidRecords,
	closedMessage,
	offlineWithoutCopy,
}: {
	accessNotice: string | null
	onDismissAccessNotice: () => void
	savedTemplate: SavedTemplate | null
	onDismissSavedTemplate: () => void
	readonly: boolean
	invalidRecords: number
	closedMessage: string | null
	offlineWithoutCopy: boolean
}) {
	const dismissRef = useRef<HTMLButtonElement>(null)
	const onDismiss = useCallback(() => onDismissAccessNotice(), [onDismissAccessNotice])
	return (
		<div className="cs-notices">
			{/* Always in the page, so that a notice appearing in it is announced. */}
			<div role="status" aria-live="polite">
				{accessNotice && (
					<p className="cs-notice cs-notice-info cs-notice-with-action">
						<span className="cs-notice-text">{accessNotice}</span>{' '}
						<button ref={dismissRef} type="button" className="cs-button cs-button-small" onClick={onDismiss}>
							OK
						</button>
					</p>
				)}
				{savedTemplate && (
					<p className="cs-notice cs-notice-info cs-notice-with-action">
						<span className="cs-notice-text">
							Saved “{savedTemplate.template.name}” as a template of {savedTemplate.tribeName}.{' '}
							<Link href={tribePath(savedTemplate.tribeId)}>See the tribe’s templates</Link>
						</span>{' '}
						<button type="button" className="cs-button cs-button-small" onClick={onDismissSavedTemplate}>
							OK
						</button>
					</p>
				)}
			</div>
			{closedMessage && (
				<p className="cs-notice cs-notice-error" role="alert">
					{closedMessage} <Link href="/">Go to your home page</Link>
				</p>
			)}
			{readonly && (
				<p className="cs-notice cs-notice-warning cs-notice-with-action" role="alert">
					<span className="cs-notice-text">
						A newer version of Circlespace wrote this board — reload to update.
					</span>{' '}
					<button
						type="button"
						className="cs-button cs-button-small"
						onClick={() => window.location.reload()}
					>
						Reload
					</button>
				</p>
			)}
			{offlineWithoutCopy && !closedMessage && (
				<p className="cs-notice" role="status">
					You are offline and this board has not been opened on this device before. It will appear as soon as
					the connection returns.
				</p>
			)}
			{invalidRecords > 0 && (
				<p className="cs-notice cs-notice-quiet" role="status">
					{invalidRecords === 1
						? 'One item on this board could not be shown.'
						: `${invalidRecords} items on this board could not be shown.`}
				</p>
			)}
		</div>
	)
}

const GONE_TEXT: Record<'missing' | 'forbidden' | 'gone', { title: string; body: string }> = {
	missing: {
		title: 'Board not found',
		body: 'This board does not exist, or you cannot see it. If someone sent you this link, ask them to check that the board is shared with you.',
	},
	forbidden: {
		title: 'You no longer have access to this board',
		body: 'Something changed while you had it open: you may have left or been removed from its circle, the board may no longer be shared with you, or it was deleted.',
	},
	gone: {
		title: 'This board is no longer available',
		body: 'It was deleted, or it is no longer shared with you, while you had it open.',
	},
}

function BoardGone({ reason }: { reason: 'missing' | 'forbidden' | 'gone' }) {
	const text = GONE_TEXT[reason]
	return (
		<div className="cs-page cs-auth-page">
			<main id="cs-main" className="cs-auth-card">
				<PageHeading>{text.title}</PageHeading>
				<p>{text.body}</p>
				<p>
					<Link href="/" className="cs-button cs-button-primary">
						Go to your home page
					</Link>
				</p>
			</main>
		</div>
	)
}

function boardOf(info: BoardInfo): Board | null {
	switch (info.kind) {
		case 'found':
			return info.board
		case 'unreachable':
			return info.board
		case 'loading':
		case 'missing':
			return null
	}
}
