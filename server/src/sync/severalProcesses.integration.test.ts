import { spawn } from 'node:child_process'
import { CloseCode, type LiveSession } from '@circlespace/shared'
import { afterEach, describe, expect, it } from 'vitest'
import { seedBoard, seedMember } from '../testing/seed.ts'
import { records, type ServerProcess, serverProcesses, storedClocks } from '../testing/serverProcesses.ts'
import { eventually, synced } from '../testing/testServer.ts'
import { docFromStored } from './storedDoc.ts'

/**
 * Several server processes on one PostgreSQL and one Redis (docs/SPEC.md, rules M1–M6): real
 * child processes started as an operator would (`node server/src/main.ts` with `DATABASE_URL`
 * and `REDIS_URL`), real y-websocket clients on different processes.
 */

const databaseUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL
const mainScript = new URL('../main.ts', import.meta.url).pathname

const { cluster, provider, api, balancer, dispose } = serverProcesses({ databaseUrl, redisUrl })
afterEach(dispose)

const notRun = !databaseUrl || !redisUrl

describe('several server processes on PostgreSQL and Redis', () => {
	if (notRun) {
		it('were NOT run: TEST_DATABASE_URL and TEST_REDIS_URL must both be set', () => {
			console.warn('several processes: not run, TEST_DATABASE_URL or TEST_REDIS_URL unset')
			expect(notRun).toBe(true)
		})
		return
	}

	it('M1 shows edits and cursors across processes, gives a late joiner everything, and stores each change once', async () => {
		const { storage, processes } = await cluster(3)
		const [one, two, three] = processes as [ServerProcess, ServerProcess, ServerProcess]
		const { boardId, circle } = await seedBoard({ storage })
		const alice = await seedMember({ storage }, circle.id, 'Alice')
		const bob = await seedMember({ storage }, circle.id, 'Bob')
		const aliceP = provider(one, boardId, alice)
		const bobP = provider(two, boardId, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		for (let i = 0; i < 20; i++) records(aliceP.doc).set(`shape:a${i % 5}`, `alice ${i}`)
		for (let i = 0; i < 20; i++) records(bobP.doc).set(`shape:b${i % 5}`, `bob ${i}`)
		aliceP.awareness.setLocalStateField('cursor', { x: 1, y: 2 })
		await eventually(() => expect(records(bobP.doc).toJSON()).toEqual(records(aliceP.doc).toJSON()))
		expect(records(bobP.doc).size).toBe(10)
		await eventually(() =>
			expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toMatchObject({
				cursor: { x: 1, y: 2 },
				user: { id: alice.user.id, name: 'Alice' },
			}),
		)
		const carol = provider(three, boardId, bob)
		await synced(carol)
		await eventually(() => expect(records(carol.doc).toJSON()).toEqual(records(aliceP.doc).toJSON()))
		await eventually(() => expect(carol.awareness.getStates().has(aliceP.doc.clientID)).toBe(true))
		// Alice leaves: she is gone for everyone on the other processes.
		aliceP.destroy()
		await eventually(() => expect(bobP.awareness.getStates().has(aliceP.doc.clientID)).toBe(false))

		await eventually(async () => {
			const stored = docFromStored(await storage.docs.load(boardId))
			expect(records(stored).toJSON()).toEqual(records(bobP.doc).toJSON())
		})
		const clocks = await storedClocks(storage, boardId)
		expect(new Set(clocks).size).toBe(clocks.length)
	}, 90_000)

	it('M2 closes, on another process, the connection of someone removed through the first', async () => {
		const { storage, processes } = await cluster(2)
		const [one, two] = processes as [ServerProcess, ServerProcess]
		const { boardId, circle, facilitator } = await seedBoard({ storage })
		const bob = await seedMember({ storage }, circle.id, 'Bob')
		const bobP = provider(two, boardId, bob)
		await synced(bobP)
		const removed = await api(one, facilitator, 'DELETE', `/circles/${circle.id}/members/${bob.user.id}`)
		expect(removed.status).toBeLessThan(300)
		await eventually(() => expect(bobP.closes).toContain(CloseCode.FORBIDDEN), 10_000)
	}, 60_000)

	it('M3 brings a live session, its changes and its summons to participants on every process', async () => {
		const { storage, processes } = await cluster(2)
		const [one, two] = processes as [ServerProcess, ServerProcess]
		const { boardId, circle, facilitator } = await seedBoard({ storage })
		const bob = await seedMember({ storage }, circle.id, 'Bob')
		const bobP = provider(two, boardId, bob)
		await synced(bobP)
		const started = await api(one, facilitator, 'POST', `/boards/${boardId}/session`, {
			title: 'Check-in',
			agenda: ['Arrive', 'Share'],
			timeboxMinutes: 30,
		})
		expect(started.status).toBe(201)
		const sessionOf = () =>
			bobP.heard.flatMap((m) => ('session' in m ? [m.session] : [])).at(-1) as LiveSession
		await eventually(() => expect(sessionOf()?.title).toBe('Check-in'))
		await api(one, facilitator, 'PATCH', `/boards/${boardId}/session`, { currentItem: 1 })
		await eventually(() => expect(sessionOf()?.currentItem).toBe(1))
		await api(one, facilitator, 'POST', `/boards/${boardId}/session/summon`, { x: 10, y: 20, z: 1 })
		await eventually(() => expect(bobP.heard.some((m) => 'summon' in m && m.summon.x === 10)).toBe(true))
		await api(one, facilitator, 'POST', `/boards/${boardId}/session/end`)
		await eventually(() => expect(sessionOf()?.endedAt).not.toBeNull())
	}, 60_000)

	it('M4 keeps every change when two processes compact the same board at once', async () => {
		const { storage, processes } = await cluster(2, { COMPACT_AFTER_UPDATES: '2', PERSIST_WINDOW_MS: '5' })
		const [one, two] = processes as [ServerProcess, ServerProcess]
		const { boardId, circle } = await seedBoard({ storage })
		const alice = await seedMember({ storage }, circle.id, 'Alice')
		const bob = await seedMember({ storage }, circle.id, 'Bob')
		const aliceP = provider(one, boardId, alice)
		const bobP = provider(two, boardId, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		for (let i = 0; i < 60; i++) {
			records(aliceP.doc).set(`shape:a${i}`, `alice ${i}`)
			records(bobP.doc).set(`shape:b${i}`, `bob ${i}`)
			if (i % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 20))
		}
		await eventually(() => expect(records(bobP.doc).size).toBe(120))
		aliceP.destroy()
		bobP.destroy()
		one.child.kill('SIGTERM')
		two.child.kill('SIGTERM')
		await Promise.all([one.exited, two.exited])
		const stored = docFromStored(await storage.docs.load(boardId))
		expect(records(stored).size).toBe(120)
		expect(await storage.docs.sizes(boardId)).toMatchObject({ stateBytes: expect.any(Number) })
		expect((await storage.docs.sizes(boardId)).stateBytes).toBeGreaterThan(0)
	}, 60_000)

	it('M5 loses nothing when a process is killed with -9 mid-edit: its clients move to another', async () => {
		const { storage, processes } = await cluster(2)
		const [one, two] = processes as [ServerProcess, ServerProcess]
		const front = await balancer(processes)
		const { boardId, circle } = await seedBoard({ storage })
		const alice = await seedMember({ storage }, circle.id, 'Alice')
		const bob = await seedMember({ storage }, circle.id, 'Bob')
		const aliceP = provider(front, boardId, alice)
		const bobP = provider(two, boardId, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		for (let i = 0; i < 30; i++) records(aliceP.doc).set(`shape:${i}`, `before ${i}`)
		one.child.kill('SIGKILL')
		for (let i = 30; i < 40; i++) records(aliceP.doc).set(`shape:${i}`, `during ${i}`)
		// Alice's provider reconnects through the front, which now leads to the other process.
		await eventually(() => expect(records(bobP.doc).size).toBe(40), 20_000)
		expect(records(bobP.doc).toJSON()).toEqual(records(aliceP.doc).toJSON())
		aliceP.destroy()
		bobP.destroy()
		two.child.kill('SIGTERM')
		await two.exited
		const stored = docFromStored(await storage.docs.load(boardId))
		expect(records(stored).toJSON()).toEqual(records(aliceP.doc).toJSON())
	}, 60_000)

	it('M6 refuses REDIS_URL without PostgreSQL, with a sentence saying why', async () => {
		const child = spawn(process.execPath, [mainScript], {
			env: { ...process.env, PORT: '0', DATABASE_URL: '', REDIS_URL: redisUrl as string, LOG_LEVEL: 'warn' },
			stdio: ['ignore', 'pipe', 'pipe'],
		})
		let output = ''
		child.stderr?.on('data', (chunk: Buffer) => {
			output += chunk.toString()
		})
		const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
		expect(code).toBe(1)
		expect(output).toMatch(/REDIS_URL: several server processes need one PostgreSQL database/)
	})
})
