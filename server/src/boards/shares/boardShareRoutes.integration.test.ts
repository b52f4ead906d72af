import {
	type Board,
	type BoardOffer,
	type BoardShare,
	type BoardShares,
	type CircleDetail,
	CloseCode,
	MAX_PENDING_OFFERS_PER_CIRCLE,
	MAX_SHARES_PER_BOARD,
	type TribeDetail,
} from '@circlespace/shared'
import { afterEach, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { Browser, problemOf } from '../../testing/Browser.ts'
import { onEachDatabase } from '../../testing/onEachDatabase.ts'
import { createBoard, joinByInvitation, seedSpacesWorld } from '../../testing/spacesWorld.ts'
import { connectProvider, eventually, synced, type TestServer } from '../../testing/testServer.ts'

/**
 * Cross-circle boards (docs/API.md "Cross-circle boards"): tribe North with circles A (Grace
 * facilitates, Mia is a member), B (Ben facilitates, Bea is a member) and C (Cal facilitates);
 * Sue is a steward of North in no circle; Ada is the admin. Tribe South (private) has circle S,
 * which Sam facilitates.
 */
async function world(server: TestServer) {
	const base = await seedSpacesWorld(server)
	const { ada, ben, tribe, circleB } = base
	const person = async (name: string) => {
		const browser = new Browser(server)
		await browser.signUp(`${name.toLowerCase()}@example.org`, { displayName: name })
		return browser
	}
	const [bea, cal, sue, sam] = await Promise.all(['Bea', 'Cal', 'Sue', 'Sam'].map(person))
	if (!bea || !cal || !sue || !sam) throw new Error('people missing')
	await joinByInvitation(ada, bea, circleB.id)
	await ada.json('PUT', `/circles/${circleB.id}/members/${ben.user?.id}`, { role: 'facilitator' })
	const circleC = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, { name: 'Circle C' })
	await joinByInvitation(ada, cal, circleC.id)
	await ada.json('PUT', `/circles/${circleC.id}/members/${cal.user?.id}`, { role: 'facilitator' })
	await ada.json('POST', `/tribes/${tribe.id}/stewards`, { email: 'sue@example.org' })
	const south = await ada.json<TribeDetail>('POST', '/tribes', { name: 'South', visibility: 'private' })
	const circleS = await ada.json<CircleDetail>('POST', `/tribes/${south.id}/circles`, { name: 'Circle S' })
	await joinByInvitation(ada, sam, circleS.id)
	await ada.json('PUT', `/circles/${circleS.id}/members/${sam.user?.id}`, { role: 'facilitator' })
	return { ...base, bea, cal, sue, sam, circleC, south, circleS }
}

const providers: WebsocketProvider[] = []
afterEach(() => {
	for (const p of providers.splice(0)) p.destroy()
})

/** A y-websocket client of `who` on a board, with the close codes it was sent. */
function live(server: TestServer, boardId: string, who: Browser) {
	const p = connectProvider(server, boardId, { cookie: who.cookie, doc: new Y.Doc() })
	providers.push(p)
	const closes: number[] = []
	p.on('connection-close', (event) => {
		if (event) closes.push(event.code)
	})
	return Object.assign(p, { closes, records: p.doc.getMap<string>('records') })
}

const offer = (who: Browser, boardId: string, circleId: string) =>
	who.send('POST', `/boards/${boardId}/shares`, { circleId })

