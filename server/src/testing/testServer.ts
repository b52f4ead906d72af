import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { isFinalCloseCode } from '@circlespace/shared'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Clock } from '../auth/Clock.ts'
import { parseConfig } from '../env.ts'
import { createLogger } from '../logger.ts'
import type { Bus } from '../pubsub/Bus.ts'
import { type RunningServer, startServer } from '../server.ts'

/** A real server on a free loopback port with its own data directory. */
export interface TestServer extends RunningServer {
	dataDir: string
	url: string
	wsUrl: string
	env: Record<string, string>
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
	options: { clock?: Clock; bus?: Bus } = {},
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
		async dispose() {
			await running.stop()
			await rm(dir, { recursive: true, force: true })
		},
	}
}

/** Who connects: the `Cookie` header a signed-in browser sends (see `seed.ts`). */
export interface ConnectAs {
	cookie: string
}

/**
 * The headers a browser of this site sends on a WebSocket upgrade: the session cookie, and an
 * `Origin` naming the server itself (the sync endpoint refuses cross-site upgrades).
 */
export function browserHeaders(server: { wsUrl: string }, as: ConnectAs): { cookie: string; origin: string } {
	return { cookie: as.cookie, origin: new URL(server.wsUrl).origin.replace(/^ws/, 'http') }
}

/**
 * A y-websocket client exactly as the web app uses it (BroadcastChannel off in Node; reconnects
 * unless the close code is final), signed in with `cookie` on every (re)connection.
 */
export function connectProvider(
	server: { wsUrl: string },
	boardId: string,
	options: ConnectAs & { doc?: Y.Doc },
): WebsocketProvider {
	const headers = browserHeaders(server, options)
	// ws takes headers as an option, which the browser WebSocket constructor has no room for.
	class SignedInWebSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers })
		}
	}
	return new WebsocketProvider(server.wsUrl, boardId, options.doc ?? new Y.Doc(), {
		disableBc: true,
		WebSocketPolyfill: SignedInWebSocket as never,
		shouldReconnect: (event) => !isFinalCloseCode(event.code),
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

/** Opens a raw socket signed in as `as`; rejects when the upgrade is refused. */
export async function connectRaw(
	server: { wsUrl: string },
	boardId: string,
	as: ConnectAs,
): Promise<RawClient> {
	const ws = new WebSocket(`${server.wsUrl}/${boardId}`, { headers: browserHeaders(server, as) })
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

/** How the server answered an upgrade request: 101 when it upgraded, else the refusal's status. */
export interface UpgradeAnswer {
	status: number
	/** The refusal's content type (its body is dropped by @hono/node-server). */
	contentType: string | undefined
}

/** Asks for an upgrade with exactly these headers and reports the answer (closing any socket opened). */
export function tryUpgrade(
	server: { wsUrl: string },
	boardId: string,
	headers: Record<string, string>,
): Promise<UpgradeAnswer> {
	const ws = new WebSocket(`${server.wsUrl}/${boardId}`, { headers })
	ws.on('error', () => {})
	return new Promise((resolve) => {
		ws.on('open', () => {
			ws.close()
			resolve({ status: 101, contentType: undefined })
		})
		ws.on('unexpected-response', (_request, response) => {
			resolve({ status: response.statusCode ?? 0, contentType: response.headers['content-type'] })
			ws.terminate()
		})
	})
}
