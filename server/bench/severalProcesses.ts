/**
 * The several-processes benchmark (issue 12): our server with 1, 2 and 3 processes on one
 * PostgreSQL and one Redis, against Hocuspocus 4.7 with its Redis extension on the same Redis,
 * in the same run, interleaved (rotating order, one fresh set of processes and one fresh
 * database per run), each figure the median of the repetitions, the machine's load beside it.
 *
 * Scenarios:
 *   (m) a circle spread over processes: 1 board × 30 clients at scenario (a)'s rates (5 moves/s,
 *       10 cursor moves/s each), client i on process i mod N: delivered vs expected, latency of
 *       the deliveries that crossed processes, CPU per 1,000 deliveries summed over processes
 *   (n) connections held: boards of 30 clients at scenario (b)'s rates, more boards step by step
 *       until a move's p99 passes BENCH_P99_BOUND_MS or anything is lost, with 1 and 2 processes
 *
 * `node bench/severalProcesses.ts` (also the second half of `pnpm bench`). Env:
 *   BENCH_DATABASE_URL  PostgreSQL to create each run's database in (default: TEST_DATABASE_URL,
 *                       else postgres://postgres@127.0.0.1:5432/test)
 *   BENCH_REDIS_URL     Redis (default: TEST_REDIS_URL, else redis://127.0.0.1:6379)
 *   BENCH_QUICK=1, BENCH_REPEATS=3, BENCH_GENERATORS=2, BENCH_SCENARIOS=m,n, BENCH_P99_BOUND_MS=100
 *   BENCH_CPU_QUOTA     a fraction of one core given to each server process (ours and the peer's)
 *                       in a cgroup of its own, e.g. 0.4: stands in for a machine per process, so
 *                       that (n) measures scaling on a machine with fewer cores than processes +
 *                       load generators (needs a writable cgroup CPU controller; refused without)
 *   BENCH_CPU_PERIOD_MS=10  the quota's period (a short one spreads the share evenly)
 *   BENCH_PLACEMENT=board  (n) puts each board's 30 clients on one process (board b on process
 *                       b mod N, as a proxy hashing the board's path would) instead of spreading
 *                       every board's clients over all processes
 *   BENCH_CAPACITY_BOARDS=2,4,6  the boards of 30 tried in (n), in order (default 4, 8, … 28)
 *   BENCH_CPU_PRIORITY=1 with BENCH_CPU_QUOTA: the servers' cgroups and one for the load
 *                       generators get the highest CPU weight, so that other work on a shared
 *                       machine takes only what the bench leaves (it slows down meanwhile)
 * Without a reachable PostgreSQL or Redis it says so and measures nothing.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { confineCpu, cpuQuotaSupport, prioritiseCpu, releaseAllCpuQuotas } from './lib/cpuQuota.ts'
import { Histogram, median } from './lib/histogram.ts'
import { killLoadgens, startLoadgen } from './lib/loadgenProcess.ts'
import { nowMs } from './lib/markers.ts'
import { cpuSeconds } from './lib/procStats.ts'
import { NoiseMeter, rotated } from './lib/repetitions.ts'
import {
	hocuspocusRedis,
	killAll,
	type RunningServer,
	removeDataDir,
	startServer,
	targets,
} from './lib/servers.ts'
import type { FanoutConfig } from './loadgen.ts'

const quick = process.env.BENCH_QUICK === '1'
const repeats = Math.max(1, Number(process.env.BENCH_REPEATS ?? 3))
const generators = Math.max(1, Number(process.env.BENCH_GENERATORS ?? 2))
const wanted = (process.env.BENCH_SCENARIOS ?? 'm,n').split(',')
const p99Bound = Number(process.env.BENCH_P99_BOUND_MS ?? 100)
const databaseUrl =
	process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test'
const redisUrl = process.env.BENCH_REDIS_URL ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
const phaseMs = quick ? 5_000 : 15_000
const warmupMs = quick ? 1_000 : 3_000
/** Boards of 30 clients in scenario (n), tried in this order until one fails the bound. */
const capacityLevels = process.env.BENCH_CAPACITY_BOARDS
	? process.env.BENCH_CAPACITY_BOARDS.split(',').map(Number)
	: quick
		? [4, 8, 12, 16]
		: [4, 8, 12, 16, 20, 24, 28]
