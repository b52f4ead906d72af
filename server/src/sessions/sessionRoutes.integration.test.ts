import {
	type EndedSession,
	type LiveSession,
	type PastSession,
	RECORDS_MAP,
	readSessionMessage,
	SESSION_MESSAGE_TYPE,
	type SessionMessage,
	type SnapshotInfo,
	type Summon,
} from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import { tinyPng } from '../assets/testImages.ts'
import { Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { seedBoard, seedMember } from '../testing/seed.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { TestClock } from '../testing/TestClock.ts'
import {
	connectProvider,
	eventually,
	startTestServer,
	synced,
	type TestServer,
} from '../testing/testServer.ts'

/**
 * Live sessions through the API, and their broadcast to real y-websocket clients on the sync
 * socket, on SQLite and PostgreSQL. Rules L1–L6 of docs/SPEC.md.
 */

const MINUTE = 60_000

/** A real y-websocket client of a board that records every session message it hears. */
interface Listener {
	provider: WebsocketProvider
	heard: SessionMessage[]
	/** The session as the last session message said (undefined before any). */
	session(): LiveSession | undefined
	summons(): Summon[]
	/** How many session messages had arrived when the client first synced the board. */
	heardBeforeSync: number
}

/** Connects `who` to a board as the web app does, listening for session messages, synced. */
async function listen(server: TestServer, who: { cookie: string }, boardId: string): Promise<Listener> {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	const heard: SessionMessage[] = []
	// Registered before the socket opens, as the web app does: nothing said on join is missed.
	provider.messageHandlers[SESSION_MESSAGE_TYPE] = (_encoder, decoder) => {
		const message = readSessionMessage(decoder)
		if (message) heard.push(message)
	}
	const listener: Listener = {
		provider,
		heard,
		session: () => heard.flatMap((m) => ('session' in m ? [m.session] : [])).at(-1),
		summons: () => heard.flatMap((m) => ('summon' in m ? [m.summon] : [])),
		heardBeforeSync: 0,
	}
	await synced(provider)
	listener.heardBeforeSync = heard.length
	return listener
}

/** Closes every listener given (in `finally`). */
function close(...listeners: Array<Listener | undefined>): void {
	for (const listener of listeners) listener?.provider.destroy()
}

const person = (who: Browser) => ({
	id: who.user?.id,
	displayName: who.user?.displayName,
	color: who.user?.color,
})

/** The spaces world with a board "Retro" of circle A. */
async function world(server: TestServer, visibility = 'circle') {
	const spaces = await seedSpacesWorld(server)
	const board = await createBoard(spaces.grace, spaces.circleA.id, 'Retro', visibility)
	return { ...spaces, board }
}

onEachDatabase('live sessions API: happy path', (start) => {
	it('L1 starts a session: a member on the board receives it at once, with everyone there as participants', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, board } = await world(server)
		const miaClient = await listen(server, mia, board.id)
		const graceClient = await listen(server, grace, board.id)
		try {
			// Nothing is said about a board without a session.
			expect(miaClient.heard).toEqual([])
			const started = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, {
				title: 'Day 12',
				agenda: ['Check in', ' Harvest '],
				timeboxMinutes: 45,
			})
			expect(started).toEqual({
				id: expect.any(String),
				boardId: board.id,
				title: 'Day 12',
				agenda: ['Check in', 'Harvest'],
				currentItem: 0,
				timer: { durationMs: 45 * MINUTE, remainingMs: 45 * MINUTE, running: true },
				followMe: null,
				startedBy: person(grace),
				startedAt: clock.now().toISOString(),
				endedAt: null,
				participants: expect.arrayContaining([person(grace), person(mia)]),
				asOf: clock.now().toISOString(),
			})
			expect(started.participants).toHaveLength(2)
			await eventually(() => expect(miaClient.session()).toEqual(started))
			expect(graceClient.session()).toEqual(started)
			expect(await mia.json<LiveSession>('GET', `/boards/${board.id}/session`)).toEqual(started)
		} finally {
			close(miaClient, graceClient)
		}
	})

	it('L2 gives someone who joins mid-session the session before the board, and adds them to the participants', async () => {
		const server = await start()
		const { grace, mia, ada, board } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		let miaClient: Listener | undefined
		let adaClient: Listener | undefined
		try {
			await grace.json('POST', `/boards/${board.id}/session`, { title: 'Day 12', agenda: ['Check in'] })
			// The facilitator leaving does not end or change the session.
			close(graceClient)
			miaClient = await listen(server, mia, board.id)
			expect(miaClient.heardBeforeSync).toBeGreaterThan(0)
			expect(miaClient.heard[0]).toMatchObject({ session: { title: 'Day 12', endedAt: null } })
			await eventually(() =>
				expect(miaClient?.session()?.participants.map((p) => p.displayName)).toEqual(['Grace', 'Mia']),
			)
			// Someone joining later is told to everyone already there.
			adaClient = await listen(server, ada, board.id)
			await eventually(() =>
				expect(miaClient?.session()?.participants.map((p) => p.displayName)).toEqual(['Grace', 'Mia', 'Ada']),
			)
			expect(
				(await grace.json<LiveSession>('GET', `/boards/${board.id}/session`)).participants.map(
					(p) => p.displayName,
				),
			).toEqual(['Grace', 'Mia', 'Ada'])
		} finally {
			close(miaClient, adaClient)
		}
	})

	it('L3 counts the timer on the server’s clock: pause, resume and extend reach everyone', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, board } = await world(server)
		const miaClient = await listen(server, mia, board.id)
		const timerOf = async () => (await mia.json<LiveSession>('GET', `/boards/${board.id}/session`)).timer
		const change = (timer: unknown) =>
			grace.json<LiveSession>('PATCH', `/boards/${board.id}/session`, { timer })
		try {
			await grace.json('POST', `/boards/${board.id}/session`, { title: 'Timed', timeboxMinutes: 10 })
			clock.advance(2 * MINUTE)
			expect(await timerOf()).toEqual({ durationMs: 10 * MINUTE, remainingMs: 8 * MINUTE, running: true })

			const paused = await change('pause')
			expect(paused.timer).toEqual({ durationMs: 10 * MINUTE, remainingMs: 8 * MINUTE, running: false })
			await eventually(() => expect(miaClient.session()?.timer).toEqual(paused.timer))
			clock.advance(5 * MINUTE)
			expect(await timerOf()).toEqual(paused.timer)
			// Pausing again changes nothing.
			expect((await change('pause')).timer).toEqual(paused.timer)

			const resumed = await change('resume')
			expect(resumed.timer).toEqual({ durationMs: 10 * MINUTE, remainingMs: 8 * MINUTE, running: true })
			await eventually(() => expect(miaClient.session()?.timer?.running).toBe(true))
			clock.advance(1 * MINUTE)
			const extended = await change({ extendMinutes: 5 })
			expect(extended.timer).toEqual({ durationMs: 15 * MINUTE, remainingMs: 12 * MINUTE, running: true })
			await eventually(() => expect(miaClient.session()?.timer).toEqual(extended.timer))

			// Over time, the remaining time goes below zero so the bar can say by how much.
			clock.advance(13 * MINUTE)
			expect((await timerOf())?.remainingMs).toBe(-1 * MINUTE)
		} finally {
			close(miaClient)
		}
	})

	it('L3 moves through the agenda and turns “follow me” on and off for everyone', async () => {
		const server = await start()
		const { grace, mia, ada, board } = await world(server)
		const miaClient = await listen(server, mia, board.id)
		const patch = (body: unknown) => grace.json<LiveSession>('PATCH', `/boards/${board.id}/session`, body)
		try {
			await grace.json('POST', `/boards/${board.id}/session`, {
				title: 'Agenda',
				agenda: ['Check in', 'Harvest', 'Close'],
			})
			expect((await patch({ currentItem: 2 })).currentItem).toBe(2)
			await eventually(() => expect(miaClient.session()?.currentItem).toBe(2))

			expect((await patch({ followMe: true })).followMe).toEqual(person(grace))
			await eventually(() => expect(miaClient.session()?.followMe).toEqual(person(grace)))
			// Another facilitator (here the tribe's steward) takes over "follow me".
			const taken = await ada.json<LiveSession>('PATCH', `/boards/${board.id}/session`, { followMe: true })
			expect(taken.followMe).toEqual(person(ada))
			expect((await patch({ followMe: false, currentItem: 1 })).followMe).toBeNull()
			await eventually(() => expect(miaClient.session()).toMatchObject({ followMe: null, currentItem: 1 }))
		} finally {
			close(miaClient)
		}
	})

	it('L4 “bring everyone here” reaches everyone on the board, and no other board', async () => {
		const server = await start()
		const { grace, mia, ada, board, circleA } = await world(server)
		const other = await createBoard(grace, circleA.id, 'Other')
		const miaClient = await listen(server, mia, board.id)
		const adaClient = await listen(server, ada, board.id)
		const elsewhere = await listen(server, mia, other.id)
		try {
			await grace.json('POST', `/boards/${board.id}/session`, { title: 'Gather' })
			const response = await grace.send('POST', `/boards/${board.id}/session/summon`, {
				x: 640.5,
				y: -220,
				z: 0.8,
				pageId: 'page:page',
			})
			expect(response.status).toBe(204)
			const expected = { x: 640.5, y: -220, z: 0.8, pageId: 'page:page', by: person(grace) }
			await eventually(() => expect(miaClient.summons()).toEqual([expected]))
			await eventually(() => expect(adaClient.summons()).toEqual([expected]))
			expect(elsewhere.heard).toEqual([])
		} finally {
			close(miaClient, adaClient, elsewhere)
		}
	})

	it('L5 ends a session: the board is kept as a session snapshot with its participants, and the circle lists it', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, ben, board, circleA } = await world(server)
		const graceClient = await listen(server, grace, board.id)
		const miaClient = await listen(server, mia, board.id)
		try {
			const started = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, {
				title: 'Day 12',
				agenda: ['Check in', 'Harvest'],
			})
			graceClient.provider.doc
				.getMap<string>(RECORDS_MAP)
				.set('shape:note', JSON.stringify({ id: 'shape:note', typeName: 'shape', type: 'note' }))
			await eventually(async () => {
				const room = await server.rooms.peek(board.id)
				expect(room?.doc.getMap(RECORDS_MAP).has('shape:note')).toBe(true)
			})
			clock.advance(50 * MINUTE)

			const ended = await grace.json<EndedSession>('POST', `/boards/${board.id}/session/end`)
			expect(ended.session).toMatchObject({ id: started.id, endedAt: clock.now().toISOString() })
			expect(ended.snapshot).toEqual({
				id: expect.any(String),
				boardId: board.id,
				sessionId: started.id,
				title: 'Day 12 — 2026-03-01',
				kind: 'session',
				createdBy: person(grace),
				createdAt: clock.now().toISOString(),
				shapeCount: 1,
				participants: expect.arrayContaining([person(grace), person(mia)]),
				hasThumbnail: false,
			})
			expect(ended.snapshot.participants).toHaveLength(2)
			expect(await mia.json<SnapshotInfo[]>('GET', `/boards/${board.id}/snapshots`)).toEqual([ended.snapshot])
			await eventually(() => expect(miaClient.session()?.endedAt).toBe(clock.now().toISOString()))
			expect(await mia.json('GET', `/boards/${board.id}/session`)).toBeNull()

			const history = await mia.json<PastSession[]>('GET', `/circles/${circleA.id}/sessions`)
			expect(history).toEqual([
				{
					id: started.id,
					boardId: board.id,
					boardTitle: 'Retro',
					title: 'Day 12',
					agenda: ['Check in', 'Harvest'],
					startedBy: person(grace),
					startedAt: started.startedAt,
					endedAt: clock.now().toISOString(),
					durationMs: 50 * MINUTE,
					participants: ended.snapshot.participants,
					snapshot: { id: ended.snapshot.id, hasThumbnail: false },
				},
			])
			// The facilitator's browser adds the thumbnail afterwards.
			const put = await fetch(`${server.url}/api/snapshots/${ended.snapshot.id}/thumbnail`, {
				method: 'PUT',
				headers: { origin: server.url, cookie: grace.cookie, 'content-type': 'image/png' },
				body: new Uint8Array(tinyPng()),
			})
			expect(put.status).toBe(204)
			expect((await mia.json<PastSession[]>('GET', `/circles/${circleA.id}/sessions`))[0]?.snapshot).toEqual({
				id: ended.snapshot.id,
				hasThumbnail: true,
			})
			// Someone who may not view the board does not see its sessions in the circle's history.
			expect(await ben.json('GET', `/circles/${circleA.id}/sessions`)).toEqual([])

			// The board is free for the next session.
			clock.advance(MINUTE)
			await grace.json('POST', `/boards/${board.id}/session`, { title: 'Day 13' })
			expect(
				(await mia.json<PastSession[]>('GET', `/circles/${circleA.id}/sessions`)).map((s) => s.title),
			).toEqual(['Day 12'])
		} finally {
			close(graceClient, miaClient)
		}
	})

	it('lists the sessions of every board of the circle the person may view, newest first', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, ben, circleA } = await world(server)
		const tribeBoard = await createBoard(grace, circleA.id, 'Shared with the tribe', 'tribe')
		const circleBoard = await createBoard(grace, circleA.id, 'Circle only')
		for (const [board, title] of [
			[tribeBoard, 'First'],
			[circleBoard, 'Second'],
			[tribeBoard, 'Third'],
		] as const) {
			await grace.json('POST', `/boards/${board.id}/session`, { title })
			clock.advance(10 * MINUTE)
			await grace.json('POST', `/boards/${board.id}/session/end`)
			clock.advance(MINUTE)
		}
		const titles = async (who: Browser) =>
			(await who.json<PastSession[]>('GET', `/circles/${circleA.id}/sessions`)).map(
				(s) => `${s.title} on ${s.boardTitle}`,
			)
		expect(await titles(grace)).toEqual([
			'Third on Shared with the tribe',
			'Second on Circle only',
			'First on Shared with the tribe',
		])
		// Ben (another circle of the tribe) reads the tribe board only.
		expect(await titles(ben)).toEqual(['Third on Shared with the tribe', 'First on Shared with the tribe'])
	})
})

