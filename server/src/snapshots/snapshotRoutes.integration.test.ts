import { readdirSync, readFileSync } from 'node:fs'
import {
	type Board,
	type ImportResult,
	META_MAP,
	RECORDS_MAP,
	type RestoreResult,
	SCHEMA_KEY,
	type SnapshotInfo,
} from '@circlespace/shared'
import type { TLRecord } from '@tldraw/tlschema'
import { expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import type * as Y from 'yjs'
import { tinyPng } from '../assets/testImages.ts'
import { docFromStored } from '../sync/storedDoc.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { TestClock } from '../testing/TestClock.ts'
import { connectProvider, eventually, synced, type TestServer } from '../testing/testServer.ts'
import { docFromSnapshotState } from './boardDoc.ts'
import { captureSnapshot } from './captureSnapshot.ts'
import { tldrMessages } from './parseTldrFile.ts'
import { makeShape, sampleBoard, tldraw } from './testBoards.ts'
import { currentSchema } from './tldrawSchema.ts'

/**
 * Snapshots, .tldr export and .tldr import through the API, with real y-websocket clients where
 * the live board matters, on SQLite and PostgreSQL.
 */

const fixturesDir = new URL('./fixtures/', import.meta.url)
const fixtureNames = readdirSync(fixturesDir).filter((name) => name.endsWith('.tldr'))
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, fixturesDir)))

/** Sends raw bytes as a browser of `who` would (session cookie, same-origin `Origin`). */
function sendBytes(
	server: TestServer,
	who: Browser,
	method: string,
	route: string,
	body: Uint8Array | string,
	contentType = 'application/json',
): Promise<Response> {
	return fetch(`${server.url}/api${route}`, {
		method,
		headers: { origin: server.url, cookie: who.cookie, 'content-type': contentType },
		body: typeof body === 'string' ? body : new Uint8Array(body),
	})
}

/** A live client of a board, signed in as `who`, synced. Destroy it before the test ends. */
async function liveClient(server: TestServer, who: Browser, boardId: string): Promise<WebsocketProvider> {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	await synced(provider)
	return provider
}

/** The records of a doc, id → JSON string. */
const recordsIn = (doc: Y.Doc): Record<string, string> => doc.getMap<string>(RECORDS_MAP).toJSON()

/** Writes records into a client's doc as the binding does: one JSON string each, with the schema. */
function draw(doc: Y.Doc, records: readonly TLRecord[]): void {
	doc.transact(() => {
		for (const record of records) doc.getMap<string>(RECORDS_MAP).set(record.id, JSON.stringify(record))
		doc.getMap<string>(META_MAP).set(SCHEMA_KEY, JSON.stringify(currentSchema))
	})
}

/** Waits until the server's live doc of a board holds the same records as `doc`. */
async function reachedServer(server: TestServer, boardId: string, doc: Y.Doc): Promise<void> {
	await eventually(async () => {
		const room = await server.rooms.peek(boardId)
		expect(room && recordsIn(room.doc)).toEqual(recordsIn(doc))
	})
}

/** What the database holds for a board (after the room wrote what it had). */
async function storedRecords(server: TestServer, boardId: string): Promise<Record<string, string>> {
	await (await server.rooms.peek(boardId))?.flush()
	return recordsIn(docFromStored(await server.storage.docs.load(boardId)))
}

/** Shapes of a .tldr text, by id, as tldraw's own parser opens it. */
function shapesOpenedByTldraw(text: string): Map<string, TLRecord> {
	const opened = tldraw.parseTldrawJsonFile({ json: text, schema: tldraw.createTLSchema() })
	if (!opened.ok) throw new Error(`tldraw refused the file: ${opened.error.type}`)
	return new Map(
		opened.value
			.allRecords()
			.filter((r) => r.typeName === 'shape')
			.map((r) => [r.id, r]),
	)
}

