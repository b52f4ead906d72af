import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Protocol } from '../loadgen.ts'

const serverDir = path.resolve(import.meta.dirname, '../..')

/** A server the bench measures. */
export interface Target {
	/** Short name used in tables and JSON. */
	name: 'ours' | 'y-websocket-server' | 'relay' | 'tldraw-sync' | 'hocuspocus-redis'
	protocol: Protocol
	/** The script to run with `node`, relative to server/. */
	script: string
	/** False when the server cannot answer sync step 1 (the relay). */
	answersSync: boolean
	/** True when board ids must be created through the server's HTTP API first. */
	createsBoards: boolean
	wsPath: (boardId: string) => string
}

export const targets: Target[] = [
	{
		name: 'ours',
		protocol: 'yjs',
		// Compiled, as `pnpm start` runs it (`run.ts` builds it first).
		script: 'dist/main.js',
		answersSync: true,
		createsBoards: true,
		wsPath: (id) => `/sync/${id}`,
	},
	{
		name: 'y-websocket-server',
		protocol: 'yjs',
		script: 'bench/peers/yWebsocketServer.ts',
		answersSync: true,
		createsBoards: false,
		wsPath: (id) => `/${id}`,
	},
	{
		name: 'relay',
		protocol: 'yjs',
		script: 'bench/peers/relayServer.ts',
		answersSync: false,
		createsBoards: false,
		wsPath: (id) => `/${id}`,
	},
	{
		name: 'tldraw-sync',
		protocol: 'tldraw',
		script: 'bench/peers/tldrawSyncServer.ts',
		answersSync: true,
		createsBoards: false,
		wsPath: (id) => `/${id}`,
	},
]

/**
 * The several-processes peer (bench/severalProcesses.ts): Hocuspocus with its Redis extension.
 * Not among {@link targets}: it is measured only with several processes on one Redis.
 */
export const hocuspocusRedis: Target = {
	name: 'hocuspocus-redis',
	protocol: 'yjs',
	script: 'bench/peers/hocuspocusRedisServer.ts',
	answersSync: true,
	createsBoards: false,
	// Hocuspocus names the document in each message; the load generator reads it off the path.
	wsPath: (id) => `/${id}`,
}

/**
 * Node options for our server only, for profiling runs: `BENCH_OURS_NODE_ARGS` (split on spaces,
 * e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof --trace-gc`), and with `BENCH_LOOP_PROBE` the event
 * loop probe (`lib/loopProbe.ts`, which the bench starts and stops around the measured phase).
 */
function nodeArgsOf(target: Target): string[] {
	if (target.name !== 'ours') return []
	const args = [
		'--conditions=circlespace-built',
		...(process.env.BENCH_OURS_NODE_ARGS ?? '').split(' ').filter(Boolean),
	]
	if (process.env.BENCH_LOOP_PROBE) args.push('--import', path.join(import.meta.dirname, 'loopProbe.ts'))
	return args
}

/** Whether our server runs with the event loop probe (`BENCH_LOOP_PROBE`). */
export const loopProbe = Boolean(process.env.BENCH_LOOP_PROBE)

/** Whether a target's entry point exists in this checkout (ours may not yet: its sources count). */
export function isAvailable(t: Target): boolean {
	return existsSync(path.join(serverDir, t.name === 'ours' ? 'src/main.ts' : t.script))
}

let oursBuilt = false

/** Compiles our server from this checkout's sources, once per bench process. */
function buildOurs(): void {
	if (oursBuilt) return
	const build = spawnSync(process.execPath, [path.join(serverDir, '../scripts/buildServer.js')], {
		stdio: 'inherit',
	})
	if (build.status !== 0) throw new Error('our server did not build')
	oursBuilt = true
}

/** A running server process. */
export interface RunningServer {
	target: Target
	pid: number
	port: number
	httpBase: string
	wsBase: string
	dataDir: string
	proc: ChildProcess
	/** Output the server wrote (last 20 kB), for error reports. */
	output: () => string
	createBoard: (title: string) => Promise<string>
	/** Headers for WebSocket upgrades (our server: the bench account's session and Origin). */
	wsHeaders: Record<string, string>
	/** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code (null when killed). */
	stop: (graceMs?: number) => Promise<number | null>
}

const live = new Set<ChildProcess>()

