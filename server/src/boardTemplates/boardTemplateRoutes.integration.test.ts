import {
	type Board,
	type BoardTemplate,
	type CircleDetail,
	exampleJourneyTemplate,
	type JourneyTemplateDetail,
	MAX_BOARD_TEMPLATES_PER_TRIBE,
	META_MAP,
	RECORDS_MAP,
	SCHEMA_KEY,
	type SnapshotInfo,
} from '@circlespace/shared'
import type { TLRecord } from '@tldraw/tlschema'
import { expect, it } from 'vitest'
import * as Y from 'yjs'
import { tinyPng } from '../assets/testImages.ts'
import { makeShape, sampleBoard } from '../snapshots/testBoards.ts'
import { currentSchema } from '../snapshots/tldrawSchema.ts'
import { docFromStored } from '../sync/storedDoc.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { connectProvider, eventually, synced, type TestServer } from '../testing/testServer.ts'

/**
 * Board templates through the API (issue 10, item 5), with real y-websocket clients drawing the
 * board and reading the boards started from its template, on SQLite and PostgreSQL.
 */

const recordsIn = (doc: Y.Doc): Record<string, string> => doc.getMap<string>(RECORDS_MAP).toJSON()

/** Draws on a board as a live client of `who`, and waits until the server's doc holds it. */
async function drawOn(server: TestServer, who: Browser, boardId: string, edit: (doc: Y.Doc) => void) {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	try {
		await synced(provider)
		provider.doc.transact(() => edit(provider.doc))
		await eventually(async () => {
			const room = await server.rooms.peek(boardId)
			expect(room && recordsIn(room.doc)).toEqual(recordsIn(provider.doc))
		})
		return recordsIn(provider.doc)
	} finally {
		provider.destroy()
	}
}

/** Writes records as the binding does: one JSON string each, with the schema. */
function put(doc: Y.Doc, records: readonly TLRecord[]): void {
	for (const record of records) doc.getMap<string>(RECORDS_MAP).set(record.id, JSON.stringify(record))
	doc.getMap<string>(META_MAP).set(SCHEMA_KEY, JSON.stringify(currentSchema))
}

/** What a real client of `who` sees on a board once synced. */
async function seenBy(server: TestServer, who: Browser, boardId: string): Promise<Record<string, string>> {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	try {
		await synced(provider)
		return recordsIn(provider.doc)
	} finally {
		provider.destroy()
	}
}

/** Seeded world; Grace draws "Day 12 check-in" on a board of circle A (and rubs one shape out). */
async function checkInWorld(server: TestServer) {
	const world = await seedSpacesWorld(server)
	const board = await createBoard(world.grace, world.circleA.id, 'Day 12 check-in')
	const records = await drawOn(server, world.grace, board.id, (doc) => {
		put(doc, sampleBoard())
		put(doc, [makeShape('geo', 'rubbed-out', 'page:Ideas', 'a9')])
		doc.getMap(RECORDS_MAP).delete('shape:rubbed-out')
	})
	return { ...world, board, records }
}

const save = (who: Browser, boardId: string, body: unknown) =>
	who.send('POST', `/boards/${boardId}/save-as-template`, body)

