import net from 'node:net'
import { CloseCode } from '@circlespace/shared'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { type SeededPerson, seedBoard, seedCircle, seedMember } from '../testing/seed.ts'
import {
	browserHeaders,
	type ConnectAs,
	connectProvider,
	connectRaw,
	eventually,
	type RawClient,
	startTestServer,
	synced,
	type TestServer,
} from '../testing/testServer.ts'
import { encodeAwarenessMessage, encodeSyncMessage, MessageType, SyncType } from './messages.ts'
import { hasPending } from './missingDependencies.ts'
import { docFromStored } from './storedDoc.ts'

/**
 * What a hostile reader, a flood or a broken client must not be able to do on the live
 * connection (docs/SPEC.md, rules R5–R7 and H5–H7), written as attacks with real y-websocket
 * clients beside the attacker.
 */

const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(): Promise<TestServer> {
	const s = await startTestServer()
	cleanups.push(() => s.dispose())
	return s
}

type Peer = ReturnType<typeof provider>

/** A provider, with the close codes it was sent. */
function provider(s: { wsUrl: string }, boardId: string, as: ConnectAs, doc = new Y.Doc()) {
	const p = connectProvider(s, boardId, { cookie: as.cookie, doc })
	cleanups.push(() => p.destroy())
	const closes: number[] = []
	p.on('connection-close', (event) => {
		if (event) closes.push(event.code)
	})
	return Object.assign(p, { closes })
}

async function raw(s: TestServer, boardId: string, as: ConnectAs): Promise<RawClient> {
	const client = await connectRaw(s, boardId, as)
	cleanups.push(() => client.ws.terminate())
	return client
}

const records = (doc: Y.Doc) => doc.getMap<string>('records')

/** Resolves once the server has handled everything `client` sent so far (it answers a query). */
async function handled(client: RawClient): Promise<void> {
	const awarenessMessages = () => client.messages.filter((m) => m[0] === MessageType.AWARENESS).length
	const before = awarenessMessages()
	client.ws.send(new Uint8Array([MessageType.QUERY_AWARENESS]))
	await eventually(() => expect(awarenessMessages()).toBeGreaterThan(before))
}

/** One awareness message announcing `state` for each of `clientIds`. */
function presence(clientIds: number[], state: unknown, clock = 1): Uint8Array {
	const json = JSON.stringify(state)
	return encodeAwarenessMessage(clientIds.map((clientId) => ({ clientId, clock, state: json })))
}

/** A board of one circle with Alice (editor), Vic (a reader from another circle) and the admin. */
async function tribeBoard(s: TestServer) {
	const { boardId: board, tribe, circle, facilitator: admin } = await seedBoard(s, { visibility: 'tribe' })
	const alice = await seedMember(s, circle.id, 'Alice')
	const other = await seedCircle(s, tribe.id, admin.user, { name: 'Other circle' })
	const vic = await seedMember(s, other.id, 'Vic')
	return { s, board, admin, alice, vic }
}

const identityOf = (person: SeededPerson) => ({
	id: person.user.id,
	name: person.user.displayName,
	color: person.user.color,
})

