import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { type SeededPerson, seedBoard, seedMember } from '../testing/seed.ts'
import {
	connectProvider,
	connectRaw,
	eventually,
	startTestServer,
	synced,
	type TestServer,
} from '../testing/testServer.ts'
import {
	encodeAwarenessMessage,
	encodeSyncMessage,
	MessageType,
	MessageWriter,
	SyncType,
} from './messages.ts'
import { hasPending } from './missingDependencies.ts'
import { docFromStored } from './storedDoc.ts'

/**
 * Property-based attack on a room (docs/SPEC.md, H8): random and mutated y-websocket messages,
 * each from its own connection, thrown at a board while two real clients edit it. After every
 * message the process still answers, the two clients are still connected, and at the end the
 * clients agree with each other and with the database, which holds nothing Yjs left pending.
 */

const records = (doc: Y.Doc) => doc.getMap<string>('records')

/** Valid messages of every kind, to mutate: what a real client would send. */
function seedMessages(): Uint8Array[] {
	const doc = new Y.Doc()
	const updates: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => updates.push(update))
	records(doc).set('shape:fuzz', JSON.stringify({ x: 1, text: 'hello' }))
	records(doc).set('shape:fuzz', JSON.stringify({ x: 2 }))
	records(doc).delete('shape:fuzz')
	const awareness = encodeAwarenessMessage([
		{ clientId: 99, clock: 1, state: JSON.stringify({ presence: { typeName: 'instance_presence' } }) },
	])
	// One that Yjs could only keep pending: clocks 2 and up of a client nobody has seen.
	const stranger = new Y.Doc()
	const strangerUpdates: Uint8Array[] = []
	stranger.on('update', (update: Uint8Array) => strangerUpdates.push(update))
	for (let i = 0; i < 4; i++) records(stranger).set(`shape:stranger${i}`, 'x')
	return [
		...updates.map((update) => encodeSyncMessage(SyncType.UPDATE, update)),
		encodeSyncMessage(SyncType.UPDATE, Y.mergeUpdates(strangerUpdates.slice(2))),
		encodeSyncMessage(SyncType.STEP2, Y.encodeStateAsUpdate(doc)),
		encodeSyncMessage(SyncType.STEP1, Y.encodeStateVector(doc)),
		awareness,
		new Uint8Array([MessageType.QUERY_AWARENESS]),
		new MessageWriter()
			.varUint(MessageType.SYNC)
			.varUint(SyncType.UPDATE)
			.varBytes(updates[1] as Uint8Array)
			.finish(),
	]
}

/** A message: random bytes, or a valid one with bytes flipped, cut, inserted or repeated. */
function messageArbitrary(seeds: Uint8Array[]): fc.Arbitrary<Uint8Array> {
	const random = fc.uint8Array({ minLength: 0, maxLength: 300 })
	const mutated = fc
		.tuple(
			fc.constantFrom(...seeds),
			fc.array(
				fc.oneof(
					fc.record({
						kind: fc.constant('flip' as const),
						at: fc.nat(),
						value: fc.integer({ min: 0, max: 255 }),
					}),
					fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
					fc.record({
						kind: fc.constant('insert' as const),
						at: fc.nat(),
						value: fc.integer({ min: 0, max: 255 }),
					}),
					fc.record({ kind: fc.constant('repeat' as const), at: fc.nat() }),
				),
				{ minLength: 1, maxLength: 4 },
			),
		)
		.map(([seed, edits]) => {
			let bytes = [...seed]
			for (const edit of edits) {
				const at = bytes.length === 0 ? 0 : edit.at % bytes.length
				if (edit.kind === 'flip') bytes[at] = edit.value
				else if (edit.kind === 'cut') bytes = bytes.slice(0, at)
				else if (edit.kind === 'insert') bytes.splice(at, 0, edit.value)
				else bytes = [...bytes.slice(0, at), ...bytes.slice(at)]
			}
			return Uint8Array.from(bytes)
		})
	return fc.oneof({ weight: 1, arbitrary: random }, { weight: 3, arbitrary: mutated })
}

describe('fuzzing the sync room (H8)', () => {
	let s: TestServer
	let board: string
	let attacker: SeededPerson
	let alice: WebsocketProvider
	let bob: WebsocketProvider
	const closes: number[] = []

	beforeAll(async () => {
		s = await startTestServer()
		const seeded = await seedBoard(s)
		board = seeded.boardId
		attacker = seeded.facilitator
		const [a, b] = [
			await seedMember(s, seeded.circle.id, 'Alice'),
			await seedMember(s, seeded.circle.id, 'Bob'),
		]
		alice = connectProvider(s, board, { cookie: a.cookie })
		bob = connectProvider(s, board, { cookie: b.cookie })
		for (const p of [alice, bob]) {
			p.on('connection-close', (event) => {
				if (event) closes.push(event.code)
			})
		}
		await Promise.all([synced(alice), synced(bob)])
	})

	afterAll(async () => {
		alice.destroy()
		bob.destroy()
		await s.dispose()
	})

	it('H8 survives random and mutated messages: only the sender is closed, the others converge, nothing malformed is stored', async () => {
		let round = 0
		await fc.assert(
			fc.asyncProperty(messageArbitrary(seedMessages()), async (message) => {
				round++
				const client = await connectRaw(s, board, attacker)
				client.ws.send(message)
				// Whatever it did, the connection either ends or still answers; then it is let go.
				client.ws.send(new Uint8Array([MessageType.QUERY_AWARENESS]))
				await Promise.race([client.closed, new Promise((resolve) => setTimeout(resolve, 200))])
				client.ws.terminate()
				records(alice.doc).set(`shape:alice${round % 5}`, `round ${round}`)
				const health = await fetch(`${s.url}/healthz`)
				expect(health.status).toBe(200)
				expect(alice.wsconnected && bob.wsconnected).toBe(true)
			}),
			{ numRuns: 150, seed: 20261202 },
		)
		expect(closes).toEqual([])
		await eventually(() => expect(records(bob.doc).toJSON()).toEqual(records(alice.doc).toJSON()))
		expect(hasPending(alice.doc) || hasPending(bob.doc)).toBe(false)
		// The room keeps nothing Yjs could not integrate, and a newcomer is sent none of it.
		const room = await s.rooms.peek(board)
		expect(room && hasPending(room.doc)).toBe(false)
		const newcomer = connectProvider(s, board, { cookie: attacker.cookie })
		await synced(newcomer)
		expect(hasPending(newcomer.doc)).toBe(false)
		expect(records(newcomer.doc).toJSON()).toEqual(records(alice.doc).toJSON())
		newcomer.destroy()
		await room?.flush()
		const stored = docFromStored(await s.storage.docs.load(board))
		expect(hasPending(stored)).toBe(false)
		expect(records(stored).toJSON()).toEqual(records(alice.doc).toJSON())
		for (const value of records(stored).values()) expect(typeof value).toBe('string')
	}, 120_000)
})
