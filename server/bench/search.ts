/**
 * The search benchmark (issue 11): 1,000 boards × 200 notes of realistic words, on SQLite and on
 * PostgreSQL, and how long `SearchIndex.search` takes for what people type (p50 and p95 per kind
 * of query and over all), for a member of two circles and for an admin. Also how long indexing
 * the boards took, and extracting the text of one 200-note board from its Y doc. Run by
 * `pnpm bench` after the sync benchmarks; a measurement, not a test (exits 0 when it completes).
 * The machine's load is printed beside the figures: the machine is shared.
 *
 * Environment:
 *   BENCH_QUICK=1           200 boards instead of 1,000 (a quick look, not a figure to quote)
 *   BENCH_SEARCH_DBS=sqlite,postgres   databases to run (default both)
 *   BENCH_SEARCH_KEEP_DB=1  keep the PostgreSQL database afterwards (to EXPLAIN its queries; drop it yourself)
 *   BENCH_DATABASE_URL      PostgreSQL to create the run's database in (default TEST_DATABASE_URL,
 *                           then postgres://postgres@127.0.0.1:5432/test); unreachable: skipped, said so
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { MAX_SEARCH_TERMS, RECORDS_MAP, SEARCH_PAGE_SIZE, searchTerms } from '@circlespace/shared'
import * as Y from 'yjs'
import { boardTextOfDoc } from '../src/search/boardText.ts'
import type { SearchEntry, Searcher } from '../src/search/SearchIndex.ts'
import { snippetOf } from '../src/search/snippet.ts'
import type { Storage } from '../src/storage/Storage.ts'
import { onBenchDatabases } from './lib/benchDatabases.ts'
import { benchVisibility, seedBenchWorld } from './lib/benchWorld.ts'
import { Histogram } from './lib/histogram.ts'

const quick = process.env.BENCH_QUICK === '1'
const boardCount = quick ? 200 : 1_000
const notesPerBoard = 200
const circleCount = 20
const repeatsPerQuery = 5
const wantedDbs = (process.env.BENCH_SEARCH_DBS ?? 'sqlite,postgres').split(',')
const T0 = new Date('2026-03-01T09:00:00.000Z')

// Words of a circle's notes, most common first: their ranks give them Zipf frequencies (the
// first word about 1 in 12 words, the 500th about 1 in 6,000), roughly what English text has.
const VOCABULARY = `the and to of a in we i is it that for you with on what was this be are our my
have not at as they all but so can more about me one how when do time people from feel want like
would there will if their by an just team work need think us them or he she his her make get day
group trust listen week together help new good know learn start try change next share idea ask
plan feedback meeting question support someone thing really other better each first way much
space circle journey project goal also again last still because morning morning some many today
open process voice safe energy focus role value energy clear space decision conflict practice
habit check reflect hope worry grateful notice moment pause story habit silence breath tension
gratitude courage boundary purpose rhythm agreement commitment experiment prototype customer
budget deadline roadmap retrospective onboarding mentor coaching workshop facilitation agenda
harvest garden seed water compost soil root branch river bridge mountain forest ocean island
weather season winter spring summer autumn evening night kitchen table chair window door street
city village home family friend parent child teacher student neighbour colleague manager leader
listening speaking writing reading drawing walking running cooking singing dancing painting
careful gentle honest brave curious patient playful serious quiet loud slow fast simple hard
small large early late near far warm cold bright dark light heavy soft strong deep wide
invitation celebration conversation observation imagination intention attention direction
tomorrow yesterday weekend holiday birthday anniversary calendar schedule routine ritual
bicycle lantern compass anchor feather pebble candle ladder mirror kettle blanket pocket
sunflower blueberry cinnamon lavender rosemary chestnut hazelnut marigold jasmine juniper
walrus pelican otter badger heron falcon lynx beaver salmon sparrow octopus tortoise
nebula quartz basalt granite obsidian cobalt saffron vermilion indigo turquoise amber ochre
accordion harmonica xylophone cello oboe tambourine mandolin zither bassoon ukulele piccolo`
	.split(/\s+/)
	.filter((word, i, all) => word !== '' && all.indexOf(word) === i)

// A small deterministic PRNG (mulberry32): the same boards on every run and database.
function random(seed: number): () => number {
	let a = seed >>> 0
	return () => {
		a = (a + 0x6d2b79f5) >>> 0
		let t = a
		t = Math.imul(t ^ (t >>> 15), t | 1)
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296
	}
}

const zipfWeights = VOCABULARY.map((_, rank) => 1 / (rank + 1))
const zipfTotal = zipfWeights.reduce((a, b) => a + b, 0)
const cumulative = zipfWeights.map(
	(
		(sum) => (w: number) =>
			(sum += w / zipfTotal)
	)(0),
)

function wordAt(r: number): string {
	let lo = 0
	let hi = cumulative.length - 1
	while (lo < hi) {
		const mid = (lo + hi) >> 1
		if ((cumulative[mid] ?? 1) < r) lo = mid + 1
		else hi = mid
	}
	return VOCABULARY[lo] ?? 'the'
}

function sentence(next: () => number): string {
	const length = 4 + Math.floor(next() * 14)
	const words = Array.from({ length }, () => wordAt(next()))
	const text = words.join(' ')
	return `${text.charAt(0).toUpperCase()}${text.slice(1)}${next() < 0.3 ? '?' : '.'}`
}

/** The entries of one board: its title and 200 notes of one to three sentences. */
function boardEntries(board: number): SearchEntry[] {
	const next = random(board + 1)
	const title = `${sentence(next).slice(0, 40).replace(/[.?]$/, '')} ${board}`
	return [
		{ shapeId: null, text: title },
		...Array.from({ length: notesPerBoard }, (_, i) => ({
			shapeId: `shape:note-${board}-${i}`,
			text: Array.from({ length: 1 + Math.floor(next() * 3) }, () => sentence(next)).join(' '),
		})),
	]
}

