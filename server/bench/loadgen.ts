/**
 * The load generator: a separate process from the server under test, so its CPU is its own.
 *
 * `node bench/loadgen.ts '<config json>'`. Talks to the orchestrator (run.ts) over stdio:
 * prints `READY` once its clients are connected and their shapes exist, waits for `GO` on
 * stdin, runs, and prints `RESULT <json>`. Lines starting with `LOG` are progress notes.
 */
import { createInterface } from 'node:readline'
import { createTLSchema, InstancePresenceRecordType, type TLUserId } from '@tldraw/tlschema'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { Histogram } from './lib/histogram.ts'
import { cursorMarker, moveMarker, nowMs, scanMarkers } from './lib/markers.ts'
import { cpuSeconds } from './lib/procStats.ts'
import { makeShape, RECORDS_MAP, type ShapeRecord } from './lib/records.ts'
import {
	classify,
	encodeAwareness,
	encodeEmptySyncStep1,
	encodeSyncStep1,
	encodeSyncStep2,
	encodeUpdate,
} from './lib/yMessages.ts'

/** Which wire protocol the server speaks. */
export type Protocol = 'yjs' | 'tldraw'

/**
 * What every mode's sockets send on the upgrade: our server needs a session cookie and a
 * same-origin `Origin`; the peers ignore them.
 */
interface SocketHeaders {
	headers?: Record<string, string>
}

/** Scenarios (a)–(c): writers move shapes and cursors; every client counts what reaches it. */
export interface FanoutConfig extends SocketHeaders {
	mode: 'fanout'
	protocol: Protocol
	/** False for the bare relay, which cannot answer sync step 1. */
	handshake: boolean
	/** One WebSocket URL per board. */
	boardUrls: string[]
	clientsPerBoard: number
	/** Shape moves per second per client. */
	moveRate: number
	/** Cursor updates per second per cursor-moving client. */
	cursorRate: number
	/** How many clients of each board move their cursor (the first ones). */
	cursorClientsPerBoard: number
	shapesPerClient: number
	durationMs: number
	/** Load runs this long before the measured `durationMs` (JIT, caches); not counted. */
	warmupMs: number
	/** This process runs the clients whose global index % parts === part. */
	part: number
	parts: number
	/**
	 * Several server processes: per board, its URL on each process. A board's client number i
	 * connects to process i % processes, and deliveries between clients on different processes
	 * are also counted apart (`crossMoveHist`).
	 */
	spreadUrls?: string[][]
	/**
	 * Hocuspocus's framing of the y-websocket messages: each starts with the document's name (the
	 * URL's last path segment), and a connection first sends an authentication message.
	 */
	framing?: 'hocuspocus'
}

/** Scenario (d): fresh clients join a board that holds many shapes. */
export interface JoinConfig extends SocketHeaders {
	mode: 'join'
	protocol: Protocol
	boardUrl: string
	/** For tldraw: the HTTP URL that creates the seeded room. */
	seedHttpUrl?: string
	/** 'json': record values are JSON strings (our layout); 'object': plain objects. */
	encoding: 'json' | 'object'
	shapes: number
	joins: number
	serverPid: number
	/**
	 * Scenario (f): others edit the board meanwhile. After READY the generator waits for GO, lets
	 * `warmupMs` pass, then spreads the joins over `durationMs`; a join ends when the joiner's doc
	 * holds everything the seeder (which applies every update it hears) held when the join began.
	 */
	duringEdits?: { warmupMs: number; durationMs: number }
}

/** Scenario (e): many moves by several full clients, then the document's sizes. */
export interface GrowthConfig extends SocketHeaders {
	mode: 'growth'
	boardUrl: string
	clients: number
	shapes: number
	moves: number
	movesPerSecondPerClient: number
}

export type LoadConfig = FanoutConfig | JoinConfig | GrowthConfig

const config = JSON.parse(process.argv[2] ?? '{}') as LoadConfig
const schema = createTLSchema()
const wsOptions = { perMessageDeflate: false, maxPayload: 512 * 1024 * 1024, headers: config.headers ?? {} }

/** CPU seconds this process has used since it started (the orchestrator's noise figure). */
function ownCpuSeconds(): number {
	const u = process.cpuUsage()
	return (u.user + u.system) / 1e6
}

