import {
	CameraRecordType,
	createShapeId,
	createUserId,
	type TLShapeId,
	UserRecordType,
} from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToYjs } from './bindStoreToYjs.ts'
import earlyV2Alpha from './fixtures/early-v2-alpha.json' with { type: 'json' }
import { readRecords } from './readRecords.ts'
import { readStoredSchema } from './readStoredSchema.ts'
import { createBoardStore, docRecordIds, documentRecords, exchange, geoShape, PAGE_ID } from './testing.ts'
import { META_MAP, RECORDS_MAP, SCHEMA_KEY } from './yjsLayout.ts'

/** Two peers, each a store bound to its own doc; the first one seeds the board. */
function twoPeers() {
	const docA = new Y.Doc()
	const docB = new Y.Doc()
	const storeA = createBoardStore()
	const storeB = createBoardStore('empty')
	const bindingA = bindStoreToYjs(storeA, docA)
	exchange(docA, docB)
	const bindingB = bindStoreToYjs(storeB, docB)
	return { docA, docB, storeA, storeB, bindingA, bindingB }
}

function countUpdates(doc: Y.Doc): { readonly count: number } {
	const counter = { count: 0 }
	doc.on('update', () => counter.count++)
	return counter
}

/** A doc as a client with `schema` would have left it, holding `records`. */
function docWith(records: { id: string }[], schema: unknown): Y.Doc {
	const doc = new Y.Doc()
	doc.transact(() => {
		for (const record of records) doc.getMap(RECORDS_MAP).set(record.id, JSON.stringify(record))
		doc.getMap(META_MAP).set(SCHEMA_KEY, JSON.stringify(schema))
	})
	return doc
}

