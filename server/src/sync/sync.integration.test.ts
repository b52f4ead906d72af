import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { CloseCode } from '@circlespace/shared'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { openStorage } from '../storage/openStorage.ts'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { type SeededPerson, seedBoard, seedBoardIn, seedMember } from '../testing/seed.ts'
import {
	type ConnectAs,
	connectProvider,
	connectRaw,
	eventually,
	type RawClient,
	startTestServer,
	synced,
	type TestServer,
	tryUpgrade,
} from '../testing/testServer.ts'
import { encodeSyncMessage, MessageType, MessageWriter, SyncType } from './messages.ts'
import { docFromStored } from './storedDoc.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function server(env: Record<string, string> = {}, dataDir?: string): Promise<TestServer> {
	const s = await startTestServer(env, dataDir)
	cleanups.push(() => s.dispose())
	return s
}

function provider(s: TestServer, boardId: string, as: ConnectAs, doc = new Y.Doc()): WebsocketProvider {
	const p = connectProvider(s, boardId, { cookie: as.cookie, doc })
	cleanups.push(() => p.destroy())
	return p
}

async function raw(s: TestServer, boardId: string, as: ConnectAs): Promise<RawClient> {
	const client = await connectRaw(s, boardId, as)
	cleanups.push(() => client.ws.terminate())
	return client
}

/** A fresh server with one board of a circle, and the circle's facilitator (an editor) signed in. */
async function boardOn(s: TestServer): Promise<{ board: string; editor: SeededPerson }> {
	const { boardId, facilitator } = await seedBoard(s)
	return { board: boardId, editor: facilitator }
}

/** A fresh server and board with Alice and Bob, members of its circle, connected and synced. */
async function twoPeopleOnABoard() {
	const s = await server()
	const { boardId: board, circle } = await seedBoard(s)
	const [aliceAs, bobAs] = [await seedMember(s, circle.id, 'Alice'), await seedMember(s, circle.id, 'Bob')]
	const alice = provider(s, board, aliceAs)
	const bob = provider(s, board, bobAs)
	await Promise.all([synced(alice), synced(bob)])
	return { s, board, alice, bob, aliceAs, bobAs }
}

const records = (doc: Y.Doc) => doc.getMap<string>('records')

/** How the server shows a person in presence: from their account, whatever their client said. */
const identityOf = (person: SeededPerson) => ({
	id: person.user.id,
	name: person.user.displayName,
	color: person.user.color,
})

/** Content of a board as stored in the database, read back through a fresh storage handle. */
async function storedContent(s: TestServer, boardId: string): Promise<Record<string, string>> {
	return records(docFromStored(await s.storage.docs.load(boardId))).toJSON()
}

