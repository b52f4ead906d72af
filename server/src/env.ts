import path from 'node:path'
import { z } from 'zod'
import { type ApiRateRules, defaultApiRateRules } from './limits/apiRateLimits.ts'
import { parseProxyEntry } from './limits/clientAddress.ts'

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const intFromString = (defaultValue: number, min: number) =>
	z.coerce.number().int().min(min).default(defaultValue)

const envSchema = z.object({
	PORT: intFromString(3000, 0).pipe(z.number().max(65535)),
	HOST: z.string().min(1).default('0.0.0.0'),
	PUBLIC_URL: z.url().optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	REDIS_URL: z
		.string()
		.regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	METRICS_TOKEN: z
		.string()
		.min(16, 'must be at least 16 characters')
		.optional()
		.or(z.literal('').transform(() => undefined)),
	LOG_LEVEL: z.enum(logLevels).default('info'),
	TLDRAW_LICENSE_KEY: z.string().optional(),
	MAX_MESSAGE_BYTES: intFromString(1024 * 1024, 1024),
	MAX_SEND_BUFFER_BYTES: intFromString(8 * 1024 * 1024, 64 * 1024),
	MAX_CONNECTIONS_PER_PERSON: intFromString(20, 1),
	MAX_ASSET_BYTES: intFromString(10 * 1024 * 1024, 1024),
	MAX_IMPORT_BYTES: intFromString(20 * 1024 * 1024, 1024),
	PERSIST_WINDOW_MS: intFromString(50, 1),
	ROOM_IDLE_MS: intFromString(30_000, 0),
	COMPACT_AFTER_UPDATES: intFromString(500, 1),
	RATE_LIMIT_READS_PER_MINUTE: intFromString(defaultApiRateRules.perPerson.read, 0),
	RATE_LIMIT_WRITES_PER_MINUTE: intFromString(defaultApiRateRules.perPerson.write, 0),
	RATE_LIMIT_FILES_PER_MINUTE: intFromString(defaultApiRateRules.perPerson.file, 0),
	RATE_LIMIT_ADDRESS_FACTOR: intFromString(defaultApiRateRules.addressFactor, 0),
	TRUSTED_PROXIES: z
		.string()
		.default('')
		.transform((text) =>
			text
				.split(',')
				.map((entry) => entry.trim())
				.filter((entry) => entry !== ''),
		)
		.superRefine((entries, ctx) => {
			for (const entry of entries) {
				if (!parseProxyEntry(entry)) {
					ctx.addIssue({ code: 'custom', message: `not an address or CIDR range: ${entry}` })
				}
			}
		}),
	CLIENT_DIST_DIR: z.string().optional(),
})

/** The server's configuration, parsed once from the environment. */
export interface Config {
	port: number
	host: string
	/** The public origin (`https://boards.example.org`), when set. */
	publicUrl: string | undefined
	dataDir: string
	/** A postgres:// URL; undefined means the embedded SQLite database in `dataDir`. */
	databaseUrl: string | undefined
	/** A redis:// URL joining several server processes (needs `databaseUrl`); undefined: one process. */
	redisUrl: string | undefined
	/** The bearer token `/metrics` asks for; undefined: `/metrics` is off (404). */
	metricsToken: string | undefined
	logLevel: (typeof logLevels)[number]
	tldrawLicenseKey: string | undefined
	limits: {
		/** Largest WebSocket message accepted (bytes). */
		maxMessageBytes: number
		/** A connection whose unsent data exceeds this is closed with 1013. */
		maxSendBufferBytes: number
		/** Live connections one person may hold at once; more are closed with 4429. */
		maxConnectionsPerPerson: number
		/** Largest uploaded asset (bytes). */
		maxAssetBytes: number
		/** Largest `.tldr` file accepted for import (bytes). */
		maxImportBytes: number
	}
	/** Requests per minute on the API, per signed-in person and per address. */
	rateLimits: ApiRateRules
	/**
	 * The reverse proxies in front of this process (addresses, CIDR ranges): a request from one of
	 * them is counted under the client its `X-Forwarded-For` names. Empty: the socket's peer.
	 */
	trustedProxies: string[]
	sync: {
		/** Updates of a room are written at most once per this window (ms). */
		persistWindowMs: number
		/** A room without connections is flushed and unloaded after this delay (ms). */
		roomIdleMs: number
		/** The update log tail length after which a room compacts its state. */
		compactAfterUpdates: number
	}
	/** Where the built web client lives (defaults to client/dist beside the server). */
	clientDistDir: string
}

/** Thrown when the environment is invalid; its message lists every problem. */
export class ConfigError extends Error {
	override name = 'ConfigError'
}

/** Parses configuration from an environment object. Throws ConfigError listing every problem. */
export function parseConfig(env: Record<string, string | undefined>): Config {
	const result = envSchema.safeParse(env)
	if (!result.success) {
		const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')}: ${issue.message}`)
		throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
	}
	const e = result.data
	if (e.REDIS_URL && !e.DATABASE_URL) {
		throw new ConfigError(
			'Invalid configuration:\n  - REDIS_URL: several server processes need one PostgreSQL database (set DATABASE_URL); the embedded SQLite database belongs to one process',
		)
	}
	return {
		port: e.PORT,
		host: e.HOST,
		publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL).origin : undefined,
		dataDir: path.resolve(e.DATA_DIR),
		databaseUrl: e.DATABASE_URL,
		redisUrl: e.REDIS_URL,
		metricsToken: e.METRICS_TOKEN,
		logLevel: e.LOG_LEVEL,
		tldrawLicenseKey: e.TLDRAW_LICENSE_KEY || undefined,
		limits: {
			maxMessageBytes: e.MAX_MESSAGE_BYTES,
			maxSendBufferBytes: e.MAX_SEND_BUFFER_BYTES,
			maxConnectionsPerPerson: e.MAX_CONNECTIONS_PER_PERSON,
			maxAssetBytes: e.MAX_ASSET_BYTES,
			maxImportBytes: e.MAX_IMPORT_BYTES,
		},
		rateLimits: {
			perPerson: {
				read: e.RATE_LIMIT_READS_PER_MINUTE,
				write: e.RATE_LIMIT_WRITES_PER_MINUTE,
				file: e.RATE_LIMIT_FILES_PER_MINUTE,
			},
			addressFactor: e.RATE_LIMIT_ADDRESS_FACTOR,
		},
		trustedProxies: e.TRUSTED_PROXIES,
		sync: {
			persistWindowMs: e.PERSIST_WINDOW_MS,
			roomIdleMs: e.ROOM_IDLE_MS,
			compactAfterUpdates: e.COMPACT_AFTER_UPDATES,
		},
		clientDistDir: path.resolve(e.CLIENT_DIST_DIR ?? new URL('../../client/dist', import.meta.url).pathname),
	}
}

/** Reads the process environment. The only place that touches `process.env`. */
export function loadConfig(): Config {
	return parseConfig(process.env)
}
