import { existsSync } from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import { type Env, Hono, type Schema } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { HTTPException } from 'hono/http-exception'
import { requestId } from 'hono/request-id'
import type { AssetStore } from './assets/AssetStore.ts'
import { assetRoutes } from './assets/assetRoutes.ts'
import { authRoutes } from './auth/authRoutes.ts'
import type { Clock } from './auth/Clock.ts'
import { originCheck } from './auth/originCheck.ts'
import { signedInOnly } from './auth/requireUser.ts'
import { type AuthEnv, sessionMiddleware } from './auth/sessionMiddleware.ts'
import { boardRoutes } from './boards/boardRoutes.ts'
import type { Config } from './env.ts'
import { AppError, toProblem } from './errors.ts'
import type { Logger } from './logger.ts'
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
import type { LiveConnections } from './sync/LiveConnections.ts'
import type { RoomRegistry } from './sync/RoomRegistry.ts'
import { syncRoutes } from './sync/syncRoutes.ts'

/** What the app is built from; `server.ts` chooses the concrete adapters. */
export interface AppDeps {
	config: Config
	logger: Logger
	storage: Storage
	assets: AssetStore
	rooms: RoomRegistry
	/** The open live connections, told when access changes so that they are checked again. */
	live: LiveConnections
	clock: Clock
}

// Works with tldraw including image export, with every asset served from our origin.
const CONTENT_SECURITY_POLICY = [
	"default-src 'self'",
	"connect-src 'self' data: blob:",
	"img-src 'self' data: blob:",
	"media-src 'self' data: blob:",
	"style-src 'self' 'unsafe-inline'",
	"font-src 'self' data:",
	"worker-src 'self' blob:",
	"object-src 'none'",
	"base-uri 'self'",
	"frame-ancestors 'none'",
].join('; ')

/** Builds the HTTP app: API, sync endpoint and the web client. */
export function createApp(deps: AppDeps) {
	const { config, logger, storage, assets, rooms, live, clock } = deps
	const httpLog = logger.child({ module: 'http' })
	const access = new Access(storage)
	const spaces: SpacesDeps = { storage, access, live, clock }
	// Live sessions are told of every live connection, and broadcast their changes on them.
	const sessions = new LiveSessions({ storage, rooms, clock, logger })
	// Every API request and every live connection knows who is asking (c.var.user, c.var.session).
	const session = sessionMiddleware({
		sessions: storage.sessions,
		users: storage.users,
		clock,
		secureCookies: config.publicUrl?.startsWith('https:') ?? false,
	})

	const jsonLimit = bodyLimit({ maxSize: 64 * 1024, onError: () => tooLarge() })
	const api = new Hono<AuthEnv>()
		// Uploads stream with their own, larger cap; every other body is small JSON.
		// Images are for signed-in people only (their names are random and unguessable as well).
		.use('/assets', signedInOnly)
		.use('/assets/*', signedInOnly)
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
			}),
		)
		.route('/instance', instanceRoutes(spaces))
		.route('/home', homeRoutes(spaces))
		.route('/tribes', tribeRoutes(spaces))
		.route('/circles', circleRoutes(spaces))
		.route('/invitations', invitationRoutes(spaces))
		.route('/join-requests', joinRequestRoutes(spaces))
		.route('/', sessionRoutes({ storage, access, sessions }))
		.route('/boards', boardRoutes(spaces))
		.all('/*', () => {
			throw new AppError('NOT_FOUND', 'There is no such API route.')
		})

	const app = new Hono()
		.use(requestId())
		.use(async (c, next) => {
			const started = performance.now()
			await next()
			httpLog.debug(
				{
					requestId: c.get('requestId'),
					method: c.req.method,
					path: c.req.path,
					status: c.res.status,
					ms: Math.round(performance.now() - started),
				},
				'request',
			)
		})
		.get('/healthz', (c) => c.json({ status: 'ok', storage: storage.kind }))
		.use('/api/*', originCheck({ publicUrl: config.publicUrl }))
		.use('/api/*', session)
		.use('/sync/*', session)
		.route('/api', api)
		.route('/sync', syncRoutes({ rooms, live, sessions, access, logger, publicUrl: config.publicUrl }))

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
		if (c.res.headers.get('content-type')?.startsWith('text/html')) {
			c.res.headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY)
			c.res.headers.set('X-Content-Type-Options', 'nosniff')
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
	app.use('*', serveStatic({ root: path.relative(process.cwd(), distDir) || '.' }))
	app.get('*', serveStatic({ path: path.relative(process.cwd(), indexFile) }))
}

/** The app's type, for the web client's typed API client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>
