import type { Board, GalleryPage, PresenceCounts } from '@circlespace/shared'
import { expect, it } from 'vitest'
import { tinyPng } from '../assets/testImages.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { connectProvider, eventually, synced, type TestServer } from '../testing/testServer.ts'

/** The tribe and instance galleries and their presence counts, on SQLite and PostgreSQL. */

/**
 * The world of `seedSpacesWorld` with boards of circle A — "Day 12 check-in" (tribe), "A's
 * secrets" (circle), "Open house" (instance) — and "B's plans" (circle) of circle B.
 */
async function galleryWorld(server: TestServer) {
	const world = await seedSpacesWorld(server)
	const tribeBoard = await createBoard(world.grace, world.circleA.id, 'Day 12 check-in', 'tribe')
	const secret = await createBoard(world.grace, world.circleA.id, "A's secrets", 'circle')
	const open = await createBoard(world.grace, world.circleA.id, 'Open house', 'instance')
	const bPlans = await createBoard(world.ada, world.circleB.id, "B's plans", 'circle')
	return { ...world, tribeBoard, secret, open, bPlans }
}

const titles = (page: GalleryPage) => page.cards.map((card) => card.title).sort()

async function gallery(who: Browser, route: string): Promise<GalleryPage> {
	const response = await who.send('GET', route)
	expect(response.status).toBe(200)
	return (await response.json()) as GalleryPage
}

/** Everything an answer tells, as text: nothing of a hidden board may be in it. */
async function answerText(who: Browser, route: string): Promise<string> {
	return (await who.send('GET', route)).text()
}