describe('presence cannot deny a board (R6)', () => {
	it('R6 closes a reader announcing 12 presence states of 1 MB with 4413, and newcomers still sync', async () => {
		const s = await server()
		const { board, alice, vic } = await tribeBoard(s)
		const aliceP = provider(s, board, alice)
		await synced(aliceP)
		for (let i = 0; i < 200; i++) records(aliceP.doc).set(`shape:${i}`, `{"i":${i}}`)
		const huge = { blob: 'x'.repeat(1_000_000) }
		const attackers: RawClient[] = []
		for (let i = 0; i < 12; i++) {
			const attacker = await raw(s, board, vic)
			attacker.ws.send(presence([1000 + i], huge))
			attackers.push(attacker)
		}
		for (const attacker of attackers) expect((await attacker.closed).code).toBe(CloseCode.PRESENCE_TOO_LARGE)

		const newcomers = [provider(s, board, alice), provider(s, board, alice), provider(s, board, vic)]
		await Promise.all(newcomers.map(synced))
		for (const newcomer of newcomers) {
			expect(records(newcomer.doc).size).toBe(200)
			expect(newcomer.closes).toEqual([])
			for (let i = 0; i < 12; i++) expect(newcomer.awareness.getStates().has(1000 + i)).toBe(false)
		}
	})

	it('R6 takes at most 4 client ids from one connection, and bounds what a newcomer is sent', async () => {
		const s = await server()
		const { board, alice, vic } = await tribeBoard(s)
		const state = { pad: 'y'.repeat(15_000) }
		// 18 connections of one reader, each with 6 client ids of 15 kB: 1.6 MB if it were all kept.
		for (let c = 0; c < 18; c++) {
			const attacker = await raw(s, board, vic)
			attacker.ws.send(
				presence(
					[0, 1, 2, 3, 4, 5].map((k) => 10_000 + c * 10 + k),
					state,
				),
			)
			await handled(attacker)
		}
		const aliceP = provider(s, board, alice)
		await synced(aliceP)
		await eventually(() => expect(aliceP.awareness.getStates().size).toBeGreaterThan(1))
		const shown = [...aliceP.awareness.getStates().keys()].filter((id) => id >= 10_000 && id < 20_000)
		// Every connection kept only its first four ids…
		expect(shown.every((id) => id % 10 < 4)).toBe(true)
		// …and the newcomer got at most about 1 MB of presence, however much is announced.
		const bytes = shown.length * JSON.stringify(state).length
		expect(bytes).toBeLessThanOrEqual(1024 * 1024)
		expect(aliceP.closes).toEqual([])
	})
})

describe('who someone is comes from the server (R5)', () => {
	it('R5 shows a reader who claims to be the admin as themselves, cursor and name', async () => {
		const s = await server()
		const { board, admin, alice, vic } = await tribeBoard(s)
		const aliceP = provider(s, board, alice)
		const adminP = provider(s, board, admin)
		await Promise.all([synced(aliceP), synced(adminP)])
		adminP.awareness.setLocalStateField('user', identityOf(admin))
		const vicP = provider(s, board, vic)
		await synced(vicP)
		// Vic copies the admin's presence record id too, to overwrite the admin's cursor elsewhere.
		vicP.awareness.setLocalState({
			user: identityOf(admin),
			presence: {
				typeName: 'instance_presence',
				id: `instance_presence:${adminP.doc.clientID}`,
				userId: `user:${admin.user.id}`,
				userName: admin.user.displayName,
				color: admin.user.color,
				cursor: { x: 1, y: 2, type: 'default', rotation: 0 },
			},
		})
		await eventually(() => expect(aliceP.awareness.getStates().get(vicP.doc.clientID)).toBeDefined())
		const seen = aliceP.awareness.getStates().get(vicP.doc.clientID) as {
			user: unknown
			presence: Record<string, unknown>
		}
		expect(seen.user).toEqual(identityOf(vic))
		expect(seen.presence).toMatchObject({
			id: `instance_presence:${vicP.doc.clientID}`,
			userId: `user:${vic.user.id}`,
			userName: 'Vic',
			color: vic.user.color,
			cursor: { x: 1, y: 2 },
		})
		// The admin still appears once, as the admin.
		const asAdmin = [...aliceP.awareness.getStates().values()].filter(
			(state) => (state as { user?: { id?: string } }).user?.id === admin.user.id,
		)
		expect(asAdmin).toHaveLength(1)
	})
})

/** An update starting at clock 5 of a client the board never saw: Yjs would keep it pending. */
function pendingUpdate(): Uint8Array {
	const doc = new Y.Doc()
	doc.clientID = 777_777
	const updates: Uint8Array[] = []
	doc.on('update', (update: Uint8Array) => updates.push(update))
	for (let i = 0; i < 10; i++) records(doc).set(`shape:evil${i}`, 'x'.repeat(1000))
	return Y.mergeUpdates(updates.slice(5))
}