/** A shape without what an import onto another board changes (id, parent, index, asset id). */
function placeless(shape: TLRecord): unknown {
	const { id: _id, parentId: _parent, index: _index, ...rest } = shape as TLRecord & Record<string, unknown>
	const props = { ...(rest.props as Record<string, unknown>) }
	if ('assetId' in props) props.assetId = props.assetId ? 'an asset' : null
	return { ...rest, props }
}

/** The world of `seedSpacesWorld` with a board "Retro" of circle A drawn by Grace. */
async function retroBoard(server: TestServer, visibility = 'circle') {
	const world = await seedSpacesWorld(server)
	const board = await createBoard(world.grace, world.circleA.id, 'Retro', visibility)
	const grace = await liveClient(server, world.grace, board.id)
	const records = sampleBoard()
	draw(grace.doc, records)
	await reachedServer(server, board.id, grace.doc)
	return { ...world, board, records, graceClient: grace }
}

onEachDatabase('snapshots API: happy path', (start) => {
	it('a facilitator takes a snapshot of the live board; its viewers list and read it', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, board, graceClient } = await retroBoard(server)
		try {
			const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
				title: 'Day 12',
			})
			expect(snapshot).toEqual({
				id: expect.any(String),
				boardId: board.id,
				sessionId: null,
				title: 'Day 12',
				kind: 'manual',
				createdBy: { id: grace.user?.id, displayName: 'Grace', color: grace.user?.color },
				createdAt: clock.now().toISOString(),
				shapeCount: 10,
				participants: [],
				hasThumbnail: false,
			})
			clock.advance(60_000)
			// Without a title (and without a body), it is named by its date.
			const untitled = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
			expect(untitled.title).toBe('Snapshot — 2026-03-01 09:01 UTC')

			expect(await mia.json<SnapshotInfo[]>('GET', `/boards/${board.id}/snapshots`)).toEqual([
				untitled,
				snapshot,
			])
			expect(await mia.json<SnapshotInfo>('GET', `/snapshots/${snapshot.id}`)).toEqual(snapshot)

			// The snapshot is a copy: later changes to the board do not reach it.
			graceClient.doc.getMap(RECORDS_MAP).delete('shape:geo')
			await reachedServer(server, board.id, graceClient.doc)
			const copy = await mia.send('GET', `/snapshots/${snapshot.id}/tldr`)
			expect(shapesOpenedByTldraw(await copy.text()).has('shape:geo')).toBe(true)
			const live = await mia.send('GET', `/boards/${board.id}/tldr`)
			expect(shapesOpenedByTldraw(await live.text()).has('shape:geo')).toBe(false)
		} finally {
			graceClient.destroy()
		}
	})

	it('takes a snapshot of a board nobody has open, loading it', async () => {
		const server = await start({ env: { ROOM_IDLE_MS: '20' } })
		const { grace, board, graceClient, records } = await retroBoard(server)
		graceClient.destroy()
		// Unloaded once idle: its content is only in the database now.
		await eventually(() => expect(server.rooms.size).toBe(0))
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
			title: 'Closed',
		})
		expect(snapshot.shapeCount).toBe(records.filter((r) => r.typeName === 'shape').length)
	})

	it('exports the live board and a snapshot as .tldr files that tldraw opens with the same shapes', async () => {
		const server = await start()
		const { grace, mia, board, graceClient, records } = await retroBoard(server)
		try {
			const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
				title: 'Día 12 — “harvest”',
			})
			const drawn = new Map(records.filter((r) => r.typeName === 'shape').map((r) => [r.id, r]))
			for (const route of [`/boards/${board.id}/tldr`, `/snapshots/${snapshot.id}/tldr`]) {
				const response = await mia.send('GET', route)
				expect(response.status).toBe(200)
				expect(response.headers.get('content-type')).toMatch(/^application\/json/)
				expect(shapesOpenedByTldraw(await response.text())).toEqual(drawn)
			}
			const boardFile = await mia.send('GET', `/boards/${board.id}/tldr`)
			expect(boardFile.headers.get('content-disposition')).toBe(
				`attachment; filename="Retro.tldr"; filename*=UTF-8''Retro.tldr`,
			)
			const snapshotFile = await mia.send('GET', `/snapshots/${snapshot.id}/tldr`)
			const disposition = snapshotFile.headers.get('content-disposition') ?? ''
			expect(disposition).toContain(`filename="Retro - Dia 12 - _harvest_.tldr"`)
			const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)?.[1] ?? ''
			expect(decodeURIComponent(encoded)).toBe('Retro — Día 12 — “harvest”.tldr')
		} finally {
			graceClient.destroy()
		}
	})

	it('re-imports an export as a new board, and onto a board, with the same shapes', async () => {
		const server = await start()
		const { grace, mia, circleA, board, graceClient, records } = await retroBoard(server)
		try {
			const exported = await (await grace.send('GET', `/boards/${board.id}/tldr`)).text()

			const response = await sendBytes(
				server,
				grace,
				'POST',
				`/circles/${circleA.id}/boards/import?title=Copy`,
				exported,
			)
			expect(response.status).toBe(201)
			const copy = (await response.json()) as Board
			expect(copy).toMatchObject({
				title: 'Copy',
				circleId: circleA.id,
				visibility: 'circle',
				access: 'edit',
			})
			const copied = await (await mia.send('GET', `/boards/${copy.id}/tldr`)).text()
			expect(shapesOpenedByTldraw(copied)).toEqual(shapesOpenedByTldraw(exported))

			// Onto another board: the same shapes on one new page, under new ids.
			const other = await createBoard(grace, circleA.id, 'Other')
			const added = await sendBytes(server, mia, 'POST', `/boards/${other.id}/import`, exported)
			expect(added.status).toBe(201)
			expect((await added.json()) as ImportResult).toEqual({
				pageId: expect.stringMatching(/^page:/),
				pageName: 'Imported: Ideas',
				shapeCount: 10,
			})
			const onOther = shapesOpenedByTldraw(await (await mia.send('GET', `/boards/${other.id}/tldr`)).text())
			const comparable = (shapes: Iterable<TLRecord>) => [...shapes].map(placeless).sort(byJson)
			expect(comparable(onOther.values())).toEqual(comparable(records.filter((r) => r.typeName === 'shape')))
		} finally {
			graceClient.destroy()
		}
	})

	it('carries images in the file and stores them again on import', async () => {
		const server = await start()
		const world = await seedSpacesWorld(server)
		const upload = await sendBytes(server, world.grace, 'POST', '/assets', tinyPng(), 'image/png')
		const { src } = (await upload.json()) as { src: string }
		const board = await createBoard(world.grace, world.circleA.id, 'Photos')
		const client = await liveClient(server, world.grace, board.id)
		try {
			draw(client.doc, sampleBoard({ imageSrc: src }))
			await reachedServer(server, board.id, client.doc)
			const exported = await (await world.mia.send('GET', `/boards/${board.id}/tldr`)).text()
			const asset = JSON.parse(exported).records.find((r: TLRecord) => r.typeName === 'asset')
			expect(asset.props.src).toBe(`data:image/png;base64,${Buffer.from(tinyPng()).toString('base64')}`)

			const imported = await sendBytes(
				server,
				world.grace,
				'POST',
				`/circles/${world.circleA.id}/boards/import`,
				exported,
			)
			const copy = (await imported.json()) as Board
			// Without a title, the board is named after the file's document.
			expect(copy.title).toBe('Retro')
			const room = await server.rooms.peek(copy.id)
			const stored = Object.values(recordsIn(room?.doc as Y.Doc))
				.map((json) => JSON.parse(json))
				.find((r) => r.typeName === 'asset')
			expect(stored.props.src).toMatch(/^\/api\/assets\/[A-Za-z0-9_-]{24}\.png$/)
			expect(stored.props.src).not.toBe(src)
			const image = await world.mia.send('GET', stored.props.src.slice('/api'.length))
			expect(new Uint8Array(await image.arrayBuffer())).toEqual(tinyPng())
		} finally {
			client.destroy()
		}
	})

	it('imports every fixture onto a board: valid ones with their shapes, broken ones with their reason and no change', async () => {
		const server = await start()
		const { grace, mia, circleA, board, graceClient } = await retroBoard(server)
		try {
			// Every file of the folder has its expected outcome here.
			expect([...fixtureNames].sort()).toEqual(Object.keys(brokenFixtures).sort())
			for (const name of fixtureNames) {
				const bytes = fixture(name)
				const before = await storedRecords(server, board.id)
				const response = await sendBytes(server, mia, 'POST', `/boards/${board.id}/import`, bytes)
				const expectedShapes = validFixtureShapes(name)
				if (expectedShapes !== undefined) {
					expect(response.status, name).toBe(201)
					const result = (await response.json()) as ImportResult
					expect(result.shapeCount, name).toBe(expectedShapes)
					const after = await storedRecords(server, board.id)
					const addedShapes = Object.keys(after).filter((id) => !(id in before) && id.startsWith('shape:'))
					expect(addedShapes, name).toHaveLength(expectedShapes)
					expect(JSON.parse(after[result.pageId] as string).name, name).toMatch(/^Imported: /)
				} else {
					const problem = await problemOf(response)
					expect(problem, name).toMatchObject({
						status: 400,
						code: 'VALIDATION',
						detail: brokenFixtures[name],
					})
					expect(await storedRecords(server, board.id), name).toEqual(before)
				}
			}
			// As new boards: the valid file makes one, a broken one makes none.
			const boardsBefore = await grace.json<Board[]>('GET', `/circles/${circleA.id}/boards`)
			for (const name of fixtureNames) {
				const response = await sendBytes(
					server,
					grace,
					'POST',
					`/circles/${circleA.id}/boards/import?title=${name}`,
					fixture(name),
				)
				if (brokenFixtures[name]) {
					expect(await problemOf(response), name).toMatchObject({ status: 400, detail: brokenFixtures[name] })
				} else {
					expect(response.status, name).toBe(201)
					const created = (await response.json()) as Board
					const text = await (await grace.send('GET', `/boards/${created.id}/tldr`)).text()
					expect(shapesOpenedByTldraw(text).size, name).toBe(validFixtureShapes(name))
				}
			}
			const boardsAfter = await grace.json<Board[]>('GET', `/circles/${circleA.id}/boards`)
			const validCount = fixtureNames.filter((name) => !brokenFixtures[name]).length
			expect(boardsAfter.length).toBe(boardsBefore.length + validCount)
		} finally {
			graceClient.destroy()
		}
	})

	it('restores a snapshot: connected clients see the board as it was, and what it replaced is kept', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, board, graceClient } = await retroBoard(server)
		const miaClient = await liveClient(server, mia, board.id)
		try {
			const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
				title: 'Day 12',
			})
			const atSnapshot = recordsIn(graceClient.doc)
			// Mia moves a shape, deletes one and adds one.
			const geo = JSON.parse(atSnapshot['shape:geo'] as string)
			draw(miaClient.doc, [{ ...geo, x: 999 }, makeShape('note', 'later', 'page:Ideas', 'a9')])
			miaClient.doc.getMap(RECORDS_MAP).delete('shape:note')
			await reachedServer(server, board.id, miaClient.doc)
			await eventually(() => expect(recordsIn(graceClient.doc)).toEqual(recordsIn(miaClient.doc)))
			const beforeRestore = recordsIn(miaClient.doc)

			// Every change the restore makes reaches Grace's client; count the records it touches.
			const touched = new Set<string>()
			graceClient.doc.getMap(RECORDS_MAP).observe((event) => {
				for (const key of event.keysChanged) touched.add(key)
			})
			clock.advance(60_000)
			const result = await grace.json<RestoreResult>('POST', `/snapshots/${snapshot.id}/restore`)
			expect(result.restored).toEqual(snapshot)
			expect(result.savedBefore).toMatchObject({
				kind: 'before_restore',
				title: 'Before restoring Day 12',
				createdBy: { displayName: 'Grace' },
				createdAt: clock.now().toISOString(),
				shapeCount: 10,
			})

			await eventually(() => expect(recordsIn(miaClient.doc)).toEqual(atSnapshot))
			await eventually(() => expect(recordsIn(graceClient.doc)).toEqual(atSnapshot))
			expect(await storedRecords(server, board.id)).toEqual(atSnapshot)
			// Only what differed was changed: the moved, the deleted and the added shape.
			expect([...touched].sort()).toEqual(['shape:geo', 'shape:later', 'shape:note'])

			// The state just before the restore is listed, newest first, and holds Mia's changes.
			const listed = await mia.json<SnapshotInfo[]>('GET', `/boards/${board.id}/snapshots`)
			expect(listed.map((s) => s.id)).toEqual([result.savedBefore.id, snapshot.id])
			const saved = await server.storage.snapshots.getState(result.savedBefore.id)
			expect(recordsIn(docFromSnapshotState(saved as Uint8Array))).toEqual(beforeRestore)
			const savedFile = await (await mia.send('GET', `/snapshots/${result.savedBefore.id}/tldr`)).text()
			expect((shapesOpenedByTldraw(savedFile).get('shape:geo') as TLRecord & { x: number }).x).toBe(999)

			// Restoring that one brings Mia's changes back: nothing was lost.
			await grace.json<RestoreResult>('POST', `/snapshots/${result.savedBefore.id}/restore`)
			await eventually(() => expect(recordsIn(miaClient.doc)).toEqual(beforeRestore))
		} finally {
			miaClient.destroy()
			graceClient.destroy()
		}
	})

	it('stores a thumbnail and serves it to the board’s viewers', async () => {
		const server = await start()
		const { grace, mia, board, graceClient } = await retroBoard(server)
		graceClient.destroy()
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
			title: 'Day 12',
		})
		const put = await sendBytes(
			server,
			grace,
			'PUT',
			`/snapshots/${snapshot.id}/thumbnail`,
			tinyPng(),
			'image/png',
		)
		expect(put.status).toBe(204)
		const got = await mia.send('GET', `/snapshots/${snapshot.id}/thumbnail`)
		expect(got.status).toBe(200)
		expect(got.headers.get('content-type')).toBe('image/png')
		expect(got.headers.get('x-content-type-options')).toBe('nosniff')
		expect(new Uint8Array(await got.arrayBuffer())).toEqual(tinyPng())
		expect(await mia.json<SnapshotInfo>('GET', `/snapshots/${snapshot.id}`)).toMatchObject({
			hasThumbnail: true,
		})
	})

	it('records a session snapshot with its session and participants (as a live session’s end will)', async () => {
		const server = await start()
		const { grace, mia, board, graceClient } = await retroBoard(server)
		graceClient.destroy()
		const taken = await captureSnapshot(server, {
			boardId: board.id,
			kind: 'session',
			title: 'Check-in — 1 March',
			createdBy: null,
			sessionId: 'session-1234',
			participants: [mia.user?.id as string, grace.user?.id as string],
		})
		expect(await mia.json<SnapshotInfo>('GET', `/snapshots/${taken.id}`)).toMatchObject({
			kind: 'session',
			sessionId: 'session-1234',
			createdBy: null,
			participants: [{ displayName: 'Mia' }, { displayName: 'Grace' }],
			shapeCount: 10,
		})
	})
})

