import { META_MAP, RECORDS_MAP, SCHEMA_KEY, type SearchPage } from '@circlespace/shared'
import { toRichText } from '@tldraw/tlschema'
import { expect, it } from 'vitest'
import type * as Y from 'yjs'
import { makePage, makeShape } from '../snapshots/testBoards.ts'
import { currentSchema } from '../snapshots/tldrawSchema.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { connectProvider, eventually, synced, type TestServer } from '../testing/testServer.ts'

/**
 * `GET /api/search` on both databases, with content written by real y-websocket clients and
 * indexed by the server's own indexer (flushed rather than waited for).
 */

const page = makePage('Page 1', 'a1')

/** Writes notes onto a board as `who`'s browser would, and waits until the server has them. */
async function writeNotes(server: TestServer, who: Browser, boardId: string, notes: Record<string, string>) {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	await synced(provider)
	const doc: Y.Doc = provider.doc
	doc.transact(() => {
		const records = doc.getMap<string>(RECORDS_MAP)
		records.set(page.id, JSON.stringify(page))
		for (const [name, text] of Object.entries(notes)) {
			const note = makeShape('note', name, page.id, 'a1', { richText: toRichText(text) })
			records.set(note.id, JSON.stringify(note))
		}
		doc.getMap<string>(META_MAP).set(SCHEMA_KEY, JSON.stringify(currentSchema))
	})
	await eventually(async () => {
		const room = await server.rooms.peek(boardId)
		expect(room?.doc.getMap(RECORDS_MAP).size).toBe(doc.getMap(RECORDS_MAP).size)
	})
	provider.destroy()
}

