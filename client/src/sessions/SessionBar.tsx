import { type LiveSession, type Person, remainingAfter, type SessionTimer } from '@circlespace/shared'
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react'
import type { Editor } from 'tldraw'
import { messageOf } from '../api/http.ts'
import { endLiveSession, summonEveryone, updateLiveSession } from '../api/sessions.ts'
import { uploadSnapshotThumbnail } from '../api/snapshots.ts'
import { renderThumbnail } from '../snapshots/images.ts'
import { useAnnounce } from '../ui/Announcer.tsx'
import { Avatar } from '../ui/Avatar.tsx'
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx'
import { useDismissOnOutside } from '../ui/useDismissOnOutside.ts'
import type { SessionChannel, SessionState } from './SessionChannel.ts'
import { clockText, milestoneCrossed, minutesText, timerSentence, timerStatus } from './timerText.ts'
import { useTick } from './useLiveSession.ts'
import { type FollowState, useSessionCamera } from './useSessionCamera.ts'

/** Someone on the board right now. */
export interface PersonHere {
	id: string
	name: string
	color: string
}

/** How many minutes "+5 min" adds. */
const EXTEND_MINUTES = 5

/**
 * The live session's bar under the board's top bar, for everyone on the board: its title, the
 * agenda with the current item, the countdown, who is here and who took part. Facilitators
 * also move through the agenda, pause, resume and extend the timer, bring everyone to their
 * view, turn "follow me" on and off and end the session; the others follow (or stop
 * following) the facilitator's view. Nothing is shown while no session runs.
 */
export function SessionBar({
	state,
	channel,
	boardId,
	canRun,
	editor,
	self,
	peers,
}: {
	state: SessionState
	channel: SessionChannel | null
	boardId: string
	/** Whether this person runs sessions on the board (a facilitator). */
	canRun: boolean
	editor: Editor | null
	self: PersonHere
	/** The other people on the board now. */
	peers: readonly PersonHere[]
}) {
	const announce = useAnnounce()
	const running = state.session && state.session.endedAt === null ? state.session : null

	// Said once each: a session that starts (or is found running) and one that ends (except to
	// the facilitator who ended it, who hears where the board was saved instead).
	const announcedId = useRef<string | null>(null)
	const endedHere = useRef<string | null>(null)
	useEffect(() => {
		const session = state.session
		if (!session) return
		if (session.endedAt === null && announcedId.current !== session.id) {
			announcedId.current = session.id
			announce(`Live session “${session.title}” is running.`)
		} else if (session.endedAt !== null && announcedId.current === session.id) {
			announcedId.current = null
			if (endedHere.current !== session.id) announce(`The live session “${session.title}” ended.`)
		}
	}, [state.session, announce])

	const { follow, stopFollowing, startFollowing } = useSessionCamera({
		editor,
		channel,
		followMe: running?.followMe ?? null,
		selfId: self.id,
		onSummoned: (summon) => announce(`${summon.by.displayName} brought everyone to their view.`),
	})

	if (!running) return null
	return (
		<RunningSession
			session={running}
			receivedAt={state.receivedAt}
			channel={channel}
			boardId={boardId}
			canRun={canRun}
			editor={editor}
			self={self}
			peers={peers}
			follow={follow}
			onStopFollowing={stopFollowing}
			onStartFollowing={startFollowing}
			onEnding={(id) => {
				endedHere.current = id
			}}
		/>
	)
}

