import { readdirSync, readFileSync } from 'node:fs'
import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { buildTldrFile } from './buildTldrFile.ts'
import { type ParsedTldrFile, parseTldrFile, type TldrProblem, tldrMessages } from './parseTldrFile.ts'
import { docOf, makePage, makeShape, recordsOf, sampleBoard, tldraw } from './testBoards.ts'
import { currentSchema } from './tldrawSchema.ts'

const fixturesDir = new URL('./fixtures/', import.meta.url)
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, fixturesDir)))
const text = (value: unknown) =>
	new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))

/** Parses, answering the problem and message instead of throwing them. */
function attempt(bytes: Uint8Array): { ok: ParsedTldrFile } | { problem: TldrProblem; message: string } {
	try {
		return { ok: parseTldrFile(bytes) }
	} catch (error) {
		const e = error as { problem?: TldrProblem; message: string }
		if (!e.problem) throw error
		return { problem: e.problem, message: e.message }
	}
}

/** Shapes in a file's JSON, counted straight from its records (not through our parser). */
function shapesInFile(bytes: Uint8Array): number {
	const json = JSON.parse(new TextDecoder().decode(bytes)) as { records: { typeName: string }[] }
	return json.records.filter((record) => record.typeName === 'shape').length
}

/** What each fixture must give: a shape count, or the problem and message of the contract. */
const expectedOfFixture: Record<string, { shapes: number } | { problem: TldrProblem; message: string }> = {
	'early-v2-alpha.tldr': { shapes: 1 },
	'invalid-not-json.tldr': {
		problem: 'not-json',
		message: 'This file is not a tldraw file: it is not JSON.',
	},
	'invalid-unknown-record-type.tldr': {
		problem: 'unknown-record-type',
		message: 'This file contains a kind of record this version of tldraw does not know: unknown-type.',
	},
	'invalid-format-version-too-new.tldr': { problem: 'newer-version', message: tldrMessages.newerVersion },
	'legacy-tldraw-v1-document.tldr': { problem: 'tldraw-v1', message: tldrMessages.tldrawV1 },
	'vscode-example-3.tldr': { problem: 'tldraw-v1', message: tldrMessages.tldrawV1 },
	'font-families.tldr': { problem: 'tldraw-v1', message: tldrMessages.tldrawV1 },
}

describe('reading .tldr files: every fixture', () => {
	it('has an expected outcome for every file in the fixtures folder', () => {
		const files = readdirSync(fixturesDir).filter((name) => name.endsWith('.tldr'))
		expect(files.sort()).toEqual(Object.keys(expectedOfFixture).sort())
	})

	for (const [name, expected] of Object.entries(expectedOfFixture)) {
		it(`${name}: ${'shapes' in expected ? `${expected.shapes} shape(s)` : expected.problem}`, () => {
			const bytes = fixture(name)
			const outcome = attempt(bytes)
			if ('shapes' in expected) {
				if (!('ok' in outcome)) throw new Error(`refused: ${outcome.message}`)
				const shapes = outcome.ok.records.filter((r) => r.typeName === 'shape')
				expect(shapes.length).toBe(expected.shapes)
				expect(shapes.length).toBe(shapesInFile(bytes))
				// Only board records are kept: no cameras, instance state, users or presence.
				expect(new Set(outcome.ok.records.map((r) => r.typeName))).toEqual(
					new Set(['document', 'page', 'shape']),
				)
			} else {
				expect(outcome).toEqual(expected)
			}
		})
	}

	it('reads the valid fixture exactly as tldraw does (same shapes after migration)', () => {
		const bytes = fixture('early-v2-alpha.tldr')
		const ours = parseTldrFile(bytes)
		const theirs = tldraw.parseTldrawJsonFile({
			json: new TextDecoder().decode(bytes),
			schema: tldraw.createTLSchema(),
		})
		if (!theirs.ok) throw new Error(`tldraw refused it: ${theirs.error.type}`)
		const theirShapes = theirs.value.allRecords().filter((r) => r.typeName === 'shape')
		expect(ours.records.filter((r) => r.typeName === 'shape')).toEqual(theirShapes)
	})
})

