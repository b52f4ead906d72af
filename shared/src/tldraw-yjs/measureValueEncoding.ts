/**
 * Measurement script, not a test: how fast does a cold client load 10,000 geo shapes when
 * each record is stored as a JSON string versus as a plain object (lib0 "any" encoding)?
 * Run: `node shared/src/tldraw-yjs/measureValueEncoding.ts` (figures go in CONTEXT.md).
 */
import * as Y from 'yjs'
import { geoShape } from './testing.ts'

// `shared` compiles without DOM or Node types; both runtimes have these two globals.
declare const performance: { now(): number }
declare const console: { log(...values: unknown[]): void }

const SHAPES = 10_000
const RUNS = 15

type Encoding = 'json-string' | 'plain-object'

function buildUpdate(encoding: Encoding): Uint8Array {
	const doc = new Y.Doc()
	const records = doc.getMap<unknown>('records')
	doc.transact(() => {
		for (let i = 0; i < SHAPES; i++) {
			const shape = geoShape(`s${i}`, { x: i * 3.5, y: i * 1.25, props: { w: 100 + (i % 50) } as never })
			records.set(shape.id, encoding === 'json-string' ? JSON.stringify(shape) : shape)
		}
	})
	v2Bytes[encoding] = Y.encodeStateAsUpdateV2(doc).byteLength
	return Y.encodeStateAsUpdate(doc)
}

const v2Bytes: Record<Encoding, number> = { 'json-string': 0, 'plain-object': 0 }

/** Cold load: apply the whole update into a fresh doc, then read every record as an object. */
function coldLoad(update: Uint8Array, encoding: Encoding): number {
	const start = performance.now()
	const doc = new Y.Doc()
	Y.applyUpdate(doc, update)
	let checksum = 0
	doc.getMap<unknown>('records').forEach((value) => {
		const record = (encoding === 'json-string' ? JSON.parse(value as string) : value) as { x: number }
		checksum += record.x
	})
	const elapsed = performance.now() - start
	if (!(checksum > 0)) throw new Error('records were not read')
	return elapsed
}

const median = (values: number[]) =>
	[...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN

const results: Record<Encoding, { bytes: number; ms: number }> = {
	'json-string': { bytes: 0, ms: 0 },
	'plain-object': { bytes: 0, ms: 0 },
}
const updates = { 'json-string': buildUpdate('json-string'), 'plain-object': buildUpdate('plain-object') }
const times: Record<Encoding, number[]> = { 'json-string': [], 'plain-object': [] }
// Interleaved, after a warm-up, so JIT state and GC pressure fall on both alike.
for (let run = -3; run < RUNS; run++) {
	for (const encoding of ['json-string', 'plain-object'] as const) {
		const ms = coldLoad(updates[encoding], encoding)
		if (run >= 0) times[encoding].push(ms)
	}
}
for (const encoding of ['json-string', 'plain-object'] as const) {
	results[encoding] = { bytes: updates[encoding].byteLength, ms: median(times[encoding]) }
	console.log(
		`${encoding.padEnd(13)} update ${(results[encoding].bytes / 1e6).toFixed(2)} MB (V2 ${(v2Bytes[encoding] / 1e6).toFixed(2)} MB), cold load (applyUpdate + read all) median ${results[encoding].ms.toFixed(1)} ms over ${RUNS} runs`,
	)
}
console.log(
	`plain-object / json-string time ratio: ${(results['plain-object'].ms / results['json-string'].ms).toFixed(2)}`,
)