describe('sync endpoint', () => {
	it('shows one person’s change to everyone else in the room', async () => {
		const { alice, bob } = await twoPeopleOnABoard()
		records(alice.doc).set('shape:1', '{"x":1}')
		await eventually(() => expect(records(bob.doc).get('shape:1')).toBe('{"x":1}'))
		records(bob.doc).set('shape:2', '{"x":2}')
		await eventually(() =>
			expect(records(alice.doc).toJSON()).toEqual({ 'shape:1': '{"x":1}', 'shape:2': '{"x":2}' }),
		)
	})

	it('gives a late joiner the whole board, including edits made while others joined', async () => {
		const s = await server()
		const { board, editor } = await boardOn(s)
		const alice = provider(s, board, editor)
		await synced(alice)
		for (let i = 0; i < 100; i++) records(alice.doc).set(`shape:${i}`, `{"i":${i}}`)
		const bob = provider(s, board, editor)
		await synced(bob)
		// Edits between two joins travel as the tail after the cached full state.
		for (let i = 0; i < 50; i++) records(alice.doc).set(`shape:${i}`, `{"i":${i},"moved":true}`)
		records(alice.doc).delete('shape:99')
		const carol = provider(s, board, editor)
		await synced(carol)
		const expected = records(alice.doc).toJSON()
		await eventually(() => expect(records(bob.doc).toJSON()).toEqual(expected))
		await eventually(() => expect(records(carol.doc).toJSON()).toEqual(expected))
		expect(Object.keys(expected)).toHaveLength(99)
	})

	it('gives a late joiner the whole board after hundreds of edits since the last join (difference encoded)', async () => {
		const s = await server()
		const { board, editor } = await boardOn(s)
		const alice = provider(s, board, editor)
		await synced(alice)
		for (let i = 0; i < 300; i++)
			records(alice.doc).set(`shape:${i}`, JSON.stringify({ i, text: 'x'.repeat(200) }))
		const bob = provider(s, board, editor)
		await synced(bob)
		// Small moves: far more updates than the tail keeps apart, far fewer bytes than the board.
		for (let i = 0; i < 700; i++)
			records(alice.doc).set(`shape:${i % 300}`, JSON.stringify({ i, moved: true }))
		records(alice.doc).delete('shape:7')
		const carol = provider(s, board, editor)
		await synced(carol)
		const expected = records(alice.doc).toJSON()
		await eventually(() => expect(records(carol.doc).toJSON()).toEqual(expected))
		await eventually(() => expect(records(bob.doc).toJSON()).toEqual(expected))
		expect(Object.keys(expected)).toHaveLength(299)
	})

	it('gives people joining while 30 others edit the same board as everyone', async () => {
		const s = await server()
		const { boardId: board, circle, facilitator } = await seedBoard(s)
		// Two people, so that nobody passes the per-person connection limit.
		const people = [facilitator, await seedMember(s, circle.id, 'Alice')]
		const as = (i: number) => people[i % 2] as SeededPerson
		const editors = Array.from({ length: 30 }, (_, k) => provider(s, board, as(k)))
		await Promise.all(editors.map((p) => synced(p)))
		for (let i = 0; i < 200; i++)
			records((editors[0] as WebsocketProvider).doc).set(
				`shape:seed-${i}`,
				JSON.stringify({ i, text: 'x'.repeat(300) }),
			)
		// Every editor moves one of its own 3 shapes every 100 ms (300 updates/s); joiners arrive one after another meanwhile,
		// some right after the previous one (the tail of broadcast messages), some after hundreds of
		// updates (the difference encoded from the doc).
		let ticks = 0
		const timer = setInterval(() => {
			ticks++
			for (const [k, p] of editors.entries())
				records(p.doc).set(`shape:e${k}-${ticks % 3}`, JSON.stringify({ k, ticks }))
		}, 100)
		const joiners: WebsocketProvider[] = []
		try {
			for (const pause of [300, 10, 1200, 10, 10, 1500]) {
				await new Promise((r) => setTimeout(r, pause))
				const joiner = provider(s, board, as(joiners.length))
				joiners.push(joiner)
				await synced(joiner)
			}
		} finally {
			clearInterval(timer)
		}
		expect(ticks * editors.length).toBeGreaterThan(600)
		const reference = editors[0] as WebsocketProvider
		await eventually(() => {
			const expected = records(reference.doc).toJSON()
			expect(Object.keys(expected)).toHaveLength(200 + 30 * 3)
			for (const p of [...editors, ...joiners]) expect(records(p.doc).toJSON()).toEqual(expected)
		}, 20_000)
	}, 60_000)

	it('keeps rooms apart: an edit on one board never reaches another', async () => {
		const s = await server()
		const { boardId: one, circle, facilitator: editor } = await seedBoard(s, { title: 'one' })
		const two = await seedBoardIn(s, circle.id, editor.user, { title: 'two' })
		const a = provider(s, one, editor)
		const b = provider(s, two, editor)
		await Promise.all([synced(a), synced(b)])
		records(a.doc).set('shape:1', 'x')
		const late = provider(s, one, editor)
		await synced(late)
		await eventually(() => expect(records(late.doc).get('shape:1')).toBe('x'))
		expect(records(b.doc).size).toBe(0)
	})

	it('closes a connection to an unknown board with 4404', async () => {
		const s = await server()
		const { editor } = await boardOn(s)
		const client = await raw(s, 'doesNotExist123', editor)
		expect((await client.closed).code).toBe(CloseCode.BOARD_NOT_FOUND)
		const malformedId = await raw(s, 'bad id!', editor)
		expect((await malformedId.closed).code).toBe(CloseCode.BOARD_NOT_FOUND)
	})

	it('answers a plain GET on the sync endpoint with a problem, not a crash', async () => {
		const s = await server()
		const response = await fetch(`${s.url}/sync/whatever1`)
		expect(response.status).toBe(400)
		expect(response.headers.get('content-type')).toContain('application/problem+json')
	})
})

