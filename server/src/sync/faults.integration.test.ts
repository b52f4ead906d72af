import { CloseCode } from '@circlespace/shared'
import { afterEach, describe, expect, it } from 'vitest'
import type * as Y from 'yjs'
import { seedBoard, seedMember } from '../testing/seed.ts'
import { records, type ServerProcess, serverProcesses, storedClocks } from '../testing/serverProcesses.ts'
import { eventually, synced } from '../testing/testServer.ts'
import { docFromStored } from './storedDoc.ts'

/**
 * Faults with several server processes (docs/SPEC.md, "Several processes", M8 and M9):
 * Redis dying and coming back mid-session, and a rolling restart. Real child processes on one
 * PostgreSQL schema; the Redis that dies is the test's own redis-server, never the shared one.
 */

const databaseUrl = process.env.TEST_DATABASE_URL
const redisUrl = process.env.TEST_REDIS_URL

const { cluster, provider, balancer, ownRedis, dispose } = serverProcesses({ databaseUrl, redisUrl })
afterEach(dispose)

/** What a process's `/healthz` answers (its `redis` field only exists with several processes). */
async function health(of: ServerProcess): Promise<{ status: string; redis?: 'up' | 'down' }> {
	const response = await fetch(`${of.url}/healthz`)
	return (await response.json()) as { status: string; redis?: 'up' | 'down' }
}

/** Writes `count` shapes named `prefix<i>` from `start` on, each one change of its own. */
function draw(doc: Y.Doc, prefix: string, start: number, count: number): void {
	for (let i = start; i < start + count; i++) records(doc).set(`shape:${prefix}${i}`, `${prefix} ${i}`)
}

/** Stops processes as an operator would (SIGTERM: every board flushed) and checks they exit cleanly. */
async function stop(...processes: ServerProcess[]): Promise<void> {
	for (const p of processes) p.child.kill('SIGTERM')
	expect(await Promise.all(processes.map((p) => p.exited))).toEqual(processes.map(() => 0))
}

const notRun = !databaseUrl || !redisUrl