/** Kills every server this process started (used on exit and on signals). */
export function killAll(): void {
	for (const p of live) {
		if (p.exitCode === null && p.signalCode === null && p.pid) {
			try {
				process.kill(p.pid, 'SIGKILL')
			} catch {}
		}
	}
}

async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const s = createServer()
		s.once('error', reject)
		s.listen(0, '127.0.0.1', () => {
			const addr = s.address()
			const port = typeof addr === 'object' && addr ? addr.port : 0
			s.close(() => resolve(port))
		})
	})
}

/** Starts a target on a free loopback port with a fresh data directory; waits for /healthz. */
export async function startServer(
	target: Target,
	extraEnv: Record<string, string> = {},
): Promise<RunningServer> {
	if (target.name === 'ours') buildOurs()
	const port = await freePort()
	const dataDir = mkdtempSync(path.join(tmpdir(), `circlespace-bench-${target.name}-`))
	let output = ''
	const proc = spawn(process.execPath, [...nodeArgsOf(target), target.script], {
		cwd: serverDir,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			LOG_LEVEL: 'warn',
			NODE_ENV: 'production',
			// Every load client signs in as the one bench account; in real use they are people.
			MAX_CONNECTIONS_PER_PERSON: '100000',
			...extraEnv,
		},
		stdio: ['ignore', 'pipe', 'pipe'],
	})
	live.add(proc)
	const keep = (d: Buffer) => {
		output = (output + d.toString()).slice(-20_000)
	}
	proc.stdout?.on('data', keep)
	proc.stderr?.on('data', keep)
	const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)))
	exited.then(() => live.delete(proc))
	const httpBase = `http://127.0.0.1:${port}`
	const deadline = Date.now() + 30_000
	for (;;) {
		if (proc.exitCode !== null) throw new Error(`${target.name} exited during start:\n${output}`)
		try {
			const res = await fetch(`${httpBase}/healthz`, { signal: AbortSignal.timeout(1000) })
			if (res.ok) break
		} catch {}
		if (Date.now() > deadline) {
			proc.kill('SIGKILL')
			throw new Error(`${target.name} did not become healthy:\n${output}`)
		}
		await new Promise((r) => setTimeout(r, 100))
	}
	let boardCounter = 0
	const wsHeaders: Record<string, string> = {}
	let circleId: string | undefined
	/** Our server: one admin account with one tribe and circle, made on first use. */
	const api = async (route: string, body: unknown): Promise<{ id: string }> => {
		const res = await fetch(`${httpBase}/api${route}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: httpBase, ...wsHeaders },
			body: JSON.stringify(body),
			signal: AbortSignal.timeout(10_000),
		})
		if (res.status !== 201) throw new Error(`POST ${route} → ${res.status}: ${await res.text()}`)
		const cookie = res.headers.getSetCookie().find((c) => c.startsWith('circlespace_session='))
		if (cookie) wsHeaders.cookie = cookie.split(';')[0] as string
		return (await res.json()) as { id: string }
	}
	return {
		target,
		pid: proc.pid as number,
		port,
		httpBase,
		wsBase: `ws://127.0.0.1:${port}`,
		dataDir,
		proc,
		output: () => output,
		wsHeaders,
		async createBoard(title) {
			if (!target.createsBoards) return `bench-${process.pid}-${++boardCounter}-${title.replace(/\W+/g, '-')}`
			if (circleId === undefined) {
				await api('/auth/signup', {
					email: 'bench@example.org',
					displayName: 'Bench',
					password: 'bench password 1',
				})
				wsHeaders.origin = httpBase
				const tribe = await api('/tribes', { name: 'Bench' })
				circleId = (await api(`/tribes/${tribe.id}/circles`, { name: 'Bench', capacity: 500 })).id
			}
			return (await api(`/circles/${circleId}/boards`, { title })).id
		},
		async stop(graceMs = 10_000) {
			if (proc.exitCode !== null || proc.signalCode !== null) return proc.exitCode
			proc.kill('SIGTERM')
			const timer = setTimeout(() => proc.kill('SIGKILL'), graceMs)
			const code = await exited
			clearTimeout(timer)
			return code
		},
	}
}

/** Removes a server's data directory once its figures are read. */
export function removeDataDir(s: RunningServer): void {
	rmSync(s.dataDir, { recursive: true, force: true })
}