describe('awareness', () => {
	it('shows each person’s presence to the others and removes it when they disconnect', async () => {
		const { s, board, alice, bob, aliceAs, bobAs } = await twoPeopleOnABoard()
		alice.awareness.setLocalStateField('user', { name: 'Alice' })
		await eventually(() =>
			expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({ user: identityOf(aliceAs) }),
		)
		// A newcomer receives the presence of those already there.
		const carol = provider(s, board, bobAs)
		await synced(carol)
		await eventually(() =>
			expect(carol.awareness.getStates().get(alice.doc.clientID)?.user).toEqual(identityOf(aliceAs)),
		)
		// Close the socket without a goodbye: the server must remove Alice for the others.
		;(alice.ws as unknown as { terminate?: () => void; close: () => void }).close()
		alice.shouldConnect = false
		await eventually(() => expect(bob.awareness.getStates().has(alice.doc.clientID)).toBe(false))
		await eventually(() => expect(carol.awareness.getStates().has(alice.doc.clientID)).toBe(false))
	})

	it('ignores a connection that tries to change another client’s presence', async () => {
		const { s, board, alice, bob, aliceAs, bobAs } = await twoPeopleOnABoard()
		alice.awareness.setLocalStateField('user', { name: 'Alice' })
		await eventually(() => expect(bob.awareness.getStates().get(alice.doc.clientID)).toBeDefined())
		// Bob's own second connection, so that the only thing refused is the spoof itself.
		const mallory = await raw(s, board, bobAs)
		const spoof = new MessageWriter()
			.varUint(1)
			.varUint(alice.doc.clientID)
			.varUint(10_000)
			.varString(JSON.stringify({ user: { name: 'Mallory' } }))
			.finish()
		mallory.ws.send(new MessageWriter().varUint(MessageType.AWARENESS).varBytes(spoof).finish())
		const remove = new MessageWriter()
			.varUint(1)
			.varUint(alice.doc.clientID)
			.varUint(20_000)
			.varString('null')
			.finish()
		mallory.ws.send(new MessageWriter().varUint(MessageType.AWARENESS).varBytes(remove).finish())
		// The server answers a query only after handling what came before it.
		mallory.ws.send(new Uint8Array([MessageType.QUERY_AWARENESS]))
		await eventually(() =>
			expect(mallory.messages.filter((m) => m[0] === MessageType.AWARENESS).length).toBeGreaterThan(1),
		)
		expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({ user: identityOf(aliceAs) })
		alice.awareness.setLocalStateField('cursor', { x: 1 })
		await eventually(() =>
			expect(bob.awareness.getStates().get(alice.doc.clientID)).toEqual({
				user: identityOf(aliceAs),
				cursor: { x: 1 },
			}),
		)
	})
})

/** A valid update from a throwaway doc, for building broken ones. */
function sampleUpdate(): Uint8Array {
	const doc = new Y.Doc()
	records(doc).set('shape:1', JSON.stringify({ x: 1, text: 'hello world' }))
	return Y.encodeStateAsUpdate(doc)
}

function throwsInYjs(update: Uint8Array): boolean {
	try {
		Y.applyUpdate(new Y.Doc(), update)
		return false
	} catch {
		return true
	}
}