onEachDatabase('board templates API: happy path', (start) => {
	it('a facilitator saves a board as a template; a board of another circle starts with its shapes, on a journey day', async () => {
		const server = await start()
		const { ada, grace, mia, ben, tribe, circleB, board, records } = await checkInWorld(server)

		const response = await save(grace, board.id, { name: '  Day 12 check-in ', description: 'Two rounds' })
		expect(response.status).toBe(201)
		const template = (await response.json()) as BoardTemplate
		expect(template).toMatchObject({
			tribeId: tribe.id,
			name: 'Day 12 check-in',
			description: 'Two rounds',
			shapeCount: 10,
			hasThumbnail: false,
			createdBy: { displayName: 'Grace' },
			can: { edit: true },
		})

		// The copy has the content and none of its history: the rubbed-out shape left no trace.
		const stored = await server.storage.boardTemplates.getState(template.id)
		const copy = new Y.Doc()
		Y.applyUpdateV2(copy, stored as Uint8Array)
		expect(recordsIn(copy)).toEqual(records)
		expect(Y.snapshot(copy).ds.clients.size).toBe(0)

		// Every member of the tribe sees it; only its maker and stewards may change it.
		const listedByBen = await ben.json<BoardTemplate[]>('GET', `/tribes/${tribe.id}/board-templates`)
		expect(listedByBen.map((t) => [t.name, t.can.edit])).toEqual([['Day 12 check-in', false]])
		expect((await mia.json<BoardTemplate>('GET', `/board-templates/${template.id}`)).can.edit).toBe(false)
		expect((await ada.json<BoardTemplate>('GET', `/board-templates/${template.id}`)).can.edit).toBe(true)

		// Circle B is on a journey; Ada puts a board from the template on its day 12.
		const journeyTemplate = await ada.json<JourneyTemplateDetail>(
			'POST',
			`/tribes/${tribe.id}/journey-templates`,
			{
				...exampleJourneyTemplate,
			},
		)
		const journey = await ada.send('PUT', `/circles/${circleB.id}/journey`, {
			templateId: journeyTemplate.id,
			startDate: '2026-01-01',
			timeZone: 'Europe/Berlin',
		})
		expect(journey.status).toBe(201)
		const created = await ada.send('POST', `/circles/${circleB.id}/boards`, {
			title: 'Day 12 check-in',
			journeyDay: 12,
			templateId: template.id,
		})
		expect(created.status).toBe(201)
		const newBoard = (await created.json()) as Board
		expect(newBoard).toMatchObject({ circleId: circleB.id, journeyDay: 12, title: 'Day 12 check-in' })

		// Ben, a member of circle B, opens it and sees the template's shapes, string for string.
		expect(await seenBy(server, ben, newBoard.id)).toEqual(records)
		// It is stored, not only in the room's memory.
		expect(recordsIn(docFromStored(await server.storage.docs.load(newBoard.id)))).toEqual(records)

		// The two boards are apart: a change on the new one leaves the template and the first board alone.
		await drawOn(server, ben, newBoard.id, (doc) => doc.getMap(RECORDS_MAP).delete('shape:note'))
		expect(Object.keys(await seenBy(server, grace, board.id))).toContain('shape:note')
		const again = await ada.json<Board>('POST', `/circles/${circleB.id}/boards`, {
			title: 'Another',
			templateId: template.id,
		})
		expect(await seenBy(server, ben, again.id)).toEqual(records)

		// Without a template a board starts blank, as before.
		const blank = await ada.json<Board>('POST', `/circles/${circleB.id}/boards`, { title: 'Blank' })
		expect(await seenBy(server, ben, blank.id)).toEqual({})
	})

	it('keeps the thumbnail of a snapshot taken since the board last changed', async () => {
		const server = await start()
		const { grace, mia, board } = await checkInWorld(server)
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
			title: 'Done',
		})
		const upload = await fetch(`${server.url}/api/snapshots/${snapshot.id}/thumbnail`, {
			method: 'PUT',
			headers: { origin: server.url, cookie: grace.cookie, 'content-type': 'image/png' },
			body: new Uint8Array(tinyPng()),
		})
		expect(upload.status).toBe(204)
		const template = await grace.json<BoardTemplate>('POST', `/boards/${board.id}/save-as-template`, {
			name: 'With a picture',
		})
		expect(template.hasThumbnail).toBe(true)
		const picture = await mia.send('GET', `/board-templates/${template.id}/thumbnail`)
		expect(picture.status).toBe(200)
		expect(picture.headers.get('content-type')).toBe('image/png')
		expect(new Uint8Array(await picture.arrayBuffer())).toEqual(new Uint8Array(tinyPng()))
	})

	it('its maker renames it; a steward deletes it, and boards started from it keep their content', async () => {
		const server = await start()
		const { ada, grace, circleA, board, records } = await checkInWorld(server)
		const template = await grace.json<BoardTemplate>('POST', `/boards/${board.id}/save-as-template`, {
			name: 'Draft',
		})
		const renamed = await grace.json<BoardTemplate>('PATCH', `/board-templates/${template.id}`, {
			name: 'Check-in',
			description: 'For day 12',
		})
		expect(renamed).toMatchObject({ name: 'Check-in', description: 'For day 12', shapeCount: 10 })
		const started = await grace.json<Board>('POST', `/circles/${circleA.id}/boards`, {
			title: 'Ours',
			templateId: template.id,
		})
		expect((await ada.send('DELETE', `/board-templates/${template.id}`)).status).toBe(204)
		expect((await grace.send('GET', `/board-templates/${template.id}`)).status).toBe(404)
		expect(await seenBy(server, grace, started.id)).toEqual(records)
	})
})