/** What people type, by kind: a rare word, a word of medium frequency, a common one, two words, a word half typed. */
function queries(): Array<{ kind: string; q: string }> {
	const pick = (from: number, to: number, n: number) =>
		Array.from({ length: n }, (_, i) => VOCABULARY[from + Math.floor(((to - from) * i) / n)] ?? 'the')
	const medium = pick(40, 150, 10)
	return [
		...pick(300, VOCABULARY.length, 10).map((q) => ({ kind: 'rare word', q })),
		...medium.map((q) => ({ kind: 'medium word', q })),
		...pick(0, 10, 5).map((q) => ({ kind: 'very common word', q })),
		...medium.map((q, i) => ({ kind: 'two words', q: `${q} ${medium[(i + 3) % medium.length]}` })),
		...pick(150, 300, 10).map((q) => ({ kind: 'word half typed', q: q.slice(0, 3) })),
	]
}

async function seed(storage: Storage): Promise<{ indexMs: number }> {
	// The member is in two circles of tribe 0: about a third of the boards are theirs to view.
	await seedBenchWorld(storage, circleCount, T0)
	const started = performance.now()
	for (let b = 0; b < boardCount; b++) {
		const entries = boardEntries(b)
		const visibility = benchVisibility(b)
		await storage.boards.create({
			id: `board-${b}`,
			circleId: `circle-${b % circleCount}`,
			title: entries[0]?.text ?? '',
			visibility,
			createdBy: 'admin',
		})
		await storage.search.replaceBoard(`board-${b}`, entries, 0)
	}
	return { indexMs: performance.now() - started }
}

interface Figures {
	database: string
	/** Queries asked again because their connection was terminated from outside. */
	interrupted: number
	boards: number
	rows: number
	indexSeconds: number
	bySearcher: Record<string, Record<string, { p50: number; p95: number; n: number; resultsMedian: number }>>
}

async function measure(database: string, storage: Storage, settle?: () => Promise<void>): Promise<Figures> {
	const { indexMs } = await seed(storage)
	await settle?.()
	console.log(`  ${database}: indexed ${boardCount} boards in ${(indexMs / 1000).toFixed(1)} s`)
	const searchers: Record<string, Searcher> = {
		'member of 2 circles': { userId: 'member', role: 'member' },
		admin: { userId: 'admin', role: 'admin' },
	}
	const list = queries()
	const bySearcher: Figures['bySearcher'] = {}
	let interrupted = 0
	for (const [label, searcher] of Object.entries(searchers)) {
		const histograms = new Map<string, Histogram>([['all', new Histogram()]])
		const counts = new Map<string, number[]>()
		// One untimed pass: caches warm as they would on a server that has been up a while.
		for (const { q } of list) {
			await storage.search.search({ searcher, terms: searchTerms(q, MAX_SEARCH_TERMS), offset: 0, limit: 21 })
		}
		for (let r = 0; r < repeatsPerQuery; r++) {
			for (const { kind, q } of list) {
				const terms = searchTerms(q, MAX_SEARCH_TERMS)
				const request = { searcher, terms, offset: 0, limit: SEARCH_PAGE_SIZE + 1 }
				let started = performance.now()
				let hits: Awaited<ReturnType<typeof storage.search.search>>
				try {
					hits = await storage.search.search(request)
				} catch (error) {
					// The shared PostgreSQL has had its connections terminated by others' tests: note it, ask again.
					interrupted++
					console.warn(`  ${database}: a query failed (${(error as Error).message}); asked again`)
					started = performance.now()
					hits = await storage.search.search(request)
				}
				for (const hit of hits) snippetOf(hit.text, terms)
				const ms = performance.now() - started
				if (!histograms.has(kind)) histograms.set(kind, new Histogram())
				histograms.get(kind)?.add(ms)
				histograms.get('all')?.add(ms)
				counts.set(kind, [...(counts.get(kind) ?? []), hits.length])
			}
		}
		bySearcher[label] = Object.fromEntries(
			[...histograms].map(([kind, h]) => {
				const found = (counts.get(kind) ?? [...counts.values()].flat()).sort((a, b) => a - b)
				return [
					kind,
					{
						p50: h.quantile(0.5),
						p95: h.quantile(0.95),
						n: h.total,
						resultsMedian: found[Math.floor(found.length / 2)] ?? 0,
					},
				]
			}),
		)
	}
	printFigures({ database, bySearcher })
	return {
		database,
		interrupted,
		boards: boardCount,
		rows: boardCount * (notesPerBoard + 1),
		indexSeconds: indexMs / 1000,
		bySearcher,
	}
}

