import type { TLRecord, TLShape } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYjs } from './bindStoreToYjs.ts'
import { createBoardStore, docRecordIds, exchange, geoShape } from './testing.ts'
import { RECORDS_MAP } from './yjsLayout.ts'

// One store, several docs (`accepts`): a board's doc and a private layer, each holding the
// records of one audience, as the web app binds them (client/src/board/audience/).

const isPrivate = (record: TLRecord) =>
	record.typeName === 'shape' && (record as TLShape).meta.audience === 'me'

function layered() {
	const store = createBoardStore()
	const board = new Y.Doc()
	const layer = new Y.Doc()
	const boardBinding = bindStoreToYjs(store, board, { accepts: (record) => !isPrivate(record) })
	const layerBinding = bindStoreToYjs(store, layer, { accepts: isPrivate })
	return { store, board, layer, boardBinding, layerBinding }
}

describe('bindStoreToYjs with accepts (one store, several docs)', () => {
	it('writes each record to the doc that accepts it, and nothing private to the board', () => {
		const { store, board, layer } = layered()
		store.put([geoShape('open'), geoShape('mine', { meta: { audience: 'me' } })])
		expect(docRecordIds(board)).toContain('shape:open')
		expect(docRecordIds(board)).not.toContain('shape:mine')
		expect(docRecordIds(layer)).toEqual(['shape:mine'])
	})

	it('moves a record between docs when it changes audience, both ways', () => {
		const { store, board, layer } = layered()
		store.put([geoShape('note')])
		store.update(geoShape('note').id, (shape) => ({ ...shape, meta: { audience: 'me' } }))
		expect(docRecordIds(board)).not.toContain('shape:note')
		expect(docRecordIds(layer)).toEqual(['shape:note'])
		store.update(geoShape('note').id, (shape) => ({ ...shape, meta: {} }))
		expect(docRecordIds(board)).toContain('shape:note')
		expect(docRecordIds(layer)).toEqual([])
	})

	it('keeps a record moved to the board by someone else, whichever doc’s change arrives first', () => {
		for (const order of ['board first', 'layer first'] as const) {
			const { store, board, layer } = layered()
			store.put([geoShape('idea', { meta: { audience: 'me' } })])
			// The server (a reveal) writes the note into the board and deletes it from the layer.
			const serverBoard = new Y.Doc()
			const serverLayer = new Y.Doc()
			exchange(board, serverBoard)
			exchange(layer, serverLayer)
			serverBoard.getMap<string>(RECORDS_MAP).set('shape:idea', JSON.stringify(geoShape('idea')))
			serverLayer.getMap<string>(RECORDS_MAP).delete('shape:idea')
			if (order === 'board first') {
				exchange(serverBoard, board)
				exchange(serverLayer, layer)
			} else {
				exchange(serverLayer, layer)
				exchange(serverBoard, board)
			}
			expect(store.get(geoShape('idea').id)?.meta, order).toEqual({})
		}
	})

	it('takes from a doc only what it accepts, and a fresh layer does not take the board’s records', () => {
		const store = createBoardStore()
		const board = new Y.Doc()
		bindStoreToYjs(store, board, { accepts: (record) => !isPrivate(record) })
		store.put([geoShape('open')])
		const layer = new Y.Doc()
		// Someone wrote a record that is not the layer's into it: it is not taken.
		layer.getMap<string>(RECORDS_MAP).set('shape:stray', JSON.stringify(geoShape('stray')))
		bindStoreToYjs(store, layer, { accepts: isPrivate })
		expect(store.get(geoShape('stray').id)).toBeUndefined()
		// Binding the layer did not remove the board's records from the store.
		expect(store.get(geoShape('open').id)).toBeDefined()
		expect(docRecordIds(layer)).toEqual(['shape:stray'])
	})
})
