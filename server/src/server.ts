import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { CloseCode } from '@circlespace/shared'
import { serve } from '@hono/node-server'
import { WebSocketServer } from 'ws'
import { createApp } from './app.ts'
import { FsAssetStore } from './assets/FsAssetStore.ts'
import { NoteLayerRooms } from './audience/NoteLayerRooms.ts'
import { type Clock, systemClock } from './auth/Clock.ts'
import type { Config } from './env.ts'
import { Guests } from './guests/Guests.ts'
import { readLinksInto } from './links/readLinksInto.ts'
import type { Logger } from './logger.ts'
import { SyncMetrics } from './metrics/SyncMetrics.ts'
import type { Bus } from './pubsub/Bus.ts'
import type { RedisBus } from './pubsub/RedisBus.ts'
import { SearchIndexer } from './search/SearchIndexer.ts'
import { watchForSearch } from './search/watchForSearch.ts'
import { Access } from './spaces/Access.ts'
import { openStorage } from './storage/openStorage.ts'
import type { Storage } from './storage/Storage.ts'
import { LiveConnections } from './sync/LiveConnections.ts'
import { RoomRegistry } from './sync/RoomRegistry.ts'

/** A running server. */
export interface RunningServer {
	/** The port it listens on (useful with PORT=0). */
	port: number
	storage: Storage
	rooms: RoomRegistry
	/** The rooms of boards' note layers. */
	layers: NoteLayerRooms
	/** The open live connections; tell it of access changes (`live.accessChanged`). */
	live: LiveConnections
	/** The clock of every rule that depends on time (session expiry among them). */
	clock: Clock
	/** Keeps the search index current (tests `flush()` it rather than wait for its debounce). */
	searchIndexer: SearchIndexer
	/** Stops accepting, closes every socket with 1012 after flushing every room, closes storage. */
	stop(): Promise<void>
}

// A peer that has not answered the previous ping by the next one is dropped: someone whose
// network went away is gone for the others within 2.5–5 s (SPEC R7), not half a minute later.
const HEARTBEAT_MS = 2_500
// Sessions that expire, or end without the routes saying so, close their live connections this soon.
const SESSION_SWEEP_MS = 60_000

/** Opens storage, builds the app and listens. Used by main.ts and by integration tests. */
export async function startServer(
	config: Config,
	logger: Logger,
	options: { clock?: Clock; bus?: Bus } = {},
): Promise<RunningServer> {
	const opened = await openStorage({
		dataDir: config.dataDir,
		databaseUrl: config.databaseUrl,
		onConnectionError: (error) =>
			logger.warn({ err: error }, 'a PostgreSQL connection failed while idle; the next query opens another'),
	})
	// Everything that stores a board's content or title goes through `storage`, which tells the
	// indexer; the indexer reads boards through `opened`, which tells no one.
	const searchIndexer = new SearchIndexer({ ...opened, logger, alsoRead: readLinksInto(opened.links) })
	const storage = watchForSearch(opened, (boardId) => searchIndexer.changed(boardId))
	searchIndexer.start()
	const redisBus = config.redisUrl && !options.bus ? await connectRedis(config.redisUrl, logger) : undefined
	const bus: Bus | undefined = options.bus ?? redisBus
	const metrics = new SyncMetrics()
	const roomSettings = {
		persistWindowMs: config.sync.persistWindowMs,
		compactAfterUpdates: config.sync.compactAfterUpdates,
		maxSendBufferBytes: config.limits.maxSendBufferBytes,
		idleMs: config.sync.roomIdleMs,
		bus,
		metrics,
	}
	const rooms = new RoomRegistry(storage, logger, roomSettings)
	await rooms.start()
	// Boards' note layers: rooms of their own, stored apart from boards (server/src/audience/).
	const layers = new NoteLayerRooms(storage, logger, roomSettings)
	await layers.start()
	const assets = new FsAssetStore(path.join(config.dataDir, 'assets'))
	const clock = options.clock ?? systemClock
	const live = new LiveConnections({
		sessions: storage.sessions,
		users: storage.users,
		access: new Access(storage),
		clock,
		logger,
		sweepIntervalMs: SESSION_SWEEP_MS,
		bus,
		guests: new Guests({ guests: storage.guests, boards: storage.boards, clock }),
	})
	live.start()
	await live.listen()
	const limiterRedis = redisBus?.commands
	const app = createApp({
		config,
		logger,
		storage,
		assets,
		rooms,
		layers,
		live,
		clock,
		bus,
		limiterRedis,
		metrics,
	})
	// ws closes a connection whose message exceeds maxPayload with 1009 by itself.
	const wss = new WebSocketServer({ noServer: true, maxPayload: config.limits.maxMessageBytes })

	const server = await new Promise<Server>((resolve, reject) => {
		const s = serve(
			{ fetch: app.fetch, port: config.port, hostname: config.host, websocket: { server: wss } },
			() => resolve(s as Server),
		)
		s.once('error', reject)
	})
	const port = (server.address() as AddressInfo).port

	// Dead peers (a laptop lid closed) never send a close frame: ping, and drop the silent.
	const alive = new WeakSet<object>()
	wss.on('connection', (ws) => {
		alive.add(ws)
		ws.on('pong', () => alive.add(ws))
	})
	const heartbeat = setInterval(() => {
		for (const ws of wss.clients) {
			if (!alive.has(ws)) {
				// Still sending it a board (a slow link): its pong may wait behind that data. The
				// send-buffer limit (1013) takes care of a reader that stopped reading.
				if (ws.bufferedAmount > 0) continue
				ws.terminate()
				continue
			}
			alive.delete(ws)
			ws.ping()
		}
	}, HEARTBEAT_MS)
	heartbeat.unref()

	let stopping: Promise<void> | undefined
	return {
		port,
		storage,
		rooms,
		layers,
		live,
		clock,
		searchIndexer,
		stop() {
			stopping ??= (async () => {
				clearInterval(heartbeat)
				live.stop()
				const closed = new Promise<void>((resolve) => server.close(() => resolve()))
				await Promise.all([
					rooms.closeAll(CloseCode.SERVICE_RESTART),
					layers.closeAll(CloseCode.SERVICE_RESTART),
				])
				for (const ws of wss.clients) ws.close(CloseCode.SERVICE_RESTART, 'server stopping')
				// Sockets whose peers never answer the close frame must not hold the exit.
				setTimeout(() => {
					for (const ws of wss.clients) ws.terminate()
					server.closeAllConnections()
				}, 2000).unref()
				server.closeIdleConnections()
				await closed
				// What it had not indexed yet is stale in the index, and indexed at the next start.
				await searchIndexer.stop()
				await storage.close()
				await bus?.close()
			})()
			return stopping
		},
	}
}

/** The bus to the other processes; start-up waits for Redis so that nothing is missed from the start. */
async function connectRedis(url: string, logger: Logger): Promise<RedisBus> {
	// Loaded only here: one process without Redis never loads ioredis (~9 MB at start).
	const { RedisBus } = await import('./pubsub/RedisBus.ts')
	const bus = new RedisBus(url, logger)
	try {
		await bus.ready()
	} catch (error) {
		await bus.close()
		throw error
	}
	logger.info('joined the other server processes through Redis')
	return bus
}