describe('bindStoreToYjs', () => {
	it('makes two stores on two docs converge when they exchange updates', () => {
		const { docA, docB, storeA, storeB } = twoPeers()
		expect(documentRecords(storeB)).toEqual(documentRecords(storeA))

		storeA.put([geoShape('one'), geoShape('two')])
		exchange(docA, docB)
		expect(storeB.get(createShapeId('one'))).toEqual(geoShape('one'))

		storeB.update(createShapeId('one'), (shape) => ({ ...shape, x: 50 }))
		exchange(docA, docB)
		expect(storeA.get(createShapeId('one'))?.x).toBe(50)

		storeA.remove([createShapeId('two')])
		exchange(docA, docB)
		expect(storeB.has(createShapeId('two'))).toBe(false)
		expect(documentRecords(storeB)).toEqual(documentRecords(storeA))
	})

	it('converges after concurrent edits made on both sides before exchanging', () => {
		const { docA, docB, storeA, storeB } = twoPeers()
		storeA.put([geoShape('shared'), geoShape('doomed')])
		exchange(docA, docB)

		storeA.update(createShapeId('shared'), (shape) => ({ ...shape, x: 10 }))
		storeB.update(createShapeId('shared'), (shape) => ({ ...shape, y: 20 }))
		storeA.put([geoShape('from-a')])
		storeB.put([geoShape('from-b')])
		storeA.remove([createShapeId('doomed')])
		storeB.update(createShapeId('doomed'), (shape) => ({ ...shape, rotation: 1 }))
		exchange(docA, docB)

		expect(documentRecords(storeA)).toEqual(documentRecords(storeB))
		expect(storeA.has(createShapeId('from-a')) && storeA.has(createShapeId('from-b'))).toBe(true)
		const docView = Object.fromEntries(readRecords(docA).records.map((record) => [record.id, record]))
		expect(docView).toEqual(documentRecords(storeA))
	})

	it('writes one local change as exactly one Y transaction', () => {
		const doc = new Y.Doc()
		const store = createBoardStore()
		bindStoreToYjs(store, doc)
		const updates = countUpdates(doc)

		store.put([geoShape('a'), geoShape('b'), geoShape('c')])
		expect(updates.count).toBe(1)
		expect(docRecordIds(doc)).toContain(createShapeId('c'))

		store.remove([createShapeId('a'), createShapeId('b')])
		expect(updates.count).toBe(2)
	})

	it('delivers remote changes as remote-source changes, invisible to user-change listeners', () => {
		const { docA, docB, storeA, storeB } = twoPeers()
		const userChanges: unknown[] = []
		const remoteChanges: string[] = []
		storeB.listen((entry) => userChanges.push(entry), { source: 'user' })
		storeB.listen((entry) => remoteChanges.push(...Object.keys(entry.changes.added)), { source: 'remote' })

		storeA.put([geoShape('remote')])
		exchange(docA, docB)

		expect(storeB.has(createShapeId('remote'))).toBe(true)
		expect(remoteChanges).toContain(createShapeId('remote'))
		expect(userChanges).toEqual([])
	})

	it('skips and reports invalid records in the doc and loads the others', () => {
		const { docA, storeA } = twoPeers()
		const valid = geoShape('valid')
		storeA.put([valid])
		const badProps = geoShape('bad-props', { props: { w: -5 } as never })
		docA.transact(() => {
			const records = docA.getMap(RECORDS_MAP)
			records.set(badProps.id, JSON.stringify(badProps))
			records.set('widget:x', JSON.stringify({ id: 'widget:x', typeName: 'widget' }))
			records.set('shape:garbage', '{"id": "shape:garb')
		})

		const store = createBoardStore('empty')
		const problems: { id: string; reason: string }[] = []
		bindStoreToYjs(store, docA, { onInvalidRecord: (problem) => problems.push(problem) })

		expect(store.get(valid.id)).toEqual(valid)
		expect(problems.map((problem) => problem.id).sort()).toEqual([badProps.id, 'shape:garbage', 'widget:x'])
		expect(store.has(badProps.id)).toBe(false)
	})

	it('skips and reports an invalid record arriving while bound, without throwing', () => {
		const { docA, docB, storeB } = twoPeers()
		const problems: string[] = []
		const docC = new Y.Doc()
		exchange(docB, docC)
		const storeC = createBoardStore('empty')
		bindStoreToYjs(storeC, docC, { onInvalidRecord: (problem) => problems.push(problem.id) })

		const bad = geoShape('bad', { props: { geo: 'hexagram' } as never })
		docA.getMap(RECORDS_MAP).set(bad.id, JSON.stringify(bad))
		docA.getMap(RECORDS_MAP).set(geoShape('good').id, JSON.stringify(geoShape('good')))
		expect(() => {
			exchange(docA, docB)
			exchange(docB, docC)
		}).not.toThrow()

		expect(problems).toEqual([bad.id])
		expect(storeC.has(geoShape('good').id)).toBe(true)
		expect(storeB.has(bad.id)).toBe(false)
	})

	describe('schema', () => {
		it('stores the schema with the first records written to an empty doc', () => {
			const doc = new Y.Doc()
			const store = createBoardStore()
			bindStoreToYjs(store, doc)
			expect(readStoredSchema(doc)).toEqual(store.schema.serialize())
			expect(docRecordIds(doc)).toEqual([PAGE_ID, 'document:document'].sort())
		})

		for (const [what, bump] of [
			[
				'a higher version of a sequence',
				(s: Record<string, number>) => ({
					...s,
					'com.tldraw.shape.geo': (s['com.tldraw.shape.geo'] ?? 0) + 1,
				}),
			],
			[
				'a sequence this client lacks',
				(s: Record<string, number>) => ({ ...s, 'com.example.future-shape': 3 }),
			],
		] as const) {
			it(`opens a doc written with a newer schema (${what}) read-only and never writes to it`, () => {
				const writer = createBoardStore()
				const shape = geoShape('from-the-future')
				writer.put([shape])
				const newer = { schemaVersion: 2, sequences: bump(writer.schema.serialize().sequences) }
				const doc = docWith(Object.values(documentRecords(writer)), newer)
				const updates = countUpdates(doc)

				const store = createBoardStore()
				const binding = bindStoreToYjs(store, doc)
				expect(binding.status).toEqual({ mode: 'readonly', reason: 'newer-schema' })
				expect(store.get(shape.id)).toEqual(shape)

				store.put([geoShape('local-only')])
				store.remove([shape.id])
				expect(updates.count).toBe(0)
				expect(readStoredSchema(doc)).toEqual(newer)
			})
		}

		it('turns read-only when a newer client rewrites the schema while bound', () => {
			const { docA, docB, storeB } = twoPeers()
			const statuses: unknown[] = []
			const docC = new Y.Doc()
			exchange(docB, docC)
			const binding = bindStoreToYjs(createBoardStore('empty'), docC, {
				onStatusChange: (s) => statuses.push(s),
			})
			const sequences = { ...storeB.schema.serialize().sequences, 'com.example.future-shape': 1 }
			docA.getMap(META_MAP).set(SCHEMA_KEY, JSON.stringify({ schemaVersion: 2, sequences }))
			exchange(docA, docB)
			exchange(docB, docC)
			expect(binding.status.mode).toBe('readonly')
			expect(statuses).toEqual([{ mode: 'readonly', reason: 'newer-schema' }])
		})

		it('migrates a doc written with an older schema forward, in one transaction', () => {
			// A real file from tldraw's early v2 alpha: schemaVersion 1 with recordVersions.
			const doc = docWith(earlyV2Alpha.records, earlyV2Alpha.schema)
			const updates = countUpdates(doc)
			const problems: unknown[] = []

			const store = createBoardStore('empty')
			const binding = bindStoreToYjs(store, doc, { onInvalidRecord: (problem) => problems.push(problem) })

			expect(binding.status).toEqual({ mode: 'editable' })
			expect(updates.count).toBe(1)
			expect(readStoredSchema(doc)).toEqual(store.schema.serialize())
			// Old session records and the removed user/user_document/user_presence types are gone.
			expect(docRecordIds(doc)).toEqual([
				'document:document',
				'page:YVYGLtbdStqZyqN6qFdW4',
				'shape:UTr2Q7s0LckQGV62gL6vz',
			])
			const drawing = store.get('shape:UTr2Q7s0LckQGV62gL6vz' as TLShapeId)
			expect(drawing).toMatchObject({ type: 'draw', props: { scale: 1 } })
			expect(problems).toEqual([])

			// Once migrated, a second client finds nothing to migrate and writes nothing.
			const again = countUpdates(doc)
			bindStoreToYjs(createBoardStore('empty'), doc)
			expect(again.count).toBe(0)
		})
	})

	it('never writes tldraw user records to the doc, and ignores any found there', () => {
		const doc = new Y.Doc()
		const store = createBoardStore()
		const alice = UserRecordType.create({ id: createUserId('alice'), name: 'Alice' })
		store.put([alice])
		bindStoreToYjs(store, doc)
		store.put([UserRecordType.create({ id: createUserId('bob'), name: 'Bob' })])
		store.update(alice.id, (user) => ({ ...user, name: 'Alice B.' }))
		expect(docRecordIds(doc).filter((id) => id.startsWith('user:'))).toEqual([])

		const stranger = UserRecordType.create({ id: createUserId('stranger'), name: 'Stranger' })
		doc.getMap(RECORDS_MAP).set(stranger.id, JSON.stringify(stranger))
		const problems: unknown[] = []
		const other = createBoardStore('empty')
		bindStoreToYjs(other, doc, { onInvalidRecord: (problem) => problems.push(problem) })
		expect(other.has(stranger.id)).toBe(false)
		expect(problems).toEqual([])
		// The doc winning on bind leaves the store's own user records alone.
		expect(store.has(alice.id)).toBe(true)
	})

	it('never writes session records such as cameras and the instance to the doc', () => {
		const doc = new Y.Doc()
		const store = createBoardStore()
		bindStoreToYjs(store, doc)
		// Merging anything runs tldraw's integrity checker, which adds instance, page state, camera, pointer.
		store.mergeRemoteChanges(() => {})
		const cameraId = CameraRecordType.createId(PAGE_ID)
		expect(store.has(cameraId)).toBe(true)
		const updates = countUpdates(doc)
		store.update(cameraId, (camera) => ({ ...camera, x: 300, z: 2 }))
		store.update(
			'instance:instance' as never,
			(instance: never) => ({ ...(instance as object), isFocusMode: true }) as never,
		)
		expect(updates.count).toBe(0)
		expect(docRecordIds(doc)).toEqual([PAGE_ID, 'document:document'].sort())
	})

	it('replaces the store’s document records with the doc’s when the doc is not empty', () => {
		const { docA, storeA } = twoPeers()
		storeA.put([geoShape('on-the-board')])
		const store = createBoardStore()
		store.put([geoShape('only-local')])
		const updates = countUpdates(docA)
		bindStoreToYjs(store, docA)
		expect(documentRecords(store)).toEqual(documentRecords(storeA))
		expect(updates.count).toBe(0)
	})

	it('stops both directions on dispose', () => {
		const { docA, docB, storeA, storeB, bindingB } = twoPeers()
		bindingB.dispose()
		storeB.put([geoShape('after-dispose')])
		expect(docRecordIds(docB)).not.toContain(createShapeId('after-dispose'))
		storeA.put([geoShape('remote-after-dispose')])
		exchange(docA, docB)
		expect(docRecordIds(docB)).toContain(createShapeId('remote-after-dispose'))
		expect(storeB.has(createShapeId('remote-after-dispose'))).toBe(false)
	})
})
