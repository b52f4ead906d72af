import type { Recognition } from '@circlespace/shared/recognition/recognitionApi.ts'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { type Editor, type TLShapeId, useValue } from 'tldraw'
import { noteAuthorOf } from '../board/noteAuthor.ts'
import { RecogniseDialog } from './RecogniseDialog.tsx'
import { RecognitionsDialog } from './RecognitionsDialog.tsx'
import { getBoardRecognitions } from './recognitionApi.ts'
import './recognition.css'

// Others' new thanks show without a reload this soon (the board's own changes travel live;
// recognitions are few and not worth a message on every socket).
const REFRESH_MS = 30_000

/** Where, over the canvas, something about one note is drawn (viewport pixels). */
interface NoteSpot {
	shapeId: TLShapeId
	left: number
	top: number
	right: number
}

/**
 * Recognition on a board, drawn over the canvas: a "Recognise…" button above a selected note
 * that someone else wrote, and a small "Thanks" mark on each note that has been recognised,
 * opening what people said. The board's recognitions are read when it opens, every half
 * minute, and after one is given or withdrawn.
 */
export function RecognitionLayer({
	editor,
	boardId,
	selfId,
}: {
	editor: Editor | null
	boardId: string
	selfId: string
}) {
	const [recognitions, setRecognitions] = useState<Recognition[]>([])
	const [giving, setGiving] = useState<{ shapeId: TLShapeId; authorName: string; excerpt: string } | null>(
		null,
	)
	const [shown, setShown] = useState<string | null>(null)

	const load = useCallback(
		(signal?: AbortSignal) =>
			getBoardRecognitions(boardId, signal).then(
				(page) => setRecognitions(page.recognitions),
				// A failed refresh keeps what is shown; the next one may succeed.
				() => {},
			),
		[boardId],
	)
	useEffect(() => {
		const controller = new AbortController()
		load(controller.signal)
		const timer = window.setInterval(() => {
			if (document.visibilityState === 'visible') load(controller.signal)
		}, REFRESH_MS)
		return () => {
			controller.abort()
			window.clearInterval(timer)
		}
	}, [load])

	const byNote = useMemo(() => {
		const notes = new Map<string, Recognition[]>()
		for (const recognition of recognitions) {
			if (recognition.subject.kind !== 'note') continue
			const list = notes.get(recognition.subject.shapeId) ?? []
			list.push(recognition)
			notes.set(recognition.subject.shapeId, list)
		}
		return notes
	}, [recognitions])

	const marks = useValue('recognised notes', () => {
		if (!editor) return []
		const spots: NoteSpot[] = []
		for (const shapeId of byNote.keys()) {
			const spot = spotOf(editor, shapeId as TLShapeId)
			if (spot) spots.push(spot)
		}
		return spots
	}, [editor, byNote])

	const selected = useValue('selected note of someone else', () => {
		if (!editor || editor.getEditingShapeId() !== null) return null
		const shape = editor.getOnlySelectedShape()
		if (shape?.type !== 'note') return null
		const author = noteAuthorOf(shape)
		if (!author || author.id === selfId) return null
		const spot = spotOf(editor, shape.id)
		return spot ? { spot, authorName: author.name } : null
	}, [editor, selfId])

	const shownList = shown ? byNote.get(shown) : undefined
	return (
		// Keys pressed on these buttons and in their dialogs are not the canvas's shortcuts (Enter
		// would start editing the selected note); tldraw listens for them on the document.
		// biome-ignore lint/a11y/noStaticElementInteractions: only stops keys from reaching tldraw
		<div className="cs-recognition-layer" onKeyDown={(event) => event.stopPropagation()}>
			{marks.map((spot) => {
				const list = byNote.get(spot.shapeId) ?? []
				const name = list[0]?.recipient.displayName ?? ''
				return (
					<button
						key={spot.shapeId}
						type="button"
						className="cs-recognition-mark"
						style={{ left: spot.right, top: spot.top }}
						aria-label={`Thanks given for ${name}’s note`}
						title="See the thanks given for this note"
						onClick={() => setShown(spot.shapeId)}
					>
						<svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
							<path
								d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10Z"
								fill="currentColor"
							/>
						</svg>
						Thanks
					</button>
				)
			})}
			{selected && (
				<button
					type="button"
					className="cs-button cs-button-small cs-recognise-button"
					style={{ left: selected.spot.left, top: selected.spot.top }}
					onClick={() => {
						const shape = editor?.getShape(selected.spot.shapeId)
						const excerpt = shape && editor ? noteText(editor, shape.id) : ''
						setGiving({ shapeId: selected.spot.shapeId, authorName: selected.authorName, excerpt })
					}}
				>
					Recognise…
				</button>
			)}
			{giving && (
				<RecogniseDialog
					contribution={{ kind: 'note', boardId, ...giving }}
					onClose={() => setGiving(null)}
					onGiven={(recognition) => {
						setRecognitions((previous) => [...previous, recognition])
						load()
					}}
				/>
			)}
			{shownList && shownList.length > 0 && (
				<RecognitionsDialog
					recognitions={shownList}
					selfId={selfId}
					onClose={() => setShown(null)}
					onWithdrawn={(id) => {
						setRecognitions((previous) => previous.filter((recognition) => recognition.id !== id))
						load()
					}}
				/>
			)}
		</div>
	)
}

/** Where a note of the current page is on screen, or null (another page, or not a note). */
function spotOf(editor: Editor, shapeId: TLShapeId): NoteSpot | null {
	const shape = editor.getShape(shapeId)
	if (shape?.type !== 'note') return null
	if (editor.getAncestorPageId(shape) !== editor.getCurrentPageId()) return null
	const bounds = editor.getShapePageBounds(shape)
	if (!bounds) return null
	const topLeft = editor.pageToViewport({ x: bounds.minX, y: bounds.minY })
	const topRight = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY })
	return { shapeId, left: topLeft.x, top: topLeft.y, right: topRight.x }
}

/** The note's text as the reader sees it, on one line. */
function noteText(editor: Editor, shapeId: TLShapeId): string {
	const shape = editor.getShape(shapeId)
	if (!shape) return ''
	const text = editor.getShapeUtil(shape).getText(shape) ?? ''
	return text.replace(/\s+/g, ' ').trim().slice(0, 140)
}