onEachDatabase('live sessions API: errors', (start) => {
	it('refuses a start that is not valid, naming each wrong field', async () => {
		const server = await start()
		const { grace, board } = await world(server)
		const cases: Array<[unknown, string]> = [
			[{ title: '  ' }, 'title'],
			[{ title: 'x'.repeat(201) }, 'title'],
			[{ title: 'Ok', agenda: ['Fine', ''] }, 'agenda.1'],
			[{ title: 'Ok', agenda: Array.from({ length: 31 }, (_, i) => `Item ${i}`) }, 'agenda'],
			[{ title: 'Ok', timeboxMinutes: 0 }, 'timeboxMinutes'],
			[{ title: 'Ok', timeboxMinutes: 481 }, 'timeboxMinutes'],
			[{ title: 'Ok', timeboxMinutes: 2.5 }, 'timeboxMinutes'],
			[{ title: 'Ok', facilitator: 'me' }, 'json'],
		]
		for (const [body, path] of cases) {
			const problem = await problemOf(await grace.send('POST', `/boards/${board.id}/session`, body))
			expect(problem, JSON.stringify(body)).toMatchObject({ status: 400, code: 'VALIDATION' })
			expect(
				problem.issues?.map((issue) => issue.path),
				JSON.stringify(body),
			).toContain(path)
		}
		expect(await grace.json('GET', `/boards/${board.id}/session`)).toBeNull()
	})

	it('keeps one session per board: a second start is 409 and changes nothing', async () => {
		const server = await start()
		const { grace, ada, board } = await world(server)
		const first = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, { title: 'First' })
		const attempts = await Promise.all([
			grace.send('POST', `/boards/${board.id}/session`, { title: 'Second' }),
			ada.send('POST', `/boards/${board.id}/session`, { title: 'Third' }),
		])
		for (const response of attempts) {
			expect(await problemOf(response)).toMatchObject({ status: 409, code: 'CONFLICT' })
		}
		expect((await grace.json<LiveSession>('GET', `/boards/${board.id}/session`)).id).toBe(first.id)
	})

	it('answers 409 for changes, summons and ends when no session runs', async () => {
		const server = await start()
		const { grace, board } = await world(server)
		const attempts = [
			grace.send('PATCH', `/boards/${board.id}/session`, { currentItem: 0 }),
			grace.send('POST', `/boards/${board.id}/session/summon`, { x: 0, y: 0, z: 1 }),
			grace.send('POST', `/boards/${board.id}/session/end`),
		]
		for (const response of await Promise.all(attempts)) {
			expect(await problemOf(response)).toMatchObject({
				status: 409,
				detail: 'No live session is running on this board.',
			})
		}
		expect(await grace.json<SnapshotInfo[]>('GET', `/boards/${board.id}/snapshots`)).toEqual([])
	})

	it('refuses changes that do not fit the session', async () => {
		const server = await start({ clock: new TestClock() })
		const { grace, board } = await world(server)
		await grace.json('POST', `/boards/${board.id}/session`, { title: 'No timer', agenda: ['One', 'Two'] })
		const patch = (body: unknown) => grace.send('PATCH', `/boards/${board.id}/session`, body)
		expect(await problemOf(await patch({ currentItem: 2 }))).toMatchObject({
			status: 400,
			detail: "This session's agenda has 2 items.",
			issues: [{ path: 'currentItem' }],
		})
		expect(await problemOf(await patch({ currentItem: -1 }))).toMatchObject({ status: 400 })
		expect(await problemOf(await patch({}))).toMatchObject({ status: 400, code: 'VALIDATION' })
		expect(await problemOf(await patch({ timer: 'stop' }))).toMatchObject({ status: 400 })
		expect(await problemOf(await patch({ timer: { extendMinutes: 0 } }))).toMatchObject({ status: 400 })
		expect(await problemOf(await patch({ timer: 'pause' }))).toMatchObject({
			status: 409,
			detail: 'This session has no timer.',
		})
		// Extending a session without a time box gives it one.
		const extended = await grace.json<LiveSession>('PATCH', `/boards/${board.id}/session`, {
			timer: { extendMinutes: 5 },
		})
		expect(extended.timer).toEqual({ durationMs: 5 * MINUTE, remainingMs: 5 * MINUTE, running: true })
		for (const body of [
			{ x: 0, y: 0, z: 0 },
			{ x: 'a', y: 0, z: 1 },
			{ x: 0, y: 0, z: 1, pageId: '../etc' },
			{ y: 0, z: 1 },
		]) {
			expect(
				await problemOf(await grace.send('POST', `/boards/${board.id}/session/summon`, body)),
				JSON.stringify(body),
			).toMatchObject({ status: 400, code: 'VALIDATION' })
		}
		const text = await grace.send('PATCH', `/boards/${board.id}/session`, 'not json')
		expect(await problemOf(text)).toMatchObject({ status: 400 })
	})

	it('refuses to start a session on an archived board (409)', async () => {
		const server = await start()
		const { grace, board } = await world(server)
		await grace.json('PATCH', `/boards/${board.id}`, { archived: true })
		expect(
			await problemOf(await grace.send('POST', `/boards/${board.id}/session`, { title: 'Late' })),
		).toMatchObject({ status: 409 })
	})

	it('answers 404 for a board or circle that does not exist, or a malformed id', async () => {
		const server = await start()
		const { grace } = await world(server)
		for (const response of [
			await grace.send('GET', '/boards/AAAAAAAAAAAAAAAA/session'),
			await grace.send('POST', '/boards/AAAAAAAAAAAAAAAA/session', { title: 'Nowhere' }),
			await grace.send('POST', '/boards/no%20such/session/end'),
			await grace.send('GET', '/circles/AAAAAAAAAAAAAAAA/sessions'),
		]) {
			expect(await problemOf(response)).toMatchObject({ status: 404, code: 'NOT_FOUND' })
		}
	})
})

