import type { Board } from '@circlespace/shared'
import type { PrivateMode } from '@circlespace/shared/audience/index.ts'
import { useEffect, useRef, useState } from 'react'
import type { TLShape, TLStoreWithStatus } from 'tldraw'
import {
	AUDIENCE_META_KEY,
	audienceOf,
	type NoteAudience,
	PRIVATE_MODE_META_KEY,
	withAudience,
} from './noteAudience.ts'
import { type LayerState, openNoteLayer } from './noteLayers.ts'

/** One audience a person may choose for their notes, as the control offers it. */
export interface AudienceChoice {
	value: NoteAudience
	label: string
	/** False while its layer is not connected (the choice would not be kept). */
	available: boolean
}

/** What the board page needs of note audiences. */
export interface NoteAudienceState {
	/** Who the person's new notes are for. */
	choice: NoteAudience
	setChoice: (audience: NoteAudience) => void
	/** The audiences offered on this board, narrowest first. */
	choices: AudienceChoice[]
	/** The board's running private mode, or null. */
	privateMode: PrivateMode | null
	/** How many notes the last reveal brought onto the board, while it is worth saying. */
	revealed: number | null
	layers: { me: LayerState; circle: LayerState }
}

/**
 * Whether the board is seen beyond its circle: only then is "my circle" a layer of its own. On
 * a board only its circle sees, the circle's notes are the board's own (searchable, in
 * snapshots); opening the board to the tribe later takes them along, as it takes all its content.
 */
export function seenBeyondItsCircle(board: Board): boolean {
	return board.visibility !== 'circle' || (board.sharedWith?.length ?? 0) > 0
}

/** What "everyone who sees the board" is called on this board. */
export function boardAudienceLabel(board: Board): string {
	if (board.visibility === 'tribe') return 'The tribe'
	if (board.visibility === 'instance') return 'Everyone here'
	return (board.sharedWith?.length ?? 0) > 0 ? 'All circles of this board' : 'My circle'
}

/**
 * Joins the board's note layers (the person's own, and their circle's when the board is seen
 * beyond it), hears the board's private mode, and stamps each note the person creates with the
 * audience they chose (in private mode: for themselves, marked with the mode). A copy of a note
 * keeps the audience of the note it was copied from.
 */
export function useNoteAudience(
	storeWithStatus: TLStoreWithStatus,
	boardId: string,
	board: Board | null,
): NoteAudienceState {
	// The layers join once the board's own doc is bound (its pages are there for their notes).
	const store = 'store' in storeWithStatus ? (storeWithStatus.store ?? null) : null
	const wide = board ? seenBeyondItsCircle(board) : false
	const [layers, setLayers] = useState<{ me: LayerState; circle: LayerState }>({ me: 'off', circle: 'off' })
	const [privateMode, setPrivateMode] = useState<PrivateMode | null>(null)
	const [revealed, setRevealed] = useState<number | null>(null)
	const [choice, setChoice] = useState<NoteAudience>('board')
	const stamp = useRef({ choice, privateMode })
	stamp.current = { choice, privateMode }

	useEffect(() => {
		if (!store) return
		const stopMe = openNoteLayer(
			store,
			boardId,
			'me',
			(state) => setLayers((previous) => ({ ...previous, me: state })),
			(message) => {
				setPrivateMode(message.privateMode)
				if (message.revealed !== undefined) setRevealed(message.revealed)
				else if (message.privateMode) setRevealed(null)
			},
		)
		const stopCircle = wide
			? openNoteLayer(store, boardId, 'circle', (state) =>
					setLayers((previous) => ({ ...previous, circle: state })),
				)
			: () => undefined
		return () => {
			stopMe()
			stopCircle()
			setLayers({ me: 'off', circle: 'off' })
		}
	}, [store, boardId, wide])

	useEffect(() => {
		if (!store) return
		return store.sideEffects.registerBeforeCreateHandler('shape', (shape: TLShape, source) => {
			if (source !== 'user' || shape.type !== 'note') return shape
			const { choice: chosen, privateMode: mode } = stamp.current
			if (mode) {
				return {
					...shape,
					meta: { ...shape.meta, [AUDIENCE_META_KEY]: 'me', [PRIVATE_MODE_META_KEY]: mode.id },
				}
			}
			if (AUDIENCE_META_KEY in shape.meta) return shape
			return withAudience(shape, chosen)
		})
	}, [store])

	const choices: AudienceChoice[] = [{ value: 'me', label: 'Only me', available: layers.me === 'live' }]
	if (board && wide && layers.circle !== 'refused' && layers.circle !== 'off') {
		choices.push({ value: 'circle', label: 'My circle', available: layers.circle === 'live' })
	}
	if (board) choices.push({ value: 'board', label: boardAudienceLabel(board), available: true })
	return { choice, setChoice, choices, privateMode, revealed, layers }
}

/** The audience of the notes among `shapes`: one audience, 'mixed', or null when there are none. */
export function audienceOfNotes(shapes: readonly TLShape[]): NoteAudience | 'mixed' | null {
	const audiences = new Set(shapes.filter((shape) => shape.type === 'note').map((shape) => audienceOf(shape)))
	if (audiences.size === 0) return null
	return audiences.size === 1 ? ([...audiences][0] as NoteAudience) : 'mixed'
}
