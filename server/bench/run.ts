/**
 * `pnpm bench`: the sync benchmark of our server against peer servers, side by side.
 *
 * Every (scenario, server) pair gets a fresh server process on 127.0.0.1 and one or more
 * load generator processes (bench/loadgen.ts). Prints tables and ratios to stdout and writes
 * JSON to server/bench-results/. A measurement, not a test: it exits 0 whenever it completes.
 *
 * Environment:
 *   BENCH_QUICK=1          shorter runs (5 s phases, smaller boards) while developing
 *   BENCH_TARGETS=a,b      servers to run (ours,y-websocket-server,relay,tldraw-sync)
 *   BENCH_SCENARIOS=a,d    scenarios to run (a,b,c,d,e)
 *   BENCH_GENERATORS=2     load generator processes for the fan-out scenarios (default 1)
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createInterface } from 'node:readline'
import { Histogram, median } from './lib/histogram.ts'
import { nowMs } from './lib/markers.ts'
import { cpuSeconds, machineBusySeconds, memory } from './lib/procStats.ts'
import {
	isAvailable,
	killAll,
	type RunningServer,
	removeDataDir,
	startServer,
	type Target,
	targets,
} from './lib/servers.ts'
import type { FanoutConfig, GrowthConfig, JoinConfig, LoadConfig } from './loadgen.ts'

const serverDir = path.resolve(import.meta.dirname, '..')
const quick = process.env.BENCH_QUICK === '1'
const generators = Math.max(1, Number(process.env.BENCH_GENERATORS ?? 1))
const wantedTargets = (process.env.BENCH_TARGETS ?? 'ours,y-websocket-server,relay,tldraw-sync').split(',')
const wantedScenarios = (process.env.BENCH_SCENARIOS ?? 'a,b,c,d,e').split(',')
const phaseMs = quick ? 5_000 : 20_000
const warmupMs = quick ? 1_000 : 3_000

// ---------------------------------------------------------------------------------------------
// Load generator processes

interface Loadgen {
	proc: ChildProcess
	ready: Promise<void>
	result: Promise<unknown>
	go: (at: number) => void
}

const liveLoadgens = new Set<ChildProcess>()

function startLoadgen(config: LoadConfig, timeoutMs: number): Loadgen {
	const proc = spawn(process.execPath, ['bench/loadgen.ts', JSON.stringify(config)], {
		cwd: serverDir,
		stdio: ['pipe', 'pipe', 'pipe'],
	})
	liveLoadgens.add(proc)
	proc.once('exit', () => liveLoadgens.delete(proc))
	let stderr = ''
	proc.stderr?.on('data', (d: Buffer) => {
		stderr = (stderr + d.toString()).slice(-5000)
	})
	let onReady: () => void = () => {}
	const ready = new Promise<void>((r) => {
		onReady = r
	})
	const result = new Promise<unknown>((resolve, reject) => {
		const timer = setTimeout(() => {
			proc.kill('SIGKILL')
			reject(new Error(`load generator timed out after ${timeoutMs} ms`))
		}, timeoutMs)
		const rl = createInterface({ input: proc.stdout as NodeJS.ReadableStream })
		let done = false
		rl.on('line', (line) => {
			if (line === 'READY') onReady()
			else if (line.startsWith('RESULT ')) {
				done = true
				clearTimeout(timer)
				resolve(JSON.parse(line.slice(7)))
			} else if (line.startsWith('ERROR ')) {
				done = true
				clearTimeout(timer)
				reject(new Error(`load generator: ${line.slice(6)}`))
			} else if (line.startsWith('LOG ') && process.env.BENCH_VERBOSE) console.log(`    ${line.slice(4)}`)
		})
		proc.once('exit', (code) => {
			clearTimeout(timer)
			if (!done) reject(new Error(`load generator exited ${code} without a result\n${stderr}`))
		})
	})
	// A failed generator must not leave `ready` waiting forever.
	result.catch(() => onReady())
	return { proc, ready, result, go: (at) => proc.stdin?.write(`GO ${at}\n`) }
}

// ---------------------------------------------------------------------------------------------
// Scenarios

interface FanoutSpec {
	id: 'a' | 'b' | 'c'
	title: string
	boards: number
	clientsPerBoard: number
	moveRate: number
	cursorRate: number
	cursorClientsPerBoard: number
	shapesPerClient: number
}

const fanoutSpecs: FanoutSpec[] = [
	{
		id: 'a',
		title: '(a) circle: 1 board × 30 clients, 5 moves/s + 10 cursor/s each',
		boards: 1,
		clientsPerBoard: 30,
		moveRate: 5,
		cursorRate: 10,
		cursorClientsPerBoard: 30,
		shapesPerClient: 5,
	},
	{
		id: 'b',
		title: '(b) 20 boards × 30 clients, 1 move/s + 2 cursor/s each',
		boards: 20,
		clientsPerBoard: 30,
		moveRate: 1,
		cursorRate: 2,
		cursorClientsPerBoard: 30,
		shapesPerClient: 5,
	},
	{
		id: 'c',
		title: '(c) town hall: 1 board × 200 clients, 1 move/s each, 20 of them cursors 5/s',
		boards: 1,
		clientsPerBoard: 200,
		moveRate: 1,
		cursorRate: 5,
		cursorClientsPerBoard: 20,
		shapesPerClient: 2,
	},
]

interface FanoutPart {
	sent: { moves: number; cursors: number }[]
	counts: {
		moves: number
		cursors: number
		moveDup: number
		cursorDup: number
		echoMoves: number
		echoCursors: number
		closed: number
	}
	moveHist: ReturnType<Histogram['toJSON']>
	cursorHist: ReturnType<Histogram['toJSON']>
	cursorLast: Record<string, number[]>
	cursorFinal: Record<string, number>
	loadgen: { cpuSeconds: number; sendPhaseCpuShare: number; sendWallMs: number; drainWallMs: number }
}

/** What one server did in one fan-out scenario. */
export interface FanoutResult {
	scenario: string
	server: string
	moves: {
		expected: number
		delivered: number
		lost: number
		duplicates: number
		p50: number
		p99: number
		max: number
	}
	cursors: {
		expected: number
		delivered: number
		finalPositionsMissing: number
		duplicates: number
		p50: number
		p99: number
		max: number
	}
	echoesToSender: number
	closedSockets: number
	serverCpuSeconds: number
	cpuSecondsPer1000Delivered: number
	peakRssBytes: number
	loadgenCpuShare: number
	loadgenProcesses: number
	/** Cores' worth of CPU used by other processes during the run (noise indicator). */
	otherCpuShare: number
	/** 1-minute load average when the run started. */
	loadAverageBefore: number
}