const ours = targets.find((t) => t.name === 'ours') ?? (undefined as never)
/** (n): each board's clients spread over the processes (`client`, the default), or each board on one. */
const placement = process.env.BENCH_PLACEMENT === 'board' ? 'board' : 'client'
const cpuQuota = process.env.BENCH_CPU_QUOTA ? Number(process.env.BENCH_CPU_QUOTA) : null
const cpuPriority = cpuQuota !== null && process.env.BENCH_CPU_PRIORITY === '1'
/** Removes each confined server's cgroup once it has stopped. */
const releaseQuota = new WeakMap<RunningServer, () => void>()

/** Starts a server process, confined to BENCH_CPU_QUOTA of a core when one is set. */
async function startConfined(...args: Parameters<typeof startServer>): Promise<RunningServer> {
	const server = await startServer(...args)
	if (cpuQuota !== null) releaseQuota.set(server, confineCpu(server.pid, cpuQuota, { priority: cpuPriority }))
	return server
}

/** One configuration measured: which server, how many processes. */
interface Setup {
	server: 'ours' | 'hocuspocus-redis'
	processes: number
}
const label = (s: Setup) => `${s.server} ×${s.processes}`

/** What one run measured. */
interface RunFigures {
	setup: string
	repetition: number
	order: number
	boards: number
	connections: number
	expected: number
	delivered: number
	lost: number
	p50: number
	p99: number
	crossP50: number
	crossP99: number
	cursorP99: number
	serverCpuSeconds: number
	cpuPer1000: number
	otherCpuShare: number
	loadAverageBefore: number
	closedSockets: number
}

interface FanoutPart {
	sent: { moves: number; cursors: number }[]
	counts: { moves: number; cursors: number; closed: number }
	moveHist: ReturnType<Histogram['toJSON']>
	crossMoveHist: ReturnType<Histogram['toJSON']>
	cursorHist: ReturnType<Histogram['toJSON']>
	loadgen: { cpuSeconds: number }
}

/** Each run gets a database of its own, dropped after it. */
async function withDatabase<T>(fn: (url: string) => Promise<T>): Promise<T> {
	const name = `bench_${process.pid}_${Date.now()}`
	const admin = new pg.Client({ connectionString: databaseUrl })
	await admin.connect()
	try {
		await admin.query(`CREATE DATABASE ${name}`)
		const url = new URL(databaseUrl)
		url.pathname = `/${name}`
		return await fn(url.toString())
	} finally {
		await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {})
		await admin.end()
	}
}

/** Starts a setup's processes: ours one after another (the first migrates), the peer at once. */
async function startProcesses(setup: Setup, dbUrl: string, runId: string): Promise<RunningServer[]> {
	const started: RunningServer[] = []
	try {
		if (setup.server === 'hocuspocus-redis') {
			for (let i = 0; i < setup.processes; i++) {
				started.push(
					await startConfined(hocuspocusRedis, {
						REDIS_URL: redisUrl,
						DATABASE_URL: dbUrl,
						BENCH_RUN_ID: runId,
					}),
				)
			}
			return started
		}
		const env = { DATABASE_URL: dbUrl, REDIS_URL: redisUrl }
		const first = await startConfined(ours, env)
		started.push(first)
		// The others accept the first one's origin, which the load clients send.
		for (let i = 1; i < setup.processes; i++)
			started.push(await startConfined(ours, { ...env, PUBLIC_URL: first.httpBase }))
		return started
	} catch (error) {
		await stopAll(started)
		throw error
	}
}

async function stopAll(servers: RunningServer[]): Promise<void> {
	await Promise.all(servers.map((s) => s.stop()))
	for (const s of servers) {
		removeDataDir(s)
		releaseQuota.get(s)?.()
	}
}