describe('faults with several server processes', () => {
	if (notRun) {
		it('were NOT run: TEST_DATABASE_URL and TEST_REDIS_URL must both be set', () => {
			console.warn('faults of several processes: not run, TEST_DATABASE_URL or TEST_REDIS_URL unset')
			expect(notRun).toBe(true)
		})
		return
	}

	it('M8 keeps serving each process’s own people while Redis is down, says so on /healthz, and catches up with nothing lost', async () => {
		const redis = await ownRedis()
		const { storage, processes } = await cluster(2, { REDIS_URL: redis.url })
		const [one, two] = processes as [ServerProcess, ServerProcess]
		const { boardId, circle } = await seedBoard({ storage })
		const alice = await seedMember({ storage }, circle.id, 'Alice')
		const bob = await seedMember({ storage }, circle.id, 'Bob')
		const carol = await seedMember({ storage }, circle.id, 'Carol')
		const aliceP = provider(one, boardId, alice)
		const bobP = provider(two, boardId, bob)
		// Carol is on Alice's process: she shows that a process cut off from Redis still serves its own.
		const carolP = provider(one, boardId, carol)
		await Promise.all([synced(aliceP), synced(bobP), synced(carolP)])
		draw(aliceP.doc, 'a', 0, 10)
		draw(bobP.doc, 'b', 0, 10)
		aliceP.awareness.setLocalStateField('cursor', { x: 1, y: 1 })
		bobP.awareness.setLocalStateField('cursor', { x: 2, y: 2 })
		await eventually(() => expect(records(bobP.doc).size).toBe(20), 10_000)
		await eventually(() => expect(records(aliceP.doc).size).toBe(20), 10_000)
		await eventually(() => expect(bobP.awareness.getStates().has(aliceP.doc.clientID)).toBe(true))
		for (const p of processes) expect(await health(p)).toMatchObject({ status: 'ok', redis: 'up' })

		await redis.kill()
		await eventually(async () => {
			for (const p of processes) expect(await health(p)).toMatchObject({ status: 'degraded', redis: 'down' })
		}, 10_000)

		// Both keep editing while the processes cannot hear each other.
		draw(aliceP.doc, 'a', 10, 15)
		draw(bobP.doc, 'b', 10, 15)
		aliceP.awareness.setLocalStateField('cursor', { x: 10, y: 10 })
		bobP.awareness.setLocalStateField('cursor', { x: 20, y: 20 })
		await eventually(() => expect(records(carolP.doc).toJSON()).toEqual(records(aliceP.doc).toJSON()), 10_000)
		expect(records(carolP.doc).size).toBe(35)
		expect(carolP.awareness.getStates().get(aliceP.doc.clientID)).toMatchObject({ cursor: { x: 10, y: 10 } })
		// Silent for longer than its heartbeat window, each process takes the other for gone and
		// removes its people's presence (the longer outage, where a resync must bring them back).
		await eventually(() => expect(bobP.awareness.getStates().has(aliceP.doc.clientID)).toBe(false), 20_000)
		await eventually(() => expect(aliceP.awareness.getStates().has(bobP.doc.clientID)).toBe(false), 20_000)
		for (const p of processes) expect(await health(p)).toMatchObject({ redis: 'down' })

		await redis.start()
		await eventually(async () => {
			for (const p of processes) expect(await health(p)).toMatchObject({ status: 'ok', redis: 'up' })
		}, 20_000)
		// Nobody edits after Redis is back: what converges now is the resync's doing alone.
		await eventually(() => expect(records(bobP.doc).size).toBe(50), 15_000)
		await eventually(() => expect(records(aliceP.doc).size).toBe(50), 15_000)
		expect(records(aliceP.doc).toJSON()).toEqual(records(bobP.doc).toJSON())
		expect(records(carolP.doc).toJSON()).toEqual(records(bobP.doc).toJSON())
		await eventually(
			() =>
				expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toMatchObject({
					cursor: { x: 10, y: 10 },
				}),
			15_000,
		)
		await eventually(
			() =>
				expect(aliceP.awareness.getStates().get(bobP.doc.clientID)).toMatchObject({
					cursor: { x: 20, y: 20 },
				}),
			15_000,
		)
		// The link carries live changes again.
		draw(bobP.doc, 'b', 25, 1)
		await eventually(() => expect(records(aliceP.doc).size).toBe(51), 10_000)

		const expected = records(aliceP.doc).toJSON()
		for (const p of [aliceP, bobP, carolP]) p.destroy()
		await stop(one, two)
		const stored = docFromStored(await storage.docs.load(boardId))
		expect(records(stored).toJSON()).toEqual(expected)
		const clocks = await storedClocks(storage, boardId)
		expect(new Set(clocks).size).toBe(clocks.length)
	}, 120_000)

	it('M9 closes a stopped process’s connections with 1012; they move to another process and nothing is lost', async () => {
		const { storage, processes, startAnother } = await cluster(2)
		const [one, two] = processes as [ServerProcess, ServerProcess]
		// Two fronts, so that Alice and Bob sit on different processes whenever both are running.
		const aliceRoute = [one, two]
		const bobRoute = [two, one]
		const aliceFront = await balancer(aliceRoute)
		const bobFront = await balancer(bobRoute)
		const { boardId, circle } = await seedBoard({ storage })
		const alice = await seedMember({ storage }, circle.id, 'Alice')
		const bob = await seedMember({ storage }, circle.id, 'Bob')
		const aliceP = provider(aliceFront, boardId, alice)
		const bobP = provider(bobFront, boardId, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		draw(aliceP.doc, 'a', 0, 10)
		draw(bobP.doc, 'b', 0, 10)
		await eventually(() => expect(records(bobP.doc).size).toBe(20), 10_000)

		// Step 1: the first old process goes. Alice is closed with 1012 and reconnects through her
		// front to the other one; both keep editing while she moves.
		one.child.kill('SIGTERM')
		draw(aliceP.doc, 'a', 10, 10)
		draw(bobP.doc, 'b', 10, 10)
		expect(await one.exited).toBe(0)
		await eventually(() => expect(aliceP.closes).toContain(CloseCode.SERVICE_RESTART), 10_000)
		expect(bobP.closes).toEqual([])
		await eventually(() => expect(records(bobP.doc).size).toBe(40), 20_000)
		await eventually(() => expect(records(aliceP.doc).toJSON()).toEqual(records(bobP.doc).toJSON()), 20_000)
		aliceP.awareness.setLocalStateField('cursor', { x: 3, y: 4 })
		await eventually(
			() =>
				expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toMatchObject({ cursor: { x: 3, y: 4 } }),
			10_000,
		)

		// Its replacement starts, and the second old process goes: both move to the new ones.
		const three = await startAnother()
		const four = await startAnother()
		aliceRoute.unshift(three)
		bobRoute.unshift(four)
		const closesBefore = { alice: aliceP.closes.length, bob: bobP.closes.length }
		two.child.kill('SIGTERM')
		draw(aliceP.doc, 'a', 20, 10)
		draw(bobP.doc, 'b', 20, 10)
		expect(await two.exited).toBe(0)
		await eventually(() => {
			expect(aliceP.closes.slice(closesBefore.alice)).toContain(CloseCode.SERVICE_RESTART)
			expect(bobP.closes.slice(closesBefore.bob)).toContain(CloseCode.SERVICE_RESTART)
		}, 10_000)
		await eventually(() => expect(records(bobP.doc).size).toBe(60), 20_000)
		await eventually(() => expect(records(aliceP.doc).toJSON()).toEqual(records(bobP.doc).toJSON()), 20_000)
		// Presence after this second move: the new processes never saw the clocks the old ones
		// shared (shifted by process two after Alice's first move, R7), yet each sees the other at once.
		aliceP.awareness.setLocalStateField('cursor', { x: 5, y: 6 })
		bobP.awareness.setLocalStateField('cursor', { x: 7, y: 8 })
		await eventually(() => {
			expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toMatchObject({ cursor: { x: 5, y: 6 } })
			expect(aliceP.awareness.getStates().get(bobP.doc.clientID)).toMatchObject({ cursor: { x: 7, y: 8 } })
		}, 10_000)
		draw(bobP.doc, 'b', 30, 1)
		await eventually(() => expect(records(aliceP.doc).size).toBe(61), 10_000)

		const expected = records(aliceP.doc).toJSON()
		aliceP.destroy()
		bobP.destroy()
		await stop(three, four)
		const stored = docFromStored(await storage.docs.load(boardId))
		expect(records(stored).toJSON()).toEqual(expected)
		const clocks = await storedClocks(storage, boardId)
		expect(new Set(clocks).size).toBe(clocks.length)
	}, 120_000)
})