async function runFanout(server: RunningServer, spec: FanoutSpec): Promise<FanoutResult> {
	const boardUrls: string[] = []
	for (let b = 0; b < spec.boards; b++) {
		const id = await server.createBoard(`bench ${spec.id} ${b}`)
		boardUrls.push(`${server.wsBase}${server.target.wsPath(id)}`)
	}
	const base: Omit<FanoutConfig, 'part'> = {
		mode: 'fanout',
		protocol: server.target.protocol,
		handshake: server.target.answersSync,
		boardUrls,
		headers: server.wsHeaders,
		clientsPerBoard: spec.clientsPerBoard,
		moveRate: spec.moveRate,
		cursorRate: spec.cursorRate,
		cursorClientsPerBoard: spec.cursorClientsPerBoard,
		shapesPerClient: spec.shapesPerClient,
		durationMs: phaseMs,
		warmupMs,
		parts: generators,
	}
	const gens = Array.from({ length: generators }, (_, part) =>
		startLoadgen({ ...base, part }, phaseMs + 150_000),
	)
	try {
		await Promise.all(gens.map((g) => g.ready))
		const load1 = os.loadavg()[0] ?? Number.NaN
		const at = nowMs() + 300
		for (const g of gens) g.go(at)
		// Server figures cover the measured phase only, from the end of the warm-up.
		await new Promise((r) => setTimeout(r, Math.max(0, at + warmupMs - nowMs())))
		const cpu0 = cpuSeconds(server.pid)
		const busy0 = machineBusySeconds()
		const wall0 = nowMs()
		const parts = (await Promise.all(gens.map((g) => g.result))) as FanoutPart[]
		const serverCpu = cpuSeconds(server.pid) - cpu0
		const wallSeconds = (nowMs() - wall0) / 1000
		const loadgenCpu = parts.reduce((s, p) => s + p.loadgen.cpuSeconds, 0)
		// CPU used by anything but this server and the generators: other work on the machine
		// (tests, builds) that competes for the cores and makes latency figures noisy.
		const otherCpuShare = (machineBusySeconds() - busy0 - serverCpu - loadgenCpu) / wallSeconds
		const peakRss = memory(server.pid).peakRss

		const n = spec.clientsPerBoard
		const sent = boardUrls.map((_, b) => ({
			moves: parts.reduce((s, p) => s + (p.sent[b]?.moves ?? 0), 0),
			cursors: parts.reduce((s, p) => s + (p.sent[b]?.cursors ?? 0), 0),
		}))
		const expectedMoves = sent.reduce((s, b) => s + b.moves * (n - 1), 0)
		const expectedCursors = sent.reduce((s, b) => s + b.cursors * (n - 1), 0)
		const sum = (k: keyof FanoutPart['counts']) => parts.reduce((s, p) => s + p.counts[k], 0)
		const moveHist = new Histogram()
		const cursorHist = new Histogram()
		for (const p of parts) {
			moveHist.merge(Histogram.fromJSON(p.moveHist))
			cursorHist.merge(Histogram.fromJSON(p.cursorHist))
		}
		// A cursor update superseded by a later one may be coalesced by a server; the last
		// position of every cursor must still reach everyone.
		const cursorFinal: Record<string, number> = Object.assign({}, ...parts.map((p) => p.cursorFinal))
		let finalMissing = 0
		for (const p of parts)
			for (const [receiver, lasts] of Object.entries(p.cursorLast)) {
				const boardBase = Math.floor(Number(receiver) / n) * n
				lasts.forEach((seen, i) => {
					const sender = boardBase + i
					if (sender === Number(receiver) || cursorFinal[sender] === undefined) return
					if (seen < cursorFinal[sender]) finalMissing++
				})
			}
		const delivered = sum('moves') + sum('cursors')
		return {
			scenario: spec.id,
			server: server.target.name,
			moves: {
				expected: expectedMoves,
				delivered: sum('moves'),
				lost: expectedMoves - sum('moves'),
				duplicates: sum('moveDup'),
				p50: moveHist.quantile(0.5),
				p99: moveHist.quantile(0.99),
				max: moveHist.max,
			},
			cursors: {
				expected: expectedCursors,
				delivered: sum('cursors'),
				finalPositionsMissing: finalMissing,
				duplicates: sum('cursorDup'),
				p50: cursorHist.quantile(0.5),
				p99: cursorHist.quantile(0.99),
				max: cursorHist.max,
			},
			echoesToSender: sum('echoMoves') + sum('echoCursors'),
			closedSockets: sum('closed'),
			serverCpuSeconds: serverCpu,
			cpuSecondsPer1000Delivered: delivered > 0 ? serverCpu / (delivered / 1000) : Number.NaN,
			peakRssBytes: peakRss,
			loadgenCpuShare: Math.max(...parts.map((p) => p.loadgen.sendPhaseCpuShare)),
			loadgenProcesses: generators,
			otherCpuShare: Math.max(0, otherCpuShare),
			loadAverageBefore: load1,
		}
	} finally {
		for (const g of gens) if (g.proc.exitCode === null) g.proc.kill('SIGKILL')
	}
}