function RunningSession({
	session,
	receivedAt,
	channel,
	boardId,
	canRun,
	editor,
	self,
	peers,
	follow,
	onStopFollowing,
	onStartFollowing,
	onEnding,
}: {
	session: LiveSession
	receivedAt: number
	channel: SessionChannel | null
	boardId: string
	canRun: boolean
	editor: Editor | null
	self: PersonHere
	peers: readonly PersonHere[]
	follow: FollowState
	onStopFollowing: () => void
	onStartFollowing: () => void
	/** This person is ending the session `id`. */
	onEnding: (id: string) => void
}) {
	const announce = useAnnounce()
	const [busy, setBusy] = useState(false)
	const [error, setError] = useState<string | null>(null)
	const [ending, setEnding] = useState(false)
	useChangeAnnouncements(session, self.id)

	async function act(run: () => Promise<LiveSession | null>, done?: string) {
		setBusy(true)
		setError(null)
		try {
			const answer = await run()
			if (answer) channel?.accept(answer)
			if (done) announce(done)
		} catch (caught) {
			setError(messageOf(caught))
		} finally {
			setBusy(false)
		}
	}

	const change = (changes: Parameters<typeof updateLiveSession>[1]) =>
		act(() => updateLiveSession(boardId, changes))

	function bringEveryone() {
		if (!editor) return
		const view = editor.getViewportPageBounds()
		void act(async () => {
			await summonEveryone(boardId, {
				x: view.center.x,
				y: view.center.y,
				z: editor.getZoomLevel(),
				pageId: editor.getCurrentPageId(),
			})
			return null
		}, 'Everyone was brought to your view.')
	}

	const followingMe = session.followMe?.id === self.id
	const item = session.agenda[session.currentItem]
	return (
		<section className="cs-session-bar" aria-label="Live session">
			<div className="cs-session-title">
				<span className="cs-session-live">
					<span className="cs-session-live-dot" aria-hidden="true" />
					Live<span className="cs-visually-hidden"> session:</span>
				</span>
				<strong className="cs-session-name" title={session.title}>
					{session.title}
				</strong>
			</div>

			{item !== undefined && (
				<div className="cs-session-agenda">
					{canRun && (
						<button
							type="button"
							className="cs-button cs-button-small cs-button-quiet cs-session-step"
							aria-label="Previous agenda item"
							disabled={busy || session.currentItem === 0}
							onClick={() => change({ currentItem: session.currentItem - 1 })}
						>
							<span aria-hidden="true">‹</span>
						</button>
					)}
					<SessionPop
						summaryTitle={item}
						summary={
							<>
								<span className="cs-muted">
									{session.currentItem + 1}/{session.agenda.length}
								</span>{' '}
								<span className="cs-session-item">{item}</span>
								<span className="cs-visually-hidden">: show the whole agenda</span>
							</>
						}
					>
						<h2 className="cs-session-pop-title">Agenda</h2>
						<ol className="cs-session-agenda-list">
							{session.agenda.map((entry, index) => (
								<li
									// biome-ignore lint/suspicious/noArrayIndexKey: agenda items may repeat; their place is who they are
									key={index}
									aria-current={index === session.currentItem ? 'step' : undefined}
								>
									{entry}
								</li>
							))}
						</ol>
					</SessionPop>
					{canRun && (
						<button
							type="button"
							className="cs-button cs-button-small cs-button-quiet cs-session-step"
							aria-label="Next agenda item"
							disabled={busy || session.currentItem >= session.agenda.length - 1}
							onClick={() => change({ currentItem: session.currentItem + 1 })}
						>
							<span aria-hidden="true">›</span>
						</button>
					)}
				</div>
			)}

			{session.timer && (
				<div className="cs-session-timer">
					<SessionClock timer={session.timer} receivedAt={receivedAt} />
					{canRun && (
						<>
							<button
								type="button"
								className="cs-button cs-button-small cs-button-quiet"
								disabled={busy}
								onClick={() => change({ timer: session.timer?.running ? 'pause' : 'resume' })}
							>
								{session.timer.running ? 'Pause' : 'Resume'}
							</button>
							<button
								type="button"
								className="cs-button cs-button-small cs-button-quiet"
								aria-label={`Add ${EXTEND_MINUTES} minutes`}
								disabled={busy}
								onClick={() => change({ timer: { extendMinutes: EXTEND_MINUTES } })}
							>
								+{EXTEND_MINUTES} min
							</button>
						</>
					)}
				</div>
			)}

			<People session={session} self={self} peers={peers} />

			{follow.kind !== 'none' && (
				<div className="cs-session-follow">
					{follow.kind === 'stopped' ? (
						<button type="button" className="cs-button cs-button-small" onClick={onStartFollowing}>
							Follow {follow.leader.displayName}
						</button>
					) : (
						<>
							<span className="cs-session-following" role="status">
								{follow.kind === 'following'
									? `Following ${follow.leader.displayName}`
									: `Waiting for ${follow.leader.displayName}’s view…`}
							</span>
							<button type="button" className="cs-button cs-button-small" onClick={onStopFollowing}>
								Stop following
							</button>
						</>
					)}
				</div>
			)}

			{canRun && (
				<div className="cs-session-actions">
					{!session.timer && (
						<button
							type="button"
							className="cs-button cs-button-small cs-button-quiet"
							disabled={busy}
							onClick={() => change({ timer: { extendMinutes: EXTEND_MINUTES } })}
						>
							Add a {EXTEND_MINUTES}-minute timer
						</button>
					)}
					<button
						type="button"
						className="cs-button cs-button-small"
						disabled={busy || !editor}
						onClick={bringEveryone}
					>
						Bring everyone here
					</button>
					<button
						type="button"
						className="cs-button cs-button-small cs-session-toggle"
						aria-pressed={followingMe}
						disabled={busy}
						onClick={() => change({ followMe: !followingMe })}
					>
						Follow me
					</button>
					<button
						type="button"
						className="cs-button cs-button-small cs-button-danger-quiet"
						disabled={busy}
						onClick={() => setEnding(true)}
					>
						End session
					</button>
				</div>
			)}

			{error && (
				<p className="cs-session-error" role="alert">
					{error}
				</p>
			)}

			{ending && (
				<ConfirmDialog
					title="End the live session?"
					confirmLabel="End session"
					pendingLabel="Ending…"
					onClose={() => setEnding(false)}
					onConfirm={async () => {
						onEnding(session.id)
						const ended = await endLiveSession(boardId)
						channel?.accept(ended.session)
						announce(`Session ended. The board was saved as “${ended.snapshot.title}”.`)
						// The history shows the snapshot without a picture until this arrives; failures are ignored.
						if (editor) void attachThumbnail(editor, ended.snapshot.id)
					}}
				>
					<p>
						The board is saved as a snapshot with everyone who took part. Everyone can go on working on the
						board.
					</p>
				</ConfirmDialog>
			)}
		</section>
	)
}

