/**
 * Peer 2: a bare relay. Every binary message goes unchanged to the other sockets of the
 * same room (URL path); no Yjs at all. The floor for fan-out on this machine.
 * Env: PORT, HOST.
 */
import { createServer } from 'node:http'
import { type WebSocket, WebSocketServer } from 'ws'

const port = Number(process.env.PORT ?? 0)
const host = process.env.HOST ?? '127.0.0.1'
const rooms = new Map<string, Set<WebSocket>>()

const server = createServer((req, res) => {
	res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' })
	res.end(req.url === '/healthz' ? 'ok' : 'not found')
})
const wss = new WebSocketServer({ noServer: true })
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (ws) => {
		const name = (req.url ?? '/').slice(1).split('?')[0] ?? ''
		let room = rooms.get(name)
		if (!room) {
			room = new Set()
			rooms.set(name, room)
		}
		const members = room
		members.add(ws)
		ws.on('message', (data, isBinary) => {
			if (!isBinary) return
			for (const other of members)
				if (other !== ws && other.readyState === 1) other.send(data, { binary: true })
		})
		ws.on('close', () => {
			members.delete(ws)
			if (members.size === 0) rooms.delete(name)
		})
	})
})
server.listen(port, host, () => {
	const addr = server.address()
	process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : port}\n`)
})
process.on('SIGTERM', () => process.exit(0))