/** What one server did in the cold-load scenario for one record encoding. */
export interface JoinResult {
	scenario: 'd'
	server: string
	encoding: 'json' | 'object'
	shapes: number
	joins: number
	medianJoinMs: number
	medianConnectToAppliedMs: number
	serverCpuMsPerJoin: number
	initialSyncBytes: number
	peakRssBytes: number
	loadAverageBefore: number
	samples: {
		fromOpenMs: number
		fromConnectMs: number
		serverCpuSeconds: number
		records: number
		bytes: number
	}[]
}

async function runJoin(server: RunningServer, encoding: 'json' | 'object'): Promise<JoinResult> {
	const shapes = quick ? 2_000 : 10_000
	const joins = quick ? 3 : 10
	const id = await server.createBoard(`bench d ${encoding}`)
	const config: JoinConfig = {
		mode: 'join',
		protocol: server.target.protocol,
		boardUrl: `${server.wsBase}${server.target.wsPath(id)}`,
		headers: server.wsHeaders,
		seedHttpUrl: `${server.httpBase}/seed/${id}?shapes=${shapes}`,
		encoding,
		shapes,
		joins,
		serverPid: server.pid,
	}
	const load1 = os.loadavg()[0] ?? Number.NaN
	const gen = startLoadgen(config, 240_000)
	const r = (await gen.result) as { samples: JoinResult['samples']; cpuTotal: number }
	return {
		scenario: 'd',
		server: server.target.name,
		encoding,
		shapes,
		joins,
		medianJoinMs: median(r.samples.map((s) => s.fromOpenMs)),
		medianConnectToAppliedMs: median(r.samples.map((s) => s.fromConnectMs)),
		serverCpuMsPerJoin: (r.cpuTotal / joins) * 1000,
		initialSyncBytes: median(r.samples.map((s) => s.bytes)),
		peakRssBytes: memory(server.pid).peakRss,
		loadAverageBefore: load1,
		samples: r.samples,
	}
}

