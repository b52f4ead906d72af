import { META_MAP, RECORDS_MAP, SCHEMA_KEY } from '@circlespace/shared'
import type { BoardBacklinksPage, BoardLinksPage } from '@circlespace/shared/boardSchema/boardLinkApi.ts'
import { expect, it } from 'vitest'
import type * as Y from 'yjs'
import { makePage, makeShape } from '../snapshots/testBoards.ts'
import { currentSchema } from '../snapshots/tldrawSchema.ts'
import { Browser } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { connectProvider, eventually, synced, type TestServer } from '../testing/testServer.ts'

/**
 * `GET /api/boards/:id/links` and `/backlinks` on both databases: links written by real
 * y-websocket clients as board-link shapes, read by the server's own indexing pass (flushed
 * rather than waited for).
 */

const page = makePage('Page 1', 'a1')

/** Puts board-link shapes (name → target board) on a board as `who`'s browser would; null removes one. */
async function writeLinks(
	server: TestServer,
	who: Browser,
	boardId: string,
	links: Record<string, string | null>,
) {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	await synced(provider)
	const doc: Y.Doc = provider.doc
	doc.transact(() => {
		const records = doc.getMap<string>(RECORDS_MAP)
		records.set(page.id, JSON.stringify(page))
		for (const [name, target] of Object.entries(links)) {
			const link = {
				...makeShape('geo', name, page.id, 'a1'),
				type: 'board-link',
				props: { boardId: target, w: 240, h: 200 },
			}
			if (target === null) records.delete(link.id)
			else records.set(link.id, JSON.stringify(link))
		}
		doc.getMap<string>(META_MAP).set(SCHEMA_KEY, JSON.stringify(currentSchema))
	})
	await eventually(async () => {
		const room = await server.rooms.peek(boardId)
		expect(room?.doc.getMap(RECORDS_MAP).size).toBe(doc.getMap(RECORDS_MAP).size)
	})
	provider.destroy()
}

const linksOf = (who: Browser, boardId: string) => who.json<BoardLinksPage>('GET', `/boards/${boardId}/links`)
const backlinksOf = (who: Browser, boardId: string) =>
	who.json<BoardBacklinksPage>('GET', `/boards/${boardId}/backlinks`)

/** Asks until the indexing pass has caught up with what was stored and `check` holds. */
const eventuallyRead = (server: TestServer, check: () => Promise<void>) =>
	eventually(async () => {
		await server.searchIndexer.flush()
		await check()
	}, 10_000)

/**
 * Circle A (Grace facilitates, Mia is a member) has `source` (circle only) and `target` (the
 * tribe's); circle B (Ben) has `hidden` (circle only). `source` links to `target` and `hidden`;
 * `hidden` links to `target`.
 */
async function world(server: TestServer) {
	const seeded = await seedSpacesWorld(server)
	const { grace, ada, ben, circleA, circleB } = seeded
	const source = await createBoard(grace, circleA.id, 'Harvest plans')
	const target = await createBoard(grace, circleA.id, 'Seed library', 'tribe')
	const hidden = await createBoard(ada, circleB.id, 'B’s private notes')
	await writeLinks(server, grace, source.id, { toTarget: target.id, toHidden: hidden.id })
	await writeLinks(server, ben, hidden.id, { toTarget: target.id })
	return { ...seeded, source, target, hidden }
}

onEachDatabase('board links: happy path', (start) => {
	it('lists a board’s links with their titles, and the boards linking to one', async () => {
		const server = await start()
		const { grace, circleA, source, target } = await world(server)
		await eventuallyRead(server, async () => {
			expect(await backlinksOf(grace, target.id)).toEqual({
				boards: [
					{
						id: source.id,
						title: 'Harvest plans',
						circle: { id: circleA.id, name: 'Circle A' },
						archived: false,
					},
				],
			})
		})
		expect((await linksOf(grace, source.id)).links).toContainEqual({
			shapeId: 'shape:toTarget',
			board: {
				id: target.id,
				title: 'Seed library',
				circle: { id: circleA.id, name: 'Circle A' },
				archived: false,
			},
		})
	})

	it('follows the content: a link removed, or its board deleted, is no longer a backlink', async () => {
		const server = await start()
		const { grace, ada, source, target, hidden } = await world(server)
		await eventuallyRead(server, async () => {
			expect((await backlinksOf(ada, target.id)).boards.map((b) => b.id).sort()).toEqual(
				[source.id, hidden.id].sort(),
			)
		})
		await writeLinks(server, grace, source.id, { toTarget: null })
		expect((await ada.send('DELETE', `/boards/${hidden.id}`)).status).toBe(204)
		await eventuallyRead(server, async () => {
			expect(await backlinksOf(ada, target.id)).toEqual({ boards: [] })
			expect((await linksOf(ada, source.id)).links.map((l) => l.shapeId)).toEqual(['shape:toHidden'])
		})
		// The shape still names the deleted board: it shows as a board one cannot open.
		expect((await linksOf(ada, source.id)).links).toEqual([{ shapeId: 'shape:toHidden', board: null }])
	})
})

onEachDatabase('board links: security', (start) => {
	it('a link to a board the reader may not view shows no title: “a board you cannot open”', async () => {
		const server = await start()
		const { mia, source, target } = await world(server)
		await eventuallyRead(server, async () => {
			expect((await linksOf(mia, source.id)).links).toHaveLength(2)
		})
		const { links } = await linksOf(mia, source.id)
		expect(links.find((l) => l.shapeId === 'shape:toHidden')).toEqual({
			shapeId: 'shape:toHidden',
			board: null,
		})
		expect(links.find((l) => l.shapeId === 'shape:toTarget')?.board?.id).toBe(target.id)
		expect(JSON.stringify(links)).not.toContain('private notes')
	})

	it('leaves out, uncounted, a backlink from a board the reader may not view', async () => {
		const server = await start()
		const { mia, ben, ada, source, target, hidden } = await world(server)
		await eventuallyRead(server, async () => {
			expect((await backlinksOf(ada, target.id)).boards).toHaveLength(2)
		})
		// Mia (circle A) cannot view B's board; Ben (circle B) cannot view A's circle board.
		expect((await backlinksOf(mia, target.id)).boards.map((b) => b.id)).toEqual([source.id])
		expect((await backlinksOf(ben, target.id)).boards.map((b) => b.id)).toEqual([hidden.id])
		expect(JSON.stringify(await backlinksOf(mia, target.id))).not.toContain('private notes')
	})

	it('answers 404 to someone who may not view the board, and 401 to someone signed out', async () => {
		const server = await start()
		const { olu, ben, source } = await world(server)
		for (const route of [`/boards/${source.id}/links`, `/boards/${source.id}/backlinks`]) {
			expect((await olu.send('GET', route)).status).toBe(404)
			expect((await ben.send('GET', route)).status).toBe(404)
			expect((await new Browser(server).send('GET', route)).status).toBe(401)
		}
		expect((await olu.send('GET', '/boards/no-such-board-here/links')).status).toBe(404)
	})
})