function log(msg: string) {
	process.stdout.write(`LOG ${msg}\n`)
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))

/**
 * Waits until the server used under 2 % of a core in each of four seconds in a row: longer than
 * the search indexer waits after a board's last change (3 s), so what seeding deferred is done.
 * At most 45 s (the indexer's longest wait is 30 s).
 */
async function untilServerRests(pid: number): Promise<void> {
	const deadline = Date.now() + 45_000
	let before = cpuSeconds(pid)
	let quietSeconds = 0
	while (Date.now() < deadline && quietSeconds < 4) {
		await sleep(1000)
		const now = cpuSeconds(pid)
		quietSeconds = now - before < 0.02 ? quietSeconds + 1 : 0
		before = now
	}
}

async function until(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
	const deadline = Date.now() + timeoutMs
	while (!cond()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
		await sleep(20)
	}
}

function waitForGo(): Promise<number> {
	return new Promise((resolve) => {
		const rl = createInterface({ input: process.stdin })
		rl.on('line', (line) => {
			if (line.startsWith('GO')) {
				rl.close()
				resolve(Number(line.split(' ')[1] ?? 0))
			}
		})
	})
}

function openSocket(url: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		const ws = new WebSocket(url, wsOptions)
		const timer = setTimeout(() => {
			ws.terminate()
			reject(new Error(`connect timeout ${url}`))
		}, 15_000)
		ws.once('open', () => {
			clearTimeout(timer)
			resolve(ws)
		})
		ws.once('error', (e) => {
			clearTimeout(timer)
			reject(e)
		})
		ws.once('close', (code) => {
			clearTimeout(timer)
			reject(new Error(`closed ${code} before open`))
		})
	})
}

async function inBatches<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
	for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn))
}

// ---------------------------------------------------------------------------------------------
// Fan-out (a)–(c)

interface FanoutClient {
	g: number
	board: number
	indexInBoard: number
	ws?: WebSocket
	synced: boolean
	shapes: ShapeRecord[]
	doc?: Y.Doc
	map?: Y.Map<string>
	moveSeq: number
	cursorSeq: number
	nextMoveAt: number
	nextCursorAt: number
	movesCursor: boolean
	tlClock: number
	presence?: Record<string, unknown>
	/** Per sender global index: the highest move / cursor seq seen (for duplicate detection). */
	lastMove: Int32Array
	lastCursor: Int32Array
	/** Which server process it is connected to (0 with one). */
	process: number
	/** Hocuspocus: the document name every message starts with, encoded. */
	prefix?: Uint8Array
}

/** A message as `cl`'s server reads it: with Hocuspocus, behind the document's name. */
function framed(cl: FanoutClient, message: Uint8Array): Uint8Array {
	if (!cl.prefix) return message
	const out = new Uint8Array(cl.prefix.length + message.length)
	out.set(cl.prefix)
	out.set(message, cl.prefix.length)
	return out
}

/** Hocuspocus's framing: the document name, then the message; undefined for other servers. */
function hocuspocusPrefix(url: string): Uint8Array {
	const name = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '')
	const e = encoding.createEncoder()
	encoding.writeVarString(e, name)
	return encoding.toUint8Array(e)
}

/** Hocuspocus's authentication message (type 2, token sub-type 0, an empty token). */
function hocuspocusAuth(prefix: Uint8Array): Uint8Array {
	const e = encoding.createEncoder()
	encoding.writeUint8Array(e, prefix)
	encoding.writeVarUint(e, 2)
	encoding.writeVarUint(e, 0)
	encoding.writeVarString(e, '')
	return encoding.toUint8Array(e)
}

