/**
 * Peer 3: tldraw's own sync server (`TLSocketRoom` from @tldraw/sync-core), in memory.
 * Sockets connect to ws://host:port/<roomId>?sessionId=<id>. `POST /seed/<roomId>?shapes=N`
 * creates the room with N geo shapes (the cold-load scenario), before anyone joins.
 * Env: PORT, HOST.
 */
import { createServer } from 'node:http'
import { type RoomSnapshot, TLSocketRoom, type WebSocketMinimal } from '@tldraw/sync-core'
import { createTLSchema } from '@tldraw/tlschema'
import { WebSocketServer } from 'ws'
import { baseRecords, makeShape } from '../lib/records.ts'

const port = Number(process.env.PORT ?? 0)
const host = process.env.HOST ?? '127.0.0.1'
const schema = createTLSchema()
const rooms = new Map<string, TLSocketRoom>()

function seededSnapshot(shapes: number) {
	const records = [...baseRecords(), ...Array.from({ length: shapes }, (_, n) => makeShape('seed', n))]
	return {
		clock: 0,
		documentClock: 0,
		tombstoneHistoryStartsAtClock: 0,
		schema: schema.serialize(),
		documents: records.map((state) => ({ state, lastChangedClock: 0 })),
	}
}

function roomFor(id: string, shapes = 0): TLSocketRoom {
	let room = rooms.get(id)
	if (!room) {
		room = new TLSocketRoom({
			initialSnapshot: seededSnapshot(shapes) as unknown as RoomSnapshot,
			log: { warn() {}, error: console.error },
		})
		rooms.set(id, room)
	}
	return room
}

// Fail fast if the generated records no longer validate against this tldraw version.
schema.types.shape.validate(makeShape('check', 1))

const server = createServer((req, res) => {
	const url = new URL(req.url ?? '/', 'http://x')
	if (url.pathname === '/healthz') {
		res.writeHead(200).end('ok')
		return
	}
	const seed = url.pathname.match(/^\/seed\/([^/]+)$/)
	if (seed && req.method === 'POST') {
		roomFor(seed[1] ?? '', Number(url.searchParams.get('shapes') ?? 0))
		res.writeHead(201).end('seeded')
		return
	}
	res.writeHead(404).end('not found')
})
const wss = new WebSocketServer({ noServer: true })
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => {
		const url = new URL(req.url ?? '/', 'http://x')
		const sessionId = url.searchParams.get('sessionId') ?? crypto.randomUUID()
		// ws's WebSocket has the addEventListener/send/close TLSocketRoom needs.
		roomFor(url.pathname.slice(1)).handleSocketConnect({
			sessionId,
			socket: ws as unknown as WebSocketMinimal,
		})
	})
})
server.listen(port, host, () => {
	const addr = server.address()
	process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : port}\n`)
})
process.on('SIGTERM', () => process.exit(0))