onEachDatabase('gallery: happy path', (start) => {
	it("a member of circle B sees the tribe's boards they may view, newest edit first, with circle, day and thumbnail", async () => {
		const server = await start()
		const { ben, grace, tribe, circleA, tribeBoard, bPlans } = await galleryWorld(server)
		await server.storage.boards.update(tribeBoard.id, { journeyDay: 12 })
		const put = await fetch(`${server.url}/api/boards/${tribeBoard.id}/thumbnail`, {
			method: 'PUT',
			headers: { origin: server.url, cookie: grace.cookie, 'content-type': 'image/png' },
			body: tinyPng(),
		})
		expect(put.status).toBe(204)
		// Edited last: first in the gallery.
		await server.storage.boards.touch(tribeBoard.id)

		const page = await gallery(ben, `/tribes/${tribe.id}/gallery`)
		expect(titles(page)).toEqual(["B's plans", 'Day 12 check-in', 'Open house'])
		expect(page.nextCursor).toBeNull()
		const [first] = page.cards
		expect(first).toMatchObject({
			boardId: tribeBoard.id,
			title: 'Day 12 check-in',
			circles: [{ id: circleA.id, name: 'Circle A' }],
			tribe: { id: tribe.id, name: 'North' },
			journeyDay: 12,
			presence: 0,
		})
		expect(first?.thumbnailAt).toEqual(expect.any(String))
		expect(page.cards.find((card) => card.boardId === bPlans.id)?.thumbnailAt).toBeNull()
		const times = page.cards.map((card) => card.updatedAt)
		expect([...times].sort().reverse()).toEqual(times)
	})

	it('filters by circle and by journey day', async () => {
		const server = await start()
		const { ben, tribe, circleA, circleB, tribeBoard } = await galleryWorld(server)
		await server.storage.boards.update(tribeBoard.id, { journeyDay: 12 })
		expect(titles(await gallery(ben, `/tribes/${tribe.id}/gallery?circle=${circleB.id}`))).toEqual([
			"B's plans",
		])
		expect(titles(await gallery(ben, `/tribes/${tribe.id}/gallery?circle=${circleA.id}`))).toEqual([
			'Day 12 check-in',
			'Open house',
		])
		expect(titles(await gallery(ben, `/tribes/${tribe.id}/gallery?day=12`))).toEqual(['Day 12 check-in'])
		expect(titles(await gallery(ben, `/tribes/${tribe.id}/gallery?day=13`))).toEqual([])
	})

	it('pages through 30 boards with a cursor, each board once', async () => {
		const server = await start()
		const { ada, mia, tribe, circleA } = await seedSpacesWorld(server)
		const made: Board[] = []
		for (let i = 0; i < 30; i++) made.push(await createBoard(ada, circleA.id, `Board ${i}`, 'circle'))
		const first = await gallery(mia, `/tribes/${tribe.id}/gallery`)
		expect(first.cards).toHaveLength(24)
		expect(first.nextCursor).toEqual(expect.any(String))
		const second = await gallery(mia, `/tribes/${tribe.id}/gallery?cursor=${first.nextCursor}`)
		expect(second.cards).toHaveLength(6)
		expect(second.nextCursor).toBeNull()
		const seen = [...first.cards, ...second.cards].map((card) => card.boardId)
		expect(new Set(seen).size).toBe(30)
		expect(seen.sort()).toEqual(made.map((board) => board.id).sort())
	})

	it('counts the people on a board now (a person with two tabs once), and the count follows them', async () => {
		const server = await start()
		const { ben, grace, mia, tribe, tribeBoard, open } = await galleryWorld(server)
		const route = `/gallery/presence?boards=${tribeBoard.id},${open.id}`
		expect(await (await ben.send('GET', route)).json()).toEqual({
			counts: { [tribeBoard.id]: 0, [open.id]: 0 },
		})
		const graceClient = connectProvider(server, tribeBoard.id, { cookie: grace.cookie })
		const graceSecondTab = connectProvider(server, tribeBoard.id, { cookie: grace.cookie })
		const miaClient = connectProvider(server, tribeBoard.id, { cookie: mia.cookie })
		try {
			await Promise.all([synced(graceClient), synced(graceSecondTab), synced(miaClient)])
			expect(await (await ben.send('GET', route)).json()).toEqual({
				counts: { [tribeBoard.id]: 2, [open.id]: 0 },
			})
			const page = await gallery(ben, `/tribes/${tribe.id}/gallery`)
			expect(page.cards.find((card) => card.boardId === tribeBoard.id)?.presence).toBe(2)
			miaClient.destroy()
			await eventually(async () => {
				const counts = (await (await ben.send('GET', route)).json()) as PresenceCounts
				expect(counts.counts[tribeBoard.id]).toBe(1)
			})
		} finally {
			graceClient.destroy()
			graceSecondTab.destroy()
			miaClient.destroy()
		}
	})

	it('the instance gallery lists instance-visible boards of every tribe, for anyone signed in', async () => {
		const server = await start()
		const { olu, open } = await galleryWorld(server)
		const page = await gallery(olu, '/gallery')
		expect(page.cards.map((card) => card.boardId)).toEqual([open.id])
	})
})

onEachDatabase('gallery: errors', (start) => {
	it('refuses a cursor that is not one, a day out of range and an unknown parameter', async () => {
		const server = await start()
		const { ben, tribe } = await galleryWorld(server)
		for (const query of ['cursor=bm90LWEtY3Vyc29y', 'day=0', 'day=many', 'sort=oldest']) {
			const refused = await ben.send('GET', `/tribes/${tribe.id}/gallery?${query}`)
			expect(refused.status).toBe(400)
			expect((await problemOf(refused)).code).toBe('VALIDATION')
		}
		const noBoards = await ben.send('GET', '/gallery/presence?boards=')
		expect(noBoards.status).toBe(400)
	})

	it('answers 404 for a tribe that does not exist', async () => {
		const server = await start()
		const { ben } = await galleryWorld(server)
		expect((await ben.send('GET', '/tribes/no-such-tribe-1/gallery')).status).toBe(404)
	})
})

