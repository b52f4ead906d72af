import { timingSafeEqual } from 'node:crypto'
import { existsSync } from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Env, Hono, type MiddlewareHandler, type Schema } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import type { Redis } from 'ioredis'
import type { AssetStore } from './assets/AssetStore.ts'
import { assetRoutes } from './assets/assetRoutes.ts'
import type { NoteLayerRooms } from './audience/NoteLayerRooms.ts'
import { PrivateModes } from './audience/PrivateModes.ts'
import { privateModeRoutes } from './audience/privateModeRoutes.ts'
import { authRoutes } from './auth/authRoutes.ts'
import type { Clock } from './auth/Clock.ts'
import { originCheck } from './auth/originCheck.ts'
import { signedInOnly } from './auth/requireUser.ts'
import { type AuthEnv, sessionMiddleware } from './auth/sessionMiddleware.ts'
import { boardRoutes } from './boards/boardRoutes.ts'
import { boardShareRoutes } from './boards/shares/boardShareRoutes.ts'
import { boardTemplateRoutes } from './boardTemplates/boardTemplateRoutes.ts'
import type { Config } from './env.ts'
import { AppError, toProblem } from './errors.ts'
import { galleryRoutes } from './gallery/galleryRoutes.ts'
import { Guests } from './guests/Guests.ts'
import { guestRoutes } from './guests/guestRoutes.ts'
import { guestFence, guestMiddleware, signedInOrGuestReading } from './guests/guestSession.ts'
import { guestSync } from './guests/guestSync.ts'
import { journeyRoutes } from './journeys/journeyRoutes.ts'
import { apiRateLimits } from './limits/apiRateLimits.ts'
import { clientAddressMiddleware, TrustedProxies } from './limits/clientAddress.ts'
import { Limiters } from './limits/Limiters.ts'
import { linkRoutes } from './links/linkRoutes.ts'
import type { Logger } from './logger.ts'
import { loggedRequestTarget } from './logRedaction.ts'
import { renderMetrics, type SyncMetrics } from './metrics/SyncMetrics.ts'
import { orgMapRoutes } from './orgMap/orgMapRoutes.ts'
import type { Bus } from './pubsub/Bus.ts'
import { recognitionRoutes } from './recognition/recognitionRoutes.ts'
import { replayRoutes } from './replay/replayRoutes.ts'
import { searchRoutes } from './search/searchRoutes.ts'
import { LiveSessions } from './sessions/LiveSessions.ts'
import { sessionRoutes } from './sessions/sessionRoutes.ts'
import { snapshotRoutes } from './snapshots/snapshotRoutes.ts'
import { Access } from './spaces/Access.ts'
import { circleRoutes } from './spaces/circleRoutes.ts'
import { homeRoutes, instanceRoutes } from './spaces/instanceRoutes.ts'
import { invitationRoutes, joinRequestRoutes } from './spaces/invitationRoutes.ts'
import type { SpacesDeps } from './spaces/SpacesDeps.ts'
import { tribeRoutes } from './spaces/tribeRoutes.ts'
import type { Storage } from './storage/Storage.ts'
import { combineObservers } from './sync/combineObservers.ts'
import type { LiveConnections } from './sync/LiveConnections.ts'
import type { RoomRegistry } from './sync/RoomRegistry.ts'
import { syncRoutes } from './sync/syncRoutes.ts'
import { boardThumbnailRoutes } from './thumbnails/boardThumbnailRoutes.ts'
import { LiveVotes } from './votes/LiveVotes.ts'
import { voteRoutes } from './votes/voteRoutes.ts'

/** What the app is built from; `server.ts` chooses the concrete adapters. */
export interface AppDeps {
	config: Config
	logger: Logger
	storage: Storage
	assets: AssetStore
	rooms: RoomRegistry
	/** The rooms of boards' note layers (`audience/`). */
	layers: NoteLayerRooms
	/** The open live connections, told when access changes so that they are checked again. */
	live: LiveConnections
	clock: Clock
	/** The other server processes (Redis), for live sessions; absent with one process. */
	bus?: Bus
	/** Where rate-limit counts are shared between processes; absent: this process's memory. */
	limiterRedis?: Redis
	/** What the live side counted, for `/metrics`. */
	metrics?: SyncMetrics
}

