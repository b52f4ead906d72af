import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { decodeLogEntry, docFromStored, encodeLogEntry } from './storedDoc.ts'

describe('stored boards', () => {
	it('keeps a window’s updates one by one, in order, byte for byte', () => {
		const updates = [new Uint8Array([1, 2, 3]), new Uint8Array(0), new Uint8Array(300).fill(7)]
		expect(decodeLogEntry(encodeLogEntry(updates))).toEqual(updates)
	})

	it('rebuilds a board from its compacted state and the log entries after it', () => {
		const doc = new Y.Doc()
		const records = doc.getMap<string>('records')
		records.set('shape:1', 'a')
		const state = Y.encodeStateAsUpdateV2(doc)
		const later: Uint8Array[] = []
		doc.on('update', (update: Uint8Array) => later.push(update))
		records.set('shape:2', 'b')
		records.delete('shape:1')
		const rebuilt = docFromStored({
			state,
			stateCoversId: 1,
			updates: [encodeLogEntry(later.slice(0, 1)), encodeLogEntry(later.slice(1))],
			lastId: 3,
		})
		expect(rebuilt.getMap('records').toJSON()).toEqual({ 'shape:2': 'b' })
	})
})