onEachDatabase('snapshots API: errors', (start) => {
	it('refuses a title that is empty, too long, or a field it does not know', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Retro')
		for (const body of [{ title: '  ' }, { title: 'x'.repeat(201) }, { title: 'ok', kind: 'session' }]) {
			const response = await grace.send('POST', `/boards/${board.id}/snapshots`, body)
			expect(await problemOf(response)).toMatchObject({ status: 400, code: 'VALIDATION' })
		}
		expect(await grace.json<SnapshotInfo[]>('GET', `/boards/${board.id}/snapshots`)).toEqual([])
	})

	it('answers 404 for snapshots that do not exist and for a missing thumbnail', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Retro')
		for (const route of [
			'/snapshots/AAAAAAAAAAAAAAAA',
			'/snapshots/not%20an%20id',
			'/snapshots/AAAAAAAAAAAAAAAA/tldr',
		]) {
			expect(await problemOf(await grace.send('GET', route))).toMatchObject({
				status: 404,
				code: 'NOT_FOUND',
			})
		}
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
		const thumbnail = await grace.send('GET', `/snapshots/${snapshot.id}/thumbnail`)
		expect(await problemOf(thumbnail)).toMatchObject({
			status: 404,
			detail: 'This snapshot has no thumbnail.',
		})
	})

	it('refuses a thumbnail that is not a PNG (415) or is over 2 MB (413)', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Retro')
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
		const route = `/snapshots/${snapshot.id}/thumbnail`
		const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])
		const html = '<!doctype html><script>alert(1)</script>'
		for (const body of [jpeg, html, new Uint8Array(0)]) {
			const response = await sendBytes(server, grace, 'PUT', route, body, 'image/png')
			expect(await problemOf(response)).toMatchObject({
				status: 415,
				code: 'UNSUPPORTED_MEDIA_TYPE',
				detail: 'A thumbnail must be a PNG image.',
			})
		}
		const big = new Uint8Array(2 * 1024 * 1024 + 1)
		big.set(tinyPng())
		expect(await problemOf(await sendBytes(server, grace, 'PUT', route, big, 'image/png'))).toMatchObject({
			status: 413,
			code: 'PAYLOAD_TOO_LARGE',
			detail: 'A thumbnail can be at most 2 MB.',
		})
		// A PNG of exactly 2 MB is fine.
		const exact = big.subarray(0, 2 * 1024 * 1024)
		expect((await sendBytes(server, grace, 'PUT', route, exact, 'image/png')).status).toBe(204)
	})

	it('refuses a file over the import limit with 413, declared or streamed, and changes nothing', async () => {
		const server = await start({ env: { MAX_IMPORT_BYTES: '4096' } })
		const { grace, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Retro')
		const tooLarge = {
			status: 413,
			code: 'PAYLOAD_TOO_LARGE',
			detail: 'This file is larger than the import limit (4 kB).',
		}
		const padded = `${JSON.stringify({ tldrawFileFormatVersion: 1 })}${' '.repeat(5000)}`
		expect(
			await problemOf(await sendBytes(server, grace, 'POST', `/boards/${board.id}/import`, padded)),
		).toMatchObject(tooLarge)
		const chunks = [new Uint8Array(3000), new Uint8Array(3000)]
		const streamed = await fetch(`${server.url}/api/circles/${circleA.id}/boards/import`, {
			method: 'POST',
			headers: { origin: server.url, cookie: grace.cookie, 'content-type': 'application/json' },
			body: new ReadableStream<Uint8Array>({
				pull(controller) {
					const next = chunks.shift()
					if (next) controller.enqueue(next)
					else controller.close()
				},
			}),
			duplex: 'half',
		} as RequestInit)
		expect(await problemOf(streamed)).toMatchObject(tooLarge)
		expect(await grace.json<Board[]>('GET', `/circles/${circleA.id}/boards`)).toHaveLength(1)
	})

	it('says the default import limit is 20 MB', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const response = await sendBytes(
			server,
			grace,
			'POST',
			`/circles/${circleA.id}/boards/import`,
			new Uint8Array(20 * 1024 * 1024 + 1),
		)
		expect(await problemOf(response)).toMatchObject({
			status: 413,
			detail: 'This file is larger than the import limit (20 MB).',
		})
	})

	it('refuses to restore onto an archived board (409), which stays as it is', async () => {
		const server = await start()
		const { grace, board, graceClient } = await retroBoard(server)
		try {
			const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
			graceClient.doc.getMap(RECORDS_MAP).delete('shape:geo')
			await reachedServer(server, board.id, graceClient.doc)
			await grace.json('PATCH', `/boards/${board.id}`, { archived: true })
			const before = await storedRecords(server, board.id)
			const response = await grace.send('POST', `/snapshots/${snapshot.id}/restore`)
			expect(await problemOf(response)).toMatchObject({ status: 409, code: 'CONFLICT' })
			expect(await storedRecords(server, board.id)).toEqual(before)
			expect(await grace.json<SnapshotInfo[]>('GET', `/boards/${board.id}/snapshots`)).toHaveLength(1)
		} finally {
			graceClient.destroy()
		}
	})
})