describe('hostile input', () => {
	const valid = sampleUpdate()
	const craftedUpdates: Array<[string, Uint8Array]> = [
		['a truncated update', valid.subarray(0, valid.length - 5)],
		['an update claiming 2^31 structs', new Uint8Array([1, 0xff, 0xff, 0xff, 0xff, 0x07, 1, 0, 0])],
		['an update with a struct of unknown content type', new Uint8Array([1, 1, 5, 0, 0x1f, 0, 0])],
	]
	const frames: Array<[string, Uint8Array | string, number]> = [
		['a text frame', 'hello', CloseCode.UNSUPPORTED_DATA],
		['an empty frame', new Uint8Array(0), CloseCode.BAD_MESSAGE],
		['a truncated varint', new Uint8Array([0x80]), CloseCode.BAD_MESSAGE],
		['an overlong varint', new Uint8Array(12).fill(0xff), CloseCode.BAD_MESSAGE],
		['an unknown message type', new Uint8Array([9, 0]), CloseCode.BAD_MESSAGE],
		['an auth message from a client', new Uint8Array([MessageType.AUTH, 0]), CloseCode.BAD_MESSAGE],
		['an unknown sync message', new Uint8Array([0, 7, 0]), CloseCode.BAD_MESSAGE],
		['a length beyond the end of the message', new Uint8Array([0, 2, 100, 1, 2]), CloseCode.BAD_MESSAGE],
		['trailing bytes', new Uint8Array([MessageType.QUERY_AWARENESS, 1]), CloseCode.BAD_MESSAGE],
		[
			'a malformed state vector',
			encodeSyncMessage(SyncType.STEP1, new Uint8Array([5, 1])),
			CloseCode.BAD_MESSAGE,
		],
		[
			'awareness whose state is not JSON',
			new MessageWriter()
				.varUint(MessageType.AWARENESS)
				.varBytes(new MessageWriter().varUint(1).varUint(7).varUint(1).varString('{nope').finish())
				.finish(),
			CloseCode.BAD_MESSAGE,
		],
		...craftedUpdates.map(([name, update]): [string, Uint8Array, number] => [
			name,
			encodeSyncMessage(SyncType.UPDATE, update),
			CloseCode.BAD_MESSAGE,
		]),
	]

	it('uses crafted updates that Yjs really rejects', () => {
		for (const [name, update] of craftedUpdates) expect(throwsInYjs(update), name).toBe(true)
	})

	it.each(frames)(
		'closes only the connection that sends %s, with its documented code',
		async (_name, frame, code) => {
			const { s, board, alice, bob, bobAs } = await twoPeopleOnABoard()
			records(alice.doc).set('shape:1', 'before')
			await eventually(() => expect(records(bob.doc).get('shape:1')).toBe('before'))

			const mallory = await raw(s, board, bobAs)
			mallory.ws.send(frame)
			expect((await mallory.closed).code).toBe(code)

			// The room, the process and every other connection go on working.
			records(bob.doc).set('shape:2', 'after')
			await eventually(() => expect(records(alice.doc).get('shape:2')).toBe('after'))
			const late = provider(s, board, bobAs)
			await synced(late)
			await eventually(() =>
				expect(records(late.doc).toJSON()).toEqual({ 'shape:1': 'before', 'shape:2': 'after' }),
			)
			// Nothing malformed was stored: the database holds exactly the good content.
			await (await s.rooms.peek(board))?.flush()
			expect(await storedContent(s, board)).toEqual({ 'shape:1': 'before', 'shape:2': 'after' })
		},
	)

	it('closes a connection that sends a message above the size limit with 1009', async () => {
		const s = await server({ MAX_MESSAGE_BYTES: '4096' })
		const { board, editor } = await boardOn(s)
		const alice = provider(s, board, editor)
		await synced(alice)
		const mallory = await raw(s, board, editor)
		const doc = new Y.Doc()
		records(doc).set('big', 'x'.repeat(10_000))
		mallory.ws.send(encodeSyncMessage(SyncType.UPDATE, Y.encodeStateAsUpdate(doc)))
		expect((await mallory.closed).code).toBe(CloseCode.MESSAGE_TOO_BIG)
		records(alice.doc).set('small', 'ok')
		const bob = provider(s, board, editor)
		await synced(bob)
		await eventually(() => expect(records(bob.doc).toJSON()).toEqual({ small: 'ok' }))
	})

	it('closes a client that does not read (1013) instead of growing server memory', async () => {
		const s = await server({ MAX_SEND_BUFFER_BYTES: String(64 * 1024) })
		const { board, editor } = await boardOn(s)
		const alice = provider(s, board, editor)
		await synced(alice)
		const slow = await raw(s, board, editor)
		const socket = (slow.ws as unknown as { _socket: import('node:net').Socket })._socket
		socket.pause()
		// Alice writes about 40 MB: more than loopback TCP buffers hold, so the slow reader's
		// queue in the server passes the 64 kB limit.
		for (let i = 0; i < 400; i++) records(alice.doc).set(`shape:${i % 10}`, `${i}`.padEnd(100_000, '.'))
		const room = await s.rooms.peek(board)
		await eventually(() => expect(room?.connectionCount).toBe(1), 10_000)
		socket.resume()
		expect((await slow.closed).code).toBe(CloseCode.TRY_AGAIN_LATER)
		// Alice is still connected and syncing.
		const bob = provider(s, board, editor)
		await synced(bob)
		await eventually(() => expect(records(bob.doc).get('shape:9')).toBe('399'.padEnd(100_000, '.')))
	})
})