async function runFanout(c: FanoutConfig) {
	const total = c.boardUrls.length * c.clientsPerBoard
	const processes = c.spreadUrls?.[0]?.length ?? 1
	const mine: FanoutClient[] = []
	for (let g = 0; g < total; g++) {
		if (g % c.parts !== c.part) continue
		const board = Math.floor(g / c.clientsPerBoard)
		const indexInBoard = g % c.clientsPerBoard
		mine.push({
			g,
			board,
			indexInBoard,
			synced: false,
			shapes: Array.from({ length: c.shapesPerClient }, (_, n) => makeShape(`g${g}`, n)),
			moveSeq: 0,
			cursorSeq: 0,
			nextMoveAt: 0,
			nextCursorAt: 0,
			movesCursor: indexInBoard < c.cursorClientsPerBoard,
			tlClock: 0,
			lastMove: new Int32Array(total).fill(-1),
			lastCursor: new Int32Array(total).fill(-1),
			process: c.spreadUrls ? indexInBoard % processes : 0,
		})
	}
	const moveHist = new Histogram()
	const crossMoveHist = new Histogram()
	const cursorHist = new Histogram()
	const counts = { moves: 0, cursors: 0, moveDup: 0, cursorDup: 0, echoMoves: 0, echoCursors: 0, closed: 0 }
	let measuring = false
	let lastArrival = 0
	let measureFrom = Number.POSITIVE_INFINITY

	const onData = (cl: FanoutClient, data: Buffer) => {
		if (!measuring) return
		scanMarkers(data, (kind, sender, seq, sentAt) => {
			if (sentAt < measureFrom) return
			const now = nowMs()
			lastArrival = now
			if (sender === cl.g) {
				if (kind === 'T') counts.echoMoves++
				else counts.echoCursors++
				return
			}
			if (sender >= total) return
			if (kind === 'T') {
				if (seq <= (cl.lastMove[sender] ?? -1)) {
					counts.moveDup++
					return
				}
				cl.lastMove[sender] = seq
				counts.moves++
				moveHist.add(now - sentAt)
				if ((sender % c.clientsPerBoard) % processes !== cl.process) crossMoveHist.add(now - sentAt)
			} else {
				if (seq <= (cl.lastCursor[sender] ?? -1)) {
					counts.cursorDup++
					return
				}
				cl.lastCursor[sender] = seq
				counts.cursors++
				cursorHist.add(now - sentAt)
			}
		})
	}

	const connectYjs = async (cl: FanoutClient) => {
		const doc = new Y.Doc()
		const map = doc.getMap<string>(RECORDS_MAP)
		cl.doc = doc
		cl.map = map
		const url = (c.spreadUrls?.[cl.board]?.[cl.process] ?? c.boardUrls[cl.board]) as string
		if (c.framing === 'hocuspocus') cl.prefix = hocuspocusPrefix(url)
		const ws = await openSocket(url)
		cl.ws = ws
		doc.on('update', (update: Uint8Array) => {
			if (ws.readyState === 1) ws.send(framed(cl, encodeUpdate(update)))
		})
		ws.on('close', () => counts.closed++)
		ws.on('message', (data: Buffer) => {
			if (!cl.synced) {
				const m = classify(cl.prefix ? data.subarray(cl.prefix.length) : data)
				if (m.kind === 'step1') ws.send(framed(cl, encodeSyncStep2(doc, m.stateVector)))
				else if (m.kind === 'step2') cl.synced = true
				return
			}
			onData(cl, data)
		})
		if (cl.prefix) ws.send(hocuspocusAuth(cl.prefix))
		if (c.handshake) ws.send(framed(cl, encodeSyncStep1(doc)))
		else cl.synced = true
	}

	const connectTldraw = async (cl: FanoutClient) => {
		const ws = await openSocket(`${c.boardUrls[cl.board]}?sessionId=g${cl.g}-${crypto.randomUUID()}`)
		cl.ws = ws
		ws.on('close', () => counts.closed++)
		ws.on('message', (data: Buffer) => {
			if (!cl.synced) {
				const msg = JSON.parse(data.toString())
				if (msg.type === 'connect') cl.synced = true
				return
			}
			onData(cl, data)
		})
		ws.send(
			JSON.stringify({
				type: 'connect',
				connectRequestId: crypto.randomUUID(),
				lastServerClock: -1,
				protocolVersion: 8,
				schema: schema.serialize(),
			}),
		)
	}

	const connect = c.protocol === 'yjs' ? connectYjs : connectTldraw
	await inBatches(mine, 25, connect)
	await until(() => mine.every((cl) => cl.synced), 60_000, 'all clients synced')
	log(`connected ${mine.length} clients`)

	// Each client creates its own shapes; nobody else ever writes them, so no move overwrites
	// a value its writer has not seen.
	for (const cl of mine) {
		if (c.protocol === 'yjs') {
			const map = cl.map as Y.Map<string>
			cl.doc?.transact(() => {
				for (const s of cl.shapes) map.set(s.id, JSON.stringify(s))
			})
		} else {
			const diff: Record<string, unknown> = {}
			for (const s of cl.shapes) diff[s.id] = ['put', s]
			cl.ws?.send(JSON.stringify({ type: 'push', clientClock: cl.tlClock++, diff }))
		}
	}
	await sleep(1500)
	const tlPing =
		c.protocol === 'tldraw'
			? setInterval(() => {
					for (const cl of mine) if (cl.ws?.readyState === 1) cl.ws.send(JSON.stringify({ type: 'ping' }))
				}, 5000)
			: undefined

	process.stdout.write('READY\n')
	const startAt = await waitForGo()
	await sleep(Math.max(0, startAt - nowMs()))
	measuring = true
	const t0 = nowMs()
	// From the agreed start, not this process's wake-up: with several generators, a move sent
	// between two processes' own boundaries would count as delivered but not as sent.
	measureFrom = startAt + c.warmupMs
	let cpu0 = process.cpuUsage()
	const cpuTimer = setTimeout(() => {
		cpu0 = process.cpuUsage()
	}, c.warmupMs)
	const movePeriod = c.moveRate > 0 ? 1000 / c.moveRate : Number.POSITIVE_INFINITY
	const cursorPeriod = c.cursorRate > 0 ? 1000 / c.cursorRate : Number.POSITIVE_INFINITY
	for (const cl of mine) {
		cl.nextMoveAt = t0 + Math.random() * movePeriod
		cl.nextCursorAt = cl.movesCursor ? t0 + Math.random() * cursorPeriod : Number.POSITIVE_INFINITY
	}
	const sent = c.boardUrls.map(() => ({ moves: 0, cursors: 0 }))
	const sendMove = (cl: FanoutClient, at: number) => {
		const shape = cl.shapes[cl.moveSeq % cl.shapes.length] as ShapeRecord
		shape.x += 1
		shape.meta = { t: moveMarker(cl.g, cl.moveSeq, at) }
		cl.moveSeq++
		if (cl.ws?.readyState !== 1) return
		if (at >= measureFrom) (sent[cl.board] as { moves: number }).moves++
		if (c.protocol === 'yjs') cl.map?.set(shape.id, JSON.stringify(shape))
		else
			cl.ws.send(
				JSON.stringify({
					type: 'push',
					clientClock: cl.tlClock++,
					diff: { [shape.id]: ['patch', { x: ['put', shape.x], meta: ['put', shape.meta] }] },
				}),
			)
	}
	const sendCursor = (cl: FanoutClient, at: number) => {
		const seq = cl.cursorSeq++
		const marker = cursorMarker(cl.g, seq, at)
		const x = (seq * 7) % 1000
		const y = (seq * 13) % 1000
		if (cl.ws?.readyState !== 1) return
		if (at >= measureFrom) (sent[cl.board] as { cursors: number }).cursors++
		if (c.protocol === 'yjs') {
			const state = `{"user":{"name":"user ${cl.g}","color":"#e03131"},"cursor":{"x":${x},"y":${y}},"t":"${marker}"}`
			cl.ws.send(framed(cl, encodeAwareness(cl.doc?.clientID ?? cl.g, seq + 1, state)))
		} else {
			cl.presence ??= InstancePresenceRecordType.create({
				id: InstancePresenceRecordType.createId(`g${cl.g}`),
				userId: `user:g${cl.g}` as TLUserId,
				userName: `user ${cl.g}`,
				currentPageId: 'page:page' as never,
			}) as unknown as Record<string, unknown>
			const presence = { ...cl.presence, cursor: { x, y, type: 'default', rotation: 0 }, chatMessage: marker }
			cl.ws.send(JSON.stringify({ type: 'push', clientClock: cl.tlClock++, presence: ['put', presence] }))
		}
	}

	const end = measureFrom + c.durationMs
	await new Promise<void>((resolve) => {
		const tick = setInterval(() => {
			const now = nowMs()
			if (now >= end) {
				clearInterval(tick)
				resolve()
				return
			}
			for (const cl of mine) {
				while (cl.nextMoveAt <= now) {
					sendMove(cl, nowMs())
					cl.nextMoveAt += movePeriod
				}
				while (cl.nextCursorAt <= now) {
					sendCursor(cl, nowMs())
					cl.nextCursorAt += cursorPeriod
				}
			}
		}, 2)
	})
	clearTimeout(cpuTimer)
	const sendCpu = process.cpuUsage(cpu0)
	const sendWall = nowMs() - measureFrom
	// Drain: wait until nothing has arrived for 2 s (a backlogged server keeps delivering),
	// at most 60 s; what has not arrived by then counts as lost.
	const drainDeadline = nowMs() + 60_000
	while (nowMs() - Math.max(lastArrival, end) < 2000 && nowMs() < drainDeadline) await sleep(50)
	const drainWall = nowMs() - end
	measuring = false
	if (tlPing) clearInterval(tlPing)
	const cpu = process.cpuUsage(cpu0)
	const cursorLast: Record<number, number[]> = {}
	for (const cl of mine) {
		const base = cl.board * c.clientsPerBoard
		cursorLast[cl.g] = Array.from(cl.lastCursor.slice(base, base + c.clientsPerBoard))
	}
	const cursorFinal: Record<number, number> = {}
	for (const cl of mine) if (cl.movesCursor) cursorFinal[cl.g] = cl.cursorSeq - 1
	const result = {
		part: c.part,
		clients: mine.length,
		sent,
		counts,
		moveHist: moveHist.toJSON(),
		crossMoveHist: crossMoveHist.toJSON(),
		cursorHist: cursorHist.toJSON(),
		cursorLast,
		cursorFinal,
		loadgen: {
			cpuSeconds: (cpu.user + cpu.system) / 1e6,
			sendPhaseCpuShare: (sendCpu.user + sendCpu.system) / 1e3 / sendWall,
			sendWallMs: sendWall,
			drainWallMs: drainWall,
		},
	}
	process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
	for (const cl of mine) cl.ws?.terminate()
}