onEachDatabase('cross-circle boards: happy path', (start) => {
	it('A offers a board to B, B accepts, members of both edit it live and see each other’s shapes', async () => {
		const server = await start()
		const { grace, mia, ben, bea, circleA, circleB } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Listening, both circles')

		const offered = await grace.json<BoardShare>('POST', `/boards/${board.id}/shares`, {
			circleId: circleB.id,
		})
		expect(offered).toMatchObject({
			boardId: board.id,
			circle: { id: circleB.id, name: 'Circle B', tribeName: 'North' },
			state: 'offered',
			offeredBy: { displayName: 'Grace' },
			acceptedBy: null,
			canEnd: true,
			canAnswer: false,
		})
		// B's facilitator sees the offer: its title and where it comes from, nothing else.
		const offers = await ben.json<BoardOffer[]>('GET', `/circles/${circleB.id}/board-offers`)
		expect(offers).toEqual([
			{
				id: offered.id,
				board: { id: board.id, title: 'Listening, both circles' },
				fromCircle: { id: circleA.id, name: 'Circle A', tribeId: circleA.tribeId, tribeName: 'North' },
				offeredBy: { id: grace.user?.id, displayName: 'Grace', color: expect.any(String) },
				offeredAt: expect.any(String),
			},
		])

		const accepted = await ben.json<BoardShare>('POST', `/board-shares/${offered.id}/accept`)
		expect(accepted).toMatchObject({ state: 'accepted', acceptedBy: { displayName: 'Ben' }, canEnd: true })
		expect(await ben.json<BoardOffer[]>('GET', `/circles/${circleB.id}/board-offers`)).toEqual([])

		// Bea, a member of B, edits it like a member of A; managing stays with A.
		expect(await bea.json<Board>('GET', `/boards/${board.id}`)).toMatchObject({
			circleId: circleA.id,
			circleName: 'Circle A',
			access: 'edit',
			canManage: false,
			sharedWith: [{ circleId: circleB.id, circleName: 'Circle B' }],
		})
		// Each circle's list has it: A's as its own, "shared with B"; B's as shared by A.
		const inB = await bea.json<Board[]>('GET', `/circles/${circleB.id}/boards`)
		expect(inB.map((b) => [b.id, b.circleId, b.sharedWith])).toEqual([
			[board.id, circleA.id, [{ circleId: circleB.id, circleName: 'Circle B' }]],
		])
		const inA = await mia.json<Board[]>('GET', `/circles/${circleA.id}/boards`)
		expect(inA.map((b) => [b.id, b.sharedWith])).toEqual([
			[board.id, [{ circleId: circleB.id, circleName: 'Circle B' }]],
		])
		expect((await mia.json<BoardShares>('GET', `/boards/${board.id}/shares`)).shares).toMatchObject([
			{ circle: { name: 'Circle B' }, state: 'accepted', canEnd: false, canAnswer: false },
		])

		const miaLive = live(server, board.id, mia)
		const beaLive = live(server, board.id, bea)
		await Promise.all([synced(miaLive), synced(beaLive)])
		miaLive.records.set('shape:from-a', 'a note from circle A')
		beaLive.records.set('shape:from-b', 'a note from circle B')
		for (const p of [miaLive, beaLive]) {
			await eventually(() =>
				expect(p.records.toJSON()).toEqual({
					'shape:from-a': 'a note from circle A',
					'shape:from-b': 'a note from circle B',
				}),
			)
		}
	})

	it('B withdraws: its member’s open connection closes (4403), a new one is refused, A goes on', async () => {
		const server = await start()
		const { grace, mia, ben, bea, circleA, circleB } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Shared retro')
		const offered = await grace.json<BoardShare>('POST', `/boards/${board.id}/shares`, {
			circleId: circleB.id,
		})
		await ben.json('POST', `/board-shares/${offered.id}/accept`)
		const miaLive = live(server, board.id, mia)
		const beaLive = live(server, board.id, bea)
		await Promise.all([synced(miaLive), synced(beaLive)])

		expect((await ben.send('DELETE', `/board-shares/${offered.id}`)).status).toBe(204)
		await eventually(() => expect(beaLive.closes).toEqual([CloseCode.FORBIDDEN]))
		expect(beaLive.shouldConnect).toBe(false)
		expect(miaLive.closes).toEqual([])
		// A new connection is refused like a board that does not exist; the API agrees.
		const again = live(server, board.id, bea)
		await eventually(() => expect(again.closes).toEqual([CloseCode.BOARD_NOT_FOUND]))
		expect((await bea.send('GET', `/boards/${board.id}`)).status).toBe(404)
		expect(await bea.json<Board[]>('GET', `/circles/${circleB.id}/boards`)).toEqual([])
		miaLive.records.set('shape:after', 'after B left')
		await eventually(() => expect(miaLive.records.get('shape:after')).toBe('after B left'))
		expect(beaLive.records.get('shape:after')).toBeUndefined()
		expect((await mia.json<Board>('GET', `/boards/${board.id}`)).sharedWith).toEqual([])
	})

	it('withdrawing a tribe board leaves B’s members reading it (4409), since the tribe may read it', async () => {
		const server = await start()
		const { grace, ben, bea, circleA, circleB } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Tribe board', 'tribe')
		const offered = await grace.json<BoardShare>('POST', `/boards/${board.id}/shares`, {
			circleId: circleB.id,
		})
		const reader = live(server, board.id, bea)
		await synced(reader)
		// Accepting turns Bea's reading connection into an editing one (4409, reconnects).
		await ben.json('POST', `/board-shares/${offered.id}/accept`)
		await eventually(() => {
			expect(reader.closes).toEqual([CloseCode.ACCESS_CHANGED])
			expect(reader.synced).toBe(true)
		})
		expect((await bea.json<Board>('GET', `/boards/${board.id}`)).access).toBe('edit')

		expect((await grace.send('DELETE', `/board-shares/${offered.id}`)).status).toBe(204)
		await eventually(() => {
			expect(reader.closes).toEqual([CloseCode.ACCESS_CHANGED, CloseCode.ACCESS_CHANGED])
			expect(reader.synced).toBe(true)
		})
		expect((await bea.json<Board>('GET', `/boards/${board.id}`)).access).toBe('view')
	})

	it('a steward shares within the tribe at once; B declines another offer; the admin shares across tribes', async () => {
		const server = await start()
		const { ada, grace, sue, ben, bea, sam, circleA, circleB, circleC, circleS } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Steward’s pick')
		const direct = await sue.json<BoardShare>('POST', `/boards/${board.id}/shares`, { circleId: circleC.id })
		expect(direct).toMatchObject({ state: 'accepted', acceptedBy: { displayName: 'Sue' } })

		const other = await createBoard(grace, circleA.id, 'Not for B')
		const offered = await grace.json<BoardShare>('POST', `/boards/${other.id}/shares`, {
			circleId: circleB.id,
		})
		expect((await ben.send('POST', `/board-shares/${offered.id}/decline`)).status).toBe(204)
		expect(await ben.json<BoardOffer[]>('GET', `/circles/${circleB.id}/board-offers`)).toEqual([])
		expect((await bea.send('GET', `/boards/${other.id}`)).status).toBe(404)
		// Declined, it may be offered again.
		expect((await offer(grace, other.id, circleB.id)).status).toBe(201)

		// Across tribes: South is private, so the admin (who sees it) offers; it is shared at once.
		const across = await ada.json<BoardShare>('POST', `/boards/${board.id}/shares`, { circleId: circleS.id })
		expect(across.state).toBe('accepted')
		expect(await sam.json<Board>('GET', `/boards/${board.id}`)).toMatchObject({ access: 'edit' })
		// Grace may not know of South's circle: her board names only the circles she may see.
		expect((await grace.json<Board>('GET', `/boards/${board.id}`)).sharedWith).toEqual([
			{ circleId: circleC.id, circleName: 'Circle C' },
		])
		expect(
			(await grace.json<BoardShares>('GET', `/boards/${board.id}/shares`)).shares.map((s) => s.circle.name),
		).toEqual(['Circle C'])
		// Sam, of South, withdraws his circle.
		expect((await sam.send('DELETE', `/board-shares/${across.id}`)).status).toBe(204)
		expect((await sam.send('GET', `/boards/${board.id}`)).status).toBe(404)
	})
})