onEachDatabase('updates Yjs cannot integrate (H5)', (start) => {
	it('H5 closes the sender with 4400; the stored board, a snapshot and a newcomer hold none of it', async () => {
		const s = await start()
		const { boardId: board, circle, facilitator } = await seedBoard(s)
		const alice = await seedMember(s, circle.id, 'Alice')
		const aliceP = provider(s, board, alice)
		await synced(aliceP)
		records(aliceP.doc).set('shape:good', 'kept')
		const attacker = await raw(s, board, facilitator)
		for (let i = 0; i < 3; i++) attacker.ws.send(encodeSyncMessage(SyncType.UPDATE, pendingUpdate()))
		expect((await attacker.closed).code).toBe(CloseCode.BAD_MESSAGE)
		records(aliceP.doc).set('shape:after', 'kept too')

		const newcomer = provider(s, board, alice)
		await synced(newcomer)
		await eventually(() => expect(records(newcomer.doc).get('shape:after')).toBe('kept too'))
		expect(hasPending(newcomer.doc)).toBe(false)
		expect([...records(newcomer.doc).keys()].sort()).toEqual(['shape:after', 'shape:good'])

		const response = await fetch(`${s.url}/api/boards/${board}/snapshots`, {
			method: 'POST',
			headers: { ...browserHeaders(s, facilitator), 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'after the attack' }),
		})
		expect(response.status).toBe(201)
		const { id } = (await response.json()) as { id: string }
		const snapshotDoc = new Y.Doc()
		Y.applyUpdateV2(snapshotDoc, (await s.storage.snapshots.getState(id)) as Uint8Array)
		expect(hasPending(snapshotDoc)).toBe(false)
		expect([...records(snapshotDoc).keys()].sort()).toEqual(['shape:after', 'shape:good'])

		await eventually(async () => {
			const stored = docFromStored(await s.storage.docs.load(board))
			expect(hasPending(stored)).toBe(false)
			expect([...records(stored).keys()].sort()).toEqual(['shape:after', 'shape:good'])
		})
		expect(aliceP.closes).toEqual([])
	})
})

describe('stock clients never send what H5 refuses', () => {
	it('H5 lets stock clients reconnect, edit offline and join together without being closed', async () => {
		const s = await server()
		const { boardId: board, circle } = await seedBoard(s)
		const people = await Promise.all(['A', 'B', 'C', 'D', 'E'].map((n) => seedMember(s, circle.id, n)))
		const providers = people.map((person) => provider(s, board, person))
		const [first, offline, online, reconnecting] = providers as [Peer, Peer, Peer, Peer, Peer]
		// Concurrent joins while the first ones already edit.
		records(first.doc).set('shape:early', 'x')
		await Promise.all(providers.map(synced))
		for (const [k, p] of providers.entries()) {
			for (let i = 0; i < 20; i++) records(p.doc).set(`shape:${i % 7}`, `${k}:${i}`)
		}
		// One goes offline, edits on things others keep changing, and comes back.
		offline.disconnect()
		for (let i = 0; i < 20; i++) records(offline.doc).set(`shape:${i % 7}`, `offline ${i}`)
		records(offline.doc).delete('shape:early')
		for (let i = 0; i < 10; i++) records(online.doc).set(`shape:${i % 7}`, `online ${i}`)
		offline.connect()
		// Another drops its socket and reconnects by itself.
		;(reconnecting.ws as unknown as { close(): void }).close()
		records(reconnecting.doc).set('shape:during reconnect', 'x')
		await eventually(() => {
			const expected = records(first.doc).toJSON()
			expect(Object.keys(expected)).toContain('shape:during reconnect')
			for (const p of providers) expect(records(p.doc).toJSON()).toEqual(expected)
		}, 10_000)
		for (const p of providers) expect(p.closes.filter((code) => code >= 4000)).toEqual([])
	})
})