// ---------------------------------------------------------------------------------------------
// Cold load (d)

/**
 * Writes a board of `shapes` shapes in transactions of 500, as a board grows in real use;
 * this also keeps every message under a server's message size limit.
 */
function seedInChunks(doc: Y.Doc, encoding: 'json' | 'object', shapes: number): void {
	const map = doc.getMap<unknown>(RECORDS_MAP)
	for (let start = 0; start < shapes; start += 500) {
		doc.transact(() => {
			for (let n = start; n < Math.min(shapes, start + 500); n++) {
				const s = makeShape('seed', n)
				map.set(s.id, encoding === 'json' ? JSON.stringify(s) : s)
			}
		})
	}
}

interface JoinSample {
	fromOpenMs: number
	fromConnectMs: number
	serverCpuSeconds: number
	records: number
	bytes: number
}

/** One fresh Y.Doc joins: from socket open to having applied sync step 2. */
async function joinYjs(url: string): Promise<Omit<JoinSample, 'serverCpuSeconds'>> {
	const tConnect = performance.now()
	const ws = await openSocket(url)
	const tOpen = performance.now()
	const doc = new Y.Doc()
	return await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			ws.terminate()
			reject(new Error('join timed out'))
		}, 60_000)
		ws.on('message', (data: Buffer) => {
			const m = classify(data)
			if (m.kind === 'step1') ws.send(encodeSyncStep2(doc, m.stateVector))
			else if (m.kind === 'step2') {
				Y.applyUpdate(doc, m.update)
				const t = performance.now()
				clearTimeout(timer)
				const records = doc.getMap(RECORDS_MAP).size
				ws.close()
				ws.once('close', () =>
					resolve({ fromOpenMs: t - tOpen, fromConnectMs: t - tConnect, records, bytes: m.update.length }),
				)
			}
		})
		ws.send(encodeEmptySyncStep1())
	})
}