onEachDatabase('cross-circle boards: errors', (start) => {
	it('answers each wrong request with a clear problem', async () => {
		const server = await start()
		const { grace, ben, circleA, circleB } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Retro')

		const own = await problemOf(await offer(grace, board.id, circleA.id))
		expect(own).toMatchObject({ status: 400, code: 'VALIDATION', issues: [{ path: 'circleId' }] })
		const malformed = await problemOf(
			await grace.send('POST', `/boards/${board.id}/shares`, { circleId: 'x' }),
		)
		expect(malformed).toMatchObject({ status: 400, issues: [{ path: 'circleId' }] })
		const unknown = await problemOf(await offer(grace, board.id, 'circle-that-is-not-there'))
		expect(unknown).toMatchObject({ status: 404, code: 'NOT_FOUND' })

		const offered = await grace.json<BoardShare>('POST', `/boards/${board.id}/shares`, {
			circleId: circleB.id,
		})
		const twice = await problemOf(await offer(grace, board.id, circleB.id))
		expect(twice).toMatchObject({
			status: 409,
			detail: 'This board is already shared with Circle B, or offered to it.',
		})
		await ben.json('POST', `/board-shares/${offered.id}/accept`)
		expect(await problemOf(await ben.send('POST', `/board-shares/${offered.id}/accept`))).toMatchObject({
			status: 409,
		})
		expect(await problemOf(await ben.send('POST', `/board-shares/${offered.id}/decline`))).toMatchObject({
			status: 409,
		})
		expect((await ben.send('DELETE', `/board-shares/${offered.id}`)).status).toBe(204)
		expect(await problemOf(await ben.send('DELETE', `/board-shares/${offered.id}`))).toMatchObject({
			status: 404,
		})
		expect(await problemOf(await ben.send('POST', '/board-shares/not%20an%20id/accept'))).toMatchObject({
			status: 404,
		})

		await grace.json('PATCH', `/boards/${board.id}`, { archived: true })
		expect(await problemOf(await offer(grace, board.id, circleB.id))).toMatchObject({
			status: 409,
			detail: 'An archived board cannot be shared: unarchive it first.',
		})
		expect(await new Browser(server).send('GET', `/boards/${board.id}/shares`)).toHaveProperty('status', 401)
	})

	it(`shares a board with at most ${MAX_SHARES_PER_BOARD} circles, offers included (409 beyond)`, async () => {
		const server = await start({ env: { RATE_LIMIT_WRITES_PER_MINUTE: '0' } })
		const { ada, grace, tribe, circleA } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Popular')
		for (let i = 0; i < MAX_SHARES_PER_BOARD; i++) {
			const circle = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, {
				name: `Circle ${i}`,
			})
			expect((await offer(grace, board.id, circle.id)).status).toBe(201)
		}
		const oneMore = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, { name: 'One more' })
		expect(await problemOf(await offer(grace, board.id, oneMore.id))).toMatchObject({
			status: 409,
			detail: `A board may be shared with at most ${MAX_SHARES_PER_BOARD} circles (offers included): stop sharing it with one first.`,
		})
		expect((await grace.json<BoardShares>('GET', `/boards/${board.id}/shares`)).remaining).toBe(0)
	})

	it(`keeps at most ${MAX_PENDING_OFFERS_PER_CIRCLE} offers waiting for one circle (409 beyond)`, async () => {
		const server = await start({ env: { RATE_LIMIT_WRITES_PER_MINUTE: '0' } })
		const { grace, circleA, circleB } = await world(server)
		for (let i = 0; i < MAX_PENDING_OFFERS_PER_CIRCLE; i++) {
			const board = await createBoard(grace, circleA.id, `Offer ${i}`)
			expect((await offer(grace, board.id, circleB.id)).status).toBe(201)
		}
		const last = await createBoard(grace, circleA.id, 'One too many')
		expect(await problemOf(await offer(grace, last.id, circleB.id))).toMatchObject({
			status: 409,
			detail: `Circle B has ${MAX_PENDING_OFFERS_PER_CIRCLE} offers waiting for an answer already: try again once its facilitators have answered some.`,
		})
	})
})

