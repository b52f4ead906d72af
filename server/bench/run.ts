/**
 * `pnpm bench`: the sync benchmark of our server against peer servers, side by side.
 *
 * Every run of a (scenario, server) pair gets a fresh server process on 127.0.0.1 and its own
 * load generator processes (bench/loadgen.ts). Each figure is the median of several
 * repetitions; within a repetition every server runs once, in an order that rotates from one
 * repetition to the next, and a ratio is the median of the per-repetition ratios. Beside each
 * run the bench records the load average and the CPU other processes used; a run during which
 * they used more than the noise limit is run again (a bounded number of times) and marked if it
 * stays noisy. Prints tables and ratios to stdout and writes JSON to server/bench-results/.
 * A measurement, not a test: it exits 0 whenever it completes.
 *
 * Environment:
 *   BENCH_QUICK=1          shorter runs (5 s phases, smaller boards, 30 s at rest) while developing
 *   BENCH_TARGETS=a,b      servers to run (ours,y-websocket-server,relay,tldraw-sync)
 *   BENCH_SCENARIOS=i,a,d  scenarios to run (i = idle memory, a,b,c,d,e,f)
 *   BENCH_REPEATS=3        repetitions of every run (default 3)
 *   BENCH_GENERATORS=2     load generator processes for the fan-out scenarios (default 2)
 *   BENCH_NOISE_LIMIT=0.25 other processes' CPU (cores' worth) above which a run is redone (default 0.25)
 *   BENCH_RETRIES=2        extra tries of a noisy run before it is kept and marked (default 2)
 *   BENCH_OURS_NODE_ARGS   node options for our server only (profiling: `--cpu-prof --cpu-prof-dir=…`)
 *   BENCH_LOOP_PROBE=1     our server counts event-loop delay, GC pauses and long turns over each
 *                          fan-out run's measured phase (lib/loopProbe.ts; LOOP_PROBE_FILE names the JSON)
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Histogram, median } from './lib/histogram.ts'
import { killLoadgens, type Loadgen, startLoadgen } from './lib/loadgenProcess.ts'
import { nowMs } from './lib/markers.ts'
import { cpuSeconds, memory } from './lib/procStats.ts'
import {
	medianOf,
	NoiseMeter,
	pairedRatios,
	type RunNoise,
	rotated,
	waitForQuiet,
} from './lib/repetitions.ts'
import {
	isAvailable,
	killAll,
	loopProbe,
	type RunningServer,
	removeDataDir,
	startServer,
	type Target,
	targets,
} from './lib/servers.ts'
import type { FanoutConfig, GrowthConfig, JoinConfig } from './loadgen.ts'

const serverDir = path.resolve(import.meta.dirname, '..')
const quick = process.env.BENCH_QUICK === '1'
const verbose = Boolean(process.env.BENCH_VERBOSE)
const generators = Math.max(1, Number(process.env.BENCH_GENERATORS ?? 2))
const repeats = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3))
const noiseLimit = Number(process.env.BENCH_NOISE_LIMIT ?? 0.25)
const retries = Math.max(0, Number(process.env.BENCH_RETRIES ?? 2))
const wantedTargets = (process.env.BENCH_TARGETS ?? 'ours,y-websocket-server,relay,tldraw-sync').split(',')
const wantedScenarios = (process.env.BENCH_SCENARIOS ?? 'i,a,b,c,d,e,f').split(',')
const phaseMs = quick ? 5_000 : 20_000
const warmupMs = quick ? 1_000 : 3_000
const idleMs = quick ? 30_000 : 150_000
/** How long a retry waits at most for the machine to become quiet. */
const quietWaitMs = quick ? 10_000 : 30_000
/** When the early idle figure is read: after start-up, before V8 has trimmed its heap. */
const idleEarlyMs = 10_000

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

/** What one server did in one fan-out scenario, in one repetition. */
export interface FanoutResult extends RunNoise {
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
}

/** The fields {@link measured} fills in; a scenario's run function returns the rest. */
type Placement = 'repetition' | 'order' | 'attempts' | 'noisy'