/** Milliseconds to extract the text of one 200-note board from its Y doc (what the indexer does per board). */
function extractionMs(): number {
	const doc = new Y.Doc()
	const records = doc.getMap<string>(RECORDS_MAP)
	for (const entry of boardEntries(0).slice(1)) {
		const id = entry.shapeId ?? ''
		const richText = {
			type: 'doc',
			content: [{ type: 'paragraph', content: [{ type: 'text', text: entry.text }] }],
		}
		records.set(id, JSON.stringify({ id, typeName: 'shape', type: 'note', props: { richText } }))
	}
	const samples: number[] = []
	for (let i = 0; i < 20; i++) {
		const started = performance.now()
		boardTextOfDoc(doc)
		samples.push(performance.now() - started)
	}
	return samples.sort((a, b) => a - b)[10] ?? Number.NaN
}

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1))

const tableHead = [
	'| database | searcher | query | p50 ms | p95 ms | queries | results (median, page of 21) |',
	'| --- | --- | --- | ---: | ---: | ---: | ---: |',
]

function tableRows(result: Pick<Figures, 'database' | 'bySearcher'>): string[] {
	return Object.entries(result.bySearcher).flatMap(([searcher, kinds]) =>
		Object.entries(kinds).map(
			([kind, f]) =>
				`| ${result.database} | ${searcher} | ${kind} | ${fmt(f.p50)} | ${fmt(f.p95)} | ${f.n} | ${f.resultsMedian} |`,
		),
	)
}

// Each database's figures as soon as they are measured: the shared PostgreSQL can go away mid-run.
function printFigures(result: Pick<Figures, 'database' | 'bySearcher'>): void {
	console.log([...tableHead, ...tableRows(result)].join('\n'))
	console.log(
		`  load average now: ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(', ')}`,
	)
}

async function main(): Promise<void> {
	const loadBefore = os.loadavg()
	const startedAt = new Date()
	console.log(
		`Search benchmark: ${boardCount} boards × ${notesPerBoard} notes, ${VOCABULARY.length}-word vocabulary${quick ? ' (BENCH_QUICK)' : ''}`,
	)
	const results = await onBenchDatabases('search', wantedDbs, measure, {
		keepPostgres: process.env.BENCH_SEARCH_KEEP_DB === '1',
	})
	const extraction = extractionMs()
	const loadAfter = os.loadavg()
	const lines: string[] = []
	lines.push(
		`Load average (1, 5, 15 min) before: ${loadBefore.map((l) => l.toFixed(2)).join(', ')}; after: ${loadAfter.map((l) => l.toFixed(2)).join(', ')}; ${os.cpus().length} cores`,
	)
	lines.push(`Text of one 200-note board from its Y doc: ${fmt(extraction)} ms (median of 20)`, '')
	lines.push(...tableHead)
	for (const result of results) {
		if ('skipped' in result) lines.push(`| ${result.database} | — | ${result.skipped} | | | | |`)
		else lines.push(...tableRows(result))
	}
	for (const result of results) {
		if ('skipped' in result) continue
		lines.push(
			'',
			`${result.database}: ${result.interrupted} queries asked again after a terminated connection; ${result.rows.toLocaleString('en')} entries indexed in ${result.indexSeconds.toFixed(1)} s (${Math.round(result.rows / result.indexSeconds).toLocaleString('en')} entries/s, one transaction per board)`,
		)
	}
	const report = lines.join('\n')
	console.log(report)
	const dir = path.resolve(import.meta.dirname, '../bench-results')
	mkdirSync(dir, { recursive: true })
	writeFileSync(
		path.join(dir, `search-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`),
		JSON.stringify(
			{ startedAt, boardCount, notesPerBoard, loadBefore, loadAfter, extraction, results },
			null,
			2,
		),
	)
	writeFileSync(path.join(dir, 'search-latest.md'), `${report}\n`)
}

// An idle pooled connection terminated from outside is reported on the pool, with no one listening:
// say so and go on (the pool replaces it) rather than lose the run.
process.on('uncaughtException', (error) => {
	if ((error as { code?: string }).code === '57P01')
		console.warn(`  a connection was terminated: ${error.message}`)
	else throw error
})

await main()