describe('reading .tldr files: broken files get a specific message', () => {
	const valid = () => JSON.parse(JSON.stringify(buildTldrFile(docOf(sampleBoard())).file))

	it('refuses bytes that are not UTF-8 as not JSON, and reads a file that starts with a BOM', () => {
		expect(attempt(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toMatchObject({ problem: 'not-json' })
		const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...text(valid())])
		expect(attempt(withBom)).toHaveProperty('ok')
	})

	it('refuses JSON that is not a tldraw file', () => {
		for (const json of ['null', '42', '"text"', '[]', '{}', '{"records":[]}']) {
			expect(attempt(text(json))).toEqual({
				problem: 'not-tldraw',
				message: 'This file is not a tldraw file.',
			})
		}
		expect(attempt(text({ ...valid(), schema: { schemaVersion: 3 } }))).toMatchObject({
			problem: 'not-tldraw',
		})
		expect(attempt(text({ ...valid(), records: {} }))).toMatchObject({ problem: 'not-tldraw' })
		expect(attempt(text({ ...valid(), tldrawFileFormatVersion: 0 }))).toMatchObject({ problem: 'not-tldraw' })
	})

	it('says a file is from a newer tldraw when its format or one of its schema sequences is newer', () => {
		const newer = { problem: 'newer-version', message: tldrMessages.newerVersion }
		expect(attempt(text({ ...valid(), tldrawFileFormatVersion: 2 }))).toEqual(newer)
		const file = valid()
		const geoVersion = currentSchema.sequences['com.tldraw.shape.geo'] as number
		expect(
			attempt(
				text({
					...file,
					schema: {
						...file.schema,
						sequences: { ...file.schema.sequences, 'com.tldraw.shape.geo': geoVersion + 1 },
					},
				}),
			),
		).toEqual(newer)
		// A kind of shape added by a later tldraw.
		expect(
			attempt(
				text({
					...file,
					schema: { ...file.schema, sequences: { ...file.schema.sequences, 'com.tldraw.shape.hologram': 1 } },
				}),
			),
		).toEqual(newer)
	})

	it('names a record that is not valid, and why', () => {
		const file = valid()
		const geo = file.records.find((r: { id: string }) => r.id === 'shape:geo')
		geo.props.w = 'wide'
		const outcome = attempt(text(file))
		expect(outcome).toMatchObject({ problem: 'invalid-record' })
		expect((outcome as { message: string }).message).toMatch(
			/^This file contains a record that is not valid: shape:geo \(.*w.*number.*\)\.$/,
		)
	})

	it('names records without an id, duplicated ones, and shapes or bindings pointing at nothing', () => {
		const cases: Array<[string, (records: Array<Record<string, unknown>>) => void, string]> = [
			['no id', (records) => delete records[3]?.id, '#4 (it has no id)'],
			['not an object', (records) => records.splice(1, 0, 'page' as never), '#2 (it is not an object)'],
			['twice', (records) => records.push({ ...records[3] }), 'shape:geo (this id appears more than once)'],
			[
				'orphan',
				(records) => records.push(makeShape('geo', 'orphan', 'page:nowhere', 'a9') as never),
				'shape:orphan (its parent page:nowhere is not in the file)',
			],
			[
				'dangling binding',
				(records) => {
					const index = records.findIndex((r) => r.id === 'shape:note')
					records.splice(index, 1)
				},
				'binding:shape:arrow-end (it binds shape:note, which is not in the file)',
			],
			[
				'loop',
				(records) => {
					const a = makeShape('group', 'loop-a', 'shape:loop-b', 'a1')
					const b = makeShape('group', 'loop-b', 'shape:loop-a', 'a1')
					records.push(a as never, b as never)
				},
				'(its parents form a loop)',
			],
		]
		for (const [what, change, expected] of cases) {
			const file = valid()
			change(file.records)
			const outcome = attempt(text(file))
			expect(outcome, what).toMatchObject({ problem: 'invalid-record' })
			expect((outcome as { message: string }).message, what).toContain(expected)
		}
	})

	it('names an unknown kind of record in a file of the current schema too', () => {
		const file = valid()
		file.records.push({ id: 'sticker:1', typeName: 'sticker' })
		expect(attempt(text(file))).toEqual({
			problem: 'unknown-record-type',
			message: tldrMessages.unknownRecordType('sticker'),
		})
	})

	it('drops session records and tldraw user records, as boards never keep them', () => {
		const file = valid()
		file.records.push(
			{ id: 'camera:page:x', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} },
			{ id: 'user:someone', typeName: 'user', name: 'Someone', color: '#000', meta: {} },
		)
		const outcome = attempt(text(file))
		if (!('ok' in outcome)) throw new Error(outcome.message)
		expect(outcome.ok.records.map((r) => r.typeName)).not.toContain('camera')
		expect(outcome.ok.records.map((r) => r.typeName)).not.toContain('user')
	})
})