describe('persistence', () => {
	it('keeps a board across a server restart', async () => {
		const first = await startTestServer()
		const { board, editor } = await boardOn(first)
		const alice = connectProvider(first, board, editor)
		await synced(alice)
		for (let i = 0; i < 20; i++) records(alice.doc).set(`shape:${i}`, `{"i":${i}}`)
		records(alice.doc).delete('shape:3')
		const expected = records(alice.doc).toJSON()
		const room = await first.rooms.peek(board)
		await eventually(() => expect(room && records(room.doc).toJSON()).toEqual(expected))
		alice.destroy()
		await first.stop()

		// The session is stored too: the same cookie still works after the restart.
		const second = await server({}, first.dataDir)
		const bob = provider(second, board, editor)
		await synced(bob)
		await eventually(() => expect(records(bob.doc).toJSON()).toEqual(expected))
	})

	it('batches writes: a burst of edits becomes a few log entries, not one per edit', async () => {
		const s = await server({ PERSIST_WINDOW_MS: '200' })
		const { board, editor } = await boardOn(s)
		const alice = provider(s, board, editor)
		await synced(alice)
		for (let i = 0; i < 200; i++) records(alice.doc).set(`shape:${i % 5}`, `${i}`)
		await eventually(async () => expect(await storedContent(s, board)).toEqual(records(alice.doc).toJSON()))
		expect((await s.storage.docs.sizes(board)).logEntries).toBeLessThan(10)
	})

	it('moves an edited board to the top of the board list', async () => {
		const s = await server({ PERSIST_WINDOW_MS: '1' })
		const { boardId: older, circle, facilitator: editor } = await seedBoard(s, { title: 'older' })
		// Distinct timestamps, so that the order below is decided by the edit alone.
		const olderCreated = Date.now()
		await eventually(() => expect(Date.now()).toBeGreaterThan(olderCreated + 2))
		await seedBoardIn(s, circle.id, editor.user, { title: 'newer' })
		const newerCreated = Date.now()
		await eventually(() => expect(Date.now()).toBeGreaterThan(newerCreated + 2))
		const list = async () =>
			(await s.storage.boards.listOfCircle(circle.id, { includeArchived: false })).map((b) => b.title)
		expect(await list()).toEqual(['newer', 'older'])
		const alice = provider(s, older, editor)
		await synced(alice)
		records(alice.doc).set('shape:1', 'edited')
		await eventually(async () => expect(await list()).toEqual(['older', 'newer']))
	})

	it('compacts the state in the background and keeps the whole log', async () => {
		const s = await server({ PERSIST_WINDOW_MS: '1', COMPACT_AFTER_UPDATES: '5' })
		const { board, editor } = await boardOn(s)
		const alice = provider(s, board, editor)
		await synced(alice)
		for (let i = 0; i < 30; i++) {
			records(alice.doc).set('shape:1', `${i}`)
			await eventually(async () => expect((await s.storage.docs.sizes(board)).logEntries).toBeGreaterThan(i))
		}
		const stored = await s.storage.docs.load(board)
		expect(stored.state).not.toBeNull()
		expect(stored.updates.length).toBeLessThan(5)
		expect((await s.storage.docs.readLog(board)).length).toBeGreaterThanOrEqual(30)
		expect(await storedContent(s, board)).toEqual({ 'shape:1': '29' })
	})

	it('unloads a room nobody uses after its idle delay, and loads it again on the next visit', async () => {
		const s = await server({ ROOM_IDLE_MS: '50', PERSIST_WINDOW_MS: '10000' })
		const { board, editor } = await boardOn(s)
		const alice = provider(s, board, editor)
		await synced(alice)
		records(alice.doc).set('shape:1', 'kept')
		await eventually(() => expect(s.rooms.size).toBe(1))
		alice.destroy()
		// Unloading flushes even though the persist window (10 s) has not passed.
		await eventually(() => expect(s.rooms.size).toBe(0))
		expect(await storedContent(s, board)).toEqual({ 'shape:1': 'kept' })
		const bob = provider(s, board, editor)
		await synced(bob)
		await eventually(() => expect(records(bob.doc).get('shape:1')).toBe('kept'))
	})

	it('on SIGTERM stops accepting, closes sockets with 1012, stores every edit and exits 0', async () => {
		const dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-test-'))
		cleanups.push(() => rm(dataDir, { recursive: true, force: true }))
		// Seeded before the server process starts, through storage of its own on the same directory.
		const seeding = await openStorage({ dataDir })
		const { boardId: board, facilitator: editor } = await seedBoard({ storage: seeding })
		await seeding.close()
		const port = 20000 + Math.floor(Math.random() * 20000)
		const child = spawn(process.execPath, ['src/main.ts'], {
			cwd: new URL('../..', import.meta.url).pathname,
			env: {
				...process.env,
				PORT: String(port),
				HOST: '127.0.0.1',
				DATA_DIR: dataDir,
				LOG_LEVEL: 'warn',
				PERSIST_WINDOW_MS: '60000',
			},
			stdio: ['ignore', 'ignore', 'pipe'],
		})
		cleanups.push(() => child.kill('SIGKILL'))
		const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
		const url = `http://127.0.0.1:${port}`
		await eventually(async () => expect((await fetch(`${url}/healthz`)).ok).toBe(true), 15_000)
		const client = await connectRaw({ wsUrl: `ws://127.0.0.1:${port}/sync` }, board, editor)
		const doc = new Y.Doc()
		records(doc).set('shape:1', 'written just before shutdown')
		client.ws.send(encodeSyncMessage(SyncType.UPDATE, Y.encodeStateAsUpdate(doc)))
		// The update is applied once the server answers a query sent after it.
		client.ws.send(new Uint8Array([MessageType.QUERY_AWARENESS]))
		await eventually(() => expect(client.messages.some((m) => m[0] === MessageType.AWARENESS)).toBe(true))

		child.kill('SIGTERM')
		expect((await client.closed).code).toBe(CloseCode.SERVICE_RESTART)
		expect(await exited).toBe(0)
		const storage = await openStorage({ dataDir })
		cleanups.push(() => storage.close())
		const restored = docFromStored(await storage.docs.load(board))
		expect(records(restored).get('shape:1')).toBe('written just before shutdown')
	})
})