const search = (who: Browser, query: string, cursor?: string) =>
	who.json<SearchPage>(
		'GET',
		`/search?q=${encodeURIComponent(query)}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
	)

/** Searches until the server's indexer has caught up with what was stored and `check` holds. */
const eventuallyFound = (server: TestServer, check: () => Promise<void>) =>
	eventually(async () => {
		await server.searchIndexer.flush()
		await check()
	}, 10_000)

onEachDatabase('search routes', (start) => {
	it('finds the words on a board and its title, with snippet, circle and the shape to open', async () => {
		const server = await start()
		const { grace, mia, circleA, tribe } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Harvest plans')
		await writeNotes(server, grace, board.id, {
			compost: 'Turn the compost heap every week',
			other: 'Water the beans',
		})

		await eventuallyFound(server, async () => {
			const found = await search(mia, 'compo')
			expect(found).toEqual({
				results: [
					{
						boardId: board.id,
						boardTitle: 'Harvest plans',
						circles: [{ id: circleA.id, name: 'Circle A' }],
						tribe: { id: tribe.id, name: 'North' },
						journeyDay: null,
						shapeId: 'shape:compost',
						snippet: 'Turn the compost heap every week',
						highlights: [[9, 16]],
					},
				],
				nextCursor: null,
			})
		})
		const title = await search(mia, 'harvest')
		expect(title.results.map((r) => [r.shapeId, r.snippet])).toEqual([[null, 'Harvest plans']])
		expect((await search(mia, 'beans compost')).results).toEqual([])

		// Kept current: a note changed, a board renamed.
		await writeNotes(server, grace, board.id, { compost: 'Spread the mulch' })
		await grace.json('PATCH', `/boards/${board.id}`, { title: 'Autumn plans' })
		await eventuallyFound(server, async () => {
			expect((await search(mia, 'compost')).results).toEqual([])
			expect((await search(mia, 'mulch')).results.map((r) => r.boardTitle)).toEqual(['Autumn plans'])
			expect((await search(mia, 'autumn')).results.map((r) => r.shapeId)).toEqual([null])
		})
	})

	it('pages through many matches with a cursor, best first, without repeats', async () => {
		const server = await start()
		const { grace, mia, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Seeds')
		const notes = Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`n${i}`, `seed packet ${i}`]))
		await writeNotes(server, grace, board.id, notes)
		await eventuallyFound(server, async () => {
			expect((await search(mia, 'packet')).results).toHaveLength(20)
		})
		const first = await search(mia, 'seed')
		// The title first: it counts double.
		expect(first.results[0]).toMatchObject({ shapeId: null, snippet: 'Seeds' })
		expect(first.results).toHaveLength(20)
		expect(first.nextCursor).toEqual(expect.any(String))
		const second = await search(mia, 'seed', first.nextCursor ?? '')
		expect(second.results).toHaveLength(6)
		expect(second.nextCursor).toBeNull()
		const shapes = [...first.results, ...second.results].map((r) => r.shapeId)
		expect(new Set(shapes).size).toBe(26)
	})

	it('refuses a query that is missing, empty, too long or not ours, and anyone not signed in', async () => {
		const server = await start()
		const { mia, olu } = await seedSpacesWorld(server)
		for (const route of [
			'/search',
			'/search?q=',
			'/search?q=%20%20%20',
			`/search?q=${'a'.repeat(201)}`,
			'/search?q=ok&cursor=not*base64',
			`/search?q=ok&cursor=${Buffer.from('o999999').toString('base64url')}`,
			`/search?q=ok&cursor=${Buffer.from('o0').toString('base64url')}`,
			'/search?q=ok&sort=oldest',
		]) {
			const response = await mia.send('GET', route)
			expect(response.status, route).toBe(400)
			expect((await problemOf(response)).code).toBe('VALIDATION')
		}
		expect((await mia.send('GET', `/search?q=${'a'.repeat(200)}`)).status).toBe(200)
		// A query of no word (punctuation only) finds nothing rather than failing.
		expect(await search(olu, '!!! ???')).toEqual({ results: [], nextCursor: null })
		const anonymous = await fetch(`${server.url}/api/search?q=plans`)
		expect(anonymous.status).toBe(401)
	})

	it('never shows a title, snippet or count of a board the caller may not view, also right after losing access', async () => {
		const server = await start()
		const { ada, grace, mia, ben, olu, circleA } = await seedSpacesWorld(server)
		const secret = await createBoard(grace, circleA.id, 'Confidential roadmap')
		const shared = await createBoard(grace, circleA.id, 'Tribe roadmap', 'tribe')
		const open = await createBoard(grace, circleA.id, 'Public roadmap', 'instance')
		await writeNotes(server, grace, secret.id, { s: 'zebra salary figures' })
		await writeNotes(server, grace, shared.id, { t: 'zebra crossing for the tribe' })
		await writeNotes(server, grace, open.id, { o: 'zebra at the zoo' })
		await eventuallyFound(server, async () => {
			expect((await search(mia, 'zebra')).results).toHaveLength(3)
		})
		const boardsFor = async (who: Browser, query = 'zebra') => {
			const found = await search(who, query)
			return found.results.map((r) => r.boardId).sort()
		}
		const leaks = async (who: Browser) => {
			const body = JSON.stringify(await search(who, 'zebra'))
			const roadmap = JSON.stringify(await search(who, 'roadmap'))
			return /salary|Confidential/.test(body + roadmap) || (body + roadmap).includes(secret.id)
		}
		// Ben is in another circle of the tribe: the tribe's and the instance's boards, never the circle's.
		expect(await boardsFor(ben)).toEqual([shared.id, open.id].sort())
		expect(await boardsFor(ben, 'salary')).toEqual([])
		expect(await leaks(ben)).toBe(false)
		// Olu is in no tribe: only what the instance may read.
		expect(await boardsFor(olu)).toEqual([open.id])
		expect(await boardsFor(olu, 'roadmap')).toEqual([open.id])
		expect(await leaks(olu)).toBe(false)

		// Removed from the circle: the circle's board is gone from her results at once, no re-index needed.
		expect(await boardsFor(mia, 'salary')).toEqual([secret.id])
		const removed = await ada.send('DELETE', `/circles/${circleA.id}/members/${mia.user?.id}`)
		expect(removed.status).toBe(204)
		expect(await boardsFor(mia, 'salary')).toEqual([])
		expect(await leaks(mia)).toBe(false)

		// Archived and deleted boards are found by no one, not even the facilitator.
		await grace.json('PATCH', `/boards/${shared.id}`, { archived: true })
		expect((await grace.send('DELETE', `/boards/${open.id}`)).status).toBe(204)
		expect(await boardsFor(grace)).toEqual([secret.id])
		expect(await boardsFor(ben)).toEqual([])
		expect(await boardsFor(olu, 'roadmap')).toEqual([])
		// Made visible again: found again, from the same index.
		await grace.json('PATCH', `/boards/${shared.id}`, { archived: false })
		expect(await boardsFor(ben)).toEqual([shared.id])
	})
})

onEachDatabase('search: boards shared with another circle', (start) => {
	it("finds a circle-only board shared with circle B for B's members once accepted, never while offered or after withdrawal", async () => {
		const server = await start()
		const { ada, grace, ben, circleA, circleB } = await seedSpacesWorld(server)
		const shared = await createBoard(grace, circleA.id, 'Joint retreat')
		const offered = await createBoard(grace, circleA.id, 'Offered retreat')
		await writeNotes(server, grace, shared.id, { s: 'walrus meeting notes' })
		await writeNotes(server, grace, offered.id, { o: 'walrus budget figures' })
		const share = (boardId: string, acceptedBy: string | null) =>
			server.storage.boardShares.offer({
				id: `share-${boardId}`,
				boardId,
				circleId: circleB.id,
				offeredBy: ada.user?.id ?? '',
				at: new Date(),
				acceptedBy,
				limits: { perBoard: 10, pendingPerCircle: 10 },
			})
		expect((await share(shared.id, ada.user?.id ?? null)).outcome).toBe('created')
		expect((await share(offered.id, null)).outcome).toBe('created')
		await eventuallyFound(server, async () => {
			expect((await search(grace, 'walrus')).results).toHaveLength(2)
		})
		const found = await search(ben, 'walrus')
		expect(found.results.map((r) => r.boardId)).toEqual([shared.id])
		expect(JSON.stringify(await search(ben, 'budget'))).not.toMatch(/budget|Offered/)

		// Circle B withdraws: the board is out of Ben's next search.
		expect(await server.storage.boardShares.delete(`share-${shared.id}`)).toBe(true)
		expect((await search(ben, 'walrus')).results).toEqual([])
	})
})
