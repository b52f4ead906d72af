import { META_MAP, RECORDS_MAP, SCHEMA_KEY } from '@circlespace/shared'
import {
	type BoardRecognitions,
	MAX_RECOGNITIONS_PER_HOUR,
	type PersonProfile,
	type Recognition,
} from '@circlespace/shared/recognition/recognitionApi.ts'
import { toRichText } from '@tldraw/tlschema'
import { expect, it } from 'vitest'
import type * as Y from 'yjs'
import { makePage, makeShape } from '../snapshots/testBoards.ts'
import { currentSchema } from '../snapshots/tldrawSchema.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { TestClock } from '../testing/TestClock.ts'
import { connectProvider, eventually, synced, type TestServer } from '../testing/testServer.ts'

/**
 * Recognition through the API on both databases: notes written by real y-websocket clients as
 * the web app writes them (the author in `meta.author`, the label in `textLastEditedBy`), read
 * back by the server from the board it holds.
 */

const page = makePage('Page 1', 'a1')

/** A note to write: its text, and whose browser wrote it (null: nobody, as a note made elsewhere). */
interface NoteToWrite {
	text: string
	author: Browser | null
	/** Another author id in `meta.author` than the label names (a forged or stale author). */
	metaAuthorId?: string
}

/** Puts notes (name → note) on a board as `who`'s browser would, and waits for the server to hold them. */
async function writeNotes(
	server: TestServer,
	who: Browser,
	boardId: string,
	notes: Record<string, NoteToWrite>,
) {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	await synced(provider)
	const doc: Y.Doc = provider.doc
	doc.transact(() => {
		const records = doc.getMap<string>(RECORDS_MAP)
		records.set(page.id, JSON.stringify(page))
		for (const [name, note] of Object.entries(notes)) {
			const author = note.author?.user
			const shape = makeShape(
				'note',
				name,
				page.id,
				'a1',
				{ richText: toRichText(note.text), ...(author ? { textLastEditedBy: author.id } : {}) },
				author ? { meta: { author: { id: note.metaAuthorId ?? author.id, name: author.displayName } } } : {},
			)
			records.set(shape.id, JSON.stringify(shape))
		}
		doc.getMap<string>(META_MAP).set(SCHEMA_KEY, JSON.stringify(currentSchema))
	})
	await eventually(async () => {
		const room = await server.rooms.peek(boardId)
		expect(room?.doc.getMap(RECORDS_MAP).size).toBe(doc.getMap(RECORDS_MAP).size)
	})
	provider.destroy()
}

const recognise = (who: Browser, boardId: string, shapeId: string, body: unknown) =>
	who.send('POST', `/boards/${boardId}/notes/${shapeId}/recognitions`, body)
const recognitionsOf = (who: Browser, boardId: string) =>
	who.json<BoardRecognitions>('GET', `/boards/${boardId}/recognitions`)
const profileOf = (who: Browser, personId: string | undefined) =>
	who.json<PersonProfile>('GET', `/people/${personId}`)

const person = (who: Browser) => ({
	id: who.user?.id,
	displayName: who.user?.displayName,
	color: who.user?.color,
})

/**
 * The spaces world (tribe North: circle A with Grace and Mia, circle B with Ben; Olu in no tribe)
 * with a circle board "Harvest" of A holding Grace's note, Mia's note and a note of nobody.
 */
async function world(server: TestServer) {
	const seeded = await seedSpacesWorld(server)
	const { grace, mia, circleA } = seeded
	const board = await createBoard(grace, circleA.id, 'Harvest')
	await writeNotes(server, grace, board.id, { graces: { text: 'Plant the  beans\nin May', author: grace } })
	await writeNotes(server, mia, board.id, {
		mias: { text: 'Water at dawn', author: mia },
		nobodys: { text: 'From a file', author: null },
	})
	return { ...seeded, board }
}