/** Does `sv` cover every client's clock in `target`? */
function covers(sv: Map<number, number>, target: Map<number, number>): boolean {
	for (const [client, clock] of target) if ((sv.get(client) ?? 0) < clock) return false
	return true
}

/**
 * One fresh Y.Doc joins a board being edited: from socket open until it has applied what the
 * server sent it and holds at least `target` (the state of a client that stayed connected, when
 * the join began). A server may send its state in several messages; all of them count.
 */
async function joinYjsUntil(
	url: string,
	target: Map<number, number>,
): Promise<Omit<JoinSample, 'serverCpuSeconds'> & { step2Ms: number }> {
	const tConnect = performance.now()
	const ws = await openSocket(url)
	const tOpen = performance.now()
	const doc = new Y.Doc()
	let step2Ms = Number.NaN
	let bytes = 0
	return await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			ws.terminate()
			reject(new Error('join timed out'))
		}, 60_000)
		let done = false
		ws.on('message', (data: Buffer) => {
			if (done) return
			const m = classify(data)
			if (m.kind === 'step1') ws.send(encodeSyncStep2(doc, m.stateVector))
			else if (m.kind === 'step2' || m.kind === 'update') {
				Y.applyUpdate(doc, m.update)
				bytes += m.update.length
				if (m.kind === 'step2') step2Ms = performance.now() - tOpen
				if (Number.isNaN(step2Ms) || !covers(Y.decodeStateVector(Y.encodeStateVector(doc)), target)) return
				done = true
				const t = performance.now()
				clearTimeout(timer)
				const records = doc.getMap(RECORDS_MAP).size
				ws.close()
				ws.once('close', () =>
					resolve({ fromOpenMs: t - tOpen, fromConnectMs: t - tConnect, records, bytes, step2Ms }),
				)
			}
		})
		ws.send(encodeEmptySyncStep1())
	})
}

