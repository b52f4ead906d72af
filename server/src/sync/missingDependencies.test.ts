import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { hasPending, missingDependencies } from './missingDependencies.ts'

/** A doc that records every update it emits, as a y-websocket client would send them. */
function writer(clientID?: number) {
	const doc = new Y.Doc()
	if (clientID !== undefined) doc.clientID = clientID
	const updates: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => updates.push(update))
	return { doc, updates, records: doc.getMap<string>('records') }
}

const copyOf = (doc: Y.Doc) => {
	const copy = new Y.Doc()
	Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
	return copy
}

describe('updates a stock client sends are complete', () => {
	it('accepts each incremental edit, in order', () => {
		const server = new Y.Doc()
		const alice = writer()
		for (let i = 0; i < 10; i++) alice.records.set(`shape:${i % 3}`, `{"i":${i}}`)
		for (const update of alice.updates) {
			expect(missingDependencies(server, update)).toBe(false)
			Y.applyUpdate(server, update)
			expect(hasPending(server)).toBe(false)
		}
	})

	it('accepts an edit built on another client’s edit the server already has', () => {
		const server = new Y.Doc()
		const alice = writer()
		const bob = writer()
		alice.records.set('shape:1', 'a')
		Y.applyUpdate(server, alice.updates[0] as Uint8Array)
		Y.applyUpdate(bob.doc, alice.updates[0] as Uint8Array)
		bob.records.set('shape:1', 'b')
		bob.records.delete('shape:1')
		for (const update of bob.updates) {
			expect(missingDependencies(server, update)).toBe(false)
			Y.applyUpdate(server, update)
		}
		expect(hasPending(server)).toBe(false)
	})

	it('accepts the sync step 2 of a client coming back with offline edits, deletions included', () => {
		const server = new Y.Doc()
		const alice = writer()
		for (let i = 0; i < 5; i++) alice.records.set(`shape:${i}`, 'x')
		for (const update of alice.updates) Y.applyUpdate(server, update)
		const offline = copyOf(server)
		const offlineMap = offline.getMap<string>('records')
		offlineMap.set('shape:9', 'made offline')
		offlineMap.delete('shape:0')
		offlineMap.set('shape:1', 'moved offline')
		// Meanwhile the others went on.
		alice.records.set('shape:2', 'moved online')
		Y.applyUpdate(server, alice.updates.at(-1) as Uint8Array)
		const step2 = Y.encodeStateAsUpdate(offline, Y.encodeStateVector(server))
		expect(missingDependencies(server, step2)).toBe(false)
		Y.applyUpdate(server, step2)
		expect(hasPending(server)).toBe(false)
		expect(server.getMap('records').get('shape:9')).toBe('made offline')
	})

	it('accepts an update the server has partly seen already (a resend after a reconnect)', () => {
		const server = new Y.Doc()
		const alice = writer()
		for (let i = 0; i < 6; i++) alice.records.set('shape:1', `${i}`)
		for (const update of alice.updates.slice(0, 3)) Y.applyUpdate(server, update)
		const resend = Y.mergeUpdates(alice.updates)
		expect(missingDependencies(server, resend)).toBe(false)
	})
})

describe('updates Yjs cannot fully integrate are recognised before they are applied', () => {
	it('an update starting at clock 5 of a client the board never saw', () => {
		const server = new Y.Doc()
		const mallory = writer(4242)
		for (let i = 0; i < 10; i++) mallory.records.set(`shape:${i}`, 'x')
		const fromClock5 = mallory.updates.slice(5)
		for (const update of fromClock5) expect(missingDependencies(server, update)).toBe(true)
		// What Yjs would do with it: keep it pending.
		Y.applyUpdate(server, fromClock5[0] as Uint8Array)
		expect(hasPending(server)).toBe(true)
	})

	it('a gap in the middle of a client’s clocks', () => {
		const server = new Y.Doc()
		const mallory = writer()
		for (let i = 0; i < 10; i++) mallory.records.set('shape:1', `${i}`)
		const withGap = Y.mergeUpdates([...mallory.updates.slice(0, 3), ...mallory.updates.slice(6)])
		expect(missingDependencies(server, withGap)).toBe(true)
	})

	it('an item placed after another client’s item the board does not have', () => {
		const server = new Y.Doc()
		const alice = writer()
		const bob = writer()
		alice.records.set('shape:1', 'a')
		Y.applyUpdate(bob.doc, alice.updates[0] as Uint8Array)
		bob.records.set('shape:1', 'b')
		expect(missingDependencies(server, bob.updates.at(-1) as Uint8Array)).toBe(true)
	})

	it('a deletion of clocks nobody sent', () => {
		const server = new Y.Doc()
		const carol = writer()
		const alice = writer()
		carol.records.set('shape:1', 'c')
		Y.applyUpdate(alice.doc, carol.updates[0] as Uint8Array)
		const before = Y.encodeStateVector(alice.doc)
		alice.records.delete('shape:1')
		const deletionOnly = Y.encodeStateAsUpdate(alice.doc, before)
		expect(missingDependencies(server, deletionOnly)).toBe(true)
	})
})