async function runFanout(server: RunningServer, spec: FanoutSpec): Promise<Omit<FanoutResult, Placement>> {
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
		startLoadgen({ ...base, part }, phaseMs + 150_000, verbose),
	)
	try {
		await Promise.all(gens.map((g) => g.ready))
		const load1 = os.loadavg()[0] ?? Number.NaN
		const at = nowMs() + 300
		for (const g of gens) g.go(at)
		// Server figures cover the measured phase only, from the end of the warm-up.
		await new Promise((r) => setTimeout(r, Math.max(0, at + warmupMs - nowMs())))
		const cpu0 = cpuSeconds(server.pid)
		const probed = loopProbe && server.target.name === 'ours'
		if (probed) server.proc.kill('SIGUSR2')
		const noise = new NoiseMeter()
		const parts = (await Promise.all(gens.map((g) => g.result))) as FanoutPart[]
		const serverCpu = cpuSeconds(server.pid) - cpu0
		if (probed) server.proc.kill('SIGUSR2')
		const loadgenCpu = parts.reduce((s, p) => s + p.loadgen.cpuSeconds, 0)
		// CPU used by anything but this server, the generators and the bench itself: other work
		// on the machine (tests, builds) that competes for the cores and makes figures noisy.
		const otherCpuShare = noise.otherCpuShare(serverCpu + loadgenCpu)
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
			otherCpuShare,
			loadAverageBefore: load1,
		}
	} finally {
		for (const g of gens) if (g.proc.exitCode === null) g.proc.kill('SIGKILL')
	}
}

/** What one server did in the cold-load scenario for one record encoding, in one repetition. */
export interface JoinResult extends RunNoise {
	scenario: 'd' | 'f'
	server: string
	encoding: 'json' | 'object'
	shapes: number
	joins: number
	medianJoinMs: number
	medianConnectToAppliedMs: number
	serverCpuMsPerJoin: number
	initialSyncBytes: number
	peakRssBytes: number
	samples: {
		fromOpenMs: number
		fromConnectMs: number
		serverCpuSeconds: number
		records: number
		bytes: number
	}[]
}

async function runJoin(
	server: RunningServer,
	encoding: 'json' | 'object',
): Promise<Omit<JoinResult, Placement>> {
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
	const serverCpu0 = cpuSeconds(server.pid)
	const noise = new NoiseMeter()
	const gen = startLoadgen(config, 240_000, verbose)
	const r = (await gen.result) as { samples: JoinResult['samples']; cpuTotal: number; ownCpuSeconds: number }
	const otherCpuShare = noise.otherCpuShare(cpuSeconds(server.pid) - serverCpu0 + r.ownCpuSeconds)
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
		otherCpuShare,
		samples: r.samples,
	}
}

/**
 * (f) joins while a board is being edited: a board of 10,000 shapes, 30 clients editing at (a)'s
 * rates (the fan-out generators), 10 fresh joins spread over the measured phase (the join
 * generator; a join ends when the joiner holds what an always-connected client held when it began).
 */
async function runEditJoin(server: RunningServer): Promise<Omit<JoinResult, Placement>> {
	const spec = fanoutSpecs[0] as FanoutSpec
	const shapes = quick ? 2_000 : 10_000
	const joins = quick ? 3 : 10
	const id = await server.createBoard('bench f')
	const boardUrl = `${server.wsBase}${server.target.wsPath(id)}`
	const joinConfig: JoinConfig = {
		mode: 'join',
		protocol: server.target.protocol,
		boardUrl,
		headers: server.wsHeaders,
		encoding: 'json',
		shapes,
		joins,
		serverPid: server.pid,
		duringEdits: { warmupMs, durationMs: phaseMs },
	}
	const joiner = startLoadgen(joinConfig, phaseMs + 240_000, verbose)
	const base: Omit<FanoutConfig, 'part'> = {
		mode: 'fanout',
		protocol: server.target.protocol,
		handshake: server.target.answersSync,
		boardUrls: [boardUrl],
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
	const gens: Loadgen[] = []
	try {
		await joiner.ready
		gens.push(
			...Array.from({ length: generators }, (_, part) =>
				startLoadgen({ ...base, part }, phaseMs + 150_000, verbose),
			),
		)
		await Promise.all(gens.map((g) => g.ready))
		const load1 = os.loadavg()[0] ?? Number.NaN
		const at = nowMs() + 300
		for (const g of [joiner, ...gens]) g.go(at)
		// Noise covers the measured phase, from the end of the warm-up, as every generator counts its CPU.
		await new Promise((r) => setTimeout(r, Math.max(0, at + warmupMs - nowMs())))
		const serverCpu0 = cpuSeconds(server.pid)
		const noise = new NoiseMeter()
		const parts = (await Promise.all(gens.map((g) => g.result))) as FanoutPart[]
		const r = (await joiner.result) as {
			samples: JoinResult['samples']
			cpuTotal: number
			ownCpuSeconds: number
		}
		const loadgenCpu = parts.reduce((sum, p) => sum + p.loadgen.cpuSeconds, 0) + r.ownCpuSeconds
		const otherCpuShare = noise.otherCpuShare(cpuSeconds(server.pid) - serverCpu0 + loadgenCpu)
		return {
			scenario: 'f',
			server: server.target.name,
			encoding: 'json',
			shapes,
			joins,
			medianJoinMs: median(r.samples.map((x) => x.fromOpenMs)),
			medianConnectToAppliedMs: median(r.samples.map((x) => x.fromConnectMs)),
			serverCpuMsPerJoin: (r.cpuTotal / joins) * 1000,
			initialSyncBytes: median(r.samples.map((x) => x.bytes)),
			peakRssBytes: memory(server.pid).peakRss,
			loadAverageBefore: load1,
			otherCpuShare,
			samples: r.samples,
		}
	} finally {
		for (const g of [joiner, ...gens]) if (g.proc.exitCode === null) g.proc.kill('SIGKILL')
	}
}

/** Document growth after many moves by several clients (e), in one repetition. */
export interface GrowthResult extends RunNoise {
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
}

/** The part of our storage handle the bench reads. */
interface OursStorage {
	docs: { sizes(boardId: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }> }
	close?: () => Promise<void>
}

async function runGrowth(server: RunningServer): Promise<Omit<GrowthResult, Placement>> {
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
	const gen = startLoadgen(config, 240_000, verbose)
	await gen.ready
	const rssBefore = memory(server.pid).rss
	const load1 = os.loadavg()[0] ?? Number.NaN
	const serverCpu0 = cpuSeconds(server.pid)
	const loadgenCpu0 = gen.proc.pid === undefined ? 0 : cpuSeconds(gen.proc.pid)
	const noise = new NoiseMeter()
	gen.go(0)
	const r = (await gen.result) as {
		converged: boolean
		moves: number
		freshV1: number
		freshV2: number
		clientV1: number
		clientV2: number
		ownCpuSeconds: number
	}
	const otherCpuShare = noise.otherCpuShare(
		cpuSeconds(server.pid) - serverCpu0 + (r.ownCpuSeconds - (Number.isNaN(loadgenCpu0) ? 0 : loadgenCpu0)),
	)
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
		otherCpuShare,
	}
}

