import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Clock } from '../auth/Clock.ts'
import { parseConfig } from '../env.ts'
import { createLogger } from '../logger.ts'
import { type RunningServer, startServer } from '../server.ts'

/** A real server on a free loopback port with its own data directory. */
export interface TestServer extends RunningServer {
	dataDir: string
	url: string
	wsUrl: string
	env: Record<string, string>
	/** Creates a board through the API and returns its id. */
	createBoard(title?: string): Promise<string>
	/** Stops the server (flushing) and deletes its data directory. */
	dispose(): Promise<void>
}

/**
 * Starts a server with test-friendly settings; `env` overrides any variable, `options.clock`
 * replaces the real clock (to move time in tests).
 */
export async function startTestServer(
	env: Record<string, string> = {},
	dataDir?: string,
	options: { clock?: Clock } = {},
): Promise<TestServer> {
	const dir = dataDir ?? (await mkdtemp(path.join(tmpdir(), 'circlespace-test-')))
	const fullEnv = { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'silent', ...env }
	const running = await startServer(parseConfig(fullEnv), createLogger(fullEnv.LOG_LEVEL), options)
	const url = `http://127.0.0.1:${running.port}`
	return {
		...running,
		dataDir: dir,
		url,
		wsUrl: `ws://127.0.0.1:${running.port}/sync`,
		env: fullEnv,
		async createBoard(title = 'Test board') {
			const response = await fetch(`${url}/api/boards`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ title }),
			})
			if (response.status !== 201) throw new Error(`create board: ${response.status}`)
			return ((await response.json()) as { id: string }).id
		},
		async dispose() {
			await running.stop()
			await rm(dir, { recursive: true, force: true })
		},
	}
}

/** A y-websocket client exactly as the web app uses it (BroadcastChannel off in Node). */
export function connectProvider(
	server: { wsUrl: string },
	boardId: string,
	doc = new Y.Doc(),
): WebsocketProvider {
	return new WebsocketProvider(server.wsUrl, boardId, doc, {
		disableBc: true,
		WebSocketPolyfill: WebSocket as never,
	})
}

/** Retries `check` until it stops throwing or the deadline passes. */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 5000): Promise<T> {
	const deadline = Date.now() + timeoutMs
	for (;;) {
		try {
			return await check()
		} catch (error) {
			if (Date.now() > deadline) throw error
			await new Promise((resolve) => setTimeout(resolve, 20))
		}
	}
}

/** Resolves once the provider has synced with the server. */
export function synced(provider: WebsocketProvider): Promise<void> {
	if (provider.synced) return Promise.resolve()
	return new Promise((resolve) => provider.once('sync', () => resolve()))
}

/** A raw WebSocket to the sync endpoint that records every message and its close code. */
export interface RawClient {
	ws: WebSocket
	messages: Buffer[]
	closed: Promise<{ code: number; reason: string }>
}

export async function connectRaw(server: { wsUrl: string }, boardId: string): Promise<RawClient> {
	const ws = new WebSocket(`${server.wsUrl}/${boardId}`)
	const messages: Buffer[] = []
	ws.on('message', (data) => messages.push(data as Buffer))
	const closed = new Promise<{ code: number; reason: string }>((resolve) =>
		ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
	)
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve())
		ws.once('error', reject)
	})
	return { ws, messages, closed }
}