/** One fan-out run over `boards` boards of 30 clients spread over the setup's processes. */
async function fanoutRun(
	setup: Setup,
	rates: { moveRate: number; cursorRate: number },
	boards: number,
	place: { repetition: number; order: number },
): Promise<RunFigures> {
	const runId = `${process.pid}-${Date.now()}`
	await forgetBenchSignUps()
	return await withDatabase(async (dbUrl) => {
		const servers = await startProcesses(setup, dbUrl, runId)
		try {
			const first = servers[0] as RunningServer
			const spreadUrls: string[][] = []
			for (let b = 0; b < boards; b++) {
				const id = await first.createBoard(`several ${b}`)
				const urls = servers.map((s) => `${s.wsBase}${s.target.wsPath(id)}`)
				// By board: the whole board on one process, as a proxy hashing the board's path does.
				spreadUrls.push(placement === 'board' ? [urls[b % urls.length] as string] : urls)
			}
			const clientsPerBoard = 30
			const base: Omit<FanoutConfig, 'part'> = {
				mode: 'fanout',
				protocol: 'yjs',
				handshake: true,
				boardUrls: spreadUrls.map((urls) => urls[0] as string),
				spreadUrls,
				...(setup.server === 'hocuspocus-redis' ? { framing: 'hocuspocus' as const } : {}),
				headers: first.wsHeaders,
				clientsPerBoard,
				moveRate: rates.moveRate,
				cursorRate: rates.cursorRate,
				cursorClientsPerBoard: clientsPerBoard,
				shapesPerClient: 5,
				durationMs: phaseMs,
				warmupMs,
				parts: generators,
			}
			const gens = Array.from({ length: generators }, (_, part) =>
				startLoadgen({ ...base, part }, phaseMs + 150_000, Boolean(process.env.BENCH_VERBOSE)),
			)
			if (cpuPriority) for (const g of gens) if (g.proc.pid !== undefined) prioritiseCpu(g.proc.pid)
			try {
				await Promise.all(gens.map((g) => g.ready))
				const loadAverageBefore = os.loadavg()[0] ?? Number.NaN
				const at = nowMs() + 300
				for (const g of gens) g.go(at)
				await new Promise((r) => setTimeout(r, Math.max(0, at + warmupMs - nowMs())))
				const cpu0 = servers.map((s) => cpuSeconds(s.pid))
				const noise = new NoiseMeter()
				const parts = (await Promise.all(gens.map((g) => g.result))) as FanoutPart[]
				const serverCpu = servers.reduce((sum, s, i) => sum + cpuSeconds(s.pid) - (cpu0[i] ?? 0), 0)
				const loadgenCpu = parts.reduce((sum, p) => sum + p.loadgen.cpuSeconds, 0)
				const hist = (key: 'moveHist' | 'crossMoveHist' | 'cursorHist') => {
					const h = new Histogram()
					for (const p of parts) h.merge(Histogram.fromJSON(p[key]))
					return h
				}
				const moves = hist('moveHist')
				const cross = hist('crossMoveHist')
				const sentMoves = parts.reduce((sum, p) => sum + p.sent.reduce((s, b) => s + b.moves, 0), 0)
				const expected = sentMoves * (clientsPerBoard - 1)
				const delivered = parts.reduce((sum, p) => sum + p.counts.moves, 0)
				const deliveredAll = delivered + parts.reduce((sum, p) => sum + p.counts.cursors, 0)
				return {
					setup: label(setup),
					...place,
					boards,
					connections: boards * clientsPerBoard,
					expected,
					delivered,
					lost: expected - delivered,
					p50: moves.quantile(0.5),
					p99: moves.quantile(0.99),
					crossP50: cross.quantile(0.5),
					crossP99: cross.quantile(0.99),
					cursorP99: hist('cursorHist').quantile(0.99),
					serverCpuSeconds: serverCpu,
					cpuPer1000: deliveredAll > 0 ? serverCpu / (deliveredAll / 1000) : Number.NaN,
					otherCpuShare: noise.otherCpuShare(serverCpu + loadgenCpu),
					loadAverageBefore,
					closedSockets: parts.reduce((sum, p) => sum + p.counts.closed, 0),
				}
			} finally {
				for (const g of gens) if (g.proc.exitCode === null) g.proc.kill('SIGKILL')
			}
		} finally {
			await stopAll(servers)
		}
	})
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : 'n/a')
const pct = (v: number) => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : 'n/a')