/** Document growth after many moves by several clients (e). */
export interface GrowthResult {
	scenario: 'e'
	server: string
	moves: number
	converged: boolean
	freshV1Bytes: number
	freshV2Bytes: number
	clientDocV1Bytes: number
	clientDocV2Bytes: number
	storedStateBytes: number | null
	storedLogBytes: number | null
	storedLogEntries: number | null
	storedNote: string
	serverRssBeforeBytes: number
	serverRssAfterBytes: number
	serverRssDeltaBytes: number
	peakRssBytes: number
	loadAverageBefore: number
}

/** The part of our storage handle the bench reads. */
interface OursStorage {
	docs: { sizes(boardId: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }> }
	close?: () => Promise<void>
}

async function runGrowth(server: RunningServer): Promise<GrowthResult> {
	const moves = quick ? 2_000 : 10_000
	const id = await server.createBoard('bench e')
	const config: GrowthConfig = {
		mode: 'growth',
		boardUrl: `${server.wsBase}${server.target.wsPath(id)}`,
		headers: server.wsHeaders,
		clients: 10,
		shapes: 100,
		moves,
		movesPerSecondPerClient: 50,
	}
	const gen = startLoadgen(config, 240_000)
	await gen.ready
	const rssBefore = memory(server.pid).rss
	const load1 = os.loadavg()[0] ?? Number.NaN
	gen.go(0)
	const r = (await gen.result) as {
		converged: boolean
		moves: number
		freshV1: number
		freshV2: number
		clientV1: number
		clientV2: number
	}
	const rssAfter = memory(server.pid).rss
	const peak = memory(server.pid).peakRss
	let stored: { stateBytes: number; logBytes: number; logEntries: number } | null = null
	let storedNote = 'no persistence'
	if (server.target.name === 'ours') {
		const code = await server.stop()
		storedNote = `after SIGTERM (exit ${code})`
		try {
			// Imported late: the storage module may not exist yet in this checkout.
			const modulePath = '../src/storage/openStorage.ts'
			const mod = (await import(modulePath)) as {
				openStorage: (o: { dataDir: string }) => Promise<OursStorage> | OursStorage
			}
			const storage = await mod.openStorage({ dataDir: server.dataDir })
			stored = await storage.docs.sizes(id)
			await storage.close?.()
		} catch (e) {
			storedNote = `could not read storage: ${e instanceof Error ? e.message : String(e)}`
		}
	}
	return {
		scenario: 'e',
		server: server.target.name,
		moves: r.moves,
		converged: r.converged,
		freshV1Bytes: r.freshV1,
		freshV2Bytes: r.freshV2,
		clientDocV1Bytes: r.clientV1,
		clientDocV2Bytes: r.clientV2,
		storedStateBytes: stored?.stateBytes ?? null,
		storedLogBytes: stored?.logBytes ?? null,
		storedLogEntries: stored?.logEntries ?? null,
		storedNote,
		serverRssBeforeBytes: rssBefore,
		serverRssAfterBytes: rssAfter,
		serverRssDeltaBytes: rssAfter - rssBefore,
		peakRssBytes: peak,
		loadAverageBefore: load1,
	}
}