describe('persistence on PostgreSQL', () => {
	const databaseUrl = process.env.TEST_DATABASE_URL
	if (!databaseUrl) {
		it('was NOT run: TEST_DATABASE_URL is unset (set it to a postgres:// URL to run it)', () => {
			console.warn('PostgreSQL sync persistence test not run: TEST_DATABASE_URL unset')
			expect(databaseUrl).toBeUndefined()
		})
		return
	}

	it('keeps a board across a server restart', async () => {
		const schema = await createSchemaHarness(databaseUrl)
		cleanups.push(() => schema.dispose())
		const first = await startTestServer({ DATABASE_URL: schema.url, PERSIST_WINDOW_MS: '10000' })
		expect(first.storage.kind).toBe('postgres')
		const { board, editor } = await boardOn(first)
		const alice = connectProvider(first, board, editor)
		await synced(alice)
		for (let i = 0; i < 20; i++) records(alice.doc).set(`shape:${i}`, `{"i":${i}}`)
		const expected = records(alice.doc).toJSON()
		const room = await first.rooms.peek(board)
		await eventually(() => expect(room && records(room.doc).toJSON()).toEqual(expected))
		alice.destroy()
		// The persist window has not passed: only the shutdown flush can have stored the edits.
		await first.dispose()

		const second = await server({ DATABASE_URL: schema.url })
		const bob = provider(second, board, editor)
		await synced(bob)
		await eventually(() => expect(records(bob.doc).toJSON()).toEqual(expected))
	})
})

describe('cross-site connections', () => {
	const upgradeStatus = async (s: TestServer, board: string, headers: Record<string, string>) =>
		(await tryUpgrade(s, board, headers)).status

	it('refuses an upgrade from another site (403, no socket) and accepts one from this site', async () => {
		const s = await server()
		const { board, editor } = await boardOn(s)
		const host = new URL(s.url).host
		expect(await upgradeStatus(s, board, { origin: 'https://evil.example' })).toBe(403)
		expect(await upgradeStatus(s, board, { origin: 'https://evil.example', cookie: editor.cookie })).toBe(403)
		expect(await upgradeStatus(s, board, { cookie: editor.cookie })).toBe(403)
		expect(await upgradeStatus(s, board, { origin: `http://${host}`, cookie: editor.cookie })).toBe(101)
	})
})
