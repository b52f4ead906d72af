import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterEach, expect, it } from 'vitest'
import { seedBoard, seedMember } from '../testing/seed.ts'
import { freePort } from '../testing/serverProcesses.ts'
import { connectProvider, eventually, startTestServer, synced } from '../testing/testServer.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

it('R7 shows both people to each other again after the server restarts, at their first move', async () => {
	const port = await freePort()
	const dir = await mkdtemp(path.join(tmpdir(), 'circlespace-restart-'))
	let server = await startTestServer({ PORT: String(port) }, dir)
	const { boardId, circle } = await seedBoard(server)
	const alice = await seedMember(server, circle.id, 'Alice')
	const bob = await seedMember(server, circle.id, 'Bob')
	const a = connectProvider(server, boardId, { cookie: alice.cookie })
	const b = connectProvider(server, boardId, { cookie: bob.cookie })
	cleanups.push(() => {
		a.destroy()
		b.destroy()
	})
	await Promise.all([synced(a), synced(b)])
	a.awareness.setLocalStateField('cursor', { x: 1 })
	b.awareness.setLocalStateField('cursor', { x: 2 })
	await eventually(() =>
		expect(a.awareness.getStates().get(b.doc.clientID)).toMatchObject({ cursor: { x: 2 } }),
	)
	await eventually(() =>
		expect(b.awareness.getStates().get(a.doc.clientID)).toMatchObject({ cursor: { x: 1 } }),
	)
	// A restart closes everyone; the new process has never seen their clocks.
	await server.stop()
	server = await startTestServer({ PORT: String(port) }, dir)
	cleanups.push(() => server.dispose())
	await eventually(() => expect(a.wsconnected && b.wsconnected).toBe(true), 10_000)
	a.awareness.setLocalStateField('cursor', { x: 10 })
	b.awareness.setLocalStateField('cursor', { x: 20 })
	await eventually(() => {
		expect(a.awareness.getStates().get(b.doc.clientID)).toMatchObject({ cursor: { x: 20 } })
		expect(b.awareness.getStates().get(a.doc.clientID)).toMatchObject({ cursor: { x: 10 } })
	})
}, 60_000)
