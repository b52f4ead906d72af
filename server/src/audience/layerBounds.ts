import { RECORDS_MAP } from '@circlespace/shared'
import { MAX_LAYER_NOTES } from '@circlespace/shared/audience/index.ts'
import type * as Y from 'yjs'
import type { Room } from '../sync/Room.ts'

/**
 * Most records one note layer holds (a person's own notes on a board, or a circle's). A board's
 * doc is bounded by what its editors may send; a layer is bounded here too, because it is the
 * one thing on a board nobody else sees growing.
 */
export const MAX_LAYER_RECORDS = MAX_LAYER_NOTES
/** Largest record (its stored JSON) a layer keeps; a note with a long text is a few KiB. */
export const MAX_LAYER_RECORD_CHARS = 16 * 1024

const guarded = new WeakSet<Room>()
const BOUND_ORIGIN = Symbol('layer bound')

/**
 * Keeps a layer room's doc within {@link MAX_LAYER_RECORDS} and {@link MAX_LAYER_RECORD_CHARS}:
 * a change that goes past them is undone on the server at once (the records it added beyond the
 * bound, or a record too large, are deleted), and every client of the layer, its sender
 * included, receives the deletion. The web app refuses such a note before sending it.
 */
export function guardLayerDoc(room: Room): void {
	if (guarded.has(room)) return
	guarded.add(room)
	const doc = room.doc
	const records = doc.getMap<string>(RECORDS_MAP)
	records.observe((event) => {
		if (event.transaction.origin === BOUND_ORIGIN) return
		const tooLarge: string[] = []
		const added: string[] = []
		for (const [key, change] of event.changes.keys) {
			if (change.action === 'delete') continue
			const value = records.get(key)
			if (typeof value === 'string' && value.length > MAX_LAYER_RECORD_CHARS) tooLarge.push(key)
			else if (change.action === 'add') added.push(key)
		}
		const excess = Math.max(0, records.size - tooLarge.length - MAX_LAYER_RECORDS)
		const toDelete = [...tooLarge, ...added.slice(Math.max(0, added.length - excess))]
		if (toDelete.length === 0) return
		doc.transact(() => {
			for (const key of toDelete) records.delete(key)
		}, BOUND_ORIGIN)
	})
}

/** For tests: how many records a layer doc holds. */
export function layerRecordCount(doc: Y.Doc): number {
	return doc.getMap(RECORDS_MAP).size
}
