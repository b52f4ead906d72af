import { type BoardVisibility, CloseCode } from '@circlespace/shared'
import { afterEach, describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { Clock } from '../auth/Clock.ts'
import { SESSION_LIFETIME_MS } from '../auth/SessionManager.ts'
import { sessionCookie } from '../auth/sessionCookie.ts'
import { seedBoard, seedCircle, seedMember, seedPerson, signIn } from '../testing/seed.ts'
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
	tryUpgrade,
} from '../testing/testServer.ts'
import { encodeSyncMessage, MessageType, SyncType } from './messages.ts'
import { docFromStored } from './storedDoc.ts'

/**
 * Access on the live connection, written as attacks (docs/SPEC.md, rules A1–A4): who may open
 * one, what a reader's changes do, and what happens to open connections when access changes.
 */

const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A clock the test moves forward (sessions expire by it). */
class MovableClock implements Clock {
	offsetMs = 0
	now(): Date {
		return new Date(Date.now() + this.offsetMs)
	}
}

async function server(clock?: Clock): Promise<TestServer> {
	const s = await startTestServer({}, undefined, clock ? { clock } : {})
	cleanups.push(() => s.dispose())
	return s
}

/** A provider, with the close codes the server sent it, oldest first. */
function provider(s: TestServer, boardId: string, as: ConnectAs, doc = new Y.Doc()) {
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

async function storedContent(s: TestServer, boardId: string): Promise<Record<string, string>> {
	return records(docFromStored(await s.storage.docs.load(boardId))).toJSON()
}

/**
 * A board of one circle with Alice and Bob (members: editors) and Vic, a member of another
 * circle of the same tribe (so a reader of `tribe` boards only). The facilitator is the admin.
 */
async function boardWithPeople(s: TestServer, visibility: BoardVisibility = 'circle') {
	const { boardId: board, tribe, circle, facilitator } = await seedBoard(s, { visibility })
	const alice = await seedMember(s, circle.id, 'Alice')
	const bob = await seedMember(s, circle.id, 'Bob')
	const otherCircle = await seedCircle(s, tribe.id, facilitator.user, { name: 'Other circle' })
	const vic = await seedMember(s, otherCircle.id, 'Vic')
	return { board, tribe, circle, facilitator, alice, bob, vic }
}

/**
 * Sets a presence field `marker` of `sender` and waits until `watcher` sees it: then every
 * message `sender` sent before was handled by the server, which would have forwarded it first.
 */
async function seenMarker(watcher: WebsocketProvider, sender: WebsocketProvider) {
	const first = Date.now()
	let marker = first
	sender.awareness.setLocalStateField('marker', marker)
	await eventually(() => {
		const seen = watcher.awareness.getStates().get(sender.doc.clientID)?.marker
		if (typeof seen === 'number' && seen >= first) return
		// Right after a reconnect, presence counts as departed until its clock passes the one
		// the server (and y-protocols) gave its removal: the first bumps are dropped.
		sender.awareness.setLocalStateField('marker', ++marker)
		throw new Error(`the marker of ${sender.doc.clientID} has not arrived`)
	})
}

describe('who may open a live connection', () => {
	it('A1 refuses an upgrade without a session cookie: 401 problem, no socket', async () => {
		const s = await server()
		const { board, alice } = await boardWithPeople(s)
		const answer = await tryUpgrade(s, board, { origin: browserHeaders(s, alice).origin })
		expect(answer.status).toBe(401)
		// A problem, though @hono/node-server drops the body of a refused upgrade (and browsers
		// never show it to pages): the status and type are what reach the client.
		expect(answer.contentType).toContain('application/problem+json')
		// A made-up token is no better than none.
		const forged = await tryUpgrade(
			s,
			board,
			browserHeaders(s, { cookie: `${sessionCookie.name}=${'a'.repeat(32)}` }),
		)
		expect(forged.status).toBe(401)
		expect((await s.rooms.peek(board)) ?? null).toBeNull()
	})

	it('A1 refuses an expired session and a signed-out session with 401', async () => {
		const clock = new MovableClock()
		const s = await server(clock)
		const { board, alice, bob } = await boardWithPeople(s)
		expect((await tryUpgrade(s, board, browserHeaders(s, alice))).status).toBe(101)

		await s.storage.sessions.delete(bob.session.id)
		expect((await tryUpgrade(s, board, browserHeaders(s, bob))).status).toBe(401)

		clock.offsetMs = SESSION_LIFETIME_MS + 1000
		expect((await tryUpgrade(s, board, browserHeaders(s, alice))).status).toBe(401)
	})

	it('A1 refuses a cross-site upgrade even with a valid session cookie (403, no socket)', async () => {
		const s = await server()
		const { board, alice } = await boardWithPeople(s)
		const answer = await tryUpgrade(s, board, { cookie: alice.cookie, origin: 'https://evil.example' })
		expect(answer.status).toBe(403)
		expect(answer.contentType).toContain('application/problem+json')
	})

	it('A2 closes with 4404 a board the person may not see, exactly as a board that does not exist', async () => {
		const s = await server()
		const { board, vic } = await boardWithPeople(s, 'circle')
		// Vic is in the tribe but not in the board's circle; Olga is in no tribe at all.
		const olga = await seedPerson(s, 'Olga')
		for (const person of [vic, olga]) {
			const client = await raw(s, board, person)
			expect((await client.closed).code).toBe(CloseCode.BOARD_NOT_FOUND)
			const unknown = await raw(s, 'noSuchBoard1234', person)
			expect(await unknown.closed).toEqual(await client.closed)
		}
	})
})

describe('readers', () => {
	it('A3 drops a reader’s document changes: the board is unchanged in the database and for editors', async () => {
		const s = await server()
		const { board, alice, bob, vic } = await boardWithPeople(s, 'tribe')
		const aliceP = provider(s, board, alice)
		const bobP = provider(s, board, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		records(aliceP.doc).set('shape:1', 'before')
		await eventually(() => expect(records(bobP.doc).get('shape:1')).toBe('before'))

		// Vic arrives with content of their own (a stock client sends it as sync step 2) and edits.
		const planted = new Y.Doc()
		records(planted).set('shape:planted', 'from a reader')
		const vicP = provider(s, board, vic, planted)
		await synced(vicP)
		records(vicP.doc).set('shape:1', 'vandalised')
		records(vicP.doc).set('shape:2', 'graffiti')
		// Vic's presence arrives after Vic's edits, on the same socket: once editors see it, the
		// server has handled the edits, and would have sent them first.
		await seenMarker(aliceP, vicP)
		await seenMarker(bobP, vicP)
		expect(records(aliceP.doc).toJSON()).toEqual({ 'shape:1': 'before' })
		expect(records(bobP.doc).toJSON()).toEqual({ 'shape:1': 'before' })

		// The same with crafted messages on a raw socket: an update and a sync step 2.
		const mallory = await raw(s, board, vic)
		const attack = new Y.Doc()
		records(attack).set('shape:1', 'crafted')
		mallory.ws.send(encodeSyncMessage(SyncType.UPDATE, Y.encodeStateAsUpdate(attack)))
		mallory.ws.send(encodeSyncMessage(SyncType.STEP2, Y.encodeStateAsUpdate(attack)))
		const answersBefore = mallory.messages.filter((m) => m[0] === MessageType.AWARENESS).length
		mallory.ws.send(new Uint8Array([MessageType.QUERY_AWARENESS]))
		await eventually(() =>
			expect(mallory.messages.filter((m) => m[0] === MessageType.AWARENESS).length).toBeGreaterThan(
				answersBefore,
			),
		)
		// Dropped quietly: the reader stays connected (closing would make a stock client loop).
		expect(mallory.ws.readyState).toBe(mallory.ws.OPEN)

		const room = await s.rooms.peek(board)
		expect(room && records(room.doc).toJSON()).toEqual({ 'shape:1': 'before' })
		await room?.flush()
		expect(await storedContent(s, board)).toEqual({ 'shape:1': 'before' })
		// An editor's later change still goes through, and reaches Bob alone with what was there.
		records(aliceP.doc).set('shape:3', 'after')
		await eventually(() =>
			expect(records(bobP.doc).toJSON()).toEqual({ 'shape:1': 'before', 'shape:3': 'after' }),
		)
	})

	it('A3 shows a reader the editors’ changes and presence, and the reader’s presence to editors', async () => {
		const s = await server()
		const { board, alice, vic } = await boardWithPeople(s, 'tribe')
		const aliceP = provider(s, board, alice)
		await synced(aliceP)
		records(aliceP.doc).set('shape:1', 'already there')
		const vicP = provider(s, board, vic)
		await synced(vicP)
		await eventually(() => expect(records(vicP.doc).get('shape:1')).toBe('already there'))

		records(aliceP.doc).set('shape:2', 'live')
		aliceP.awareness.setLocalStateField('user', { name: 'Alice' })
		await eventually(() => expect(records(vicP.doc).get('shape:2')).toBe('live'))
		await eventually(() =>
			expect(vicP.awareness.getStates().get(aliceP.doc.clientID)?.user).toMatchObject({
				id: alice.user.id,
				name: alice.user.displayName,
			}),
		)
		vicP.awareness.setLocalStateField('user', { name: 'Vic' })
		await eventually(() =>
			expect(aliceP.awareness.getStates().get(vicP.doc.clientID)?.user).toMatchObject({
				id: vic.user.id,
				name: vic.user.displayName,
			}),
		)
	})
})

describe('access that changes while connected', () => {
	it('A4 closes the connection of a member removed from the circle with 4403, within seconds', async () => {
		const s = await server()
		const { board, circle, alice, bob } = await boardWithPeople(s, 'circle')
		const aliceP = provider(s, board, alice)
		const bobP = provider(s, board, bob)
		await Promise.all([synced(aliceP), synced(bobP)])

		expect(await s.storage.circles.removeMember(circle.id, bob.user.id)).toBe('removed')
		s.live.accessChanged({ circleId: circle.id })
		await eventually(() => expect(bobP.closes).toEqual([CloseCode.FORBIDDEN]))
		// 4403 is final: Bob's client stops trying, and Alice carries on.
		expect(bobP.shouldConnect).toBe(false)
		expect(aliceP.closes).toEqual([])
		records(aliceP.doc).set('shape:1', 'after Bob left')
		const late = provider(s, board, alice)
		await eventually(() => expect(records(late.doc).get('shape:1')).toBe('after Bob left'))
		expect(records(bobP.doc).get('shape:1')).toBeUndefined()
	})

	it('A4 moves editors of a board that is archived to read-only (4409): after reconnecting their edits are dropped', async () => {
		const s = await server()
		const { board, alice, bob } = await boardWithPeople(s, 'circle')
		const aliceP = provider(s, board, alice)
		const bobP = provider(s, board, bob)
		await Promise.all([synced(aliceP), synced(bobP)])
		records(aliceP.doc).set('shape:1', 'before')
		await eventually(() => expect(records(bobP.doc).get('shape:1')).toBe('before'))

		await s.storage.boards.update(board, { archivedAt: new Date() })
		s.live.accessChanged({ boardId: board })
		for (const p of [aliceP, bobP]) {
			await eventually(() => {
				expect(p.closes).toEqual([CloseCode.ACCESS_CHANGED])
				// 4409 is not final: the client is back, with its new access.
				expect(p.synced).toBe(true)
			})
		}

		records(aliceP.doc).set('shape:1', 'edited while archived')
		await seenMarker(bobP, aliceP)
		expect(records(bobP.doc).toJSON()).toEqual({ 'shape:1': 'before' })
		const room = await s.rooms.peek(board)
		expect(room && records(room.doc).toJSON()).toEqual({ 'shape:1': 'before' })
		await room?.flush()
		expect(await storedContent(s, board)).toEqual({ 'shape:1': 'before' })
	})

	it('A4 gives editing back when a board is unarchived (4409, then edits flow again)', async () => {
		const s = await server()
		const { board, alice, bob } = await boardWithPeople(s, 'circle')
		await s.storage.boards.update(board, { archivedAt: new Date() })
		const aliceP = provider(s, board, alice)
		const bobP = provider(s, board, bob)
		await Promise.all([synced(aliceP), synced(bobP)])

		await s.storage.boards.update(board, { archivedAt: null })
		s.live.accessChanged({ boardId: board })
		for (const p of [aliceP, bobP]) {
			await eventually(() => {
				expect(p.closes).toEqual([CloseCode.ACCESS_CHANGED])
				expect(p.synced).toBe(true)
			})
		}
		records(aliceP.doc).set('shape:1', 'editing again')
		await eventually(() => expect(records(bobP.doc).get('shape:1')).toBe('editing again'))
		await (await s.rooms.peek(board))?.flush()
		expect(await storedContent(s, board)).toEqual({ 'shape:1': 'editing again' })
	})

	it('A4 closes a signed-out session’s connection with 4401, and every device on “sign out everywhere”', async () => {
		const s = await server()
		const { board, alice, bob } = await boardWithPeople(s, 'circle')
		const bobPhone = await signIn(s, bob.user.id)
		const aliceP = provider(s, board, alice)
		const bobLaptopP = provider(s, board, bob)
		const bobPhoneP = provider(s, board, bobPhone)
		await Promise.all([synced(aliceP), synced(bobLaptopP), synced(bobPhoneP)])

		await s.storage.sessions.delete(bob.session.id)
		s.live.accessChanged({ sessionId: bob.session.id })
		await eventually(() => expect(bobLaptopP.closes).toEqual([CloseCode.UNAUTHENTICATED]))
		expect(bobLaptopP.shouldConnect).toBe(false)
		await s.live.idle()
		expect(bobPhoneP.closes).toEqual([])
		expect((await s.rooms.peek(board))?.connectionCount).toBe(2)

		await s.storage.sessions.deleteAllOfUser(bob.user.id)
		s.live.accessChanged({ userId: bob.user.id })
		await eventually(() => expect(bobPhoneP.closes).toEqual([CloseCode.UNAUTHENTICATED]))
		await s.live.idle()
		expect(aliceP.closes).toEqual([])
		expect((await s.rooms.peek(board))?.connectionCount).toBe(1)
	})

	it('A4 closes, at the next sweep, a connection whose session expired', async () => {
		const clock = new MovableClock()
		const s = await server(clock)
		const { board, alice, bob } = await boardWithPeople(s, 'circle')
		const bobP = provider(s, board, bob)
		await synced(bobP)
		clock.offsetMs = SESSION_LIFETIME_MS + 1000
		// Alice signs in after the clock moved, so her session is fresh.
		const aliceNow = await signIn(s, alice.user.id)
		const aliceP = provider(s, board, aliceNow)
		await synced(aliceP)

		await s.live.sweep()
		await eventually(() => expect(bobP.closes).toEqual([CloseCode.UNAUTHENTICATED]))
		expect(aliceP.closes).toEqual([])
		expect((await s.rooms.peek(board))?.connectionCount).toBe(1)
	})

	it('A4 leaves alone the connections a change does not affect', async () => {
		const s = await server()
		const { board, tribe, circle, alice, bob, vic } = await boardWithPeople(s, 'tribe')
		const aliceP = provider(s, board, alice)
		const bobP = provider(s, board, bob)
		const vicP = provider(s, board, vic)
		await Promise.all([synced(aliceP), synced(bobP), synced(vicP)])

		// Every scope that covers them, with nothing changed: nobody is closed.
		s.live.accessChanged({ boardId: board })
		s.live.accessChanged({ circleId: circle.id })
		s.live.accessChanged({ tribeId: tribe.id })
		s.live.accessChanged({ userId: alice.user.id })
		s.live.accessChanged({ sessionId: vic.session.id })
		await s.live.idle()
		expect((await s.rooms.peek(board))?.connectionCount).toBe(3)
		expect(s.live.size).toBe(3)

		// A change of board visibility closes only the reader who loses it.
		await s.storage.boards.update(board, { visibility: 'circle' })
		s.live.accessChanged({ boardId: board })
		await eventually(() => expect(vicP.closes).toEqual([CloseCode.FORBIDDEN]))
		await s.live.idle()
		expect([aliceP.closes, bobP.closes]).toEqual([[], []])
		expect((await s.rooms.peek(board))?.connectionCount).toBe(2)
	})
})
