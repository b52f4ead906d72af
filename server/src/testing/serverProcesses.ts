import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { readSessionMessage, SESSION_MESSAGE_TYPE, type SessionMessage } from '@circlespace/shared'
import * as Y from 'yjs'
import type { Storage } from '../storage/Storage.ts'
import { decodeLogEntry } from '../sync/storedDoc.ts'
import { createSchemaHarness } from './postgresSchema.ts'
import type { SeededPerson } from './seed.ts'
import { browserHeaders, connectProvider } from './testServer.ts'

const mainScript = new URL('../main.ts', import.meta.url).pathname

/** A real server process (`node server/src/main.ts`) started by {@link serverProcesses}. */
export interface ServerProcess {
	url: string
	wsUrl: string
	port: number
	child: ChildProcess
	exited: Promise<number | null>
}

/** Whether a child process has neither exited nor been killed yet. */
export function isRunning(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null
}

/** Asks the OS for a loopback port nobody listens on. */
export async function freePort(): Promise<number> {
	const probe = net.createServer()
	await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
	const { port } = probe.address() as net.AddressInfo
	await new Promise<void>((resolve) => probe.close(() => resolve()))
	return port
}

/** Every (client, clock) a board's log holds, to check that no change was stored twice. */
export async function storedClocks(storage: Storage, boardId: string): Promise<string[]> {
	const clocks: string[] = []
	for (const row of await storage.docs.readLog(boardId)) {
		for (const update of decodeLogEntry(row.update)) {
			const { from, to } = Y.parseUpdateMeta(update)
			for (const [client, start] of from) {
				for (let clock = start; clock < (to.get(client) ?? start); clock++) clocks.push(`${client}:${clock}`)
			}
		}
	}
	return clocks
}

/**
 * Whether a start failed only because a schema other than the process's own vanished under the
 * migrator (see `startProcess`).
 */
function otherSchemaDropped(error: unknown, databaseUrl: string | undefined): boolean {
	const vanished = /schema "([^"]+)" does not exist/.exec(error instanceof Error ? error.message : '')?.[1]
	if (!vanished) return false
	const own = databaseUrl
		? /search_path=([^\s&]+)/.exec(new URL(databaseUrl).searchParams.get('options') ?? '')?.[1]
		: undefined
	return vanished !== own
}

/** The map tests write their shapes to. */
export const records = (doc: Y.Doc) => doc.getMap<string>('records')

/**
 * Helpers for tests with several server processes on one PostgreSQL and one Redis
 * (docs/SPEC.md, "Several processes"): real child processes started as an operator would, real
 * y-websocket clients, a TCP front standing in for the load balancer. Everything they start is
 * stopped by `dispose` (call it in `afterEach`), newest first.
 */