describe('floods (H6, H7)', () => {
	it('H6 closes a connection flooding updates with 4429; the others go on', async () => {
		const s = await server()
		const { boardId: board, circle } = await seedBoard(s)
		const alice = await seedMember(s, circle.id, 'Alice')
		const bob = await seedMember(s, circle.id, 'Bob')
		const aliceP = provider(s, board, alice)
		await synced(aliceP)
		const flood = await raw(s, board, bob)
		const empty = encodeSyncMessage(SyncType.UPDATE, new Uint8Array([0, 0]))
		for (let i = 0; i < 2000; i++) flood.ws.send(empty)
		expect((await flood.closed).code).toBe(CloseCode.TOO_MANY)
		records(aliceP.doc).set('shape:1', 'still live')
		const late = provider(s, board, bob)
		await synced(late)
		await eventually(() => expect(records(late.doc).get('shape:1')).toBe('still live'))
	})

	it('H6 drops presence sent faster than 30 a second, and keeps the connection', async () => {
		const s = await server()
		const { boardId: board, circle } = await seedBoard(s)
		const alice = await seedMember(s, circle.id, 'Alice')
		const bob = await seedMember(s, circle.id, 'Bob')
		const aliceP = provider(s, board, alice)
		await synced(aliceP)
		const chatty = await raw(s, board, bob)
		let changes = 0
		aliceP.awareness.on('change', ({ added, updated }: { added: number[]; updated: number[] }) => {
			if ([...added, ...updated].includes(4242)) changes++
		})
		for (let clock = 1; clock <= 300; clock++) chatty.ws.send(presence([4242], { n: clock }, clock))
		const edit = new Y.Doc()
		records(edit).set('shape:from bob', 'x')
		chatty.ws.send(encodeSyncMessage(SyncType.UPDATE, Y.encodeStateAsUpdate(edit)))
		await eventually(() => expect(records(aliceP.doc).get('shape:from bob')).toBe('x'))
		expect(changes).toBeGreaterThan(0)
		expect(changes).toBeLessThan(100)
		expect(chatty.ws.readyState).toBe(chatty.ws.OPEN)
	})

	it('H7 refuses a 21st simultaneous live connection of one person with 4429, and takes it once one closes', async () => {
		const s = await server()
		const { boardId: board, circle } = await seedBoard(s)
		const bob = await seedMember(s, circle.id, 'Bob')
		const alice = await seedMember(s, circle.id, 'Alice')
		const open = await Promise.all(Array.from({ length: 20 }, () => raw(s, board, bob)))
		const refused = await raw(s, board, bob)
		expect((await refused.closed).code).toBe(CloseCode.TOO_MANY)
		// Someone else is not affected.
		const aliceP = provider(s, board, alice)
		await synced(aliceP)
		open[0]?.ws.close()
		await open[0]?.closed
		await eventually(async () => {
			const again = await raw(s, board, bob)
			// Only a connection that joined the room answers a query.
			await handled(again)
		})
	})
})

/**
 * A TCP relay between a client and the server whose links can be cut on the client's side only,
 * leaving the server with a half-open socket, as when a laptop loses its network.
 */