onEachDatabase('live sessions API: security', (start) => {
	it('a member (not a facilitator) cannot start, change, summon or end a session (403)', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		const miaClient = await listen(server, mia, board.id)
		try {
			expect(
				await problemOf(await mia.send('POST', `/boards/${board.id}/session`, { title: 'Mine' })),
			).toMatchObject({ status: 403, code: 'FORBIDDEN' })
			const started = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, {
				title: 'Grace’s',
				agenda: ['One', 'Two'],
				timeboxMinutes: 10,
			})
			const attempts = [
				mia.send('PATCH', `/boards/${board.id}/session`, { currentItem: 1 }),
				mia.send('PATCH', `/boards/${board.id}/session`, { timer: 'pause' }),
				mia.send('PATCH', `/boards/${board.id}/session`, { followMe: true }),
				mia.send('POST', `/boards/${board.id}/session/summon`, { x: 1, y: 2, z: 1 }),
				mia.send('POST', `/boards/${board.id}/session/end`),
			]
			for (const response of await Promise.all(attempts)) {
				expect(await problemOf(response)).toMatchObject({ status: 403, code: 'FORBIDDEN' })
			}
			const now = await mia.json<LiveSession>('GET', `/boards/${board.id}/session`)
			expect(now).toMatchObject({ id: started.id, currentItem: 0, followMe: null, endedAt: null })
			expect(now.timer?.running).toBe(true)
			expect(miaClient.summons()).toEqual([])
			expect(await mia.json('GET', `/boards/${board.id}/snapshots`)).toEqual([])
		} finally {
			close(miaClient)
		}
	})

	it('someone who cannot view the board gets 404 for its session, whatever they try', async () => {
		const server = await start()
		const { grace, ben, olu, board } = await world(server)
		await grace.json('POST', `/boards/${board.id}/session`, { title: 'Private' })
		for (const outsider of [ben, olu]) {
			const attempts = [
				outsider.send('GET', `/boards/${board.id}/session`),
				outsider.send('POST', `/boards/${board.id}/session`, { title: 'Mine' }),
				outsider.send('PATCH', `/boards/${board.id}/session`, { currentItem: 0 }),
				outsider.send('POST', `/boards/${board.id}/session/summon`, { x: 1, y: 2, z: 1 }),
				outsider.send('POST', `/boards/${board.id}/session/end`),
			]
			for (const response of await Promise.all(attempts)) {
				expect(await problemOf(response)).toMatchObject({ status: 404, code: 'NOT_FOUND' })
			}
		}
		const unknown = await problemOf(await ben.send('GET', '/boards/AAAAAAAAAAAAAAAA/session'))
		const real = await problemOf(await ben.send('GET', `/boards/${board.id}/session`))
		expect(real.detail).toBe(unknown.detail)
	})

	it('a reader of a tribe board sees its session and summons but may not run it; a steward may', async () => {
		const server = await start()
		const { ada, ben, board } = await world(server, 'tribe')
		const benClient = await listen(server, ben, board.id)
		try {
			expect(
				await problemOf(await ben.send('POST', `/boards/${board.id}/session`, { title: 'Mine' })),
			).toMatchObject({ status: 403 })
			// Ada stewards the tribe: she manages its circles' boards.
			const started = await ada.json<LiveSession>('POST', `/boards/${board.id}/session`, { title: 'Tribe' })
			expect((await ben.json<LiveSession>('GET', `/boards/${board.id}/session`)).id).toBe(started.id)
			await eventually(() => expect(benClient.session()?.id).toBe(started.id))
			await ada.send('POST', `/boards/${board.id}/session/summon`, { x: 1, y: 2, z: 1 })
			await eventually(() => expect(benClient.summons()).toHaveLength(1))
			// A reader on the board takes part too.
			await eventually(() =>
				expect(benClient.session()?.participants.map((p) => p.displayName)).toContain('Ben'),
			)
		} finally {
			close(benClient)
		}
	})

	it('answers 401 to requests without a session, and refuses a start from another site', async () => {
		const server = await start()
		const { grace, board } = await world(server)
		const anonymous = new Browser(server)
		expect((await anonymous.send('GET', `/boards/${board.id}/session`)).status).toBe(401)
		expect((await anonymous.send('POST', `/boards/${board.id}/session`, { title: 'X' })).status).toBe(401)
		const crossSite = await fetch(`${server.url}/api/boards/${board.id}/session`, {
			method: 'POST',
			headers: { origin: 'https://evil.example', cookie: grace.cookie, 'content-type': 'application/json' },
			body: JSON.stringify({ title: 'Evil' }),
		})
		expect(crossSite.status).toBe(403)
		expect(await grace.json('GET', `/boards/${board.id}/session`)).toBeNull()
	})
})