onEachDatabase('snapshots API: security', (start) => {
	it('a member (not a facilitator) cannot take, restore or give a thumbnail to snapshots (403)', async () => {
		const server = await start()
		const { grace, mia, circleA, board, graceClient } = await retroBoard(server)
		graceClient.destroy()
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
		const before = await storedRecords(server, board.id)
		const attempts = [
			mia.send('POST', `/boards/${board.id}/snapshots`, { title: 'Mine' }),
			mia.send('POST', `/snapshots/${snapshot.id}/restore`),
			sendBytes(server, mia, 'PUT', `/snapshots/${snapshot.id}/thumbnail`, tinyPng(), 'image/png'),
			sendBytes(server, mia, 'POST', `/circles/${circleA.id}/boards/import`, fixture('early-v2-alpha.tldr')),
		]
		for (const response of await Promise.all(attempts)) {
			expect(await problemOf(response)).toMatchObject({ status: 403, code: 'FORBIDDEN' })
		}
		expect((await mia.json<SnapshotInfo[]>('GET', `/boards/${board.id}/snapshots`)).map((s) => s.id)).toEqual(
			[snapshot.id],
		)
		expect(await storedRecords(server, board.id)).toEqual(before)
		expect(await mia.json<SnapshotInfo>('GET', `/snapshots/${snapshot.id}`)).toMatchObject({
			hasThumbnail: false,
		})
	})

	it('someone who cannot view a board gets 404 for its snapshots, thumbnails and exports', async () => {
		const server = await start()
		const { grace, ben, olu, board, graceClient } = await retroBoard(server)
		graceClient.destroy()
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
		await sendBytes(server, grace, 'PUT', `/snapshots/${snapshot.id}/thumbnail`, tinyPng(), 'image/png')
		for (const outsider of [ben, olu]) {
			const attempts = [
				outsider.send('GET', `/boards/${board.id}/snapshots`),
				outsider.send('POST', `/boards/${board.id}/snapshots`),
				outsider.send('GET', `/boards/${board.id}/tldr`),
				sendBytes(server, outsider, 'POST', `/boards/${board.id}/import`, fixture('early-v2-alpha.tldr')),
				outsider.send('GET', `/snapshots/${snapshot.id}`),
				outsider.send('GET', `/snapshots/${snapshot.id}/tldr`),
				outsider.send('GET', `/snapshots/${snapshot.id}/thumbnail`),
				sendBytes(server, outsider, 'PUT', `/snapshots/${snapshot.id}/thumbnail`, tinyPng(), 'image/png'),
				outsider.send('POST', `/snapshots/${snapshot.id}/restore`),
			]
			for (const response of await Promise.all(attempts)) {
				expect(await problemOf(response)).toMatchObject({ status: 404, code: 'NOT_FOUND' })
			}
		}
	})

	it('a snapshot of an unknown snapshot id and of a real one look the same to an outsider', async () => {
		const server = await start()
		const { grace, ben, board, graceClient } = await retroBoard(server)
		graceClient.destroy()
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
		const real = await problemOf(await ben.send('GET', `/snapshots/${snapshot.id}`))
		const unknown = await problemOf(await ben.send('GET', '/snapshots/BBBBBBBBBBBBBBBB'))
		expect(real.detail).toBe(unknown.detail)
	})

	it('a reader of a tribe board exports it and its snapshots, but may not import onto it', async () => {
		const server = await start()
		const { grace, ben, board, graceClient } = await retroBoard(server, 'tribe')
		graceClient.destroy()
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
		expect((await ben.send('GET', `/boards/${board.id}/tldr`)).status).toBe(200)
		expect((await ben.send('GET', `/snapshots/${snapshot.id}/tldr`)).status).toBe(200)
		expect((await ben.json<SnapshotInfo[]>('GET', `/boards/${board.id}/snapshots`)).length).toBe(1)
		const before = await storedRecords(server, board.id)
		const imported = await sendBytes(
			server,
			ben,
			'POST',
			`/boards/${board.id}/import`,
			fixture('early-v2-alpha.tldr'),
		)
		expect(await problemOf(imported)).toMatchObject({ status: 403, code: 'FORBIDDEN' })
		expect(await storedRecords(server, board.id)).toEqual(before)
	})

	it('a steward manages snapshots of the boards of their tribe’s circles', async () => {
		const server = await start()
		const { ada, board, graceClient } = await retroBoard(server)
		graceClient.destroy()
		const snapshot = await ada.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
			title: 'By the steward',
		})
		expect((await ada.json<RestoreResult>('POST', `/snapshots/${snapshot.id}/restore`)).restored.id).toBe(
			snapshot.id,
		)
	})

	it('a deleted board’s snapshots answer 404, and signed-out requests 401', async () => {
		const server = await start()
		const { grace, board, graceClient } = await retroBoard(server)
		graceClient.destroy()
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`)
		const anonymous = await fetch(`${server.url}/api/snapshots/${snapshot.id}`)
		expect(await problemOf(anonymous)).toMatchObject({ status: 401 })
		expect((await grace.send('DELETE', `/boards/${board.id}`)).status).toBe(204)
		for (const route of [
			`/snapshots/${snapshot.id}`,
			`/snapshots/${snapshot.id}/tldr`,
			`/boards/${board.id}/snapshots`,
		]) {
			expect(await problemOf(await grace.send('GET', route))).toMatchObject({ status: 404 })
		}
	})

	it('refuses a cross-site import (403) before reading the file', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const response = await fetch(`${server.url}/api/circles/${circleA.id}/boards/import`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', cookie: grace.cookie, 'content-type': 'application/json' },
			body: fixture('early-v2-alpha.tldr'),
		})
		expect(await problemOf(response)).toMatchObject({ status: 403 })
		expect(await grace.json<Board[]>('GET', `/circles/${circleA.id}/boards`)).toEqual([])
	})
})

/** The contract's message for each broken fixture; a valid one is listed with undefined. */
const brokenFixtures: Record<string, string | undefined> = {
	'early-v2-alpha.tldr': undefined,
	'invalid-not-json.tldr': tldrMessages.notJson,
	'invalid-unknown-record-type.tldr': tldrMessages.unknownRecordType('unknown-type'),
	'invalid-format-version-too-new.tldr': tldrMessages.newerVersion,
	'legacy-tldraw-v1-document.tldr': tldrMessages.tldrawV1,
	'vscode-example-3.tldr': tldrMessages.tldrawV1,
	'font-families.tldr': tldrMessages.tldrawV1,
}

/** The shapes of a fixture, counted straight from its JSON; undefined for a broken one. */
function validFixtureShapes(name: string): number | undefined {
	if (brokenFixtures[name]) return undefined
	const json = JSON.parse(new TextDecoder().decode(fixture(name))) as { records: { typeName: string }[] }
	return json.records.filter((r) => r.typeName === 'shape').length
}

function byJson(a: unknown, b: unknown): number {
	const x = JSON.stringify(a)
	const y = JSON.stringify(b)
	return x < y ? -1 : x > y ? 1 : 0
}