/** A server's resident memory at rest (i): started, healthy, no board open, no connection. */
export interface IdleResult extends RunNoise {
	scenario: 'i'
	server: string
	/** From spawning the process to its first healthy answer. */
	startMs: number
	/** RSS `idleEarlyMs` after the server answered healthy. */
	rssEarlyBytes: number
	/** RSS at the end of the idle period. */
	rssEndBytes: number
	rssMinBytes: number
	idleSeconds: number
}

/**
 * Idle memory: every repetition's servers run at once (they do nothing, so they do not compete
 * once started), each a fresh process, spawned in rotating order; RSS is read every second.
 * V8 keeps the young generation that start-up grew until it decides the process is idle and
 * trims it (about 100 s here), hence two figures: early and at the end of the period.
 */
async function runIdle(available: Target[]): Promise<IdleResult[]> {
	interface Sampled {
		target: Target
		repetition: number
		order: number
		server: RunningServer
		startMs: number
		readyAt: number
		samples: { atMs: number; rss: number }[]
	}
	const running: Sampled[] = []
	const load1 = os.loadavg()[0] ?? Number.NaN
	const noise = new NoiseMeter()
	try {
		const starts: Promise<void>[] = []
		for (let rep = 1; rep <= repeats; rep++) {
			for (const [i, target] of rotated(available, rep - 1).entries()) {
				const t0 = nowMs()
				starts.push(
					startServer(target).then(
						(server) => {
							running.push({
								target,
								repetition: rep,
								order: i + 1,
								server,
								startMs: nowMs() - t0,
								readyAt: nowMs(),
								samples: [],
							})
						},
						(e: unknown) => console.log(`  ! ${target.name}: ${e instanceof Error ? e.message : String(e)}`),
					),
				)
			}
		}
		await Promise.all(starts)
		const lastReady = Math.max(...running.map((r) => r.readyAt))
		while (nowMs() - lastReady < idleMs) {
			await new Promise((r) => setTimeout(r, 1000))
			const now = nowMs()
			for (const r of running) r.samples.push({ atMs: now - r.readyAt, rss: memory(r.server.pid).rss })
		}
		const serversCpu = running.reduce((sum, r) => sum + cpuSeconds(r.server.pid), 0)
		const otherCpuShare = noise.otherCpuShare(serversCpu)
		return running.map((r) => {
			const early = r.samples.find((s) => s.atMs >= idleEarlyMs) ?? r.samples.at(-1)
			const end = r.samples.at(-1)
			return {
				scenario: 'i',
				server: r.target.name,
				repetition: r.repetition,
				order: r.order,
				attempts: 1,
				// Memory is not made noisy by other processes' CPU; the figure is recorded anyway.
				noisy: false,
				otherCpuShare,
				loadAverageBefore: load1,
				startMs: r.startMs,
				rssEarlyBytes: early?.rss ?? Number.NaN,
				rssEndBytes: end?.rss ?? Number.NaN,
				rssMinBytes: Math.min(...r.samples.map((s) => s.rss)),
				idleSeconds: (end?.atMs ?? 0) / 1000,
			}
		})
	} finally {
		await Promise.all(
			running.map(async (r) => {
				await r.server.stop()
				removeDataDir(r.server)
			}),
		)
	}
}

