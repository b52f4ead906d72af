import { META_MAP, RECORDS_MAP } from '@circlespace/shared'
import * as Y from 'yjs'

/** A board's content as a template keeps it. */
export interface ContentCopy {
	/** A Yjs update (V2) of a fresh doc holding only the content: no history, no tombstones. */
	state: Uint8Array
	shapeCount: number
}

/** The origin of the transaction that writes a template's content into a new board. */
export const templateOrigin = { server: 'board-template' }

/** Copies every string value of `from`'s records and metadata maps into `to`, in one transaction. */
function copyMaps(from: Y.Doc, to: Y.Doc, origin: unknown): number {
	let shapeCount = 0
	to.transact(() => {
		for (const name of [RECORDS_MAP, META_MAP]) {
			const target = to.getMap<string>(name)
			from.getMap<unknown>(name).forEach((value, key) => {
				// Anything but a string was not written by the binding; it is left behind.
				if (typeof value !== 'string') return
				target.set(key, value)
				if (name === RECORDS_MAP && key.startsWith('shape:')) shapeCount++
			})
		}
	}, origin)
	return shapeCount
}

/**
 * Copies a board's content as it is now, record strings byte for byte, into a doc that never held
 * anything else, and encodes that: the copy carries none of the board's history (deleted shapes,
 * who wrote what). Synchronous, so it is one moment of a live board. No tldraw code is needed: the
 * records are carried as the clients wrote them, with the schema they were written with.
 */
export function copyBoardContent(doc: Y.Doc): ContentCopy {
	const copy = new Y.Doc()
	const shapeCount = copyMaps(doc, copy, null)
	const state = Y.encodeStateAsUpdateV2(copy)
	copy.destroy()
	return { state, shapeCount }
}

/**
 * Writes a template's content into a (new, empty) board's doc, as that doc's own edit: the board's
 * items are its room's, not shared with every other board started from the same template.
 */
export function writeTemplateContent(state: Uint8Array, doc: Y.Doc): void {
	const template = new Y.Doc()
	Y.applyUpdateV2(template, state)
	copyMaps(template, doc, templateOrigin)
	template.destroy()
}
