import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { InProcessHub } from '../pubsub/InProcessBus.ts'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { seedBoard, seedMember } from '../testing/seed.ts'
import { connectProvider, eventually, startTestServer, synced } from '../testing/testServer.ts'

/**
 * Two servers in this process on one PostgreSQL schema, joined by an in-process bus instead of
 * Redis: what the relay does when the other process vanishes without a word (SPEC M7).
 */

const databaseUrl = process.env.TEST_DATABASE_URL
const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('the relay between processes', () => {
	if (!databaseUrl) {
		it('was NOT run: TEST_DATABASE_URL is unset', () => {
			console.warn('relay: not run, TEST_DATABASE_URL unset')
			expect(databaseUrl).toBeUndefined()
		})
		return
	}

	it('M7 removes the presence of a process that fell silent, and keeps its changes', async () => {
		const harness = await createSchemaHarness(databaseUrl)
		cleanups.push(() => harness.dispose())
		const hub = new InProcessHub()
		const busA = hub.connect()
		const env = { DATABASE_URL: harness.url }
		const a = await startTestServer(env, undefined, { bus: busA })
		cleanups.push(() => a.dispose())
		const b = await startTestServer(env, undefined, { bus: hub.connect() })
		cleanups.push(() => b.dispose())
		const { boardId, circle } = await seedBoard(b)
		const alice = await seedMember(b, circle.id, 'Alice')
		const bob = await seedMember(b, circle.id, 'Bob')
		const aliceP = connectProvider(a, boardId, { cookie: alice.cookie })
		const bobP = connectProvider(b, boardId, { cookie: bob.cookie })
		cleanups.push(
			() => aliceP.destroy(),
			() => bobP.destroy(),
		)
		await Promise.all([synced(aliceP), synced(bobP)])
		aliceP.awareness.setLocalStateField('cursor', { x: 3 })
		aliceP.doc.getMap<string>('records').set('shape:1', 'from alice')
		await eventually(() => expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toBeDefined())
		await eventually(() => expect(bobP.doc.getMap('records').get('shape:1')).toBe('from alice'))

		busA.cut()
		// Process A's connections are still open, but B hears nothing from it: after its heartbeats
		// stop (about 6.5 s), Alice's cursor leaves Bob's board.
		await eventually(() => expect(bobP.awareness.getStates().has(aliceP.doc.clientID)).toBe(false), 15_000)
		// What A may not have stored is in B's memory: B writes a compacted state of it.
		await eventually(async () => {
			const { state } = await b.storage.docs.load(boardId)
			const stored = new Y.Doc()
			if (state) Y.applyUpdateV2(stored, state)
			expect(stored.getMap('records').get('shape:1')).toBe('from alice')
		})
	}, 30_000)
})