// The web app's policy: tldraw works under it, exports included, with every file served from our
// origin; no request leaves it. Scripts only from our own files (the build has no inline script:
// Vite writes the entry as a module file, the service worker is /sw.js).
const CONTENT_SECURITY_POLICY = [
	"default-src 'self'",
	"script-src 'self'",
	// tldraw's exports fetch blob: and data: URLs of what they render (images, the SVG it draws);
	// 'self' also admits the sync endpoint's ws:/wss: on this origin.
	"connect-src 'self' data: blob:",
	// Exports, pasted images and thumbnails are shown from data: and blob: URLs before they are uploaded.
	"img-src 'self' data: blob:",
	// tldraw reads a dropped video's size from a blob: URL, and old files carry media as data:.
	"media-src 'self' data: blob:",
	// tldraw writes style attributes and <style> elements (its exports embed their fonts in one);
	// styles cannot run script.
	"style-src 'self' 'unsafe-inline'",
	// Exported SVGs embed the fonts as data: URLs.
	"font-src 'self' data:",
	// Only the service worker; nothing starts a worker from a blob.
	"worker-src 'self'",
	"object-src 'none'",
	"base-uri 'self'",
	"form-action 'self'",
	"frame-ancestors 'none'",
].join('; ')

/** Builds the HTTP app: API, sync endpoint and the web client. */
export function createApp(deps: AppDeps) {
	const { config, logger, storage, assets, rooms, live, clock } = deps
	const httpLog = logger.child({ module: 'http' })
	const access = new Access(storage)
	const spaces: SpacesDeps = { storage, access, live, clock, rooms }
	// Live sessions are told of every live connection, and broadcast their changes on them.
	// Dot votes in live sessions; a session that ends first ends its running vote.
	const votes = new LiveVotes({ storage, rooms, clock, logger, bus: deps.bus })
	votes.listen().catch((error) => logger.error({ err: error }, 'could not hear other processes’ votes'))
	const sessions = new LiveSessions({
		storage,
		rooms,
		clock,
		logger,
		bus: deps.bus,
		beforeEnd: (boardId) => votes.endIfRunning(boardId),
	})
	sessions.listen().catch((error) => logger.error({ err: error }, 'could not hear other processes’ sessions'))
	// Private mode is told on each person's own layer connection (audience/).
	const privateModes = new PrivateModes({ storage, rooms, layers: deps.layers, clock, logger, bus: deps.bus })
	privateModes
		.listen()
		.catch((error) => logger.error({ err: error }, 'could not hear other processes’ private modes'))
	// Every API request and every live connection knows who is asking (c.var.user, c.var.session).
	const session = sessionMiddleware({
		sessions: storage.sessions,
		users: storage.users,
		clock,
		secureCookies: config.publicUrl?.startsWith('https:') ?? false,
	})
	// A guest of one board (no account) is known after it; the fence closes the rest of the API to them.
	const guests = new Guests({ guests: storage.guests, boards: storage.boards, clock })
	const secureCookies = config.publicUrl?.startsWith('https:') ?? false
	const guest = guestMiddleware({ guests, secureCookies })

	const jsonLimit = bodyLimit({ maxSize: 64 * 1024, onError: () => tooLarge() })
	// Rate limits count in this process's memory; several processes will share them on Redis.
	const limiters = new Limiters(deps.limiterRedis ? { redis: deps.limiterRedis } : {})
	const api = new Hono<AuthEnv>()
		// Before every route: per person and per address, by kind of request.
		.use(apiRateLimits(limiters, config.rateLimits))
		// Uploads stream with their own, larger cap; every other body is small JSON.
		// Images are for signed-in people only (their names are random and unguessable as well).
		.use('/assets', signedInOnly)
		// Guests read the images of their board too (never upload).
		.use('/assets/*', signedInOrGuestReading)
		.route('/assets', assetRoutes({ assets, maxAssetBytes: config.limits.maxAssetBytes }))
		// Snapshots, .tldr files and thumbnails: raw bodies read with their own streamed limits.
		.route(
			'/',
			snapshotRoutes({
				storage,
				access,
				rooms,
				assets,
				clock,
				logger: logger.child({ module: 'snapshots' }),
				maxImportBytes: config.limits.maxImportBytes,
			}),
		)
		// Journeys and their templates (a template may be larger than 64 kB: its own limits).
		.route('/', journeyRoutes(spaces))
		.route('/', boardThumbnailRoutes({ thumbnails: storage.boardThumbnails, access, clock, limiters }))
		.route('/', galleryRoutes({ gallery: storage.gallery, access, rooms }))
		.use(jsonLimit)
		.get('/config', async (c) => {
			const [settings, hasAccounts] = await Promise.all([storage.settings.get(), storage.users.any()])
			return c.json({
				tldrawLicenseKey: config.tldrawLicenseKey ?? null,
				signupPolicy: settings.signupPolicy,
				hasAccounts,
			})
		})
		.route(
			'/auth',
			authRoutes({
				users: storage.users,
				sessions: storage.sessions,
				settings: storage.settings,
				circles: storage.circles,
				live,
				clock,
				publicUrl: config.publicUrl,
				limiters,
			}),
		)
		.route('/instance', instanceRoutes(spaces))
		.route('/home', homeRoutes(spaces))
		.route('/tribes', tribeRoutes(spaces))
		.route('/circles', circleRoutes(spaces))
		.route('/invitations', invitationRoutes(spaces))
		.route('/join-requests', joinRequestRoutes(spaces))
		.route('/', sessionRoutes({ storage, access, sessions, live }))
		.route('/', privateModeRoutes({ access, privateModes }))
		.route('/', replayRoutes({ storage, access, rooms, clock, logger }))
		.route('/', voteRoutes({ access, votes, limiters }))
		.route(
			'/',
			boardTemplateRoutes({ storage, access, rooms, clock, maxTemplateBytes: config.limits.maxImportBytes }),
		)
		.route('/', boardShareRoutes(spaces))
		.route('/', linkRoutes({ links: storage.links, access }))
		.route('/', orgMapRoutes({ orgMap: storage.orgMap, journeys: storage.journeys, rooms, clock }))
		.route('/', recognitionRoutes({ storage, access, rooms, clock }))
		.route('/', guestRoutes({ storage, access, live, clock, limiters, secureCookies }))
		.route('/boards', boardRoutes(spaces))
		.route('/search', searchRoutes({ search: storage.search }))
		.all('/*', () => {
			throw new AppError('NOT_FOUND', 'There is no such API route.')
		})

	const app = new Hono()
		.use(requestId())
		// Who is asking, for every limit that counts by address (the proxy's client when trusted).
		.use(clientAddressMiddleware(new TrustedProxies(config.trustedProxies)))
		.use(async (c, next) => {
			const started = performance.now()
			await next()
			if (!httpLog.isLevelEnabled('debug')) return
			const queryAt = c.req.url.indexOf('?')
			httpLog.debug(
				{
					requestId: c.get('requestId'),
					method: c.req.method,
					// Invitation tokens travel in paths and queries: never logged as they are.
					url: loggedRequestTarget(c.req.path, queryAt === -1 ? '' : c.req.url.slice(queryAt)),
					status: c.res.status,
					ms: Math.round(performance.now() - started),
				},
				'request',
			)
		})
		.use('/healthz', apiHeaders)
		.use('/api/*', apiHeaders)
		// With several processes, a process cut off from Redis still serves its own connections, but
		// an operator (and a load balancer's check) should know: its boards are not shared meanwhile.
		.get('/healthz', (c) =>
			c.json(
				deps.bus
					? {
							status: deps.bus.connected ? 'ok' : 'degraded',
							storage: storage.kind,
							redis: deps.bus.connected ? 'up' : 'down',
						}
					: { status: 'ok', storage: storage.kind },
			),
		)
		// Off unless METRICS_TOKEN is set; then only for whoever presents it (a Prometheus scraper).
		.get('/metrics', (c) => {
			const token = config.metricsToken
			if (!token || !deps.metrics) throw new AppError('NOT_FOUND', 'There is no such page.')
			if (!sameSecret(c.req.header('authorization') ?? '', `Bearer ${token}`)) {
				throw new AppError('UNAUTHENTICATED', 'Metrics need the configured bearer token.')
			}
			const body = renderMetrics({
				sync: deps.metrics,
				rooms: rooms.size,
				connections: live.size,
				redisUp: deps.bus ? deps.bus.connected : undefined,
			})
			return c.text(body, 200, { 'content-type': 'text/plain; version=0.0.4', 'cache-control': 'no-store' })
		})
		.use('/api/*', originCheck({ publicUrl: config.publicUrl }))
		.use('/api/*', session)
		.use('/api/*', guest)
		.use('/api/*', guestFence)
		.use('/sync/*', session)
		.use('/sync/*', guest)
		.route('/api', api)
		.route(
			'/sync',
			syncRoutes({
				rooms,
				live,
				sessions: combineObservers(sessions, votes),
				access,
				logger,
				publicUrl: config.publicUrl,
				maxConnectionsPerPerson: config.limits.maxConnectionsPerPerson,
				guests: guestSync({ rooms, live, sessions, boards: storage.boards, clock, logger }),
				layers: deps.layers,
				privateModes,
			}),
		)

	app.onError((error, c) => {
		const id = c.get('requestId') ?? 'unknown'
		let problem = toProblem(error, id)
		if (error instanceof HTTPException && !(error instanceof AppError)) {
			// Hono's own errors (e.g. a body that is not JSON) are client errors, said plainly.
			problem = {
				...problem,
				status: error.status,
				title: 'Invalid request',
				detail: error.message,
				code: 'VALIDATION',
			}
		}
		if (problem.status >= 500) httpLog.error({ err: error, requestId: id }, 'request failed')
		const retryAfter = error instanceof AppError ? error.retryAfterSeconds : undefined
		return c.json(problem, problem.status as 400, {
			'content-type': 'application/problem+json',
			...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
		})
	})

	mountClient(app, config.clientDistDir)
	return app
}

