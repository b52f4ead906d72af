import { readFileSync } from 'node:fs'
import { META_MAP, RECORDS_MAP, SCHEMA_KEY } from '@circlespace/shared'
import { type TLRecord, type TLShape, toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { buildTldrFile } from './buildTldrFile.ts'
import {
	addFileAsNewPage,
	BoardTooNewError,
	contentToRestore,
	fillNewBoard,
	replaceDocContent,
} from './docEdits.ts'
import { indexKeysAbove } from './indexKeys.ts'
import { parseTldrFile } from './parseTldrFile.ts'
import { docOf, makePage, makeShape, recordsOf, sampleBoard, tldraw } from './testBoards.ts'
import { currentSchema } from './tldrawSchema.ts'

const origin = { test: true }

/** The record ids each transaction on `doc` changed, collected while `run` runs. */
function changedKeys(doc: Y.Doc, run: () => void): { keys: Set<string>; transactions: number } {
	const keys = new Set<string>()
	let transactions = 0
	const onAfter = (transaction: Y.Transaction) => {
		transactions++
		for (const [type, changed] of transaction.changed) {
			if ((type as unknown) === doc.getMap(RECORDS_MAP)) for (const key of changed) if (key) keys.add(key)
		}
	}
	doc.on('afterTransaction', onAfter)
	try {
		run()
	} finally {
		doc.off('afterTransaction', onAfter)
	}
	return { keys, transactions }
}

/** Checks a doc's content the way tldraw would load it: write it out and have tldraw open it. */
function opensInTldraw(doc: Y.Doc): TLRecord[] {
	const { file, skipped } = buildTldrFile(doc)
	expect(skipped).toEqual([])
	const opened = tldraw.parseTldrawJsonFile({ json: JSON.stringify(file), schema: tldraw.createTLSchema() })
	if (!opened.ok) throw new Error(`tldraw refused the board: ${opened.error.type}`)
	// Our own reader also checks parents and binding ends.
	parseTldrFile(new TextEncoder().encode(JSON.stringify(file)))
	return opened.value.allRecords()
}

describe('restoring: the smallest change, in one transaction', () => {
	it('deletes what the snapshot lacks, sets what differs and leaves equal records untouched', () => {
		const page = makePage('Page 1', 'a1')
		const kept = makeShape('geo', 'kept', page.id, 'a1')
		const moved = makeShape('geo', 'moved', page.id, 'a2')
		const snapshot = docOf([page, kept, moved])
		const live = docOf([page, kept, { ...moved, x: 500 }, makeShape('note', 'added-later', page.id, 'a3')])

		const content = contentToRestore(snapshot, live)
		const { keys, transactions } = changedKeys(live, () => {
			expect(replaceDocContent(live, content, origin)).toEqual({ set: 1, deleted: 1, untouched: 2 })
		})
		expect(transactions).toBe(1)
		expect([...keys].sort()).toEqual(['shape:added-later', 'shape:moved'])
		expect(recordsOf(live)).toEqual(recordsOf(snapshot))
		// Restoring again changes nothing at all.
		expect(
			changedKeys(live, () => replaceDocContent(live, contentToRestore(snapshot, live), origin)).keys.size,
		).toBe(0)
	})

	it('restores a snapshot written with an older schema as current records, and the current schema', () => {
		const old = JSON.parse(readFileSync(new URL('./fixtures/early-v2-alpha.tldr', import.meta.url), 'utf8'))
		const snapshot = docOf(old.records, old.schema)
		const live = docOf(sampleBoard())
		replaceDocContent(live, contentToRestore(snapshot, live), origin)
		expect(JSON.parse(live.getMap<string>(META_MAP).get(SCHEMA_KEY) as string)).toEqual(currentSchema)
		const shapes = opensInTldraw(live).filter((r) => r.typeName === 'shape')
		expect(shapes.map((s) => s.id)).toEqual(['shape:UTr2Q7s0LckQGV62gL6vz'])
	})

	it('refuses to write a board whose records come from a newer tldraw than the server', () => {
		const newer = { ...currentSchema, sequences: { ...currentSchema.sequences, 'com.tldraw.shape.geo': 99 } }
		const live = docOf(sampleBoard(), newer)
		expect(() => contentToRestore(docOf(sampleBoard()), live)).toThrow(BoardTooNewError)
		expect(() => addFileAsNewPage(live, sampleBoard(), origin)).toThrow(BoardTooNewError)
		// Unless the snapshot was written by that same newer tldraw: then it is copied as it is.
		const snapshot = docOf(sampleBoard().slice(0, 4), newer)
		replaceDocContent(live, contentToRestore(snapshot, live), origin)
		expect(recordsOf(live)).toEqual(recordsOf(snapshot))
	})
})

describe('importing onto a board: a new page', () => {
	const board = () => {
		const first = makePage('Check-in', 'a1')
		const second = makePage('Harvest', 'a2V')
		return docOf([
			...sampleBoard().filter((r) => r.typeName === 'document'),
			first,
			second,
			makeShape('geo', 'existing', first.id, 'a1', { richText: toRichText('Already here') }),
		])
	}

	it('adds every shape of the file, with fresh ids, on one page after the last one', () => {
		const live = board()
		const before = new Map(live.getMap<string>(RECORDS_MAP).entries())
		const file = sampleBoard()
		let result: ReturnType<typeof addFileAsNewPage> | undefined
		const { transactions } = changedKeys(live, () => {
			result = addFileAsNewPage(live, file, origin)
		})
		expect(transactions).toBe(1)
		expect(result).toEqual({
			pageId: expect.stringMatching(/^page:/),
			pageName: 'Imported: Ideas',
			shapeCount: 10,
		})

		const after = recordsOf(live)
		// Nothing that was there changed.
		for (const [id, json] of before) expect(live.getMap<string>(RECORDS_MAP).get(id)).toBe(json)
		const page = after.get(result?.pageId as string) as unknown as { name: string; index: string }
		expect(page.name).toBe('Imported: Ideas')
		expect(page.index > 'a2V').toBe(true)

		const added = [...after.values()].filter((r) => !before.has(r.id))
		const fileIds = new Set<string>(file.map((r) => r.id))
		expect(added.filter((r) => fileIds.has(r.id))).toEqual([])
		expect(added.filter((r) => r.typeName === 'page')).toHaveLength(1)
		expect(added.filter((r) => r.typeName === 'shape')).toHaveLength(10)
		expect(added.filter((r) => r.typeName === 'binding')).toHaveLength(2)
		expect(added.filter((r) => r.typeName === 'asset')).toHaveLength(1)
		expect(after.size).toBe(before.size + 1 + 10 + 2 + 1)
		opensInTldraw(live)
	})

	it('keeps parents, bindings, images and the order of shapes consistent', () => {
		const live = board()
		const { pageId } = addFileAsNewPage(live, sampleBoard(), origin)
		const records = [...recordsOf(live).values()] as unknown as TLRecord[]
		const shapes = records.filter((r): r is TLShape => r.typeName === 'shape' && r.id !== 'shape:existing')
		const byText = (text: string) =>
			shapes.find((s) =>
				JSON.stringify((s.props as { richText?: unknown }).richText ?? '').includes(text),
			) as TLShape

		// Top-level shapes of both pages, page by page in the file's order, then by index.
		const topLevel = shapes
			.filter((s) => s.parentId === pageId)
			.sort((a, b) => (a.index < b.index ? -1 : 1))
			.map((s) => s.type)
		expect(topLevel).toEqual(['geo', 'note', 'frame', 'arrow', 'image', 'group', 'draw'])
		// Children follow their (renamed) parents and keep their own indexes.
		const frame = shapes.find((s) => s.type === 'frame') as TLShape
		expect(byText('Inside the frame')).toMatchObject({ parentId: frame.id, index: 'a1' })
		const group = shapes.find((s) => s.type === 'group') as TLShape
		expect([byText('One').parentId, byText('Two').parentId]).toEqual([group.id, group.id])
		// The arrow is bound to the new copies of what it pointed at.
		const arrow = shapes.find((s) => s.type === 'arrow') as TLShape
		const bindings = records.filter((r) => r.typeName === 'binding') as Array<{
			fromId: string
			toId: string
		}>
		expect(bindings.map((b) => [b.fromId, b.toId]).sort()).toEqual(
			[
				[arrow.id, byText('Trust').id],
				[arrow.id, byText('Ask someone else').id],
			].sort(),
		)
		// The image points at the new copy of its asset.
		const image = shapes.find((s) => s.type === 'image') as TLShape & { props: { assetId: string } }
		const asset = records.find((r) => r.typeName === 'asset') as TLRecord
		expect(image.props.assetId).toBe(asset.id)
	})

	it('imports the same file twice onto two pages, without a clash', () => {
		const live = board()
		const first = addFileAsNewPage(live, sampleBoard(), origin)
		const second = addFileAsNewPage(live, sampleBoard(), origin)
		expect(second.pageId).not.toBe(first.pageId)
		const pages = [...recordsOf(live).values()].filter((r) => r.typeName === 'page') as unknown as Array<{
			id: string
			index: string
		}>
		const indexOf = (id: string) => pages.find((p) => p.id === id)?.index ?? ''
		expect(indexOf(second.pageId) > indexOf(first.pageId)).toBe(true)
		expect([...recordsOf(live).values()].filter((r) => r.typeName === 'shape')).toHaveLength(1 + 10 + 10)
		opensInTldraw(live)
	})

	it('brings a board written with an older schema to the current one before adding to it', () => {
		const old = JSON.parse(readFileSync(new URL('./fixtures/early-v2-alpha.tldr', import.meta.url), 'utf8'))
		const live = docOf(old.records, old.schema)
		addFileAsNewPage(live, sampleBoard(), origin)
		expect(JSON.parse(live.getMap<string>(META_MAP).get(SCHEMA_KEY) as string)).toEqual(currentSchema)
		const opened = opensInTldraw(live)
		expect(opened.filter((r) => r.typeName === 'shape')).toHaveLength(1 + 10)
		// The old session and user records the migration removes are gone from the doc.
		expect([...recordsOf(live).values()].some((r) => r.typeName === 'user_document')).toBe(false)
	})
})

describe('a new board from a file', () => {
	it('holds the file’s records with their own ids, and the current schema', () => {
		const doc = docOf([], null)
		const file = sampleBoard()
		fillNewBoard(doc, file, origin)
		expect(recordsOf(doc)).toEqual(new Map(file.map((r) => [r.id, r])))
		expect(JSON.parse(doc.getMap<string>(META_MAP).get(SCHEMA_KEY) as string)).toEqual(currentSchema)
	})

	it('gets a document and a page when the file has none', () => {
		const doc = docOf([], null)
		fillNewBoard(doc, [], origin)
		expect([...recordsOf(doc).values()].map((r) => r.typeName).sort()).toEqual(['document', 'page'])
		opensInTldraw(doc)
	})
})

describe('index keys', () => {
	it('makes keys after a given one that tldraw accepts, in order', () => {
		const cases: Array<[string | null, string[]]> = [
			[null, ['a1', 'a2', 'a3']],
			['a1', ['a2', 'a3', 'a4']],
			['a1V', ['a2', 'a3', 'a4']],
			['ay', ['az', 'b00', 'b01']],
			['b0z', ['b10', 'b11', 'b12']],
			['Zz', ['a1', 'a2', 'a3']],
		]
		for (const [below, expected] of cases) {
			const keys = indexKeysAbove(below, 3)
			expect(keys, String(below)).toEqual(expected)
			for (const key of keys) {
				tldraw.validateIndexKey(key)
				if (below !== null) expect(key > below).toBe(true)
			}
		}
		const many = indexKeysAbove('a1', 200)
		expect([...many].sort()).toEqual(many)
		for (const key of many) tldraw.validateIndexKey(key)
	})
})