// ---------------------------------------------------------------------------------------------
// Repetitions

/** Tries of runs that were noisy and replaced by a quieter try (kept in the JSON). */
const discarded: unknown[] = []

/**
 * One run of a server in one repetition: a fresh server, the scenario, the server stopped. A
 * run during which other processes used more than `noiseLimit`, or that failed, is tried again,
 * at most `retries` more times; the quietest try is kept, marked noisy if even that one was.
 */
async function measured<R extends RunNoise>(
	target: Target,
	place: { repetition: number; order: number },
	run: (s: RunningServer) => Promise<Omit<R, Placement>>,
): Promise<R | undefined> {
	const tries: R[] = []
	for (let attempt = 1; attempt <= 1 + retries; attempt++) {
		// A retry first waits (bounded) for the other work to pass: trying again at once on a
		// machine that is busy for minutes would only repeat the same noise.
		if (attempt > 1) await waitForQuiet(noiseLimit, quietWaitMs)
		const r = await withServer(target, run)
		if (r === undefined) {
			// A failed try (reported above) is tried again too, within the same bound.
			if (attempt <= retries) console.log('  (this run failed: again)')
			continue
		}
		const noisy = !(r.otherCpuShare <= noiseLimit)
		tries.push({ ...r, ...place, attempts: attempt, noisy } as R)
		if (!noisy) break
		console.log(
			`  (other processes used ${pct(r.otherCpuShare)} of a core during this run, limit ${pct(noiseLimit)}${attempt <= retries ? ': again' : ': kept, marked noisy'})`,
		)
	}
	if (tries.length === 0) return undefined
	const kept = tries.reduce((a, b) => (b.otherCpuShare < a.otherCpuShare ? b : a))
	kept.attempts = tries.length
	for (const t of tries) if (t !== kept) discarded.push(t)
	return kept
}

// ---------------------------------------------------------------------------------------------
// Reporting

const fmt = (v: number | null | undefined, digits = 1) =>
	v === null || v === undefined || Number.isNaN(v) ? 'n/a' : v.toFixed(digits)
const mb = (b: number | null | undefined) =>
	b === null || b === undefined || Number.isNaN(b) ? 'n/a' : (b / 2 ** 20).toFixed(1)
const kb = (b: number | null | undefined) =>
	b === null || b === undefined || Number.isNaN(b) ? 'n/a' : (b / 1024).toFixed(1)
const pct = (share: number) => (Number.isNaN(share) ? 'n/a' : `${Math.round(share * 100)}%`)
const quickMark = quick ? ' [QUICK]' : ''

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

/** Runs grouped by a key (server, or server and encoding), in first-seen order. */
function groups<R>(runs: readonly R[], key: (r: R) => string): [string, R[]][] {
	const out = new Map<string, R[]>()
	for (const r of runs) {
		const k = key(r)
		const list = out.get(k) ?? []
		list.push(r)
		out.set(k, list)
	}
	return [...out]
}

/** "3 (1 noisy)" */
function runCount(runs: readonly RunNoise[]): string {
	const noisy = runs.filter((r) => r.noisy).length
	return noisy ? `${runs.length} (${noisy} noisy)` : String(runs.length)
}

/** The per-run lines: what each repetition measured and what else the machine was doing. */
function runsTable<R extends RunNoise & { server: string }>(
	runs: readonly R[],
	columns: [string, (r: R) => string][],
): string {
	const sorted = [...runs].sort((a, b) => a.repetition - b.repetition || a.order - b.order)
	return table(
		['rep', 'order', 'server', ...columns.map(([h]) => h), 'other procs CPU', 'load 1 min', 'tries', 'noisy'],
		sorted.map((r) => [
			String(r.repetition),
			String(r.order),
			r.server,
			...columns.map(([, get]) => get(r)),
			pct(r.otherCpuShare),
			fmt(r.loadAverageBefore, 2),
			String(r.attempts),
			r.noisy ? 'NOISY' : '',
		]),
	)
}

/** "ours/p99 (median of per-repetition ratios): y-websocket-server ×0.94 [0.90 0.94 1.10], …" */
function ratioLine<R extends RunNoise & { server: string }>(
	runs: readonly R[],
	get: (r: R) => number,
	label: string,
	ours = 'ours',
): string {
	const mine = runs.filter((r) => r.server === ours)
	if (mine.length === 0) return ''
	const parts = groups(
		runs.filter((r) => r.server !== ours),
		(r) => r.server,
	).map(([server, peer]) => {
		const { ratios, median } = pairedRatios(mine, peer, get)
		return `${server} ×${fmt(median, 2)} [${ratios.map((x) => fmt(x, 2)).join(' ')}]`
	})
	return parts.length ? `\nours/${label} (median of per-repetition ratios): ${parts.join(', ')}` : ''
}