describe('writing .tldr files', () => {
	it('writes a board that tldraw opens with every record as the board holds it', () => {
		const records = sampleBoard()
		const { file, skipped } = buildTldrFile(docOf(records))
		expect(skipped).toEqual([])
		const parsed = tldraw.parseTldrawJsonFile({ json: JSON.stringify(file), schema: tldraw.createTLSchema() })
		if (!parsed.ok) throw new Error(`tldraw refused it: ${parsed.error.type}`)
		const opened = new Map(parsed.value.allRecords().map((r) => [r.id, r]))
		for (const record of records) expect(opened.get(record.id), record.id).toEqual(record)
	})

	it('reads back what it wrote: the same records', () => {
		const records = sampleBoard()
		const again = parseTldrFile(text(buildTldrFile(docOf(records)).file))
		expect(new Map(again.records.map((r) => [r.id, r]))).toEqual(new Map(records.map((r) => [r.id, r])))
	})

	it('migrates a board written with an older schema to the current one', () => {
		const old = JSON.parse(new TextDecoder().decode(fixture('early-v2-alpha.tldr')))
		const { file } = buildTldrFile(docOf(old.records, old.schema))
		expect(file.schema).toEqual(currentSchema)
		const parsed = tldraw.parseTldrawJsonFile({ json: JSON.stringify(file), schema: tldraw.createTLSchema() })
		if (!parsed.ok) throw new Error(`tldraw refused it: ${parsed.error.type}`)
		expect(parsed.value.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(1)
	})

	it('gives an empty board a document and a page, so that tldraw opens it', () => {
		const { file } = buildTldrFile(docOf([], null))
		expect(file.records.map((r) => r.typeName)).toEqual(['document', 'page'])
		const parsed = tldraw.parseTldrawJsonFile({ json: JSON.stringify(file), schema: tldraw.createTLSchema() })
		expect(parsed.ok).toBe(true)
	})

	it('leaves out records tldraw would refuse and names them, keeping the rest', () => {
		const page = makePage('Page 1', 'a1')
		const good = makeShape('text', 'good', page.id, 'a1', { richText: toRichText('kept') })
		const bad = { ...makeShape('geo', 'bad', page.id, 'a2'), x: 'left' }
		const stranger = { id: 'sticker:1', typeName: 'sticker' }
		const { file, skipped } = buildTldrFile(docOf([page, good, bad, stranger]))
		expect(file.records.map((r) => r.id).sort()).toEqual(['document:document', page.id, good.id].sort())
		expect(skipped).toHaveLength(2)
		expect(skipped).toEqual(
			expect.arrayContaining([
				{ kind: 'unknown-type', id: 'sticker:1', typeName: 'sticker' },
				{
					kind: 'invalid-record',
					id: 'shape:bad',
					reason: 'At shape(type = geo).x: Expected number, got a string',
				},
			]),
		)
		expect(
			tldraw.parseTldrawJsonFile({ json: JSON.stringify(file), schema: tldraw.createTLSchema() }).ok,
		).toBe(true)
	})

	it('leaves out images no shape uses, as tldraw does', () => {
		const records = sampleBoard().filter((r) => r.id !== 'shape:image')
		const { file } = buildTldrFile(docOf(records))
		expect(file.records.some((r) => r.typeName === 'asset')).toBe(false)
	})

	it('exports a board written by a newer tldraw as it is, with its own schema', () => {
		const records = sampleBoard()
		const newer = { ...currentSchema, sequences: { ...currentSchema.sequences, 'com.tldraw.shape.geo': 99 } }
		const { file } = buildTldrFile(docOf(records, newer))
		expect(file.schema).toEqual(newer)
		expect(recordsOf(docOf(file.records))).toEqual(recordsOf(docOf(records)))
	})
})