/**
 * `Cache-Control: no-store` and `nosniff` on every API answer, errors and 404s included: answers
 * are personal (who is signed in, what they may see) and change, so no cache, shared or the
 * browser's own, may keep one, and none may be read as anything but its declared type.
 */
const apiHeaders: MiddlewareHandler = async (c, next) => {
	await next()
	c.res.headers.set('X-Content-Type-Options', 'nosniff')
	// A route that chose its own policy keeps it: images under random names that are never reused
	// (private, immutable: the browser need not ask again, no shared cache may keep them), and
	// snapshot thumbnails and .tldr files (private, no-cache).
	if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store')
}

function tooLarge(): never {
	throw new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.')
}

/** Serves the built web client with an SPA fallback, when it has been built. */
function mountClient<E extends Env, S extends Schema, B extends string>(
	app: Hono<E, S, B>,
	distDir: string,
): void {
	const indexFile = path.join(distDir, 'index.html')
	app.use('*', async (c, next) => {
		await next()
		// Every file is served with its declared type only (a .json translation never runs as script).
		c.res.headers.set('X-Content-Type-Options', 'nosniff')
		if (c.res.headers.get('content-type')?.startsWith('text/html')) {
			c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
			// For browsers that predate frame-ancestors.
			c.res.headers.set('X-Frame-Options', 'DENY')
			// No address of ours (an invitation link's token is in its path) is sent to another site.
			// Not no-referrer: that makes browsers send `Origin: null` on some same-origin POSTs
			// (forms), which the API's Origin check refuses.
			c.res.headers.set('Referrer-Policy', 'same-origin')
			// Always revalidate the page itself, so that a new deploy shows on the next load.
			c.res.headers.set('Cache-Control', 'no-cache')
		}
	})
	if (!existsSync(indexFile)) {
		app.get('/', (c) =>
			c.text(
				'The web client is not built. Run `pnpm start` (it builds it) or `pnpm --filter @circlespace/client build`.',
				503,
			),
		)
		return
	}
	app.use('/assets/*', async (c, next) => {
		await next()
		if (c.res.ok) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable')
	})
	// The build writes Brotli and gzip copies beside each text file (client/build/precompress.ts).
	app.use('*', serveStatic({ root: path.relative(process.cwd(), distDir) || '.', precompressed: true }))
	app.get('*', serveStatic({ path: path.relative(process.cwd(), indexFile), precompressed: true }))
}

/** The app's type, for the web client's typed API client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>

/** Compares a presented secret with the expected one in constant time. */
function sameSecret(presented: string, expected: string): boolean {
	const a = Buffer.from(presented)
	const b = Buffer.from(expected)
	return a.length === b.length && timingSafeEqual(a, b)
}
