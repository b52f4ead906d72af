import { CloseCode } from '@circlespace/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { seedBoard } from '../testing/seed.ts'
import { connectProvider, connectRaw, eventually, startTestServer, synced } from '../testing/testServer.ts'

/** `/metrics` for an operator's Prometheus: off by default, behind a token, counting what happens. */

const token = 'a-long-enough-metrics-token'
const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(env: Record<string, string> = {}) {
	const s = await startTestServer(env)
	cleanups.push(() => s.dispose())
	return s
}

const scrape = (url: string, auth?: string) =>
	fetch(`${url}/metrics`, { headers: auth ? { authorization: auth } : {} })

describe('/metrics', () => {
	it('does not exist unless METRICS_TOKEN is set', async () => {
		const s = await server()
		expect((await scrape(s.url, `Bearer ${token}`)).status).toBe(404)
	})

	it('refuses a scrape without the token, or with another one', async () => {
		const s = await server({ METRICS_TOKEN: token })
		expect((await scrape(s.url)).status).toBe(401)
		expect((await scrape(s.url, 'Bearer not-the-right-token-at-all')).status).toBe(401)
	})

	it('counts open rooms and connections, messages and closes by code', async () => {
		const s = await server({ METRICS_TOKEN: token })
		const { boardId, facilitator } = await seedBoard(s)
		const p = connectProvider(s, boardId, { cookie: facilitator.cookie })
		cleanups.push(() => p.destroy())
		await synced(p)
		p.doc.getMap<string>('records').set('shape:1', 'x')
		const bad = await connectRaw(s, boardId, facilitator)
		bad.ws.send(new Uint8Array([250]))
		expect((await bad.closed).code).toBe(CloseCode.BAD_MESSAGE)
		await eventually(async () => {
			const response = await scrape(s.url, `Bearer ${token}`)
			expect(response.status).toBe(200)
			expect(response.headers.get('content-type')).toContain('text/plain')
			const text = await response.text()
			expect(text).toMatch(/^circlespace_rooms_open 1$/m)
			expect(text).toMatch(/^circlespace_connections_open 1$/m)
			expect(text).toMatch(/^circlespace_connections_closed_total\{code="4400"\} 1$/m)
			expect(Number(/^circlespace_messages_in_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(2)
			expect(Number(/^circlespace_persist_writes_total (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0)
			expect(text).not.toMatch(/circlespace_redis_up/)
		})
	})
})