function ratioOf<R extends RunNoise & { server: string }>(
	runs: readonly R[],
	peerName: string,
	get: (r: R) => number,
): { ratios: number[]; median: number } {
	return pairedRatios(
		runs.filter((r) => r.server === 'ours'),
		runs.filter((r) => r.server === peerName),
		get,
	)
}

const ratioText = (r: { ratios: number[]; median: number }) =>
	`×${fmt(r.median, 2)}, per repetition ${r.ratios.map((x) => fmt(x, 2)).join(' ')}`

function printIdle(rs: IdleResult[]): string {
	const endSeconds = Math.round(medianOf(rs, (r) => r.idleSeconds))
	let out = `\n(i) at rest: a fresh server, healthy, no board open (median of ${repeats}; all started together)${quickMark}\n`
	out += table(
		[
			'server',
			'runs',
			'start ms',
			`RSS ${idleEarlyMs / 1000} s after ready MB`,
			`RSS after ${endSeconds} s MB`,
			'min RSS MB',
		],
		groups(rs, (r) => r.server).map(([server, runs]) => [
			server,
			runCount(runs),
			fmt(
				medianOf(runs, (r) => r.startMs),
				0,
			),
			mb(medianOf(runs, (r) => r.rssEarlyBytes)),
			mb(medianOf(runs, (r) => r.rssEndBytes)),
			mb(medianOf(runs, (r) => r.rssMinBytes)),
		]),
	)
	out += `\nother procs CPU over the idle period: ${pct(rs[0]?.otherCpuShare ?? Number.NaN)}, load average before: ${fmt(rs[0]?.loadAverageBefore, 2)}`
	out += ratioLine(rs, (r) => r.rssEarlyBytes, `RSS ${idleEarlyMs / 1000} s`)
	out += ratioLine(rs, (r) => r.rssEndBytes, `RSS ${endSeconds} s`)
	return out
}

function idleVerdicts(rs: IdleResult[]): Verdict[] {
	if (!rs.some((r) => r.server === 'ours') || !rs.some((r) => r.server === 'y-websocket-server')) return []
	const endSeconds = Math.round(medianOf(rs, (r) => r.idleSeconds))
	const early = ratioOf(rs, 'y-websocket-server', (r) => r.rssEarlyBytes)
	const end = ratioOf(rs, 'y-websocket-server', (r) => r.rssEndBytes)
	const ours = rs.filter((r) => r.server === 'ours')
	const yws = rs.filter((r) => r.server === 'y-websocket-server')
	return [
		{
			scenario: 'i',
			target: `idle RSS after ${endSeconds} s ≤ 1.3 × y-websocket-server`,
			met: end.median <= 1.3,
			detail: `${mb(medianOf(ours, (r) => r.rssEndBytes))} MB vs ${mb(medianOf(yws, (r) => r.rssEndBytes))} MB (${ratioText(end)})`,
		},
		{
			scenario: 'i',
			target: `idle RSS ${idleEarlyMs / 1000} s after start ≤ 1.3 × y-websocket-server`,
			met: early.median <= 1.3,
			detail: `${mb(medianOf(ours, (r) => r.rssEarlyBytes))} MB vs ${mb(medianOf(yws, (r) => r.rssEarlyBytes))} MB (${ratioText(early)})`,
		},
	]
}

function fanoutVerdicts(rs: FanoutResult[]): Verdict[] {
	const ours = rs.filter((r) => r.server === 'ours')
	if (ours.length === 0) return []
	const out: Verdict[] = []
	const s = ours[0]?.scenario ?? '?'
	const total = (get: (r: FanoutResult) => number) => ours.reduce((sum, r) => sum + get(r), 0)
	const lost = total((r) => r.moves.lost)
	const finals = total((r) => r.cursors.finalPositionsMissing)
	const closed = total((r) => r.closedSockets)
	out.push({
		scenario: s,
		target: 'nothing lost',
		met: lost === 0 && finals === 0 && closed === 0,
		detail: `over ${ours.length} runs: ${lost} moves lost, ${finals} final cursor positions missing, ${closed} sockets closed`,
	})
	if (rs.some((r) => r.server === 'y-websocket-server')) {
		const yws = rs.filter((r) => r.server === 'y-websocket-server')
		const p99 = ratioOf(rs, 'y-websocket-server', (r) => r.moves.p99)
		const cpu = ratioOf(rs, 'y-websocket-server', (r) => r.cpuSecondsPer1000Delivered)
		out.push({
			scenario: s,
			target: 'p99 fan-out ≤ y-websocket-server',
			met: p99.median <= 1,
			detail: `${fmt(
				medianOf(ours, (r) => r.moves.p99),
				2,
			)} ms vs ${fmt(
				medianOf(yws, (r) => r.moves.p99),
				2,
			)} ms (${ratioText(p99)})`,
		})
		out.push({
			scenario: s,
			target: 'CPU/1000 delivered ≤ 0.85 × y-websocket-server',
			met: cpu.median <= 0.85,
			detail: `${fmt(
				medianOf(ours, (r) => r.cpuSecondsPer1000Delivered),
				4,
			)} s vs ${fmt(
				medianOf(yws, (r) => r.cpuSecondsPer1000Delivered),
				4,
			)} s (${ratioText(cpu)})`,
		})
	}
	return out
}

