import { type NoteVotes, noteVotesOf } from '@circlespace/shared'
import { type KeyboardEvent, useContext, useState } from 'react'
import { type Editor, type TLShapeId, useEditor, useValue } from 'tldraw'
import { messageOf } from '../api/http.ts'
import { useVotes } from './useVotes.ts'
import { VotingContext } from './VotingContext.ts'
import { castDot, takeBackDot } from './voteApi.ts'

/** Most notes the layer draws at once (those in view): a huge board stays responsive. */
const MAX_NOTES = 300

/** A note in view, where it is on the screen (container coordinates). */
interface NoteInView {
	id: TLShapeId
	text: string
	left: number
	top: number
	width: number
	height: number
	votes: NoteVotes | undefined
}

/** The notes of the current page that are in view, with their place on the screen. */
function notesInView(editor: Editor): NoteInView[] {
	const viewport = editor.getViewportPageBounds()
	const zoom = editor.getZoomLevel()
	const notes: NoteInView[] = []
	for (const shape of editor.getCurrentPageShapesSorted()) {
		if (shape.type !== 'note') continue
		const bounds = editor.getShapePageBounds(shape)
		if (!bounds?.collides(viewport)) continue
		const corner = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
		notes.push({
			id: shape.id,
			text: (editor.getShapeUtil(shape).getText(shape) ?? '').trim(),
			left: corner.x,
			top: corner.y,
			width: bounds.width * zoom,
			height: bounds.height * zoom,
			votes: noteVotesOf(shape.meta),
		})
		if (notes.length >= MAX_NOTES) break
	}
	return notes
}

/** A note's words for a label, cut short. */
function labelOf(text: string): string {
	if (!text) return 'an empty note'
	return `“${text.length > 60 ? `${text.slice(0, 57)}…` : text}”`
}

/**
 * Over the canvas (tldraw's `InFrontOfTheCanvas` slot): while a vote runs, each note in view is
 * a button that puts one's dot on it or takes it back (Tab reaches them, Enter or Space presses);
 * otherwise, the dots each note got in the last vote, as a badge in its corner.
 */
export function VoteLayer() {
	const voting = useContext(VotingContext)
	const editor = useEditor()
	const state = useVotes(voting?.channel)
	const notes = useValue('notes in view', () => notesInView(editor), [editor])
	const [pending, setPending] = useState<ReadonlySet<string>>(new Set())
	if (!voting) return null
	const vote = state.vote
	const running = vote !== null && vote.endedAt === null

	if (running) {
		if (!voting.canVote) return null
		const mine = new Set(state.mine?.shapeIds ?? [])
		const left = state.mine?.left ?? vote.dotsPerPerson
		async function toggle(id: string, placed: boolean) {
			if (!voting || pending.has(id)) return
			setPending((now) => new Set(now).add(id))
			try {
				const answer = placed ? await takeBackDot(voting.boardId, id) : await castDot(voting.boardId, id)
				voting.channel?.acceptMine(answer)
				voting.channel?.report(null)
			} catch (error) {
				voting.channel?.report(messageOf(error))
			} finally {
				setPending((now) => {
					const next = new Set(now)
					next.delete(id)
					return next
				})
			}
		}
		return (
			// Keys pressed on these buttons are theirs, not the canvas's shortcuts.
			<fieldset
				className="cs-vote-layer"
				aria-label="Vote on the notes"
				onKeyDown={(event: KeyboardEvent) => event.stopPropagation()}
			>
				{notes.map((note) => {
					const placed = mine.has(note.id)
					return (
						<button
							key={note.id}
							type="button"
							className={placed ? 'cs-vote-target cs-vote-target-mine' : 'cs-vote-target'}
							style={{ left: note.left, top: note.top, width: note.width, height: note.height }}
							aria-pressed={placed}
							aria-disabled={!placed && left === 0 ? true : undefined}
							aria-label={`${placed ? 'Your dot is on' : 'Put a dot on'} ${labelOf(note.text)}`}
							data-shape-id={note.id}
							onClick={() => void toggle(note.id, placed)}
						>
							{placed && <span className="cs-vote-dot" aria-hidden="true" />}
						</button>
					)
				})}
			</fieldset>
		)
	}

	const withVotes = notes.filter((note) => note.votes)
	if (withVotes.length === 0) return null
	return (
		// biome-ignore lint/a11y/noStaticElementInteractions: only stops keys from reaching tldraw
		<div className="cs-vote-layer" onKeyDown={(event: KeyboardEvent) => event.stopPropagation()}>
			{withVotes.map((note) => (
				<ResultBadge key={note.id} note={note} votes={note.votes as NoteVotes} />
			))}
		</div>
	)
}

/**
 * A note's total in its top right corner. A named vote's badge is a button that shows who put a
 * dot on the note (a tap on a tablet, Enter from the keyboard), so the names never cover the board.
 */
function ResultBadge({ note, votes }: { note: NoteInView; votes: NoteVotes }) {
	const [open, setOpen] = useState(false)
	const dots = `${votes.dots} dot${votes.dots === 1 ? '' : 's'}`
	const style = { left: note.left + note.width, top: note.top }
	if (!votes.voters || votes.voters.length === 0) {
		return (
			<span className="cs-vote-badge" style={style} data-shape-id={note.id}>
				<span aria-hidden="true">{votes.dots}</span>
				<span className="cs-visually-hidden">
					{labelOf(note.text)} got {dots}
				</span>
			</span>
		)
	}
	return (
		<span className="cs-vote-badge-anchor" style={style}>
			<button
				type="button"
				className="cs-vote-badge cs-vote-badge-button"
				data-shape-id={note.id}
				aria-expanded={open}
				aria-label={`${labelOf(note.text)} got ${dots}: show who voted`}
				onClick={() => setOpen((shown) => !shown)}
			>
				{votes.dots}
			</button>
			{open && (
				<span className="cs-vote-voters" role="note">
					{votes.voters.join(', ')}
				</span>
			)}
		</span>
	)
}
