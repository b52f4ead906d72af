/**
 * The peer of the several-processes benchmark (issue 12): Hocuspocus 4.7 with its Redis
 * extension, one process of several on one Redis. Each process keeps the documents its clients
 * have open and relays updates and awareness to the others through Redis pub/sub; it stores a
 * document's state in PostgreSQL (`onStoreDocument`, Hocuspocus's own debounce, under the Redis
 * extension's lock), as our server stores to PostgreSQL, so both pay for persistence.
 *
 * Env: PORT, HOST, REDIS_URL, DATABASE_URL (optional: without it nothing is stored).
 * The document is named by the client's messages (Hocuspocus's framing), not by the URL.
 */
import { Redis } from '@hocuspocus/extension-redis'
import { Server } from '@hocuspocus/server'
import pg from 'pg'
import * as Y from 'yjs'

const port = Number(process.env.PORT ?? 0)
const host = process.env.HOST ?? '127.0.0.1'
const redisUrl = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379')
const pool = process.env.DATABASE_URL
	? new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 4 })
	: null

if (pool) {
	await pool.query(
		'CREATE TABLE IF NOT EXISTS hocuspocus_documents (name text PRIMARY KEY, state bytea NOT NULL)',
	)
}

const server = new Server({
	port,
	address: host,
	quiet: true,
	stopOnSignals: false,
	extensions: [
		new Redis({
			host: redisUrl.hostname,
			port: Number(redisUrl.port || 6379),
			// Channels of one bench run apart from any other run's on the shared Redis.
			prefix: `hocuspocus-bench-${process.env.BENCH_RUN_ID ?? 'run'}`,
		}),
	],
	async onLoadDocument({ documentName, document }) {
		if (!pool) return document
		const found = await pool.query<{ state: Buffer }>(
			'SELECT state FROM hocuspocus_documents WHERE name = $1',
			[documentName],
		)
		const state = found.rows[0]?.state
		if (state) Y.applyUpdate(document, new Uint8Array(state))
		return document
	},
	async onStoreDocument({ documentName, document }) {
		if (!pool) return
		await pool.query(
			'INSERT INTO hocuspocus_documents (name, state) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET state = EXCLUDED.state',
			[documentName, Buffer.from(Y.encodeStateAsUpdate(document))],
		)
	},
	async onRequest({ request, response }) {
		if (request.url === '/healthz') {
			response.writeHead(200, { 'content-type': 'text/plain' })
			response.end('ok')
			// Hocuspocus answers every request itself unless a hook rejects (with nothing).
			throw null
		}
	},
})

await server.listen()
process.stdout.write(`LISTENING ${server.address.port}\n`)

process.on('SIGTERM', async () => {
	await server.destroy()
	await pool?.end()
	process.exit(0)
})
