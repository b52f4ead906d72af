import { createShapeId } from '@tldraw/tlschema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYjs } from './bindStoreToYjs.ts'
import { createBoardStore, exchange, geoShape } from './testing.ts'
import { RECORDS_MAP } from './yjsLayout.ts'

/**
 * Under vitest tldraw hands store changes to listeners synchronously; in a browser it waits
 * for the next animation frame. These tests restore the browser timing with frames the test
 * runs by hand, to cover what can happen in between.
 */
type FrameGlobals = {
	__FORCE_RAF_IN_TESTS__?: boolean
	requestAnimationFrame?: (callback: () => void) => number
	cancelAnimationFrame?: (handle: number) => void
}
const globals = globalThis as FrameGlobals
let pendingFrames = new Map<number, () => void>()
let nextHandle = 1

function runFrames(): void {
	// tldraw may need two frames (it waits out a minimum frame time), so run until idle.
	for (let i = 0; i < 10 && pendingFrames.size > 0; i++) {
		const frame = [...pendingFrames.values()]
		pendingFrames = new Map()
		for (const callback of frame) callback()
	}
}

beforeEach(() => {
	globals.__FORCE_RAF_IN_TESTS__ = true
	globals.requestAnimationFrame = (callback) => {
		pendingFrames.set(nextHandle, callback)
		return nextHandle++
	}
	globals.cancelAnimationFrame = (handle) => pendingFrames.delete(handle)
})

afterEach(() => {
	runFrames()
	delete globals.__FORCE_RAF_IN_TESTS__
	delete globals.requestAnimationFrame
	delete globals.cancelAnimationFrame
})

describe('bindStoreToYjs with browser frame timing', () => {
	it('keeps the store and the doc in agreement when a remote edit lands before a local one is sent', () => {
		const docA = new Y.Doc()
		const docB = new Y.Doc()
		const storeB = createBoardStore()
		const shape = geoShape('contested')
		storeB.put([shape])
		bindStoreToYjs(storeB, docB)
		exchange(docB, docA)

		storeB.update(shape.id, (s) => ({ ...s, x: 111 }))
		const remote = { ...shape, y: 222 }
		docA.getMap(RECORDS_MAP).set(shape.id, JSON.stringify(remote))
		exchange(docA, docB)
		runFrames()

		const inDoc = JSON.parse(docB.getMap<string>(RECORDS_MAP).get(shape.id) ?? 'null')
		expect(inDoc).toEqual(storeB.get(shape.id))
		exchange(docA, docB)
		expect(docA.getMap<string>(RECORDS_MAP).get(shape.id)).toEqual(
			docB.getMap<string>(RECORDS_MAP).get(shape.id),
		)
	})

	it('sends a change made just before dispose, and nothing after', () => {
		const doc = new Y.Doc()
		const store = createBoardStore()
		const binding = bindStoreToYjs(store, doc)
		store.put([geoShape('last-edit')])
		binding.dispose()
		store.put([geoShape('after-dispose')])
		runFrames()
		const ids = [...doc.getMap(RECORDS_MAP).keys()]
		expect(ids).toContain(createShapeId('last-edit'))
		expect(ids).not.toContain(createShapeId('after-dispose'))
	})
})