async function relay(target: TestServer) {
	const links: Array<{ client: net.Socket; upstream: net.Socket }> = []
	const closedUpstreams: Promise<void>[] = []
	const relayServer = net.createServer((client) => {
		const upstream = net.connect(target.port, '127.0.0.1')
		client.pipe(upstream)
		upstream.pipe(client)
		client.on('error', () => {})
		upstream.on('error', () => {})
		links.push({ client, upstream })
		closedUpstreams.push(new Promise<void>((resolve) => upstream.on('close', () => resolve())))
	})
	await new Promise<void>((resolve) => relayServer.listen(0, '127.0.0.1', resolve))
	const { port } = relayServer.address() as net.AddressInfo
	cleanups.push(() => {
		for (const { client, upstream } of links) {
			client.destroy()
			upstream.destroy()
		}
		relayServer.close()
	})
	return {
		wsUrl: `ws://127.0.0.1:${port}/sync`,
		/** Resolves when the server has closed the socket of the `n`-th connection relayed. */
		serverClosed: (n: number) => closedUpstreams[n],
		/** The client's network goes: it sees its connection drop, the server sees nothing. */
		dropClientSide() {
			for (const { client, upstream } of links.splice(0)) {
				client.unpipe(upstream)
				upstream.unpipe(client)
				// Whatever the server still sends is lost; reading it lets the socket see its end.
				upstream.resume()
				client.destroy()
			}
		},
		/** The network goes away for both: neither side hears a thing. */
		blackhole() {
			for (const { client, upstream } of links.splice(0)) {
				client.unpipe(upstream)
				upstream.unpipe(client)
				upstream.pause()
				client.pause()
			}
		},
	}
}

describe('presence after a network blip (R7)', () => {
	it('R7 shows a reconnected person’s presence at once, even while the server still holds their old socket', async () => {
		const s = await server()
		const { boardId: board, circle } = await seedBoard(s)
		const alice = await seedMember(s, circle.id, 'Alice')
		const bob = await seedMember(s, circle.id, 'Bob')
		const net1 = await relay(s)
		const aliceP = provider(net1, board, alice)
		const bobP = provider(s, board, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		aliceP.awareness.setLocalStateField('cursor', { x: 1 })
		await eventually(() => expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toBeDefined())
		net1.dropClientSide()
		// Alice's provider reconnects through the relay by itself; then she moves.
		await eventually(() => expect(aliceP.wsconnected).toBe(false))
		await eventually(() => expect(aliceP.wsconnected && aliceP.synced).toBe(true))
		aliceP.awareness.setLocalStateField('cursor', { x: 2 })
		await eventually(
			() =>
				expect(
					(bobP.awareness.getStates().get(aliceP.doc.clientID) as { cursor?: { x: number } })?.cursor,
				).toEqual({ x: 2 }),
			1500,
		)
		// The server drops the old socket once it misses its heartbeats; Alice stays on the board.
		await net1.serverClosed(0)
		await handled(await raw(s, board, bob))
		expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toMatchObject({ cursor: { x: 2 } })
	}, 20_000)

	it('R7 brings a person back for everyone right after their connection closed and reopened', async () => {
		const s = await server()
		const { boardId: board, circle } = await seedBoard(s)
		const alice = await seedMember(s, circle.id, 'Alice')
		const bob = await seedMember(s, circle.id, 'Bob')
		const aliceP = provider(s, board, alice)
		const bobP = provider(s, board, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		aliceP.awareness.setLocalStateField('cursor', { x: 1 })
		await eventually(() => expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toBeDefined())
		;(aliceP.ws as unknown as { close(): void }).close()
		await eventually(() => expect(bobP.awareness.getStates().has(aliceP.doc.clientID)).toBe(false))
		// Without Alice changing anything, her presence is back as soon as she is.
		await eventually(
			() => expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toMatchObject({ cursor: { x: 1 } }),
			2500,
		)
	})

	it('R7 removes someone whose network went away within seconds', async () => {
		const s = await server()
		const { boardId: board, circle } = await seedBoard(s)
		const alice = await seedMember(s, circle.id, 'Alice')
		const bob = await seedMember(s, circle.id, 'Bob')
		const net1 = await relay(s)
		const aliceP = provider(net1, board, alice)
		const bobP = provider(s, board, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		aliceP.awareness.setLocalStateField('cursor', { x: 1 })
		await eventually(() => expect(bobP.awareness.getStates().get(aliceP.doc.clientID)).toBeDefined())
		aliceP.shouldConnect = false
		net1.blackhole()
		await eventually(() => expect(bobP.awareness.getStates().has(aliceP.doc.clientID)).toBe(false), 12_000)
	}, 20_000)
})