/** One fresh tldraw client joins: from socket open to the connect message parsed into a map. */
async function joinTldraw(url: string): Promise<Omit<JoinSample, 'serverCpuSeconds'>> {
	const tConnect = performance.now()
	const ws = await openSocket(`${url}?sessionId=${crypto.randomUUID()}`)
	const tOpen = performance.now()
	return await new Promise((resolve, reject) => {
		const timer = setTimeout(() => {
			ws.terminate()
			reject(new Error('join timed out'))
		}, 60_000)
		ws.on('message', (data: Buffer) => {
			const text = data.toString()
			const msg = JSON.parse(text)
			if (msg.type !== 'connect') return
			const store = new Map<string, unknown>()
			for (const [id, op] of Object.entries(msg.diff as Record<string, [string, unknown]>))
				if (op[0] === 'put') store.set(id, op[1])
			const t = performance.now()
			clearTimeout(timer)
			ws.close()
			ws.once('close', () =>
				resolve({
					fromOpenMs: t - tOpen,
					fromConnectMs: t - tConnect,
					records: store.size,
					bytes: data.length,
				}),
			)
		})
		ws.send(
			JSON.stringify({
				type: 'connect',
				connectRequestId: crypto.randomUUID(),
				lastServerClock: -1,
				protocolVersion: 8,
				schema: schema.serialize(),
			}),
		)
	})
}