export function serverProcesses(settings: { databaseUrl: string | undefined; redisUrl: string | undefined }) {
	const cleanups: Array<() => unknown> = []

	/** Starts `node server/src/main.ts` on a free port and resolves once it says it is running. */
	async function startProcess(env: Record<string, string>): Promise<ServerProcess> {
		for (let attempt = 1; ; attempt++) {
			try {
				return await startOnce(env)
			} catch (error) {
				// The migrator's catalog query names every schema of the database (kysely's introspector
				// calls has_schema_privilege by name), so another test dropping its own schema at that
				// moment stops this process with 3F000 for that other schema. Only then: start again.
				if (!otherSchemaDropped(error, env.DATABASE_URL) || attempt === 3) throw error
			}
		}
	}

	async function startOnce(env: Record<string, string>): Promise<ServerProcess> {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-proc-'))
		const child = spawn(process.execPath, [mainScript], {
			env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...env },
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
		let output = ''
		const listening = new Promise<number>((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000)
			const read = (chunk: Buffer) => {
				output += chunk.toString()
				// With PUBLIC_URL the line names it first, and where the process listens after it.
				const match = /Circlespace is running at (\S+)(?: \(listening on (\S+)\))?\n/.exec(output)
				if (match) {
					clearTimeout(timer)
					resolve(Number(new URL(match[2] ?? (match[1] as string)).port))
				}
			}
			child.stdout?.on('data', read)
			child.stderr?.on('data', read)
			child.once('exit', () => {
				clearTimeout(timer)
				reject(new Error(`server exited:\n${output}`))
			})
		})
		let port: number
		try {
			port = await listening
		} catch (error) {
			if (isRunning(child)) child.kill('SIGKILL')
			await rm(dataDir, { recursive: true, force: true })
			throw error
		}
		cleanups.push(async () => {
			if (isRunning(child)) {
				child.kill('SIGTERM')
				await exited
			}
			await rm(dataDir, { recursive: true, force: true })
		})
		return { url: `http://127.0.0.1:${port}`, wsUrl: `ws://127.0.0.1:${port}/sync`, port, child, exited }
	}

	/** A fresh schema, migrated and seeded from this process, and `count` server processes on it. */
	async function cluster(count: number, env: Record<string, string> = {}) {
		const harness = await createSchemaHarness(settings.databaseUrl as string)
		cleanups.push(() => harness.dispose())
		const storage = await harness.open()
		cleanups.push(() => storage.close())
		const start = () =>
			startProcess({ DATABASE_URL: harness.url, REDIS_URL: settings.redisUrl as string, ...env })
		const processes: ServerProcess[] = []
		for (let i = 0; i < count; i++) processes.push(await start())
		/** One more process on the same schema and Redis (a new one in a rolling restart). */
		return { storage, processes, startAnother: start }
	}

	/** A y-websocket client signed in as `who`, recording its close codes and session messages. */
	function provider(to: { wsUrl: string }, boardId: string, who: SeededPerson) {
		const p = connectProvider(to, boardId, { cookie: who.cookie })
		cleanups.push(() => p.destroy())
		const closes: number[] = []
		p.on('connection-close', (event) => {
			if (event) closes.push(event.code)
		})
		const heard: SessionMessage[] = []
		p.messageHandlers[SESSION_MESSAGE_TYPE] = (_encoder, decoder) => {
			const message = readSessionMessage(decoder)
			if (message) heard.push(message)
		}
		return Object.assign(p, { closes, heard })
	}

	/** Calls the API of one process as `who`, from a page of that process. */
	async function api(to: { url: string }, who: SeededPerson, method: string, route: string, body?: unknown) {
		return fetch(`${to.url}/api${route}`, {
			method,
			headers: {
				...browserHeaders({ wsUrl: to.url.replace(/^http/, 'ws') }, who),
				'content-type': 'application/json',
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		})
	}

	/**
	 * A TCP front for the processes, like a load balancer: each new connection goes to the first
	 * process of `processes` that is still running. The list is read at every connection, so a
	 * test may add processes to it (or reorder it) later.
	 */
	async function balancer(processes: ServerProcess[]) {
		const front = net.createServer((client) => {
			const target = processes.find((p) => isRunning(p.child))
			if (!target) return client.destroy()
			const upstream = net.connect(target.port, '127.0.0.1')
			client.pipe(upstream).on('error', () => {})
			upstream.pipe(client).on('error', () => {})
			client.on('error', () => upstream.destroy())
			upstream.on('error', () => client.destroy())
			upstream.on('close', () => client.destroy())
		})
		await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve))
		cleanups.push(() => front.close())
		const { port } = front.address() as net.AddressInfo
		return { wsUrl: `ws://127.0.0.1:${port}/sync`, url: `http://127.0.0.1:${port}` }
	}

	/**
	 * A Redis server of the test's own (`redis-server` on a free port, nothing saved to disk), which
	 * the test may kill and start again on the same port: the shared Redis is never touched.
	 */
	async function ownRedis() {
		const port = await freePort()
		let child: ChildProcess | undefined
		const redis = {
			url: `redis://127.0.0.1:${port}`,
			port,
			/** Starts redis-server on the port and resolves once it accepts connections. */
			async start(): Promise<void> {
				if (child && isRunning(child)) throw new Error('redis-server already running')
				const started = spawn(
					'redis-server',
					['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
					{
						stdio: ['ignore', 'pipe', 'pipe'],
					},
				)
				child = started
				let output = ''
				await new Promise<void>((resolve, reject) => {
					const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000)
					started.stdout?.on('data', (chunk: Buffer) => {
						output += chunk.toString()
						if (output.includes('Ready to accept connections')) {
							clearTimeout(timer)
							resolve()
						}
					})
					started.once('exit', (code) => {
						clearTimeout(timer)
						reject(new Error(`redis-server exited with ${code}:\n${output}`))
					})
				})
			},
			/** Kills redis-server at once (SIGKILL, as a crash would) and waits until it is gone. */
			async kill(): Promise<void> {
				if (!child || !isRunning(child)) return
				const exited = once(child, 'exit')
				child.kill('SIGKILL')
				await exited
			},
		}
		await redis.start()
		cleanups.push(() => redis.kill())
		return redis
	}

	return {
		startProcess,
		cluster,
		provider,
		api,
		balancer,
		ownRedis,
		/** Stops everything started since the last call, newest first. */
		async dispose(): Promise<void> {
			for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
		},
	}
}