onEachDatabase('gallery: security', (start) => {
	it("never tells the title, thumbnail or count of another circle's circle-only board", async () => {
		const server = await start()
		const { ben, grace, tribe, circleA, secret } = await galleryWorld(server)
		await fetch(`${server.url}/api/boards/${secret.id}/thumbnail`, {
			method: 'PUT',
			headers: { origin: server.url, cookie: grace.cookie, 'content-type': 'image/png' },
			body: tinyPng(),
		})
		await server.storage.boards.update(secret.id, { journeyDay: 3 })
		const graceClient = connectProvider(server, secret.id, { cookie: grace.cookie })
		try {
			await synced(graceClient)
			for (const route of [
				`/tribes/${tribe.id}/gallery`,
				`/tribes/${tribe.id}/gallery?circle=${circleA.id}`,
				`/tribes/${tribe.id}/gallery?day=3`,
				'/gallery',
			]) {
				const text = await answerText(ben, route)
				expect(text).not.toContain(secret.id)
				expect(text).not.toContain("A's secrets")
			}
			expect(titles(await gallery(ben, `/tribes/${tribe.id}/gallery?day=3`))).toEqual([])
			// Named outright, the board's count is left out, as for a board that does not exist.
			const counts = await (
				await ben.send('GET', `/gallery/presence?boards=${secret.id},nope-nope-nope`)
			).json()
			expect(counts).toEqual({ counts: {} })
		} finally {
			graceClient.destroy()
		}
	})

	it('someone outside the tribe sees only its instance-visible boards, and nothing of a private tribe', async () => {
		const server = await start()
		const { ada, olu, tribe, open } = await galleryWorld(server)
		const page = await gallery(olu, `/tribes/${tribe.id}/gallery`)
		expect(page.cards.map((card) => card.boardId)).toEqual([open.id])
		expect((await ada.send('PATCH', `/tribes/${tribe.id}`, { visibility: 'private' })).status).toBe(200)
		expect((await olu.send('GET', `/tribes/${tribe.id}/gallery`)).status).toBe(404)
	})

	it('archived and deleted boards leave the gallery, and a member who left loses the circle-only ones', async () => {
		const server = await start()
		const { grace, mia, tribe, circleA, secret, open } = await galleryWorld(server)
		expect(titles(await gallery(mia, `/tribes/${tribe.id}/gallery?circle=${circleA.id}`))).toContain(
			"A's secrets",
		)
		expect((await grace.send('PATCH', `/boards/${open.id}`, { archived: true })).status).toBe(200)
		expect((await grace.send('DELETE', `/boards/${secret.id}`)).status).toBe(204)
		expect(titles(await gallery(mia, `/tribes/${tribe.id}/gallery?circle=${circleA.id}`))).toEqual([
			'Day 12 check-in',
		])
		const other = await createBoard(grace, circleA.id, 'Still secret', 'circle')
		expect((await grace.send('DELETE', `/circles/${circleA.id}/members/${mia.user?.id}`)).status).toBe(204)
		const text = await answerText(mia, `/tribes/${tribe.id}/gallery`)
		expect(text).not.toContain(other.id)
	})

	it('signed out, no gallery', async () => {
		const server = await start()
		const { tribe } = await galleryWorld(server)
		expect((await fetch(`${server.url}/api/tribes/${tribe.id}/gallery`)).status).toBe(401)
		expect((await fetch(`${server.url}/api/gallery`)).status).toBe(401)
	})
})

onEachDatabase('gallery: boards shared with another circle', (start) => {
	it("a circle-only board shared with circle B shows to B's members once accepted, never while only offered", async () => {
		const server = await start()
		const { ada, ben, tribe, circleB, secret, bPlans } = await galleryWorld(server)
		const offered = await createBoard(ada, secret.circleId, 'Offered only', 'circle')
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
		expect((await share(secret.id, ada.user?.id ?? null)).outcome).toBe('created')
		expect((await share(offered.id, null)).outcome).toBe('created')

		const page = await gallery(ben, `/tribes/${tribe.id}/gallery`)
		expect(titles(page)).toContain("A's secrets")
		expect(titles(page)).not.toContain('Offered only')
		const counts = (await (
			await ben.send('GET', `/gallery/presence?boards=${secret.id},${offered.id},${bPlans.id}`)
		).json()) as PresenceCounts
		expect(Object.keys(counts.counts).sort()).toEqual([secret.id, bPlans.id].sort())
	})
})