/** The countdown, redrawn every second while it runs; said aloud only at 5 and 1 minutes left and at the end. */
function SessionClock({ timer, receivedAt }: { timer: SessionTimer; receivedAt: number }) {
	const announce = useAnnounce()
	const now = useTick(timer.running)
	const remaining = remainingAfter(timer, now - receivedAt)
	const previous = useRef(remaining)
	useEffect(() => {
		const crossed = timer.running ? milestoneCrossed(previous.current, remaining) : null
		previous.current = remaining
		if (crossed) announce(crossed)
	}, [remaining, timer.running, announce])
	const over = remaining <= 0
	return (
		<span
			className={over ? 'cs-session-clock cs-session-clock-over' : 'cs-session-clock'}
			role="timer"
			aria-label={timerSentence(remaining, timer.running)}
		>
			<span className="cs-session-clock-digits" aria-hidden="true">
				{over ? '+' : ''}
				{clockText(remaining)}
			</span>{' '}
			<span className="cs-session-clock-status" aria-hidden="true">
				{timerStatus(remaining, timer.running)}
			</span>
		</span>
	)
}

/** Who took part and who is here now (the top bar shows them too), behind a short summary. */
function People({
	session,
	self,
	peers,
}: {
	session: LiveSession
	self: PersonHere
	peers: readonly PersonHere[]
}) {
	const here = [self, ...peers]
	return (
		<SessionPop
			className="cs-session-people"
			summary={
				<>
					{session.participants.length} took part
					<span className="cs-visually-hidden">, {here.length} here now: show who</span>
				</>
			}
		>
			<h2 className="cs-session-pop-title">Here now</h2>
			<ul className="cs-session-people-list">
				{here.map((person) => (
					<li key={person.id}>
						<Avatar name={person.name} color={person.color} size="small" />
						{person.id === self.id ? `${person.name} (you)` : person.name}
					</li>
				))}
			</ul>
			<h2 className="cs-session-pop-title">Took part</h2>
			<ul className="cs-session-people-list">
				{session.participants.map((person: Person) => (
					<li key={person.id}>
						<Avatar name={person.displayName} color={person.color} size="small" />
						{person.displayName}
					</li>
				))}
			</ul>
		</SessionPop>
	)
}