onEachDatabase('recognition: happy path', (start) => {
	it('thanks the author of a note: it shows on the board and on the author’s page', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, tribe, circleA, board } = await world(server)

		const response = await recognise(mia, board.id, 'shape:graces', { message: '  Thank you for the plan  ' })
		expect(response.status).toBe(201)
		const given = (await response.json()) as Recognition
		expect(given).toEqual({
			id: expect.any(String),
			subject: { kind: 'note', shapeId: 'shape:graces' },
			board: { id: board.id, title: 'Harvest', journeyDay: null },
			circle: { id: circleA.id, name: 'Circle A' },
			tribe: { id: tribe.id, name: 'North' },
			recipient: person(grace),
			giver: person(mia),
			message: 'Thank you for the plan',
			excerpt: 'Plant the beans in May',
			createdAt: clock.now().toISOString(),
		})
		expect(await recognitionsOf(grace, board.id)).toEqual({ recognitions: [given] })
		expect(await profileOf(mia, grace.user?.id)).toEqual({
			person: person(grace),
			sharedTribes: [{ id: tribe.id, name: 'North' }],
			recognitions: [given],
		})
		// Her own page shows it too.
		expect((await profileOf(grace, grace.user?.id)).recognitions).toEqual([given])
	})

	it('thanks someone for their part in a live session they took part in', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		const miaOnBoard = connectProvider(server, board.id, { cookie: mia.cookie })
		await synced(miaOnBoard)
		try {
			const session = await grace.json<{ id: string }>('POST', `/boards/${board.id}/session`, {
				title: 'Day 3',
			})
			const given = await grace.json<Recognition>('POST', `/sessions/${session.id}/recognitions`, {
				recipientId: mia.user?.id,
				message: 'You held the space today',
			})
			expect(given).toMatchObject({
				subject: { kind: 'session', sessionId: session.id },
				recipient: person(mia),
				giver: person(grace),
				excerpt: 'Day 3',
			})
			expect((await recognitionsOf(mia, board.id)).recognitions).toEqual([given])
			expect((await profileOf(grace, mia.user?.id)).recognitions).toEqual([given])
		} finally {
			miaOnBoard.destroy()
		}
	})

	it('lets the giver withdraw a recognition, and no one else', async () => {
		const server = await start()
		const { grace, mia, ada, board } = await world(server)
		const given = await mia.json<Recognition>('POST', `/boards/${board.id}/notes/shape:graces/recognitions`, {
			message: 'Thanks',
		})
		expect((await grace.send('DELETE', `/recognitions/${given.id}`)).status).toBe(404)
		expect((await ada.send('DELETE', `/recognitions/${given.id}`)).status).toBe(404)
		expect((await mia.send('DELETE', `/recognitions/${given.id}`)).status).toBe(204)
		expect(await recognitionsOf(grace, board.id)).toEqual({ recognitions: [] })
		expect((await profileOf(mia, grace.user?.id)).recognitions).toEqual([])
	})
})

onEachDatabase('recognition: errors', (start) => {
	it('refuses words that are missing, too long, or a recipient the client names', async () => {
		const server = await start()
		const { mia, grace, board } = await world(server)
		for (const [body, field] of [
			[{}, 'message'],
			[{ message: '   ' }, 'message'],
			[{ message: 'x'.repeat(281) }, 'message'],
			[{ message: 'Thanks', recipientId: mia.user?.id }, 'json'],
		] as const) {
			const response = await recognise(mia, board.id, 'shape:graces', body)
			expect(response.status).toBe(400)
			const problem = await problemOf(response)
			expect(problem.code).toBe('VALIDATION')
			expect(problem.issues?.map((issue) => issue.path)).toContain(field)
		}
		expect((await recognise(mia, board.id, 'shape:graces', 'not json')).status).toBe(400)
		// 280 characters are words enough.
		expect((await recognise(mia, board.id, 'shape:graces', { message: 'x'.repeat(280) })).status).toBe(201)
		expect(await recognitionsOf(grace, board.id)).toMatchObject({
			recognitions: [{ recipient: person(grace) }],
		})
	})

	it('refuses to recognise oneself, twice, a note of nobody, or what is not a note', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		const own = await recognise(grace, board.id, 'shape:graces', { message: 'Well done me' })
		expect(own.status).toBe(403)
		expect((await problemOf(own)).detail).toMatch(/your own contribution/)

		expect((await recognise(mia, board.id, 'shape:graces', { message: 'Thanks' })).status).toBe(201)
		const again = await recognise(mia, board.id, 'shape:graces', { message: 'Thanks again' })
		expect(again.status).toBe(409)
		expect((await problemOf(again)).detail).toMatch(/already recognised/)

		expect((await recognise(grace, board.id, 'shape:nobodys', { message: 'Thanks' })).status).toBe(409)
		for (const shapeId of ['shape:missing', 'page:page1', 'shape:no%20way', 'graces']) {
			expect((await recognise(grace, board.id, shapeId, { message: 'Thanks' })).status).toBe(404)
		}
		// A label naming one person and a kept author naming another: no author the board knows of.
		await writeNotes(server, grace, board.id, {
			forged: { text: 'Mine, honestly', author: grace, metaAuthorId: mia.user?.id ?? '' },
		})
		expect((await recognise(grace, board.id, 'shape:forged', { message: 'Thanks' })).status).toBe(409)
		expect((await recognitionsOf(grace, board.id)).recognitions).toHaveLength(1)
	})

	it('refuses a session recognition for oneself or for someone who did not take part', async () => {
		const server = await start()
		const { grace, ben, olu, board } = await world(server)
		const session = await grace.json<{ id: string }>('POST', `/boards/${board.id}/session`, {
			title: 'Day 3',
		})
		const self = await grace.send('POST', `/sessions/${session.id}/recognitions`, {
			recipientId: grace.user?.id,
			message: 'Me',
		})
		expect(self.status).toBe(403)
		// Ben and Olu were never on the board (Mia's writing may still count: she left only just now).
		for (const recipientId of [ben.user?.id, olu.user?.id, 'nobody-at-all']) {
			const response = await grace.send('POST', `/sessions/${session.id}/recognitions`, {
				recipientId,
				message: 'Thanks',
			})
			expect(response.status).toBe(400)
			expect((await problemOf(response)).issues?.map((issue) => issue.path)).toEqual(['recipientId'])
		}
		expect(
			(await grace.send('POST', '/sessions/no-such-session/recognitions', { recipientId: 'x', message: 'y' }))
				.status,
		).toBe(404)
	})

	it(`allows ${MAX_RECOGNITIONS_PER_HOUR} recognitions per person per hour, then says when to try again`, async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, board } = await world(server)
		const notes: Record<string, NoteToWrite> = {}
		for (let index = 0; index <= MAX_RECOGNITIONS_PER_HOUR; index++)
			notes[`many${index}`] = { text: `Idea ${index}`, author: grace }
		await writeNotes(server, grace, board.id, notes)
		for (let index = 0; index < MAX_RECOGNITIONS_PER_HOUR; index++) {
			expect((await recognise(mia, board.id, `shape:many${index}`, { message: 'Thanks' })).status).toBe(201)
			clock.advance(60_000)
		}
		const refused = await recognise(mia, board.id, `shape:many${MAX_RECOGNITIONS_PER_HOUR}`, {
			message: 'Thanks',
		})
		expect(refused.status).toBe(429)
		expect((await problemOf(refused)).code).toBe('RATE_LIMITED')
		// The first of the hour's twenty was 20 minutes ago: it leaves the window in 40 minutes.
		expect(refused.headers.get('retry-after')).toBe(String(40 * 60))
		clock.advance(40 * 60_000)
		expect(
			(await recognise(mia, board.id, `shape:many${MAX_RECOGNITIONS_PER_HOUR}`, { message: 'Thanks' }))
				.status,
		).toBe(201)
	})

	it('holds a contribution to its bound of recognitions, each person once', async () => {
		const server = await start()
		const { grace, mia, ada, ben, board } = await world(server)
		const store = server.storage.recognitions
		const give = (giver: Browser) =>
			store.give(
				{
					id: `r-${giver.user?.id}`,
					boardId: board.id,
					subject: { kind: 'note', shapeId: 'shape:graces' },
					recipientId: grace.user?.id ?? '',
					giverId: giver.user?.id ?? '',
					message: 'Thanks',
					excerpt: 'Plant the beans',
					createdAt: new Date(),
				},
				2,
			)
		expect((await give(mia)).outcome).toBe('given')
		expect((await give(mia)).outcome).toBe('already')
		expect((await give(ada)).outcome).toBe('given')
		expect((await give(ben)).outcome).toBe('full')
		expect((await recognitionsOf(grace, board.id)).recognitions.map((r) => r.giver.id).sort()).toEqual(
			[mia.user?.id, ada.user?.id].sort(),
		)
	})
})

