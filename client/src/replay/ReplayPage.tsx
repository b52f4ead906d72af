import { type Board, bindStoreToYjs, RECORDS_MAP, type YjsStoreBinding } from '@circlespace/shared'
import { boardSchema } from '@circlespace/shared/boardSchema/index.ts'
import { REPLAY_SPEEDS, type ReplayInfoLine, type ReplayMark } from '@circlespace/shared/replay/index.ts'
import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useEffect, useMemo, useRef, useState } from 'react'
import { atom, createTLStore, type TLComponents, type TLStore, type TLUser, Tldraw } from 'tldraw'
import 'tldraw/tldraw.css'
import type * as Y from 'yjs'
import { getBoard } from '../api/boards.ts'
import { ApiError, isAbort, messageOf } from '../api/http.ts'
import { NotFoundPage } from '../app/NotFoundPage.tsx'
import { boardPath, navigate, type ReplayRoute } from '../app/router.ts'
import { useClientConfig } from '../auth/useClientConfig.ts'
import { BoardTopBar } from '../board/BoardTopBar.tsx'
import { LicenceRequired } from '../board/LicenceRequired.tsx'
import { isLicenceMissing } from '../board/licence.ts'
import { boardShapeUtils } from '../board/links/BoardLinkShapeUtil.tsx'
import { resolveUsersWithNoteAuthors } from '../board/noteAuthors.ts'
import { fitContent } from '../board/openingView.ts'
import '../snapshots/snapshots.css'
import { useAnnounce } from '../ui/Announcer.tsx'
import { formatDateTime, formatDateTimeRange } from '../ui/dates.ts'
import { Link } from '../ui/Link.tsx'
import { LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { ReplayTimeline } from './ReplayTimeline.ts'
import { readReplay, restoreReplayMoment } from './replayApi.ts'
import './replay.css'

const assetUrls = getAssetUrlsByImport()
const tldrawComponents: TLComponents = { SharePanel: null }
const schema = boardSchema()

/** How often the player moves on while playing (ms). */
const TICK_MS = 100
/** A jump forward further than this many entries rebuilds from a checkpoint instead of playing them. */
const REBUILD_AFTER = 400

type Opening =
	| { status: 'loading' }
	| { status: 'not-found' }
	| { status: 'error'; error: unknown }
	| { status: 'ready'; board: Board; timeline: ReplayTimeline }

/**
 * A board as it grew, from its stored update log: a past session (`?session=`) or a time range
 * (`?from=&to=`), read-only, in a store of its own (the live board is never touched). It starts
 * as soon as the start frame arrives and goes on loading the rest while it plays.
 */
export function ReplayPage({ boardId, replay }: { boardId: string; replay: ReplayRoute }) {
	const config = useClientConfig()
	const [opening, setOpening] = useState<Opening>({ status: 'loading' })
	const [loaded, setLoaded] = useState<{
		received: number
		complete: boolean
		truncated: boolean
		failed: string | null
	}>({ received: 0, complete: false, truncated: false, failed: null })
	const [attempt, setAttempt] = useState(0)

	// biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is how "Try again" opens it anew
	useEffect(() => {
		const abort = new AbortController()
		let timeline: ReplayTimeline | null = null
		let board: Board | null = null
		setOpening({ status: 'loading' })
		setLoaded({ received: 0, complete: false, truncated: false, failed: null })
		let info: ReplayInfoLine | null = null
		const boardLoad = getBoard(boardId, abort.signal).then((found) => {
			board = found
			return found
		})
		const reading = readReplay(
			boardId,
			replay,
			(line) => {
				if (line.type === 'info') info = line
				else if (line.type === 'frame' && info) {
					const bytes = Uint8Array.from(atob(line.state), (char) => char.charCodeAt(0))
					timeline = new ReplayTimeline(info, bytes)
					const ready = timeline
					void boardLoad.then((found) => {
						if (!abort.signal.aborted) setOpening({ status: 'ready', board: found, timeline: ready })
					})
				} else if (line.type === 'entries' && timeline) {
					timeline.add(line.entries)
					setLoaded((previous) => ({ ...previous, received: timeline?.received ?? 0 }))
				} else if (line.type === 'end' && timeline) {
					timeline.finish()
					setLoaded({ received: timeline.received, complete: true, truncated: line.truncated, failed: null })
				} else if (line.type === 'error') {
					setLoaded((previous) => ({ ...previous, failed: line.message }))
				}
			},
			abort.signal,
		)
		Promise.all([boardLoad, reading]).catch((error: unknown) => {
			if (isAbort(error) || abort.signal.aborted) return
			if (error instanceof ApiError && error.status === 404) setOpening({ status: 'not-found' })
			else if (!timeline || !board) setOpening({ status: 'error', error })
			else setLoaded((previous) => ({ ...previous, failed: messageOf(error) }))
		})
		return () => abort.abort()
	}, [boardId, JSON.stringify(replay), attempt])

	usePageTitle(
		opening.status === 'ready'
			? `Replay · ${replayName(opening.timeline.info, opening.board)}`
			: opening.status === 'not-found'
				? 'Replay not found'
				: 'Replay',
	)

	if (config && isLicenceMissing(window.location, config.tldrawLicenseKey)) return <LicenceRequired />
	if (opening.status === 'not-found') {
		return (
			<NotFoundPage title="Replay not found">
				<p>This session or board does not exist, or you cannot see it.</p>
			</NotFoundPage>
		)
	}
	if (opening.status !== 'ready' || !config) {
		return (
			<div className="cs-board-page">
				<BoardTopBar board={null} title="Replay" />
				<div className="cs-board-loading">
					{opening.status === 'error' ? (
						<LoadError what="This replay" error={opening.error} onRetry={() => setAttempt((n) => n + 1)} />
					) : (
						<Loading>Opening the replay…</Loading>
					)}
				</div>
			</div>
		)
	}
	return (
		<ReplayView
			board={opening.board}
			timeline={opening.timeline}
			loaded={loaded}
			licenseKey={config.tldrawLicenseKey}
			onRetry={() => setAttempt((n) => n + 1)}
		/>
	)
}

/** The replay's own store, with note author labels as the snapshot page has them. */
function useReplayStore(): TLStore {
	return useMemo(() => {
		const store: TLStore = createTLStore({
			schema,
			users: {
				currentUser: atom<TLUser | null>('nobody edits a replay', null),
				resolve: resolveUsersWithNoteAuthors(() => store),
			},
		})
		return store
	}, [])
}

/**
 * Shows one doc in the store: bound (the binding makes the store's document records the doc's),
 * or, while the doc holds no records yet, an empty canvas and no binding (a binding would seed
 * the empty doc with the store's own page, which the real entries then conflict with).
 */
class ReplayScreen {
	readonly #store: TLStore
	#doc: Y.Doc | null = null
	#binding: YjsStoreBinding | null = null

	constructor(store: TLStore) {
		this.#store = store
	}

	show(doc: Y.Doc): void {
		this.#binding?.dispose()
		this.#binding = null
		this.#doc?.destroy()
		this.#doc = doc
		this.#bindIfFilled()
		if (!this.#binding) {
			const stale = this.#store
				.allRecords()
				.filter((record) => ['shape', 'binding', 'asset'].includes(record.typeName))
				.map((record) => record.id)
			if (stale.length > 0) this.#store.mergeRemoteChanges(() => this.#store.remove(stale))
		}
	}

	/** After entries were applied to the shown doc. */
	changed(): void {
		this.#bindIfFilled()
	}

	get doc(): Y.Doc | null {
		return this.#doc
	}

	#bindIfFilled(): void {
		if (this.#binding || !this.#doc || this.#doc.getMap(RECORDS_MAP).size === 0) return
		this.#binding = bindStoreToYjs(this.#store, this.#doc)
	}

	dispose(): void {
		this.#binding?.dispose()
		this.#doc?.destroy()
	}
}

/** What a replay is of, in a few words: its session, or the board and the stretch of time. */
function replayName(info: ReplayInfoLine, board: Board): string {
	return info.session ? info.session.title : `${board.title}, ${formatDateTimeRange(info.from, info.to)}`
}

/** Whether the board held no shapes at the replay's start. */
function startsEmpty(timeline: ReplayTimeline): boolean {
	const doc = timeline.docAt(0)
	try {
		for (const id of doc.getMap(RECORDS_MAP).keys()) if (id.startsWith('shape:')) return false
		return true
	} finally {
		doc.destroy()
	}
}

function clock(ms: number): string {
	const seconds = Math.floor(ms / 1000)
	const h = Math.floor(seconds / 3600)
	const m = Math.floor((seconds % 3600) / 60)
	const s = seconds % 60
	const two = (n: number) => String(n).padStart(2, '0')
	return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${m}:${two(s)}`
}

function ReplayView({
	board,
	timeline,
	loaded,
	licenseKey,
	onRetry,
}: {
	board: Board
	timeline: ReplayTimeline
	loaded: { received: number; complete: boolean; truncated: boolean; failed: string | null }
	licenseKey: string | null
	onRetry: () => void
}) {
	const announce = useAnnounce()
	const store = useReplayStore()
	const screen = useMemo(() => new ReplayScreen(store), [store])
	const { info } = timeline
	const [position, setPosition] = useState(0)
	const [playing, setPlaying] = useState(false)
	const [speed, setSpeed] = useState<number>(10)
	const [restoring, setRestoring] = useState<'idle' | 'busy' | { failed: string }>('idle')
	/** How many entries the shown doc holds. */
	const shown = useRef(0)
	const positionRef = useRef(0)
	positionRef.current = position

	// The first frame, once.
	useEffect(() => {
		screen.show(timeline.docAt(0))
		shown.current = 0
		return () => screen.dispose()
	}, [screen, timeline])

	// Make the shown doc the board at `position`.
	// biome-ignore lint/correctness/useExhaustiveDependencies: `loaded.received` brings entries that arrived since
	useEffect(() => {
		const target = timeline.countAt(position)
		const doc = screen.doc
		if (target === shown.current && doc) return
		if (!doc || target < shown.current || target - shown.current > REBUILD_AFTER) {
			screen.show(timeline.docAt(target))
		} else {
			timeline.apply(doc, shown.current, target)
			screen.changed()
		}
		shown.current = target
	}, [position, timeline, screen, loaded.received])

	// Playing: the position moves on with the clock, times the speed, up to what has arrived.
	useEffect(() => {
		if (!playing) return
		let last = performance.now()
		const timer = window.setInterval(() => {
			const now = performance.now()
			const next = Math.min(positionRef.current + (now - last) * speed, timeline.knownUntil)
			last = now
			setPosition(next)
			if (next >= timeline.duration) {
				setPlaying(false)
				announce('The replay reached its end.')
			}
		}, TICK_MS)
		return () => window.clearInterval(timer)
	}, [playing, speed, timeline, announce])

	const waiting = playing && !timeline.complete && position >= timeline.knownUntil
	const at = (ms: number) => new Date(Date.parse(info.from) + ms).toISOString()
	const markAt = (mark: ReplayMark) =>
		Math.min(timeline.duration, Math.max(0, Date.parse(mark.at) - Date.parse(info.from)))
	const title = info.session ? `Session: ${info.session.title}` : formatDateTimeRange(info.from, info.to)
	const emptyAtStart = useMemo(() => startsEmpty(timeline), [timeline])
	// Nothing happened in the range: said once the whole stream has come, not while it loads.
	const unchanged = loaded.complete && !loaded.failed && loaded.received === 0

	async function restore() {
		setRestoring('busy')
		const count = timeline.countAt(position)
		try {
			const created = await restoreReplayMoment(board.id, {
				at: timeline.logIdAt(count),
				title: `${board.title.slice(0, 150)} as at ${formatDateTime(at(position))}`,
			})
			announce(`Made the board “${created.title}” from this moment.`)
			navigate(boardPath(created.id))
		} catch (error) {
			setRestoring({ failed: messageOf(error) })
		}
	}

	return (
		<div className="cs-board-page">
			<BoardTopBar board={board} />
			<section className="cs-snapshot-banner" aria-label="Replay">
				<p>
					<strong>Replay — {title}</strong>, read-only
				</p>
				<div className="cs-snapshot-banner-actions">
					<Link href={boardPath(board.id)} className="cs-button cs-button-small">
						<span aria-hidden="true">← </span>Back to the live board
					</Link>
					{board.canManage && (
						<button
							type="button"
							className="cs-button cs-button-small"
							onClick={restore}
							disabled={restoring === 'busy'}
						>
							{restoring === 'busy' ? 'Making the board…' : 'Restore this moment as a new board'}
						</button>
					)}
				</div>
				{typeof restoring === 'object' && (
					<p role="alert" className="cs-replay-problem">
						{restoring.failed}
					</p>
				)}
			</section>
			<div className="cs-board-body">
				<main className="cs-canvas" aria-label={`Replay canvas: ${info.session?.title ?? board.title}`}>
					{unchanged && emptyAtStart && (
						<div className="cs-replay-empty">
							<p>
								<strong>Nothing to replay here.</strong>
							</p>
							<p className="cs-muted">
								The board was empty at the start of this stretch of time, and nobody drew on it until its end.
							</p>
							<Link href={boardPath(board.id)}>Back to the live board</Link>
						</div>
					)}
					<Tldraw
						store={store}
						shapeUtils={boardShapeUtils}
						assetUrls={assetUrls}
						licenseKey={licenseKey ?? undefined}
						components={tldrawComponents}
						onMount={(mounted) => {
							// Watching only: nothing here is saved anywhere.
							mounted.updateInstanceState({ isReadonly: true })
							fitContent(mounted)
							window.__circlespaceEditor = mounted
							return () => {
								if (window.__circlespaceEditor === mounted) window.__circlespaceEditor = undefined
							}
						}}
					/>
				</main>
			</div>
			<section className="cs-replay-controls" aria-label="Replay controls">
				<button
					type="button"
					className="cs-button cs-button-primary cs-replay-play"
					onClick={() => {
						if (!playing && position >= timeline.duration) setPosition(0)
						setPlaying(!playing)
					}}
				>
					{playing ? 'Pause' : 'Play'}
				</button>
				<label className="cs-replay-speed">
					<span>Speed</span>
					<select value={speed} onChange={(event) => setSpeed(Number(event.target.value))}>
						{REPLAY_SPEEDS.map((value) => (
							<option key={value} value={value}>
								{value}×
							</option>
						))}
					</select>
				</label>
				<div className="cs-replay-scrubber">
					<div className="cs-replay-marks">
						{info.marks.map((mark) => (
							<button
								key={`${mark.kind}-${mark.at}-${mark.title}`}
								type="button"
								className={`cs-replay-mark cs-replay-mark-${mark.kind}`}
								style={{ left: `${timeline.duration > 0 ? (markAt(mark) / timeline.duration) * 100 : 0}%` }}
								title={`${mark.kind === 'agenda' ? 'Agenda' : 'Snapshot'}: ${mark.title}`}
								aria-label={`Jump to ${mark.kind === 'agenda' ? 'agenda item' : 'snapshot'} “${mark.title}”, ${clock(markAt(mark))}`}
								onClick={() => setPosition(markAt(mark))}
							/>
						))}
					</div>
					<input
						type="range"
						className="cs-replay-range"
						aria-label="Moment of the replay"
						aria-valuetext={`${clock(position)} of ${clock(timeline.duration)}`}
						min={0}
						max={Math.max(1, timeline.duration)}
						// Not whole seconds: the browser would hold the range to the last whole second
						// below the end, so that End (or a drag to the end) left out the session's last
						// changes. With "any", the keys move it by a hundredth of the session.
						step="any"
						value={Math.round(position)}
						onChange={(event) => setPosition(Math.min(Number(event.target.value), timeline.knownUntil))}
					/>
				</div>
				<p className="cs-replay-time" aria-live="off">
					<time dateTime={at(position)}>{clock(position)}</time> / {clock(timeline.duration)}
				</p>
				<p className="cs-replay-status" role="status">
					{loaded.failed ? (
						<>
							{loaded.failed}{' '}
							<button type="button" className="cs-link-button" onClick={onRetry}>
								Try again
							</button>
						</>
					) : waiting ? (
						'Loading more of the replay…'
					) : loaded.complete ? (
						loaded.truncated ? (
							'This replay is too long to play whole: it stops early. Choose a shorter time range.'
						) : unchanged ? (
							emptyAtStart ? (
								'Nothing happened on the board in this stretch of time.'
							) : (
								'Nothing changed in this stretch of time: the board stays as it was at its start.'
							)
						) : (
							''
						)
					) : (
						`Loading… ${loaded.received} changes so far`
					)}
				</p>
			</section>
		</div>
	)
}