function table(headers: string[], rows: string[][]): string {
	const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
	const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ')
	return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

/** (m): every setup once per repetition, in rotating order; medians per setup. */
async function spreadCircle(): Promise<{ runs: RunFigures[]; report: string }> {
	const setups: Setup[] = [
		{ server: 'ours', processes: 2 },
		{ server: 'hocuspocus-redis', processes: 2 },
		{ server: 'ours', processes: 3 },
		{ server: 'hocuspocus-redis', processes: 3 },
	]
	const runs: RunFigures[] = []
	for (let rep = 1; rep <= repeats; rep++) {
		for (const [i, setup] of rotated(setups, rep - 1).entries()) {
			console.log(`[m] repetition ${rep}/${repeats}: ${label(setup)}…`)
			try {
				runs.push(
					await fanoutRun(setup, { moveRate: 5, cursorRate: 10 }, 1, { repetition: rep, order: i + 1 }),
				)
			} catch (error) {
				console.log(`  ! ${label(setup)}: ${error instanceof Error ? error.message.split('\n')[0] : error}`)
			}
		}
	}
	const of = (name: string) => runs.filter((r) => r.setup === name)
	const med = (rs: RunFigures[], get: (r: RunFigures) => number) =>
		median(rs.map(get).filter(Number.isFinite))
	const rows = setups.map((s) => {
		const rs = of(label(s))
		return [
			label(s),
			String(rs.length),
			`${med(rs, (r) => r.delivered)} / ${med(rs, (r) => r.expected)}`,
			String(Math.max(0, ...rs.map((r) => r.lost))),
			fmt(med(rs, (r) => r.crossP50)),
			fmt(med(rs, (r) => r.crossP99)),
			fmt(med(rs, (r) => r.p99)),
			fmt(med(rs, (r) => r.cursorP99)),
			fmt(
				med(rs, (r) => r.cpuPer1000),
				3,
			),
			rs.map((r) => `${pct(r.otherCpuShare)}/${fmt(r.loadAverageBefore, 2)}`).join(' '),
		]
	})
	const ratios: string[] = []
	for (const n of [2, 3]) {
		const o = of(`ours ×${n}`)
		const h = of(`hocuspocus-redis ×${n}`)
		const paired = (get: (r: RunFigures) => number) => {
			const rs = o.flatMap((a) => {
				const b = h.find((x) => x.repetition === a.repetition)
				return b && get(b) > 0 ? [get(a) / get(b)] : []
			})
			return `${fmt(median(rs), 2)} (${rs.map((r) => fmt(r, 2)).join(', ')})`
		}
		ratios.push(
			`  ×${n}: cross-process p99 ours ÷ Hocuspocus ${paired((r) => r.crossP99)} (target ≤ 1); CPU per delivery ${paired((r) => r.cpuPer1000)} (target ≤ 0.85); worst loss ours ${Math.max(0, ...o.map((r) => r.lost))} (target 0)`,
		)
	}
	const report = [
		'(m) a circle spread over processes: 1 board × 30 clients, 5 moves/s + 10 cursor/s each, client i on process i mod N',
		table(
			[
				'setup',
				'runs',
				'moves delivered / expected',
				'lost (worst)',
				'cross p50 ms',
				'cross p99 ms',
				'all p99 ms',
				'cursor p99 ms',
				'CPU s/1000 (all processes)',
				'other CPU/load per run',
			],
			rows,
		),
		'ratios (median of per-repetition ratios):',
		...ratios,
	].join('\n')
	return { runs, report }
}

/** (n): per repetition, per setup in rotating order, boards are added until the bound fails. */
async function connectionsHeld(): Promise<{ runs: RunFigures[]; report: string }> {
	const setups: Setup[] = [
		{ server: 'ours', processes: 1 },
		{ server: 'ours', processes: 2 },
		{ server: 'hocuspocus-redis', processes: 1 },
		{ server: 'hocuspocus-redis', processes: 2 },
	]
	const runs: RunFigures[] = []
	const held = new Map<string, number[]>()
	for (let rep = 1; rep <= repeats; rep++) {
		for (const [i, setup] of rotated(setups, rep - 1).entries()) {
			let best = 0
			for (const boards of capacityLevels) {
				console.log(`[n] repetition ${rep}/${repeats}: ${label(setup)}, ${boards * 30} connections…`)
				let r: RunFigures
				try {
					r = await fanoutRun(setup, { moveRate: 1, cursorRate: 2 }, boards, {
						repetition: rep,
						order: i + 1,
					})
				} catch (error) {
					console.log(`  ! ${error instanceof Error ? error.message.split('\n')[0] : error}`)
					break
				}
				runs.push(r)
				console.log(`  p99 ${fmt(r.p99)} ms, lost ${r.lost}, other CPU ${pct(r.otherCpuShare)}`)
				if (r.p99 > p99Bound || r.lost > 0 || r.closedSockets > 0) break
				best = r.connections
			}
			held.set(label(setup), [...(held.get(label(setup)) ?? []), best])
		}
	}
	const heldOf = (name: string) => held.get(name) ?? []
	const rows = setups.map((s) => [label(s), heldOf(label(s)).join(', '), String(median(heldOf(label(s))))])
	const scale = (server: string) => {
		const one = heldOf(`${server} ×1`)
		const two = heldOf(`${server} ×2`)
		const rs = one.flatMap((a, k) => (a > 0 && two[k] !== undefined ? [(two[k] as number) / a] : []))
		return `${fmt(median(rs), 2)} (${rs.map((r) => fmt(r, 2)).join(', ')})`
	}
	const report = [
		`(n)${placement === 'board' ? ' [each board on one process]' : ''} connections held with a move's p99 ≤ ${p99Bound} ms and nothing lost: boards of 30 clients, 1 move/s + 2 cursor/s each, ${capacityLevels.map((b) => b * 30).join(', ')} connections tried`,
		table(['setup', 'held per repetition', 'median'], rows),
		`  2 processes ÷ 1, ours: ${scale('ours')} (target ≥ 1.7); Hocuspocus: ${scale('hocuspocus-redis')}`,
		cpuQuota === null
			? `  (this machine has ${os.availableParallelism()} cores, shared by every process of the run, the load generators included: with fewer cores than processes, a second process adds no CPU, so this ratio says more about overhead than about scaling; BENCH_CPU_QUOTA gives each server process a share of its own)`
			: `  (each server process confined to ${cpuQuota} of a core by a cgroup quota, standing in for a machine of its own; ${os.availableParallelism()} cores in all, the rest for the load generators, Redis and PostgreSQL)`,
	].join('\n')
	return { runs, report }
}

/**
 * Every run signs the bench account up afresh, from 127.0.0.1 with one address, and our processes
 * count sign-ups per address and per email on the shared Redis (10 an hour per email): the bench
 * forgets the counts of its own address and account before each run, and nothing else.
 */
async function forgetBenchSignUps(): Promise<void> {
	const { Redis } = await import('ioredis')
	const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 })
	try {
		await redis.del(
			'circlespace:limit:signup-address:127.0.0.1',
			'circlespace:limit:signup-email:bench@example.org',
		)
	} finally {
		redis.disconnect()
	}
}