onEachDatabase('recognition: security', (start) => {
	it('only people who may see a board recognise its notes or read their recognitions', async () => {
		const server = await start()
		const { grace, mia, ben, olu, board } = await world(server)
		await mia.json('POST', `/boards/${board.id}/notes/shape:graces/recognitions`, { message: 'Thanks' })
		for (const outsider of [ben, olu]) {
			expect((await recognise(outsider, board.id, 'shape:graces', { message: 'Thanks' })).status).toBe(404)
			expect((await outsider.send('GET', `/boards/${board.id}/recognitions`)).status).toBe(404)
		}
		const signedOut = await grace.send('POST', '/auth/signout')
		expect(signedOut.ok).toBe(true)
		expect((await grace.send('GET', `/boards/${board.id}/recognitions`)).status).toBe(401)
		expect((await grace.send('GET', `/people/${mia.user?.id}`)).status).toBe(401)
	})

	it('shows on a person’s page only what the reader may see, and the page only to those who share a tribe', async () => {
		const server = await start()
		const { grace, mia, ben, olu, board } = await world(server)
		await mia.json('POST', `/boards/${board.id}/notes/shape:graces/recognitions`, { message: 'Thanks' })
		// Ben shares the tribe with Grace but not circle A, whose board this is.
		expect(await profileOf(ben, grace.user?.id)).toMatchObject({ person: person(grace), recognitions: [] })
		// Olu shares nothing with Grace: there is no such person for him, nor he for Mia.
		expect((await olu.send('GET', `/people/${grace.user?.id}`)).status).toBe(404)
		expect((await mia.send('GET', `/people/${olu.user?.id}`)).status).toBe(404)
		expect((await mia.send('GET', '/people/not-an-account-id')).status).toBe(404)
		expect(await profileOf(olu, olu.user?.id)).toEqual({
			person: person(olu),
			sharedTribes: [],
			recognitions: [],
		})

		// Once the board is the tribe's, Ben sees the note, its recognition and may thank its author.
		await grace.json('PATCH', `/boards/${board.id}`, { visibility: 'tribe' })
		expect((await profileOf(ben, grace.user?.id)).recognitions.map((r) => r.giver.id)).toEqual([mia.user?.id])
		expect((await recognise(ben, board.id, 'shape:graces', { message: 'From B, thanks' })).status).toBe(201)
		expect((await recognitionsOf(mia, board.id)).recognitions).toHaveLength(2)
	})
})