function printFanout(spec: FanoutSpec, rs: FanoutResult[]): string {
	const rows = groups(rs, (r) => r.server).map(([server, runs]) => {
		const m = (get: (r: FanoutResult) => number) => medianOf(runs, get)
		const sum = (get: (r: FanoutResult) => number) => runs.reduce((s, r) => s + get(r), 0)
		return [
			server,
			runCount(runs),
			`${sum((r) => r.moves.delivered)}/${sum((r) => r.moves.expected)}`,
			fmt(
				m((r) => r.moves.p50),
				2,
			),
			fmt(
				m((r) => r.moves.p99),
				2,
			),
			fmt(
				m((r) => r.moves.max),
				1,
			),
			`${sum((r) => r.cursors.delivered)}/${sum((r) => r.cursors.expected)}`,
			String(sum((r) => r.cursors.finalPositionsMissing)),
			fmt(
				m((r) => r.cursors.p99),
				2,
			),
			String(sum((r) => r.closedSockets)),
			fmt(
				m((r) => r.serverCpuSeconds),
				2,
			),
			fmt(
				m((r) => r.cpuSecondsPer1000Delivered),
				4,
			),
			mb(m((r) => r.peakRssBytes)),
			pct(Math.max(...runs.map((r) => r.loadgenCpuShare))),
			pct(Math.max(...runs.map((r) => r.otherCpuShare))),
		]
	})
	let out = `\n${spec.title}${quickMark}\nmedians of ${repeats} repetitions (delivered, missing, closed: sums over the runs; loadgen and other CPU: the highest run)\n`
	out += table(
		[
			'server',
			'runs',
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
	out += `\nruns:\n${runsTable(rs, [
		['p99 ms', (r) => fmt(r.moves.p99, 2)],
		['CPU s/1000', (r) => fmt(r.cpuSecondsPer1000Delivered, 4)],
		['lost', (r) => String(r.moves.lost + r.cursors.finalPositionsMissing + r.closedSockets)],
		['loadgen CPU', (r) => pct(r.loadgenCpuShare)],
	])}`
	out += ratioLine(rs, (r) => r.moves.p99, 'p99')
	out += ratioLine(rs, (r) => r.cpuSecondsPer1000Delivered, 'CPU/1000')
	return out
}

const joinKey = (r: JoinResult) =>
	`${r.server} ${r.server === 'tldraw-sync' ? 'JSON protocol' : r.encoding === 'json' ? 'JSON strings' : 'plain objects'}`

function printJoins(rs: JoinResult[]): string {
	const title =
		rs[0]?.scenario === 'f'
			? `(f) joins while 30 clients edit at (a)'s rates: a fresh client joins a board of ${rs[0]?.shapes ?? 'n/a'} shapes (CPU per join: its window minus editing's rate)`
			: `(d) cold load: a fresh client joins a board of ${rs[0]?.shapes ?? 'n/a'} shapes`
	let out = `\n${title} (median of ${rs[0]?.joins ?? 'n/a'} joins a run; medians of ${repeats} repetitions)${quickMark}\n`
	out += table(
		[
			'server',
			'values',
			'runs',
			'median join ms (open→applied)',
			'connect→applied ms',
			'server CPU ms/join',
			'initial sync kB',
			'peak RSS MB',
		],
		groups(rs, joinKey).map(([, runs]) => {
			const first = runs[0] as JoinResult
			return [
				first.server,
				joinKey(first).slice(first.server.length + 1),
				runCount(runs),
				fmt(medianOf(runs, (r) => r.medianJoinMs)),
				fmt(medianOf(runs, (r) => r.medianConnectToAppliedMs)),
				fmt(medianOf(runs, (r) => r.serverCpuMsPerJoin)),
				kb(medianOf(runs, (r) => r.initialSyncBytes)),
				mb(medianOf(runs, (r) => r.peakRssBytes)),
			]
		}),
	)
	out += `\nruns:\n${runsTable(rs, [
		['values', (r) => joinKey(r).slice(r.server.length + 1)],
		['join ms', (r) => fmt(r.medianJoinMs)],
		['CPU ms/join', (r) => fmt(r.serverCpuMsPerJoin)],
	])}`
	for (const enc of ['json', 'object'] as const) {
		const sub = rs.filter((r) => r.encoding === enc)
		out += ratioLine(sub, (r) => r.medianJoinMs, `join (${enc})`)
		out += ratioLine(sub, (r) => r.serverCpuMsPerJoin, `CPU per join (${enc})`)
	}
	return out
}

function joinVerdicts(rs: JoinResult[]): Verdict[] {
	const json = rs.filter((r) => r.encoding === 'json')
	const ours = json.filter((r) => r.server === 'ours')
	const yws = json.filter((r) => r.server === 'y-websocket-server')
	if (ours.length === 0 || yws.length === 0) return []
	const cpu = ratioOf(json, 'y-websocket-server', (r) => r.serverCpuMsPerJoin)
	const join = ratioOf(json, 'y-websocket-server', (r) => r.medianJoinMs)
	const scenario = ours[0]?.scenario ?? 'd'
	return [
		{
			scenario,
			target: 'server CPU per join ≤ 0.2 × y-websocket-server',
			met: cpu.median <= 0.2,
			detail: `${fmt(medianOf(ours, (r) => r.serverCpuMsPerJoin))} ms vs ${fmt(medianOf(yws, (r) => r.serverCpuMsPerJoin))} ms (${ratioText(cpu)})`,
		},
		{
			scenario,
			target: 'median join ≤ 0.8 × y-websocket-server',
			met: join.median <= 0.8,
			detail: `${fmt(medianOf(ours, (r) => r.medianJoinMs))} ms vs ${fmt(medianOf(yws, (r) => r.medianJoinMs))} ms (${ratioText(join)})`,
		},
	]
}

function printGrowth(rs: GrowthResult[]): string {
	let out = `\n(e) size after ${rs[0]?.moves ?? 'n/a'} moves of 100 shapes by 10 clients (medians of ${repeats} repetitions)${quickMark}\n`
	out += table(
		[
			'server',
			'runs',
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
		groups(rs, (r) => r.server).map(([server, runs]) => {
			const m = (get: (r: GrowthResult) => number | null) => medianOf(runs, (r) => get(r) ?? Number.NaN)
			const logBytes = m((r) => r.storedLogBytes)
			return [
				server,
				runCount(runs),
				runs.every((r) => r.converged) ? 'true' : `${runs.filter((r) => r.converged).length}/${runs.length}`,
				kb(m((r) => r.freshV2Bytes)),
				kb(m((r) => r.freshV1Bytes)),
				kb(m((r) => r.clientDocV2Bytes)),
				kb(m((r) => r.clientDocV1Bytes)),
				kb(m((r) => r.storedStateBytes)),
				Number.isNaN(logBytes)
					? 'n/a'
					: `${kb(logBytes)} (${fmt(
							m((r) => r.storedLogEntries),
							0,
						)})`,
				mb(m((r) => r.serverRssDeltaBytes)),
				mb(m((r) => r.peakRssBytes)),
			]
		}),
	)
	out += `\nruns:\n${runsTable(rs, [
		['stored state kB', (r) => kb(r.storedStateBytes)],
		['RSS before MB', (r) => mb(r.serverRssBeforeBytes)],
		['RSS Δ MB', (r) => mb(r.serverRssDeltaBytes)],
	])}`
	for (const r of rs)
		if (r.server === 'ours' && r.storedStateBytes === null)
			out += `\nours (repetition ${r.repetition}): stored size n/a — ${r.storedNote}`
	out += ratioLine(rs, (r) => r.serverRssDeltaBytes, 'RSS Δ')
	return out
}

function growthVerdicts(rs: GrowthResult[]): Verdict[] {
	const ours = rs.filter((r) => r.server === 'ours')
	if (ours.length === 0) return []
	const stored = ours.filter((r) => r.storedStateBytes !== null)
	const ratios = stored.map((r) => (r.storedStateBytes ?? 0) / r.freshV2Bytes)
	const worst = Math.max(...ratios)
	return [
		{
			scenario: 'e',
			target: 'stored size ≤ 1.1 × fresh size (V2), every run',
			met: stored.length === 0 ? null : worst <= 1.1,
			detail:
				stored.length === 0
					? (ours[0]?.storedNote ?? 'n/a')
					: `stored ÷ fresh per run ${ratios.map((x) => fmt(x, 2)).join(' ')}; log ${kb(medianOf(stored, (r) => r.storedLogBytes ?? Number.NaN))} kB; RSS Δ ${mb(medianOf(ours, (r) => r.serverRssDeltaBytes))} MB`,
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

/** Runs every (repetition, entry) in rotating order; `entry` is a server or a server and an encoding. */
async function repeated<E extends { target: Target }, R extends RunNoise>(
	label: string,
	entries: E[],
	describe: (e: E) => string,
	run: (e: E) => (s: RunningServer) => Promise<Omit<R, Placement>>,
): Promise<R[]> {
	const out: R[] = []
	for (let rep = 1; rep <= repeats; rep++) {
		for (const [i, entry] of rotated(entries, rep - 1).entries()) {
			console.log(`[${label}] repetition ${rep}/${repeats}: ${describe(entry)}…`)
			const r = await measured<R>(entry.target, { repetition: rep, order: i + 1 }, run(entry))
			if (r) out.push(r)
		}
	}
	return out
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
	console.log(
		`servers: ${available.map((t) => t.name).join(', ')}; repetitions: ${repeats}; load generator processes: ${generators}; noise limit: ${pct(noiseLimit)} of a core, ${retries} extra tries`,
	)

	const idle: IdleResult[] = []
	const fanout: FanoutResult[] = []
	const joinsResults: JoinResult[] = []
	const editJoins: JoinResult[] = []
	const growth: GrowthResult[] = []
	const report: string[] = []
	const verdicts: Verdict[] = []
	const emit = (text: string) => {
		report.push(text)
		console.log(text)
	}

	if (wantedScenarios.includes('i')) {
		console.log(`[i] ${repeats} × ${available.length} servers at rest for ${idleMs / 1000} s…`)
		idle.push(...(await runIdle(available)))
		emit(printIdle(idle))
		verdicts.push(...idleVerdicts(idle))
	}
	for (const spec of fanoutSpecs) {
		if (!wantedScenarios.includes(spec.id)) continue
		const rs = await repeated<{ target: Target }, FanoutResult>(
			spec.id,
			available.map((target) => ({ target })),
			(e) => e.target.name,
			() => (s) => runFanout(s, spec),
		)
		fanout.push(...rs)
		emit(printFanout(spec, rs))
		verdicts.push(...fanoutVerdicts(rs))
	}
	if (wantedScenarios.includes('d')) {
		const entries = available
			.filter((t) => t.answersSync)
			.flatMap((target) =>
				// tldraw's protocol carries records as JSON objects; the encoding choice is Yjs-only.
				(['json', 'object'] as const)
					.filter((encoding) => target.protocol !== 'tldraw' || encoding === 'json')
					.map((encoding) => ({ target, encoding })),
			)
		joinsResults.push(
			...(await repeated<(typeof entries)[number], JoinResult>(
				'd',
				entries,
				(e) => `${e.target.name} (${e.encoding})`,
				(e) => (s) => runJoin(s, e.encoding),
			)),
		)
		emit(printJoins(joinsResults))
		verdicts.push(...joinVerdicts(joinsResults))
	}
	if (wantedScenarios.includes('f')) {
		const rs = await repeated<{ target: Target }, JoinResult>(
			'f',
			available.filter((t) => t.answersSync && t.protocol === 'yjs').map((target) => ({ target })),
			(e) => e.target.name,
			() => (s) => runEditJoin(s),
		)
		editJoins.push(...rs)
		emit(printJoins(rs))
		verdicts.push(...joinVerdicts(rs))
	}
	if (wantedScenarios.includes('e')) {
		growth.push(
			...(await repeated<{ target: Target }, GrowthResult>(
				'e',
				available.filter((t) => t.answersSync && t.protocol === 'yjs').map((target) => ({ target })),
				(e) => e.target.name,
				() => (s) => runGrowth(s),
			)),
		)
		emit(printGrowth(growth))
		verdicts.push(...growthVerdicts(growth))
	}

	const noisyRuns = [...idle, ...fanout, ...joinsResults, ...editJoins, ...growth].filter(
		(r) => r.noisy,
	).length
	const verdictText = verdicts.length
		? `\nTargets (ours; medians of ${repeats} repetitions, ratios the median of per-repetition ratios${quick ? '; QUICK run' : ''}):\n${verdicts.map((v) => `  (${v.scenario}) ${v.met === null ? 'n/a    ' : v.met ? 'met    ' : 'NOT met'}  ${v.target}: ${v.detail}`).join('\n')}\nnoisy runs kept: ${noisyRuns}; noisy tries replaced by a quieter one: ${discarded.length}`
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
		repetitions: repeats,
		loadgenProcesses: generators,
		noiseLimit,
		retries,
		idle,
		fanout,
		joins: joinsResults,
		editJoins,
		growth,
		discarded,
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
	killLoadgens()
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
