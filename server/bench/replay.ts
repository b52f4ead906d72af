/**
 * Session replay's start (issue 14): the time to the first frame of a 2-hour session of a busy
 * board, on SQLite and on PostgreSQL. The board has an hour of log before the session (18,000
 * entries) and the session 72,000 (one every 100 ms for two hours, each a persistence window of
 * three updates to a board of 300 notes). Time to first frame is from asking for the replay
 * (range, marks) until the start frame and the first page of entries are in the stream, as the
 * route sends them (without HTTP). Measured three ways:
 *   - first: the session's first replay, from the board kept as it started (the checkpoint
 *     `captureSessionStart` stores; here from the generating doc, which holds the same);
 *   - warm: the same again;
 *   - cold: a time range starting 2,000 entries before the session, where no checkpoint is: the
 *     16,000 entries before it are applied (what every session replay cost before the start was
 *     kept, and what a range replay starting at a new moment still costs once).
 * A measurement, not a test: `node bench/replay.ts` from `server/`.
 *
 * Environment:
 *   BENCH_REPLAY_DBS=sqlite,postgres   databases to run (default both)
 *   BENCH_DATABASE_URL      PostgreSQL to create the run's database in (default TEST_DATABASE_URL,
 *                           then postgres://postgres@127.0.0.1:5432/test); unreachable: skipped, said so
 */
import os from 'node:os'
import { RECORDS_MAP } from '@circlespace/shared'
import type { ReplayQuery } from '@circlespace/shared/replay/index.ts'
import * as Y from 'yjs'
import { createLogger } from '../src/logger.ts'
import { replayStream, resolveRange } from '../src/replay/replayStream.ts'
import type { Storage } from '../src/storage/Storage.ts'
import { encodeLogEntry } from '../src/sync/storedDoc.ts'
import { onBenchDatabases } from './lib/benchDatabases.ts'
import { seedBenchWorld } from './lib/benchWorld.ts'

const beforeEntries = 18_000
const sessionEntries = 72_000
const shapes = 300
const warmRepeats = 10
const wantedDbs = (process.env.BENCH_REPLAY_DBS ?? 'sqlite,postgres').split(',')
const logger = createLogger('silent')

/** Log entries of a board being edited: each three updates of notes moving and changing text. */
function* busyEntries(doc: Y.Doc, count: number, offset: number): Generator<Uint8Array> {
	const records = doc.getMap<string>(RECORDS_MAP)
	let window: Uint8Array[] = []
	const collect = (update: Uint8Array) => window.push(update)
	doc.on('update', collect)
	try {
		for (let i = 0; i < count; i++) {
			for (let u = 0; u < 3; u++) {
				const n = (offset + i * 3 + u) % shapes
				records.set(
					`shape:n${n}`,
					JSON.stringify({
						id: `shape:n${n}`,
						typeName: 'shape',
						type: 'note',
						x: (i * 7) % 2000,
						y: (i * 13) % 1500,
						props: { richText: `Idea ${n}, version ${i}` },
					}),
				)
			}
			yield encodeLogEntry(window)
			window = []
		}
	} finally {
		doc.off('update', collect)
	}
}

function pause(): Promise<void> {
	return new Promise((resolve) => setTimeout(resolve, 10))
}

async function append(storage: Storage, boardId: string, entries: Generator<Uint8Array>): Promise<void> {
	let batch: Uint8Array[] = []
	for (const update of entries) {
		batch.push(update)
		if (batch.length === 2000) {
			await storage.docs.appendMany(batch.map((u) => ({ boardId, update: u })))
			batch = []
		}
	}
	if (batch.length > 0) await storage.docs.appendMany(batch.map((u) => ({ boardId, update: u })))
}

/** Time until the stream holds the start frame and the first page of entries (ms). */
async function timeToFirstFrame(storage: Storage, boardId: string, query: ReplayQuery): Promise<number> {
	const started = performance.now()
	const range = await resolveRange({ storage }, boardId, query)
	const reader = replayStream({ storage, logger }, range).getReader()
	const decoder = new TextDecoder()
	let text = ''
	try {
		for (;;) {
			const { done, value } = await reader.read()
			if (done) throw new Error('the stream ended before any entries')
			text += decoder.decode(value, { stream: true })
			if (text.includes('"type":"entries"')) return performance.now() - started
		}
	} finally {
		await reader.cancel()
	}
}

async function measure(database: string, storage: Storage): Promise<void> {
	const at = new Date()
	await seedBenchWorld(storage, 4, at)
	const board = await storage.boards.create({
		id: 'replay-board',
		circleId: 'circle-0',
		title: 'Busy board',
		visibility: 'circle',
		createdBy: 'admin',
	})
	const doc = new Y.Doc()
	const seedStarted = performance.now()
	const coldEntries = beforeEntries - 2000
	await append(storage, board.id, busyEntries(doc, coldEntries, 0))
	await pause()
	const coldFrom = new Date().toISOString()
	await pause()
	await append(storage, board.id, busyEntries(doc, beforeEntries - coldEntries, coldEntries))
	// What the server keeps as a session starts: the board holding exactly the log so far.
	const startId = await storage.replay.lastIdAt(board.id, new Date().toISOString())
	await storage.replay.saveCheckpoint(board.id, startId, Y.encodeStateAsUpdateV2(doc))
	await pause()
	const session = await storage.liveSessions.start({
		id: 'replay-session',
		boardId: board.id,
		title: 'Two hours',
		agenda: ['Check in', 'Harvest'],
		timer: null,
		startedBy: 'admin',
		startedAt: new Date(),
		participants: [],
	})
	if (!session) throw new Error('the session did not start')
	await pause()
	await append(storage, board.id, busyEntries(doc, sessionEntries, beforeEntries))
	const endedAt = new Date()
	await storage.liveSessions.end(session.id, endedAt, null)
	const seeded = ((performance.now() - seedStarted) / 1000).toFixed(0)
	const sizes = await storage.docs.sizes(board.id)

	const ofSession = { session: session.id }
	const first = await timeToFirstFrame(storage, board.id, ofSession)
	const warm: number[] = []
	for (let i = 0; i < warmRepeats; i++) warm.push(await timeToFirstFrame(storage, board.id, ofSession))
	warm.sort((a, b) => a - b)
	const median = warm[Math.floor(warm.length / 2)] ?? 0
	const worst = warm.at(-1) ?? 0
	const cold = await timeToFirstFrame(storage, board.id, { from: coldFrom, to: endedAt.toISOString() })
	console.log(
		`  ${database}: log ${sizes.logEntries} entries (${(sizes.logBytes / 1024 / 1024).toFixed(0)} MB, seeded in ${seeded} s), ` +
			`time to first frame: session first ${first.toFixed(0)} ms, warm median ${median.toFixed(0)} ms (worst of ${warmRepeats} ${worst.toFixed(0)} ms), ` +
			`cold range (${coldEntries} entries applied) ${cold.toFixed(0)} ms; ` +
			`load ${os
				.loadavg()
				.map((l) => l.toFixed(2))
				.join(' ')}`,
	)
}

console.log('Replay: time to the first frame of a 2-hour session of a busy board')
await onBenchDatabases('replay', wantedDbs, measure)
