/**
 * Peer 1: the reference y-websocket backend (`@y/websocket-server` 0.1.1), no persistence.
 * Room name = URL path. Env: PORT, HOST.
 */
import { createServer } from 'node:http'
import { setupWSConnection } from '@y/websocket-server/utils'
import { WebSocketServer } from 'ws'

const port = Number(process.env.PORT ?? 0)
const host = process.env.HOST ?? '127.0.0.1'

const server = createServer((req, res) => {
	res.writeHead(req.url === '/healthz' ? 200 : 404, { 'content-type': 'text/plain' })
	res.end(req.url === '/healthz' ? 'ok' : 'not found')
})
const wss = new WebSocketServer({ noServer: true })
server.on('upgrade', (req, socket, head) => {
	wss.handleUpgrade(req, socket, head, (conn) => {
		const docName = (req.url ?? '/').slice(1).split('?')[0] ?? ''
		setupWSConnection(conn, req, { docName })
	})
})
server.listen(port, host, () => {
	const addr = server.address()
	process.stdout.write(`LISTENING ${typeof addr === 'object' && addr ? addr.port : port}\n`)
})
process.on('SIGTERM', () => process.exit(0))