async function runJoin(c: JoinConfig) {
	let seeder: WebSocket | undefined
	let seederDoc: Y.Doc | undefined
	let updateBytes = 0
	if (c.protocol === 'yjs') {
		// The seeder stays connected, so joins hit a loaded room as they would in real use.
		const doc = new Y.Doc()
		seeder = await openSocket(c.boardUrl)
		const ws = seeder
		let synced = false
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'remote') ws.send(encodeUpdate(update))
		})
		ws.on('message', (data: Buffer) => {
			const m = classify(data)
			if (m.kind === 'step1') ws.send(encodeSyncStep2(doc, m.stateVector))
			else if (m.kind === 'step2') synced = true
			// During edits the seeder follows the board: the reference a joiner must reach.
			else if (m.kind === 'update' && c.duringEdits) Y.applyUpdate(doc, m.update, 'remote')
		})
		ws.send(encodeSyncStep1(doc))
		await until(() => synced, 60_000, 'seeder synced')
		seedInChunks(doc, c.encoding, c.shapes)
		updateBytes = Y.encodeStateAsUpdate(doc).length
		seederDoc = doc
	} else {
		const res = await fetch(c.seedHttpUrl as string, { method: 'POST', signal: AbortSignal.timeout(60_000) })
		if (res.status !== 201) throw new Error(`seed failed: ${res.status}`)
	}
	const join = c.protocol === 'yjs' ? joinYjs : joinTldraw
	// Warm-up joins until the whole board has arrived at the server (also warms the JIT).
	const deadline = Date.now() + 60_000
	for (;;) {
		const s = await join(c.boardUrl)
		if (s.records >= c.shapes) break
		if (Date.now() > deadline) throw new Error(`board never reached ${c.shapes} records (${s.records})`)
		await sleep(300)
	}
	await sleep(500)
	if (c.duringEdits) return await joinsDuringEdits(c, seederDoc as Y.Doc, seeder as WebSocket, updateBytes)
	// What seeding left the server to do (ours indexes the new board for search a few seconds
	// after its last change) is not a join's cost: the joins start once the server is at rest.
	await untilServerRests(c.serverPid)
	const samples: JoinSample[] = []
	const cpuStart = cpuSeconds(c.serverPid)
	for (let i = 0; i < c.joins; i++) {
		const cpu0 = cpuSeconds(c.serverPid)
		const s = await join(c.boardUrl)
		// Let the server finish what a join leaves behind (close handling) before reading CPU.
		await sleep(300)
		samples.push({ ...s, serverCpuSeconds: cpuSeconds(c.serverPid) - cpu0 })
	}
	const cpuTotal = cpuSeconds(c.serverPid) - cpuStart
	const result = { samples, cpuTotal, updateBytes, ownCpuSeconds: ownCpuSeconds() }
	process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
	seeder?.terminate()
}

/**
 * (f): joins spread over a phase in which others edit. The server's CPU for a join is what it used
 * from the join's start until 300 ms after it ended, minus what editing alone costs over as long
 * (its rate over the rest of the phase, where no join ran).
 */
async function joinsDuringEdits(c: JoinConfig, reference: Y.Doc, seeder: WebSocket, updateBytes: number) {
	const { warmupMs, durationMs } = c.duringEdits as { warmupMs: number; durationMs: number }
	process.stdout.write('READY\n')
	const at = await waitForGo()
	await sleep(Math.max(0, at + warmupMs - nowMs()))
	const phaseStart = nowMs()
	const cpuStart = cpuSeconds(c.serverPid)
	// Counted from here, as the fan-out generators count theirs (the orchestrator's noise figure).
	const ownCpuStart = ownCpuSeconds()
	const samples: (JoinSample & { step2Ms: number; windowMs: number })[] = []
	const spacing = durationMs / c.joins
	for (let i = 0; i < c.joins; i++) {
		await sleep(Math.max(0, phaseStart + i * spacing + spacing / 2 - nowMs()))
		const target = Y.decodeStateVector(Y.encodeStateVector(reference))
		const t0 = nowMs()
		const cpu0 = cpuSeconds(c.serverPid)
		const s = await joinYjsUntil(c.boardUrl, target)
		await sleep(300)
		samples.push({ ...s, serverCpuSeconds: cpuSeconds(c.serverPid) - cpu0, windowMs: nowMs() - t0 })
	}
	await sleep(Math.max(0, phaseStart + durationMs - nowMs()))
	const totalCpu = cpuSeconds(c.serverPid) - cpuStart
	const totalMs = nowMs() - phaseStart
	const joinCpu = samples.reduce((sum, s) => sum + s.serverCpuSeconds, 0)
	const joinMs = samples.reduce((sum, s) => sum + s.windowMs, 0)
	const editRatePerMs = totalMs > joinMs ? Math.max(0, totalCpu - joinCpu) / (totalMs - joinMs) : 0
	const cpuTotal = Math.max(0, joinCpu - editRatePerMs * joinMs)
	const result = {
		samples,
		cpuTotal,
		updateBytes,
		editCpuShare: editRatePerMs * 1000,
		ownCpuSeconds: ownCpuSeconds() - ownCpuStart,
	}
	process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
	seeder.terminate()
}

// ---------------------------------------------------------------------------------------------
// Growth (e)

interface GrowthClient {
	doc: Y.Doc
	map: Y.Map<string>
	ws: WebSocket
	synced: boolean
	moves: number
}