/**
 * A disclosure of the bar (the agenda, the people) that opens a small card under it and closes
 * the way a menu does: a press or focus elsewhere, or Escape (focus back on its summary). On a
 * phone the card would otherwise stay over the bar's other controls.
 */
function SessionPop({
	summary,
	summaryTitle,
	className,
	children,
}: {
	summary: ReactNode
	summaryTitle?: string
	className?: string
	children: ReactNode
}) {
	const [open, setOpen] = useState(false)
	const rootRef = useRef<HTMLDetailsElement>(null)
	const summaryRef = useRef<HTMLElement>(null)
	const close = useCallback(() => setOpen(false), [])
	useDismissOnOutside(open, close, rootRef, summaryRef)
	return (
		<details
			ref={rootRef}
			className={className ? `cs-session-pop ${className}` : 'cs-session-pop'}
			open={open}
			onToggle={(event) => setOpen(event.currentTarget.open)}
		>
			<summary ref={summaryRef} title={summaryTitle}>
				{summary}
			</summary>
			<div className="cs-session-pop-body">{children}</div>
		</details>
	)
}

/** Says what changed in a running session: the agenda item, the timer, "follow me". */
function useChangeAnnouncements(session: LiveSession, selfId: string): void {
	const announce = useAnnounce()
	const previous = useRef<LiveSession | null>(null)
	useEffect(() => {
		const before = previous.current
		previous.current = session
		if (!before || before.id !== session.id) return
		const said: string[] = []
		const item = session.agenda[session.currentItem]
		if (before.currentItem !== session.currentItem && item !== undefined) {
			said.push(`Now on item ${session.currentItem + 1} of ${session.agenda.length}: ${item}.`)
		}
		if (before.timer && session.timer) {
			if (before.timer.running !== session.timer.running) {
				said.push(session.timer.running ? 'Timer resumed.' : 'Timer paused.')
			}
			if (session.timer.durationMs > before.timer.durationMs) {
				said.push(`${minutesText(session.timer.durationMs - before.timer.durationMs)} added to the timer.`)
			}
		} else if (!before.timer && session.timer) {
			said.push(`A timer of ${minutesText(session.timer.durationMs)} started.`)
		}
		if (before.followMe?.id !== session.followMe?.id) {
			if (!session.followMe) said.push('Follow me is off.')
			else if (session.followMe.id === selfId) said.push('Everyone is following your view.')
			else said.push(`${session.followMe.displayName} asks everyone to follow their view.`)
		}
		if (said.length > 0) announce(said.join(' '))
	}, [session, selfId, announce])
}

/** Draws the board and stores it as the session snapshot's thumbnail; failures change nothing. */
async function attachThumbnail(editor: Editor, snapshotId: string): Promise<void> {
	try {
		const png = await renderThumbnail(editor)
		if (png) await uploadSnapshotThumbnail(snapshotId, png)
	} catch {
		// The snapshot is kept without a picture.
	}
}