onEachDatabase('cross-circle boards: security', (start) => {
	it('refuses a member who offers a board (403), and an offer to a circle one cannot see (404)', async () => {
		const server = await start()
		const { grace, mia, ben, circleA, circleB, circleS } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Ours')
		expect(await problemOf(await offer(mia, board.id, circleB.id))).toMatchObject({ status: 403 })
		// Ben (of B) cannot see A's circle board at all, so he cannot offer it either.
		expect(await problemOf(await offer(ben, board.id, circleB.id))).toMatchObject({ status: 404 })
		// South is private and Grace is not in it: its circle is as unknown as one that does not exist.
		expect(await problemOf(await offer(grace, board.id, circleS.id))).toMatchObject({
			status: 404,
			issues: [{ path: 'circleId' }],
		})
		expect((await grace.json<BoardShares>('GET', `/boards/${board.id}/shares`)).shares).toEqual([])
	})

	it('refuses a facilitator of a third circle, and a member of the receiving circle, who answer an offer', async () => {
		const server = await start()
		const { grace, cal, bea, ben, circleA, circleB, circleC } = await world(server)
		const board = await createBoard(grace, circleA.id, 'For B only')
		const offered = await grace.json<BoardShare>('POST', `/boards/${board.id}/shares`, {
			circleId: circleB.id,
		})
		for (const who of [cal, bea]) {
			for (const action of ['accept', 'decline']) {
				expect(
					await problemOf(await who.send('POST', `/board-shares/${offered.id}/${action}`)),
				).toMatchObject({
					status: 404,
				})
			}
			expect(await problemOf(await who.send('DELETE', `/board-shares/${offered.id}`))).toMatchObject({
				status: 404,
			})
		}
		expect(await problemOf(await cal.send('GET', `/circles/${circleB.id}/board-offers`))).toMatchObject({
			status: 403,
		})
		expect(await problemOf(await bea.send('GET', `/circles/${circleB.id}/board-offers`))).toMatchObject({
			status: 403,
		})
		expect(await cal.json<BoardOffer[]>('GET', `/circles/${circleC.id}/board-offers`)).toEqual([])
		// Still waiting for B.
		expect(
			(await ben.json<BoardOffer[]>('GET', `/circles/${circleB.id}/board-offers`)).map((o) => o.id),
		).toEqual([offered.id])
		// B's facilitator may not end the owners' part either: it is an offer, he answers it.
		expect((await ben.json<BoardShare>('POST', `/board-shares/${offered.id}/accept`)).state).toBe('accepted')
		// Accepted, B's facilitator edits but does not manage the board.
		expect(
			await problemOf(await ben.send('PATCH', `/boards/${board.id}`, { title: 'Renamed by B' })),
		).toMatchObject({
			status: 403,
		})
		expect(
			await problemOf(await ben.send('POST', `/boards/${board.id}/shares`, { circleId: circleC.id })),
		).toMatchObject({ status: 403 })
	})

	it('shows nothing of a board only offered to B to B’s members, and only its title to B’s facilitator', async () => {
		const server = await start()
		const { grace, ben, bea, circleA, circleB } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Offered, not accepted')
		await grace.json('POST', `/boards/${board.id}/shares`, { circleId: circleB.id })
		for (const who of [ben, bea]) {
			expect((await who.send('GET', `/boards/${board.id}`)).status).toBe(404)
			expect((await who.send('GET', `/boards/${board.id}/shares`)).status).toBe(404)
			expect((await who.send('GET', `/boards/${board.id}/snapshots`)).status).toBe(404)
			expect((await who.send('GET', `/boards/${board.id}/tldr`)).status).toBe(404)
			expect(await who.json<Board[]>('GET', `/circles/${circleB.id}/boards`)).toEqual([])
			const socket = live(server, board.id, who)
			await eventually(() => expect(socket.closes).toEqual([CloseCode.BOARD_NOT_FOUND]))
		}
		const offers = await ben.json<BoardOffer[]>('GET', `/circles/${circleB.id}/board-offers`)
		expect(offers.map((o) => o.board)).toEqual([{ id: board.id, title: 'Offered, not accepted' }])
	})

	it('a member removed from B loses the shared board live, though it belongs to A', async () => {
		const server = await start()
		const { grace, ben, bea, circleA, circleB } = await world(server)
		const board = await createBoard(grace, circleA.id, 'Shared')
		const offered = await grace.json<BoardShare>('POST', `/boards/${board.id}/shares`, {
			circleId: circleB.id,
		})
		await ben.json('POST', `/board-shares/${offered.id}/accept`)
		const beaLive = live(server, board.id, bea)
		await synced(beaLive)
		expect((await ben.send('DELETE', `/circles/${circleB.id}/members/${bea.user?.id}`)).status).toBe(204)
		await eventually(() => expect(beaLive.closes).toEqual([CloseCode.FORBIDDEN]))
	})
})
