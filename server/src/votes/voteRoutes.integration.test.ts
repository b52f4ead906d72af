import {
	type EndedSession,
	type LiveVote,
	META_MAP,
	type MyDots,
	RECORDS_MAP,
	readVoteMessage,
	SCHEMA_KEY,
	VOTE_MESSAGE_TYPE,
	type VoteMessage,
	type VoteState,
} from '@circlespace/shared'
import { DocumentRecordType, PageRecordType, TLDOCUMENT_ID, toRichText } from '@tldraw/tlschema'
import * as decoding from 'lib0/decoding'
import { describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { makeShape } from '../snapshots/testBoards.ts'
import { currentSchema } from '../snapshots/tldrawSchema.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { TestClock } from '../testing/TestClock.ts'
import { connectProvider, connectRaw, eventually, synced, type TestServer } from '../testing/testServer.ts'

/**
 * Dot votes through the API and on the sync socket, on SQLite and PostgreSQL: the rules, the
 * secret (no count, and no one else's dots, reaches anyone while a vote runs), the results on
 * the notes, the bounds and who may do what.
 */

const MINUTE = 60_000
const NOTE_A = 'shape:idea-a'
const NOTE_B = 'shape:idea-b'
const NOTE_C = 'shape:idea-c'
const GEO = 'shape:frame-ish'

/** A real y-websocket client that records every vote message it hears, and every raw message. */
interface Listener {
	provider: WebsocketProvider
	heard: VoteMessage[]
	/** Every vote message's JSON as it came over the wire. */
	raw: string[]
	vote(): LiveVote | undefined
	mine(): MyDots | undefined
}

async function listen(server: TestServer, who: { cookie: string }, boardId: string): Promise<Listener> {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	const heard: VoteMessage[] = []
	const raw: string[] = []
	provider.messageHandlers[VOTE_MESSAGE_TYPE] = (_encoder, decoder) => {
		const copy = decoding.clone(decoder)
		raw.push(decoding.readVarString(copy))
		const message = readVoteMessage(decoder)
		if (message) heard.push(message)
	}
	await synced(provider)
	return {
		provider,
		heard,
		raw,
		vote: () => heard.flatMap((m) => ('vote' in m ? [m.vote] : [])).at(-1),
		mine: () => heard.flatMap((m) => ('mine' in m ? [m.mine] : [])).at(-1),
	}
}

function close(...listeners: Array<Listener | undefined>): void {
	for (const listener of listeners) listener?.provider.destroy()
}

/** Puts three notes and a rectangle on the board, as an editor would, and waits for the server to have them. */
async function putNotes(server: TestServer, client: Listener, boardId: string): Promise<void> {
	const page = PageRecordType.create({
		id: PageRecordType.createId('page'),
		name: 'Page 1',
		index: 'a1' as never,
	})
	const records = [
		DocumentRecordType.create({ id: TLDOCUMENT_ID, name: 'Retro' }),
		page,
		makeShape('note', 'idea-a', page.id, 'a1', { richText: toRichText('Fewer meetings') }),
		makeShape('note', 'idea-b', page.id, 'a2', { richText: toRichText('Pair more') }, { x: 300 }),
		makeShape('note', 'idea-c', page.id, 'a3', { richText: toRichText('Walk outside') }, { x: 600 }),
		makeShape('geo', 'frame-ish', page.id, 'a4'),
	]
	const doc = client.provider.doc
	doc.transact(() => {
		for (const record of records) doc.getMap<string>(RECORDS_MAP).set(record.id, JSON.stringify(record))
		doc.getMap<string>(META_MAP).set(SCHEMA_KEY, JSON.stringify(currentSchema))
	})
	await eventually(async () => {
		const room = await server.rooms.peek(boardId)
		expect(room?.doc.getMap(RECORDS_MAP).has(NOTE_C)).toBe(true)
	})
}

/** The `meta.votes` of the board's notes in the server's room, by note id. */
async function votesOnNotes(server: TestServer, boardId: string): Promise<Record<string, unknown>> {
	const room = await server.rooms.peek(boardId)
	const result: Record<string, unknown> = {}
	for (const [id, json] of room?.doc.getMap<string>(RECORDS_MAP).entries() ?? []) {
		const record = JSON.parse(json) as { meta?: { votes?: unknown } }
		if (record.meta?.votes !== undefined) result[id] = record.meta.votes
	}
	return result
}

async function world(server: TestServer, visibility = 'circle') {
	const spaces = await seedSpacesWorld(server)
	const board = await createBoard(spaces.grace, spaces.circleA.id, 'Retro', visibility)
	return { ...spaces, board }
}

const startSession = (grace: Browser, boardId: string) =>
	grace.json('POST', `/boards/${boardId}/session`, { title: 'Day 12' })

const cast = (who: Browser, boardId: string, shapeId: string) =>
	who.send('POST', `/boards/${boardId}/vote/dots`, { shapeId })

const takeBack = (who: Browser, boardId: string, shapeId: string) =>
	who.send('DELETE', `/boards/${boardId}/vote/dots/${encodeURIComponent(shapeId)}`)

onEachDatabase('dot votes', (start) => {
	it('V1 runs an anonymous vote: nobody hears a count or another’s dots until it ends, then everyone sees the totals on the notes', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, ada, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		const miaClient = await listen(server, mia, board.id)
		const adaClient = await listen(server, ada, board.id)
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			const started = await grace.json<LiveVote>('POST', `/boards/${board.id}/vote`, {
				dotsPerPerson: 2,
				minutes: 5,
			})
			expect(started).toEqual({
				id: expect.any(String),
				boardId: board.id,
				sessionId: expect.any(String),
				dotsPerPerson: 2,
				anonymous: true,
				startedBy: { id: grace.user?.id, displayName: 'Grace', color: grace.user?.color },
				startedAt: clock.now().toISOString(),
				endsAt: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(),
				endedAt: null,
				results: null,
				asOf: clock.now().toISOString(),
			})
			for (const client of [graceClient, miaClient, adaClient]) {
				await eventually(() => expect(client.vote()).toEqual(started))
			}

			// Mia and Ada vote; each is answered, and told on their own socket, their own dots only.
			const miaFirst = await cast(mia, board.id, NOTE_A)
			expect(miaFirst.status).toBe(200)
			expect(await miaFirst.json()).toEqual({ voteId: started.id, shapeIds: [NOTE_A], left: 1 })
			expect(await (await cast(mia, board.id, NOTE_B)).json()).toEqual({
				voteId: started.id,
				shapeIds: [NOTE_A, NOTE_B],
				left: 0,
			})
			expect((await cast(ada, board.id, NOTE_A)).status).toBe(200)
			await eventually(() => expect(miaClient.mine()).toMatchObject({ shapeIds: [NOTE_A, NOTE_B], left: 0 }))
			await eventually(() => expect(adaClient.mine()).toMatchObject({ shapeIds: [NOTE_A], left: 1 }))

			// What anyone may ask while it runs: the vote without counts, and their own dots.
			const graceState = await grace.json<VoteState>('GET', `/boards/${board.id}/vote`)
			expect(graceState).toEqual({
				vote: { ...started, asOf: clock.now().toISOString() },
				mine: { voteId: started.id, shapeIds: [], left: 2 },
			})
			expect((await mia.json<VoteState>('GET', `/boards/${board.id}/vote`)).mine?.shapeIds).toEqual([
				NOTE_A,
				NOTE_B,
			])
			// Nothing the facilitator heard says how many dots a note has, or who put one where.
			for (const message of graceClient.raw) {
				expect(JSON.parse(message)).not.toHaveProperty('vote.results.0')
				expect(message).not.toContain(NOTE_A)
			}
			for (const message of adaClient.raw) expect(message).not.toContain(NOTE_B)
			expect(await votesOnNotes(server, board.id)).toEqual({})

			// Grace ends it: the totals go onto the notes and to everyone.
			clock.advance(2 * MINUTE)
			const ended = await grace.json<LiveVote>('POST', `/boards/${board.id}/vote/end`)
			expect(ended).toMatchObject({ id: started.id, endedAt: clock.now().toISOString() })
			expect(ended.results).toEqual([
				{ shapeId: NOTE_A, dots: 2 },
				{ shapeId: NOTE_B, dots: 1 },
			])
			for (const client of [graceClient, miaClient, adaClient]) {
				await eventually(() => expect(client.vote()?.results).toEqual(ended.results))
			}
			expect(await votesOnNotes(server, board.id)).toEqual({
				[NOTE_A]: { voteId: started.id, dots: 2 },
				[NOTE_B]: { voteId: started.id, dots: 1 },
			})
			// Every editor's copy of the board has them too.
			await eventually(() => {
				const json = miaClient.provider.doc.getMap<string>(RECORDS_MAP).get(NOTE_A) ?? '{}'
				expect(JSON.parse(json).meta).toEqual({ votes: { voteId: started.id, dots: 2 } })
			})
			// The last vote of the session stays readable, and nobody's dots are said any more.
			expect(await mia.json<VoteState>('GET', `/boards/${board.id}/vote`)).toEqual({
				vote: { ...ended, asOf: clock.now().toISOString() },
				mine: null,
			})
			// Voting is over.
			expect(await problemOf(await cast(mia, board.id, NOTE_C))).toMatchObject({ status: 409 })

			// The session's end snapshot keeps the totals on the notes.
			const endedSession = await grace.json<EndedSession>('POST', `/boards/${board.id}/session/end`)
			const file = (await (
				await grace.send('GET', `/snapshots/${endedSession.snapshot.id}/tldr`)
			).json()) as {
				records: Array<{ id: string; meta?: unknown }>
			}
			expect(file.records.find((r) => r.id === NOTE_A)?.meta).toEqual({
				votes: { voteId: started.id, dots: 2 },
			})
			expect(file.records.find((r) => r.id === NOTE_C)?.meta).toEqual({})
		} finally {
			close(graceClient, miaClient, adaClient)
		}
	})

	it('V2 a named vote shows who voted for each note, and a later vote replaces the totals', async () => {
		const server = await start()
		const { grace, mia, ada, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			const first = await grace.json<LiveVote>('POST', `/boards/${board.id}/vote`, {
				dotsPerPerson: 3,
				anonymous: false,
			})
			expect(first).toMatchObject({ anonymous: false, endsAt: null })
			await cast(mia, board.id, NOTE_B)
			await cast(ada, board.id, NOTE_B)
			await cast(ada, board.id, NOTE_C)
			const ended = await grace.json<LiveVote>('POST', `/boards/${board.id}/vote/end`)
			const person = (who: Browser) => ({
				id: who.user?.id,
				displayName: who.user?.displayName,
				color: who.user?.color,
			})
			expect(ended.results).toEqual([
				{ shapeId: NOTE_B, dots: 2, voters: [person(mia), person(ada)] },
				{ shapeId: NOTE_C, dots: 1, voters: [person(ada)] },
			])
			expect(await votesOnNotes(server, board.id)).toEqual({
				[NOTE_B]: { voteId: first.id, dots: 2, voters: ['Mia', 'Ada'] },
				[NOTE_C]: { voteId: first.id, dots: 1, voters: ['Ada'] },
			})

			// The next vote's totals replace the last ones; a note that got none this time shows none.
			const second = await grace.json<LiveVote>('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 1 })
			await cast(mia, board.id, NOTE_A)
			await grace.json('POST', `/boards/${board.id}/vote/end`)
			expect(await votesOnNotes(server, board.id)).toEqual({ [NOTE_A]: { voteId: second.id, dots: 1 } })
		} finally {
			close(graceClient)
		}
	})

	it('V3 ending the session ends its running vote first, so that the snapshot keeps the results', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			const vote = await grace.json<LiveVote>('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 1 })
			await cast(mia, board.id, NOTE_C)
			const endedSession = await grace.json<EndedSession>('POST', `/boards/${board.id}/session/end`)
			await eventually(() => expect(graceClient.vote()?.endedAt).not.toBeNull())
			const file = (await (
				await grace.send('GET', `/snapshots/${endedSession.snapshot.id}/tldr`)
			).json()) as {
				records: Array<{ id: string; meta?: unknown }>
			}
			expect(file.records.find((r) => r.id === NOTE_C)?.meta).toEqual({ votes: { voteId: vote.id, dots: 1 } })
			expect(await grace.json('GET', `/boards/${board.id}/vote`)).toEqual({ vote: null, mine: null })
		} finally {
			close(graceClient)
		}
	})

	it('V4 a vote with a timer ends by itself when its time is up', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			await grace.json('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 2, minutes: 1 })
			expect((await cast(mia, board.id, NOTE_A)).status).toBe(200)
			clock.advance(MINUTE)
			expect(await problemOf(await cast(mia, board.id, NOTE_B))).toMatchObject({
				status: 409,
				detail: 'This vote’s time is up: it has ended.',
			})
			await eventually(() => expect(graceClient.vote()?.results).toEqual([{ shapeId: NOTE_A, dots: 1 }]))
			expect(Object.keys(await votesOnNotes(server, board.id))).toEqual([NOTE_A])
		} finally {
			close(graceClient)
		}
	})

	it('V5 bounds: dots per person 1–20, timer 1–60 minutes, one vote per board, only in a session, dots on notes only', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		const startVote = (body: unknown) => grace.send('POST', `/boards/${board.id}/vote`, body)
		try {
			await putNotes(server, graceClient, board.id)
			expect(await problemOf(await startVote({ dotsPerPerson: 3 }))).toMatchObject({
				status: 409,
				detail: 'Start a live session on this board before a vote.',
			})
			await startSession(grace, board.id)
			for (const body of [
				{ dotsPerPerson: 0 },
				{ dotsPerPerson: 21 },
				{ dotsPerPerson: 2.5 },
				{ dotsPerPerson: 3, minutes: 0 },
				{ dotsPerPerson: 3, minutes: 61 },
				{ dotsPerPerson: 3, anonymous: 'yes' },
				{ dotsPerPerson: 3, counts: true },
				{},
			]) {
				expect(await problemOf(await startVote(body)), JSON.stringify(body)).toMatchObject({
					status: 400,
					code: 'VALIDATION',
				})
			}
			expect((await startVote({ dotsPerPerson: 20, minutes: 60 })).status).toBe(201)
			expect(await problemOf(await startVote({ dotsPerPerson: 1 }))).toMatchObject({ status: 409 })

			// Only notes that are on the board take dots; ids are checked.
			expect(await problemOf(await cast(mia, board.id, GEO))).toMatchObject({ status: 400 })
			expect(await problemOf(await cast(mia, board.id, 'shape:not-here'))).toMatchObject({ status: 400 })
			expect(await problemOf(await cast(mia, board.id, 'page:page'))).toMatchObject({ status: 400 })
			expect(await problemOf(await takeBack(mia, board.id, 'nope'))).toMatchObject({ status: 400 })
			// One dot a note: a second click on the same note changes nothing.
			expect(await (await cast(mia, board.id, NOTE_A)).json()).toMatchObject({ shapeIds: [NOTE_A], left: 19 })
			expect(await (await cast(mia, board.id, NOTE_A)).json()).toMatchObject({ shapeIds: [NOTE_A], left: 19 })
			expect(await (await takeBack(mia, board.id, NOTE_A)).json()).toMatchObject({ shapeIds: [], left: 20 })
		} finally {
			close(graceClient)
		}
	})

	it('V5 a person cannot place more dots than the vote gives', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			await grace.json('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 2 })
			await cast(mia, board.id, NOTE_A)
			await cast(mia, board.id, NOTE_B)
			expect(await problemOf(await cast(mia, board.id, NOTE_C))).toMatchObject({
				status: 409,
				detail: 'You have placed all your 2 dots: take one back to move it.',
			})
			await takeBack(mia, board.id, NOTE_A)
			expect(await (await cast(mia, board.id, NOTE_C)).json()).toMatchObject({
				shapeIds: [NOTE_B, NOTE_C],
				left: 0,
			})
		} finally {
			close(graceClient)
		}
	})

	it('V5 limits vote clicks to 60 a minute per person (429 with Retry-After)', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			await grace.json('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 5 })
			for (let click = 0; click < 60; click++) {
				const response =
					click % 2 === 0 ? await cast(mia, board.id, NOTE_A) : await takeBack(mia, board.id, NOTE_A)
				expect(response.status).toBe(200)
			}
			const refused = await cast(mia, board.id, NOTE_B)
			expect(await problemOf(refused)).toMatchObject({ status: 429, code: 'RATE_LIMITED' })
			expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
			// Someone else still votes.
			expect((await cast(grace, board.id, NOTE_B)).status).toBe(200)
		} finally {
			close(graceClient)
		}
	})

	it('V6 only facilitators start and end a vote; members vote (403 otherwise); others get 404', async () => {
		const server = await start()
		const { grace, mia, ben, olu, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			expect(
				await problemOf(await mia.send('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 3 })),
			).toMatchObject({
				status: 403,
				detail: 'Only the facilitators of this circle may start or end a vote.',
			})
			await grace.json('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 3 })
			expect(await problemOf(await mia.send('POST', `/boards/${board.id}/vote/end`))).toMatchObject({
				status: 403,
			})
			expect((await cast(mia, board.id, NOTE_A)).status).toBe(200)
			// Ben (another circle) and Olu (no circle) cannot see the board: 404 for everything.
			for (const outsider of [ben, olu]) {
				for (const response of [
					await outsider.send('GET', `/boards/${board.id}/vote`),
					await outsider.send('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 3 }),
					await outsider.send('POST', `/boards/${board.id}/vote/end`),
					await cast(outsider, board.id, NOTE_A),
					await takeBack(outsider, board.id, NOTE_A),
				]) {
					expect(await problemOf(response)).toMatchObject({ status: 404 })
				}
			}
			expect(await problemOf(await grace.send('GET', '/boards/AAAAAAAAAAAAAAAA/vote'))).toMatchObject({
				status: 404,
			})
		} finally {
			close(graceClient)
		}
	})

	it('V6 a reader of a tribe board sees that a vote runs but may not vote (403), and hears no one’s dots', async () => {
		const server = await start()
		const { grace, mia, ben, board } = await world(server, 'tribe')
		const graceClient = await listen(server, grace, board.id)
		const benClient = await listen(server, ben, board.id)
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			const vote = await grace.json<LiveVote>('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 3 })
			await eventually(() => expect(benClient.vote()?.id).toBe(vote.id))
			expect(await problemOf(await cast(ben, board.id, NOTE_A))).toMatchObject({
				status: 403,
				detail: 'Only people who may edit this board vote on it.',
			})
			expect(await problemOf(await takeBack(ben, board.id, NOTE_A))).toMatchObject({ status: 403 })
			await cast(mia, board.id, NOTE_A)
			expect(await ben.json<VoteState>('GET', `/boards/${board.id}/vote`)).toMatchObject({
				vote: { id: vote.id, results: null },
				mine: { shapeIds: [], left: 3 },
			})
			// The mine messages Ben hears are his own (none cast).
			for (const message of benClient.heard) if ('mine' in message) expect(message.mine.shapeIds).toEqual([])
			for (const message of benClient.raw) expect(message).not.toContain(NOTE_A)
		} finally {
			close(graceClient, benClient)
		}
	})

	it('V1 someone who joins mid-vote is told the vote and their own dots, nobody else’s', async () => {
		const server = await start()
		const { grace, mia, ada, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		let miaRaw: Awaited<ReturnType<typeof connectRaw>> | undefined
		try {
			await putNotes(server, graceClient, board.id)
			await startSession(grace, board.id)
			const vote = await grace.json<LiveVote>('POST', `/boards/${board.id}/vote`, { dotsPerPerson: 3 })
			await cast(ada, board.id, NOTE_B)
			await cast(mia, board.id, NOTE_A)
			miaRaw = await connectRaw(server, board.id, { cookie: mia.cookie })
			const raw = miaRaw
			const voteMessages = () =>
				raw.messages.flatMap((bytes) => {
					const decoder = decoding.createDecoder(new Uint8Array(bytes))
					return decoding.readVarUint(decoder) === VOTE_MESSAGE_TYPE ? [decoding.readVarString(decoder)] : []
				})
			await eventually(() => expect(voteMessages()).toHaveLength(2))
			const [first, second] = voteMessages().map((m) => JSON.parse(m))
			expect(first).toMatchObject({ vote: { id: vote.id, results: null } })
			expect(second).toEqual({ mine: { voteId: vote.id, shapeIds: [NOTE_A], left: 2 } })
			// Ada's dot is in nothing about the vote that Mia's socket was sent.
			expect(voteMessages().join('')).not.toContain(NOTE_B)
		} finally {
			miaRaw?.ws.close()
			close(graceClient)
		}
	})
})

describe('vote messages', () => {
	it('are ignored when not understood', () => {
		const decoder = decoding.createDecoder(new Uint8Array([3, 0x6e, 0x6f, 0x21]))
		expect(readVoteMessage(decoder)).toBeUndefined()
	})
})