// ---------------------------------------------------------------------------------------------
// Reporting

const fmt = (v: number | null | undefined, digits = 1) =>
	v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits)
const mb = (b: number | null | undefined) =>
	b === null || b === undefined || Number.isNaN(b) ? 'n/a' : (b / 2 ** 20).toFixed(1)
const kb = (b: number | null | undefined) =>
	b === null || b === undefined || Number.isNaN(b) ? 'n/a' : (b / 1024).toFixed(1)

function table(headers: string[], rows: string[][]): string {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
	const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
	return [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n')
}

/** One target line: "met" / "NOT met" with the figures behind it. */
interface Verdict {
	scenario: string
	target: string
	met: boolean | null
	detail: string
}

function ratio(a: number, b: number): number {
	return b > 0 ? a / b : Number.NaN
}

function fanoutVerdicts(rs: FanoutResult[]): Verdict[] {
	const ours = rs.find((r) => r.server === 'ours')
	const yws = rs.find((r) => r.server === 'y-websocket-server')
	if (!ours) return []
	const out: Verdict[] = []
	const s = ours.scenario
	const lost = ours.moves.lost + ours.cursors.finalPositionsMissing
	out.push({
		scenario: s,
		target: 'nothing lost',
		met: lost === 0 && ours.closedSockets === 0,
		detail: `${ours.moves.lost} moves lost, ${ours.cursors.finalPositionsMissing} final cursor positions missing, ${ours.closedSockets} sockets closed`,
	})
	if (yws) {
		out.push({
			scenario: s,
			target: 'p99 fan-out ≤ y-websocket-server',
			met: ours.moves.p99 <= yws.moves.p99,
			detail: `${fmt(ours.moves.p99, 2)} ms vs ${fmt(yws.moves.p99, 2)} ms (×${fmt(ratio(ours.moves.p99, yws.moves.p99), 2)})`,
		})
		out.push({
			scenario: s,
			target: 'CPU/1000 delivered ≤ 0.85 × y-websocket-server',
			met: ours.cpuSecondsPer1000Delivered <= 0.85 * yws.cpuSecondsPer1000Delivered,
			detail: `${fmt(ours.cpuSecondsPer1000Delivered, 4)} s vs ${fmt(yws.cpuSecondsPer1000Delivered, 4)} s (×${fmt(ratio(ours.cpuSecondsPer1000Delivered, yws.cpuSecondsPer1000Delivered), 2)})`,
		})
	}
	return out
}

function printFanout(spec: FanoutSpec, rs: FanoutResult[]): string {
	const rows = rs.map((r) => [
		r.server,
		`${r.moves.delivered}/${r.moves.expected}`,
		fmt(r.moves.p50, 2),
		fmt(r.moves.p99, 2),
		fmt(r.moves.max, 1),
		`${r.cursors.delivered}/${r.cursors.expected}`,
		String(r.cursors.finalPositionsMissing),
		fmt(r.cursors.p99, 2),
		String(r.closedSockets),
		fmt(r.serverCpuSeconds, 2),
		fmt(r.cpuSecondsPer1000Delivered, 4),
		mb(r.peakRssBytes),
		`${Math.round(r.loadgenCpuShare * 100)}%`,
		`${Math.round(r.otherCpuShare * 100)}%`,
	])
	let out = `\n${spec.title}${quick ? ' [QUICK]' : ''}\n`
	out += table(
		[
			'server',
			'moves delivered/expected',
			'p50 ms',
			'p99 ms',
			'max ms',
			'cursors delivered/expected',
			'final cursors missing',
			'cursor p99 ms',
			'closed sockets',
			'server CPU s',
			'CPU s/1000 delivered',
			'peak RSS MB',
			'loadgen CPU',
			'other procs CPU',
		],
		rows,
	)
	out += `\nload average (1 min) before each run: ${rs.map((r) => `${r.server} ${fmt(r.loadAverageBefore, 2)}`).join(', ')}`
	out += `${ratioLines(rs, (r) => r.moves.p99, 'p99')}${ratioLines(rs, (r) => r.cpuSecondsPer1000Delivered, 'CPU/1000')}`
	return out
}

function ratioLines<R extends { server: string }>(rs: R[], get: (r: R) => number, label: string): string {
	const ours = rs.find((r) => r.server === 'ours')
	if (!ours) return ''
	const parts = rs
		.filter((r) => r.server !== 'ours')
		.map((r) => `${r.server} ×${fmt(ratio(get(ours), get(r)), 2)}`)
	return parts.length ? `\nours/${label}: ${parts.join(', ')}` : ''
}

function printJoins(rs: JoinResult[]): string {
	let out = `\n(d) cold load: a fresh client joins a board of ${rs[0]?.shapes ?? 'n/a'} shapes (median of ${rs[0]?.joins ?? 'n/a'})${quick ? ' [QUICK]' : ''}\n`
	out += table(
		[
			'server',
			'values',
			'median join ms (open→applied)',
			'connect→applied ms',
			'server CPU ms/join',
			'initial sync kB',
			'peak RSS MB',
		],
		rs.map((r) => [
			r.server,
			r.server === 'tldraw-sync' ? 'JSON protocol' : r.encoding === 'json' ? 'JSON strings' : 'plain objects',
			fmt(r.medianJoinMs, 1),
			fmt(r.medianConnectToAppliedMs, 1),
			fmt(r.serverCpuMsPerJoin, 1),
			kb(r.initialSyncBytes),
			mb(r.peakRssBytes),
		]),
	)
	for (const enc of ['json', 'object'] as const) {
		const sub = rs.filter((r) => r.encoding === enc)
		out += ratioLines(sub, (r) => r.medianJoinMs, `join (${enc})`)
		out += ratioLines(sub, (r) => r.serverCpuMsPerJoin, `CPU per join (${enc})`)
	}
	return out
}

function joinVerdicts(rs: JoinResult[]): Verdict[] {
	const ours = rs.find((r) => r.server === 'ours' && r.encoding === 'json')
	const yws = rs.find((r) => r.server === 'y-websocket-server' && r.encoding === 'json')
	if (!ours || !yws) return []
	return [
		{
			scenario: 'd',
			target: 'server CPU per join ≤ 0.2 × y-websocket-server',
			met: ours.serverCpuMsPerJoin <= 0.2 * yws.serverCpuMsPerJoin,
			detail: `${fmt(ours.serverCpuMsPerJoin, 1)} ms vs ${fmt(yws.serverCpuMsPerJoin, 1)} ms (×${fmt(ratio(ours.serverCpuMsPerJoin, yws.serverCpuMsPerJoin), 2)})`,
		},
		{
			scenario: 'd',
			target: 'median join ≤ 0.8 × y-websocket-server',
			met: ours.medianJoinMs <= 0.8 * yws.medianJoinMs,
			detail: `${fmt(ours.medianJoinMs, 1)} ms vs ${fmt(yws.medianJoinMs, 1)} ms (×${fmt(ratio(ours.medianJoinMs, yws.medianJoinMs), 2)})`,
		},
	]
}

function printGrowth(rs: GrowthResult[]): string {
	let out = `\n(e) size after ${rs[0]?.moves ?? 'n/a'} moves of 100 shapes by 10 clients${quick ? ' [QUICK]' : ''}\n`
	out += table(
		[
			'server',
			'converged',
			'fresh V2 kB',
			'fresh V1 kB',
			'client doc V2 kB',
			'client doc V1 kB',
			'stored state kB',
			'stored log kB (entries)',
			'server RSS Δ MB',
			'peak RSS MB',
		],
		rs.map((r) => [
			r.server,
			String(r.converged),
			kb(r.freshV2Bytes),
			kb(r.freshV1Bytes),
			kb(r.clientDocV2Bytes),
			kb(r.clientDocV1Bytes),
			kb(r.storedStateBytes),
			r.storedLogBytes === null ? 'n/a' : `${kb(r.storedLogBytes)} (${r.storedLogEntries})`,
			mb(r.serverRssDeltaBytes),
			mb(r.peakRssBytes),
		]),
	)
	const ours = rs.find((r) => r.server === 'ours')
	if (ours && ours.storedStateBytes === null) out += `\nours: stored size n/a — ${ours.storedNote}`
	return out
}

function growthVerdicts(rs: GrowthResult[]): Verdict[] {
	const ours = rs.find((r) => r.server === 'ours')
	if (!ours) return []
	return [
		{
			scenario: 'e',
			target: 'stored size ≤ 1.1 × fresh size (V2)',
			met: ours.storedStateBytes === null ? null : ours.storedStateBytes <= 1.1 * ours.freshV2Bytes,
			detail:
				ours.storedStateBytes === null
					? ours.storedNote
					: `${kb(ours.storedStateBytes)} kB vs ${kb(ours.freshV2Bytes)} kB (×${fmt(ratio(ours.storedStateBytes, ours.freshV2Bytes), 2)}); log ${kb(ours.storedLogBytes)} kB in ${ours.storedLogEntries} entries; RSS Δ ${mb(ours.serverRssDeltaBytes)} MB`,
		},
	]
}

function machine() {
	return {
		nproc: os.availableParallelism(),
		cpu: os.cpus()[0]?.model ?? 'unknown',
		memoryGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
		node: process.version,
		platform: `${os.type()} ${os.release()}`,
	}
}

// ---------------------------------------------------------------------------------------------

async function withServer<T>(target: Target, fn: (s: RunningServer) => Promise<T>): Promise<T | undefined> {
	let server: RunningServer | undefined
	try {
		server = await startServer(target)
		return await fn(server)
	} catch (e) {
		console.log(`  ! ${target.name}: ${e instanceof Error ? e.message : String(e)}`)
		if (server) console.log(server.output().split('\n').slice(-15).join('\n'))
		return undefined
	} finally {
		if (server) {
			await server.stop()
			removeDataDir(server)
		}
	}
}

async function main() {
	const started = new Date()
	const chosen = targets.filter((t) => wantedTargets.includes(t.name))
	const available = chosen.filter((t) => {
		if (isAvailable(t)) return true
		console.log(`(skipping ${t.name}: ${t.script} not found)`)
		return false
	})
	const m = machine()
	console.log(
		`Circlespace sync bench${quick ? ' (QUICK)' : ''} — ${m.nproc} CPUs, ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}`,
	)
	console.log(`servers: ${available.map((t) => t.name).join(', ')}; load generator processes: ${generators}`)

	const fanout: FanoutResult[] = []
	const joinsResults: JoinResult[] = []
	const growth: GrowthResult[] = []
	const report: string[] = []
	const verdicts: Verdict[] = []

	for (const spec of fanoutSpecs) {
		if (!wantedScenarios.includes(spec.id)) continue
		const rs: FanoutResult[] = []
		for (const t of available) {
			console.log(`[${spec.id}] ${t.name}…`)
			const r = await withServer(t, (s) => runFanout(s, spec))
			if (r) rs.push(r)
		}
		fanout.push(...rs)
		const text = printFanout(spec, rs)
		report.push(text)
		console.log(text)
		verdicts.push(...fanoutVerdicts(rs))
	}
	if (wantedScenarios.includes('d')) {
		for (const t of available) {
			if (!t.answersSync) continue
			for (const enc of ['json', 'object'] as const) {
				// tldraw's protocol carries records as JSON objects; the encoding choice is Yjs-only.
				if (t.protocol === 'tldraw' && enc === 'object') continue
				console.log(`[d] ${t.name} (${enc})…`)
				const r = await withServer(t, (s) => runJoin(s, enc))
				if (r) joinsResults.push(r)
			}
		}
		const text = printJoins(joinsResults)
		report.push(text)
		console.log(text)
		verdicts.push(...joinVerdicts(joinsResults))
	}
	if (wantedScenarios.includes('e')) {
		for (const t of available) {
			if (!t.answersSync || t.protocol !== 'yjs') continue
			console.log(`[e] ${t.name}…`)
			const r = await withServer(t, (s) => runGrowth(s))
			if (r) growth.push(r)
		}
		const text = printGrowth(growth)
		report.push(text)
		console.log(text)
		verdicts.push(...growthVerdicts(growth))
	}

	const verdictText = verdicts.length
		? `\nTargets (ours):\n${verdicts.map((v) => `  (${v.scenario}) ${v.met === null ? 'n/a    ' : v.met ? 'met    ' : 'NOT met'}  ${v.target}: ${v.detail}`).join('\n')}`
		: '\nTargets: n/a (ours was not measured)'
	console.log(verdictText)

	const outDir = path.join(serverDir, 'bench-results')
	mkdirSync(outDir, { recursive: true })
	const json = {
		startedAt: started.toISOString(),
		finishedAt: new Date().toISOString(),
		quick,
		machine: m,
		servers: available.map((t) => t.name),
		loadgenProcesses: generators,
		fanout,
		joins: joinsResults,
		growth,
		verdicts,
		report: [...report, verdictText].join('\n'),
	}
	const file = path.join(outDir, `bench-${started.toISOString().replace(/[:.]/g, '-')}.json`)
	writeFileSync(file, JSON.stringify(json, null, 2))
	writeFileSync(path.join(outDir, 'latest.json'), JSON.stringify(json, null, 2))
	writeFileSync(
		path.join(outDir, 'latest.md'),
		`Circlespace sync bench, ${started.toISOString()} — ${m.nproc} CPUs, ${m.cpu}, ${m.memoryGiB} GiB, Node ${m.node}\n${json.report}\n`,
	)
	console.log(`\nJSON: ${path.relative(process.cwd(), file)}`)
}

function cleanup() {
	killAll()
	for (const p of liveLoadgens) p.kill('SIGKILL')
}
process.on('exit', cleanup)
for (const sig of ['SIGINT', 'SIGTERM'] as const)
	process.on(sig, () => {
		cleanup()
		process.exit(130)
	})

main().then(
	() => process.exit(0),
	(e: unknown) => {
		console.error(e)
		cleanup()
		process.exit(1)
	},
)