onEachDatabase('board templates API: errors', (start) => {
	it('answers a name that is missing, too long or not one line, and unknown fields, with 400 per field', async () => {
		const server = await start()
		const { grace, board } = await checkInWorld(server)
		for (const [body, path] of [
			[{}, 'name'],
			[{ name: '   ' }, 'name'],
			[{ name: 'x'.repeat(201) }, 'name'],
			[{ name: 'Two\nlines' }, 'name'],
			[{ name: 'Fine', description: 'y'.repeat(2001) }, 'description'],
			[{ name: 'Fine', shapes: [] }, 'json'],
		] as const) {
			const response = await save(grace, board.id, body)
			expect(response.status).toBe(400)
			const problem = await problemOf(response)
			expect(problem.issues?.[0]?.path ?? '').toBe(path)
		}
		const template = await grace.json<BoardTemplate>('POST', `/boards/${board.id}/save-as-template`, {
			name: 'Ok',
		})
		const rename = await grace.send('PATCH', `/board-templates/${template.id}`, { name: '' })
		expect(rename.status).toBe(400)
	})

	it('answers a board from an unknown template with 400 and makes no board', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const response = await grace.send('POST', `/circles/${circleA.id}/boards`, {
			title: 'From nothing',
			templateId: 'no-such-template',
		})
		expect(response.status).toBe(400)
		const problem = await problemOf(response)
		expect(problem.detail).toBe('There is no such board template in this tribe.')
		expect(problem.issues).toEqual([
			{ path: 'templateId', message: 'There is no such board template in this tribe.' },
		])
		expect(await grace.json<Board[]>('GET', `/circles/${circleA.id}/boards`)).toEqual([])
		const malformed = await grace.send('POST', `/circles/${circleA.id}/boards`, {
			title: 'x',
			templateId: 'a b',
		})
		expect(malformed.status).toBe(400)
	})

	it(`T1 refuses a board larger than the file import limit (413), T2 and a tribe's ${MAX_BOARD_TEMPLATES_PER_TRIBE + 1}st template (409)`, async () => {
		const server = await start({ env: { MAX_IMPORT_BYTES: '2048' } })
		const { grace, tribe, board } = await checkInWorld(server)
		const tooLarge = await save(grace, board.id, { name: 'Big' })
		expect(tooLarge.status).toBe(413)
		expect((await problemOf(tooLarge)).detail).toMatch(
			/^This board is too large to be a template \(.+; at most 2 kB\)\.$/,
		)

		const small = await createBoard(
			grace,
			(await grace.json<CircleDetail[]>('GET', `/tribes/${tribe.id}/circles`))[0]?.id as string,
			'Small',
		)
		for (let i = 0; i < MAX_BOARD_TEMPLATES_PER_TRIBE; i++) {
			await server.storage.boardTemplates.create({
				id: `template-${String(i).padStart(4, '0')}`,
				tribeId: tribe.id,
				name: `T${i}`,
				description: '',
				state: new Uint8Array([0, 0]),
				shapeCount: 0,
				thumbnail: null,
				createdBy: grace.user?.id as string,
				createdAt: new Date(),
			})
		}
		const one = await save(grace, small.id, { name: 'One too many' })
		expect(one.status).toBe(409)
		expect((await problemOf(one)).detail).toBe(
			`This tribe already has ${MAX_BOARD_TEMPLATES_PER_TRIBE} board templates: delete one before saving another.`,
		)
	})
})