async function reachable(): Promise<string | null> {
	try {
		const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 })
		await client.connect()
		await client.end()
	} catch (error) {
		return `PostgreSQL at ${databaseUrl} is not reachable (${error instanceof Error ? error.message : error})`
	}
	const { Redis } = await import('ioredis')
	const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null })
	try {
		await redis.connect()
		await redis.ping()
	} catch (error) {
		return `Redis at ${redisUrl} is not reachable (${error instanceof Error ? error.message : error})`
	} finally {
		redis.disconnect()
	}
	return null
}

async function main() {
	const missing = await reachable()
	if (missing) {
		console.log(`Several processes: NOT RUN — ${missing}.`)
		return
	}
	if (cpuQuota !== null) {
		const support = cpuQuotaSupport()
		if (!support.ok) {
			console.log(
				`Several processes: NOT RUN — BENCH_CPU_QUOTA=${cpuQuota} asked for, but ${support.reason}.`,
			)
			return
		}
	}
	const started = new Date()
	console.log(
		`Several processes on PostgreSQL + Redis${quick ? ' [QUICK]' : ''}: ${repeats} repetitions, ${generators} load generator processes${cpuQuota === null ? '' : `, each server process confined to ${cpuQuota} of a core${cpuPriority ? ', servers and load generators at the highest CPU weight' : ''}`}, load average ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`,
	)
	const reports: string[] = []
	const all: RunFigures[] = []
	if (wanted.includes('m')) {
		const m = await spreadCircle()
		reports.push(m.report)
		all.push(...m.runs)
	}
	if (wanted.includes('n')) {
		const n = await connectionsHeld()
		reports.push(n.report)
		all.push(...n.runs)
	}
	console.log(`\n${reports.join('\n\n')}`)
	console.log(
		`load average at the end: ${os
			.loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')}`,
	)
	const dir = path.resolve(import.meta.dirname, '../bench-results')
	mkdirSync(dir, { recursive: true })
	const file = path.join(dir, `several-processes-${started.toISOString().replace(/[:.]/g, '-')}.json`)
	writeFileSync(
		file,
		JSON.stringify(
			{ started, quick, repeats, generators, p99Bound, cpuQuota, cpuPriority, runs: all },
			null,
			2,
		),
	)
	console.log(`JSON: ${path.relative(process.cwd(), file)}`)
}

function cleanup() {
	killLoadgens()
	killAll()
	releaseAllCpuQuotas()
}
process.on('exit', cleanup)
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
	process.on(sig, () => {
		cleanup()
		process.exit(130)
	})
}
main().then(
	() => process.exit(0),
	(error) => {
		console.error(error)
		process.exit(1)
	},
)