async function runGrowth(c: GrowthConfig) {
	const clients: GrowthClient[] = []
	for (let k = 0; k < c.clients; k++) {
		const doc = new Y.Doc()
		const map = doc.getMap<string>(RECORDS_MAP)
		const ws = await openSocket(c.boardUrl)
		const cl = { doc, map, ws, synced: false, moves: 0 }
		doc.on('update', (update: Uint8Array, origin: unknown) => {
			if (origin !== 'remote' && ws.readyState === 1) ws.send(encodeUpdate(update))
		})
		ws.on('message', (data: Buffer) => {
			const m = classify(data)
			if (m.kind === 'step1') ws.send(encodeSyncStep2(doc, m.stateVector))
			else if (m.kind === 'step2' || m.kind === 'update') {
				Y.applyUpdate(doc, m.update, 'remote')
				if (m.kind === 'step2') cl.synced = true
			}
		})
		ws.send(encodeSyncStep1(doc))
		clients.push(cl)
	}
	await until(() => clients.every((cl) => cl.synced), 30_000, 'growth clients synced')
	const ids: string[] = []
	const first = clients[0] as GrowthClient
	first.doc.transact(() => {
		for (let n = 0; n < c.shapes; n++) {
			const s = makeShape('e', n)
			ids.push(s.id)
			first.map.set(s.id, JSON.stringify(s))
		}
	})
	await until(() => clients.every((cl) => cl.map.size === c.shapes), 30_000, 'shapes everywhere')
	process.stdout.write('READY\n')
	await waitForGo()
	const perClient = Math.ceil(c.moves / c.clients)
	const period = 1000 / c.movesPerSecondPerClient
	const t0 = nowMs()
	let sent = 0
	await new Promise<void>((resolve) => {
		const tick = setInterval(() => {
			const due = Math.min(perClient, Math.floor((nowMs() - t0) / period) + 1)
			for (const [k, cl] of clients.entries()) {
				while (cl.moves < due && sent < c.moves) {
					// Client k's j-th move: every client ends up moving every shape.
					const id = ids[(cl.moves * 7 + k * 10) % ids.length] as string
					const rec = JSON.parse(cl.map.get(id) as string) as ShapeRecord
					rec.x += 1 + k
					rec.y += 1
					cl.map.set(id, JSON.stringify(rec))
					cl.moves++
					sent++
				}
			}
			if (sent >= c.moves) {
				clearInterval(tick)
				resolve()
			}
		}, 5)
	})
	const sv = (d: Y.Doc) => Buffer.from(Y.encodeStateVector(d)).toString('base64')
	let converged = true
	try {
		await until(() => clients.every((cl) => sv(cl.doc) === sv(first.doc)), 60_000, 'convergence')
		await sleep(500)
		await until(() => clients.every((cl) => sv(cl.doc) === sv(first.doc)), 10_000, 'convergence')
	} catch {
		converged = false
	}
	const finalDoc = new Y.Doc()
	const finalMap = finalDoc.getMap<string>(RECORDS_MAP)
	finalDoc.transact(() => {
		for (const [k, v] of first.map) finalMap.set(k, v)
	})
	const result = {
		converged,
		moves: sent,
		freshV1: Y.encodeStateAsUpdate(finalDoc).length,
		freshV2: Y.encodeStateAsUpdateV2(finalDoc).length,
		clientV1: Y.encodeStateAsUpdate(first.doc).length,
		clientV2: Y.encodeStateAsUpdateV2(first.doc).length,
		ownCpuSeconds: ownCpuSeconds(),
	}
	process.stdout.write(`RESULT ${JSON.stringify(result)}\n`)
	for (const cl of clients) cl.ws.terminate()
}

const run = (c: LoadConfig): Promise<void> =>
	c.mode === 'fanout' ? runFanout(c) : c.mode === 'join' ? runJoin(c) : runGrowth(c)
// Exit only once stdout has drained: a pipe write is asynchronous and a long RESULT line
// would otherwise be cut off.
run(config).then(
	() => process.stdout.write('', () => process.exit(0)),
	(e: unknown) => {
		process.stdout.write(`ERROR ${e instanceof Error ? e.message : String(e)}\n`, () => process.exit(1))
	},
)