onEachDatabase('board templates API: security', (start) => {
	it('shows nothing of a tribe’s templates to someone outside it (404), even in an open tribe', async () => {
		const server = await start()
		const { ada, grace, olu, tribe, board } = await checkInWorld(server)
		await ada.json('PATCH', `/tribes/${tribe.id}`, { visibility: 'open' })
		const template = await grace.json<BoardTemplate>('POST', `/boards/${board.id}/save-as-template`, {
			name: 'Ours',
		})
		for (const [method, route, body] of [
			['GET', `/tribes/${tribe.id}/board-templates`, undefined],
			['GET', `/board-templates/${template.id}`, undefined],
			['GET', `/board-templates/${template.id}/thumbnail`, undefined],
			['PATCH', `/board-templates/${template.id}`, { name: 'Mine now' }],
			['DELETE', `/board-templates/${template.id}`, undefined],
		] as const) {
			const response = await olu.send(method, route, body)
			expect(response.status, `${method} ${route}`).toBe(404)
			expect(JSON.stringify(await response.json())).not.toContain('Ours')
		}
		// A member of another tribe (a steward there) sees as little.
		const south = await ada.json<{ id: string }>('POST', '/tribes', { name: 'South' })
		await ada.json('POST', `/tribes/${south.id}/stewards`, { email: 'olu@example.org' })
		expect((await olu.send('GET', `/board-templates/${template.id}`)).status).toBe(404)
		expect((await olu.send('GET', `/tribes/${tribe.id}/board-templates`)).status).toBe(404)
		expect((await server.storage.boardTemplates.get(template.id))?.name).toBe('Ours')
	})

	it('refuses a member and a reader who ask to save a board as a template (403), and an outsider (404)', async () => {
		const server = await start()
		const { grace, mia, ben, olu, tribe } = await checkInWorld(server)
		const shared = await createBoard(
			grace,
			(await grace.json<CircleDetail[]>('GET', `/tribes/${tribe.id}/circles`)).find(
				(c) => c.name === 'Circle A',
			)?.id as string,
			'Shared',
			'instance',
		)
		const member = await save(mia, shared.id, { name: 'Mine' })
		expect(member.status).toBe(403)
		const reader = await save(ben, shared.id, { name: 'Mine' })
		expect(reader.status).toBe(403)
		expect((await problemOf(reader)).detail).toBe(
			'Only the facilitators of this circle and the stewards of its tribe may save its boards as templates.',
		)
		const circleOnly = await createBoard(grace, shared.circleId, 'Private')
		expect((await save(olu, circleOnly.id, { name: 'Mine' })).status).toBe(404)
		expect((await save(ben, circleOnly.id, { name: 'Mine' })).status).toBe(404)
		expect(await server.storage.boardTemplates.countOfTribe(tribe.id)).toBe(0)
	})

	it('refuses a facilitator who asks to rename or delete a template someone else saved (403)', async () => {
		const server = await start()
		const { ada, grace, ben, circleB, board } = await checkInWorld(server)
		const template = await grace.json<BoardTemplate>('POST', `/boards/${board.id}/save-as-template`, {
			name: 'Grace’s',
		})
		await ada.json('PUT', `/circles/${circleB.id}/members/${ben.user?.id}`, { role: 'facilitator' })
		expect((await ben.send('PATCH', `/board-templates/${template.id}`, { name: 'Ben’s' })).status).toBe(403)
		expect((await ben.send('DELETE', `/board-templates/${template.id}`)).status).toBe(403)
		expect((await ben.json<BoardTemplate>('GET', `/board-templates/${template.id}`)).name).toBe('Grace’s')
	})

	it('never lets a template of one tribe seed a board in another (400, no board made)', async () => {
		const server = await start()
		const { ada, grace, tribe, board } = await checkInWorld(server)
		const template = await grace.json<BoardTemplate>('POST', `/boards/${board.id}/save-as-template`, {
			name: 'North’s',
		})
		// Ada is admin, steward of both tribes and facilitator of the circle in the other one.
		const south = await ada.json<{ id: string }>('POST', '/tribes', { name: 'South' })
		const southCircle = await ada.json<CircleDetail>('POST', `/tribes/${south.id}/circles`, {
			name: 'Circle S',
		})
		const response = await ada.send('POST', `/circles/${southCircle.id}/boards`, {
			title: 'Borrowed',
			templateId: template.id,
		})
		expect(response.status).toBe(400)
		expect((await problemOf(response)).detail).toBe('There is no such board template in this tribe.')
		expect(await ada.json<Board[]>('GET', `/circles/${southCircle.id}/boards`)).toEqual([])
		expect(tribe.id).not.toBe(south.id)
	})
})