/** Signs a fresh Browser of `server` in with an existing session cookie. */
function browserWith(server: TestServer, cookie: string): Browser {
	const browser = new Browser(server)
	browser.token = cookie.slice(cookie.indexOf('=') + 1)
	return browser
}

/**
 * A session started on one server is running, timer and participants included, on the next one
 * started on the same database (`restart` stops the first and starts the second).
 */
async function survivesRestart(
	clock: TestClock,
	first: TestServer,
	restart: (first: TestServer) => Promise<TestServer>,
): Promise<void> {
	const { boardId, circle, facilitator } = await seedBoard({ storage: first.storage, clock })
	const member = await seedMember({ storage: first.storage, clock }, circle.id, 'Mia')
	const before = await listen(first, member, boardId)
	const started = await browserWith(first, facilitator.cookie).json<LiveSession>(
		'POST',
		`/boards/${boardId}/session`,
		{ title: 'Across a restart', agenda: ['One', 'Two'], timeboxMinutes: 30 },
	)
	await browserWith(first, facilitator.cookie).json('PATCH', `/boards/${boardId}/session`, { currentItem: 1 })
	close(before)
	clock.advance(3 * MINUTE)

	const second = await restart(first)
	const after = await listen(second, member, boardId)
	try {
		// Joining the restarted server, the member gets the session as it was, the timer still counting.
		expect(after.heardBeforeSync).toBeGreaterThan(0)
		expect(after.session()).toMatchObject({
			id: started.id,
			currentItem: 1,
			participants: [{ displayName: 'Mia' }],
			timer: { durationMs: 30 * MINUTE, remainingMs: 27 * MINUTE, running: true },
		})
		const ended = await browserWith(second, facilitator.cookie).json<EndedSession>(
			'POST',
			`/boards/${boardId}/session/end`,
		)
		expect(ended.snapshot.participants.map((p) => p.displayName)).toEqual(['Mia'])
	} finally {
		close(after)
		await second.dispose()
	}
}

describe('L6 a live session survives a server restart', () => {
	it('on SQLite', async () => {
		const clock = new TestClock()
		const first = await startTestServer({}, undefined, { clock })
		await survivesRestart(clock, first, async () => {
			await first.stop()
			return startTestServer({}, first.dataDir, { clock })
		})
	})

	const databaseUrl = process.env.TEST_DATABASE_URL
	if (databaseUrl) {
		it('on PostgreSQL', async () => {
			const schema = await createSchemaHarness(databaseUrl)
			try {
				const clock = new TestClock()
				const first = await startTestServer({ DATABASE_URL: schema.url }, undefined, { clock })
				await survivesRestart(clock, first, async () => {
					await first.dispose()
					return startTestServer({ DATABASE_URL: schema.url }, undefined, { clock })
				})
			} finally {
				await schema.dispose()
			}
		})
	} else {
		it('was NOT run on PostgreSQL: TEST_DATABASE_URL is unset (set it to a postgres:// URL to run it)', () => {
			console.warn('live session restart: PostgreSQL test not run, TEST_DATABASE_URL unset')
			expect(databaseUrl).toBeUndefined()
		})
	}
})
