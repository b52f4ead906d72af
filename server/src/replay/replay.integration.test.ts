import { type Board, type EndedSession, type LiveSession, META_MAP, RECORDS_MAP } from '@circlespace/shared'
import {
	REPLAY_CHUNK_BYTES,
	REPLAY_CHUNK_ENTRIES,
	type ReplayEntry,
	type ReplayInfoLine,
	type ReplayLine,
} from '@circlespace/shared/replay/index.ts'
import { expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { encodeLogEntry } from '../sync/storedDoc.ts'
import { Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { connectProvider, eventually, synced, type TestServer } from '../testing/testServer.ts'

/**
 * Session replay through the API on SQLite and PostgreSQL: people edit a board during a live
 * session over real y-websocket clients, the facilitator ends it, and the replay streamed to
 * someone who may view the board, played to its end, is the session's end snapshot.
 */

/** A replay as the web app reads it: every line of the stream. */
interface ReadReplay {
	info: ReplayInfoLine
	frame: Uint8Array
	entries: ReplayEntry[]
	lines: ReplayLine[]
	end: Extract<ReplayLine, { type: 'end' }>
}

async function readReplay(who: Browser, boardId: string, query: string): Promise<ReadReplay> {
	const response = await who.send('GET', `/boards/${boardId}/replay?${query}`)
	expect(response.status).toBe(200)
	expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
	const text = await response.text()
	const lines = text
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as ReplayLine)
	const [info, frame] = lines
	if (info?.type !== 'info' || frame?.type !== 'frame')
		throw new Error(`unexpected start: ${text.slice(0, 200)}`)
	const end = lines.at(-1)
	if (end?.type !== 'end') throw new Error(`unexpected end: ${JSON.stringify(end)}`)
	const entries = lines.flatMap((line) => (line.type === 'entries' ? line.entries : []))
	return { info, frame: Buffer.from(frame.state, 'base64'), entries, lines, end }
}

/** The doc a player shows once it has played every entry up to `upToId` (all when omitted). */
function played(replay: ReadReplay, upToId = Number.POSITIVE_INFINITY): Y.Doc {
	const doc = new Y.Doc()
	Y.applyUpdateV2(doc, replay.frame)
	for (const entry of replay.entries) {
		if (entry.id > upToId) break
		for (const update of entry.updates) Y.applyUpdate(doc, Buffer.from(update, 'base64'))
	}
	return doc
}

function recordsOf(doc: Y.Doc): Record<string, unknown> {
	return doc.getMap(RECORDS_MAP).toJSON()
}

function contentOf(doc: Y.Doc) {
	return { records: recordsOf(doc), meta: doc.getMap(META_MAP).toJSON() }
}

const note = (id: string, text: string) =>
	JSON.stringify({ id, typeName: 'shape', type: 'note', props: { text } })

/** Connects `who` to a board as the web app does, synced. */
async function open(server: TestServer, who: Browser, boardId: string): Promise<WebsocketProvider> {
	const provider = connectProvider(server, boardId, { cookie: who.cookie })
	await synced(provider)
	return provider
}

/** Waits until the server's room holds `id` with `value` (or without it when undefined). */
async function serverHas(server: TestServer, boardId: string, id: string, value: string | undefined) {
	await eventually(async () => {
		const room = await server.rooms.peek(boardId)
		expect(room?.doc.getMap(RECORDS_MAP).get(id)).toBe(value)
	})
}

async function world(server: TestServer) {
	const spaces = await seedSpacesWorld(server)
	const board = await createBoard(spaces.grace, spaces.circleA.id, 'Retro')
	return { ...spaces, board }
}

onEachDatabase('session replay', (start) => {
	it('replays a session two people edited: its last frame is the end snapshot, with agenda and snapshot marks', async () => {
		const server = await start()
		const { grace, mia, ben, board } = await world(server)
		const graceBoard = await open(server, grace, board.id)
		const miaBoard = await open(server, mia, board.id)
		try {
			const graceRecords = graceBoard.doc.getMap<string>(RECORDS_MAP)
			const miaRecords = miaBoard.doc.getMap<string>(RECORDS_MAP)
			// Before the session: not part of its replay's entries, but in its first frame.
			graceRecords.set('shape:before', note('shape:before', 'Before we start'))
			await serverHas(server, board.id, 'shape:before', note('shape:before', 'Before we start'))
			await server.rooms.peek(board.id).then((room) => room?.flush())
			await new Promise((resolve) => setTimeout(resolve, 20))

			const session = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, {
				title: 'Retro',
				agenda: ['Check in', 'Harvest'],
			})
			await new Promise((resolve) => setTimeout(resolve, 20))
			for (let i = 0; i < 5; i++) {
				graceRecords.set(`shape:g${i}`, note(`shape:g${i}`, `Grace ${i}`))
				miaRecords.set(`shape:m${i}`, note(`shape:m${i}`, `Mia ${i}`))
				await new Promise((resolve) => setTimeout(resolve, 60))
			}
			await serverHas(server, board.id, 'shape:m4', note('shape:m4', 'Mia 4'))
			await grace.json('PATCH', `/boards/${board.id}/session`, { currentItem: 1 })
			const midway = await grace.json<{ id: string }>('POST', `/boards/${board.id}/snapshots`, {
				title: 'Midway',
			})
			miaRecords.delete('shape:g0')
			graceRecords.set('shape:m1', note('shape:m1', 'Mia 1, edited by Grace'))
			// The last edits may still be unsaved when the session ends: the end stores them first.
			const ended = await grace.json<EndedSession>('POST', `/boards/${board.id}/session/end`)
			const endState = await server.storage.snapshots.getState(ended.snapshot.id)
			if (!endState) throw new Error('no end snapshot state')
			const endDoc = new Y.Doc()
			Y.applyUpdateV2(endDoc, endState)
			expect(recordsOf(endDoc)['shape:m1']).toBe(note('shape:m1', 'Mia 1, edited by Grace'))
			expect(recordsOf(endDoc)['shape:g0']).toBeUndefined()

			// Mia, a member who may view the board, watches it.
			const replay = await readReplay(mia, board.id, `session=${session.id}`)
			expect(replay.info).toMatchObject({
				boardId: board.id,
				session: { id: session.id, title: 'Retro' },
				from: session.startedAt,
				to: ended.session.endedAt,
			})
			expect(replay.info.marks.map((mark) => [mark.kind, mark.title])).toEqual([
				['agenda', 'Check in'],
				['agenda', 'Harvest'],
				['snapshot', 'Midway'],
				['snapshot', ended.snapshot.title],
			])
			expect(replay.info.marks[2]).toMatchObject({ snapshotId: midway.id })
			// The first frame is the board as the session found it.
			expect(Object.keys(recordsOf(played(replay, replay.info.startId)))).toEqual(['shape:before'])
			expect(replay.entries.length).toBeGreaterThan(1)
			expect(replay.entries.every((entry) => entry.id > replay.info.startId)).toBe(true)
			expect(replay.entries.at(-1)?.id).toBe(replay.info.endId)
			expect(replay.end).toEqual({ type: 'end', entries: replay.entries.length, truncated: false })
			// Played to its end: exactly the end snapshot.
			expect(contentOf(played(replay))).toEqual(contentOf(endDoc))
			// Midway, a moment holds some of Grace's notes and not yet the edit at the end.
			const middle = replay.entries[Math.floor(replay.entries.length / 2)]
			const atMiddle = recordsOf(played(replay, middle?.id))
			expect(Object.keys(atMiddle).length).toBeGreaterThan(1)
			expect(atMiddle['shape:m1']).not.toBe(note('shape:m1', 'Mia 1, edited by Grace'))

			// Edits after the session are not part of its replay.
			graceRecords.set('shape:after', note('shape:after', 'After'))
			await serverHas(server, board.id, 'shape:after', note('shape:after', 'After'))
			await server.rooms.peek(board.id).then((room) => room?.flush())
			const again = await readReplay(grace, board.id, `session=${session.id}`)
			expect(contentOf(played(again))).toEqual(contentOf(endDoc))

			// Someone who may not see the board learns nothing of it, or of its sessions.
			const refused = await ben.send('GET', `/boards/${board.id}/replay?session=${session.id}`)
			expect(refused.status).toBe(404)
			expect((await problemOf(refused)).detail).toBe('This board does not exist, or you cannot see it.')
		} finally {
			graceBoard.destroy()
			miaBoard.destroy()
		}
	})

	it('starts a later session from the earlier one’s end snapshot, and its replay still ends on its own', async () => {
		const server = await start()
		const { grace, board } = await world(server)
		const graceBoard = await open(server, grace, board.id)
		try {
			const records = graceBoard.doc.getMap<string>(RECORDS_MAP)
			const sessions: Array<{ session: LiveSession; ended: EndedSession }> = []
			for (const round of [1, 2]) {
				const session = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, {
					title: `Round ${round}`,
				})
				await new Promise((resolve) => setTimeout(resolve, 20))
				records.set(`shape:r${round}`, note(`shape:r${round}`, `Round ${round}`))
				if (round === 2) records.delete('shape:r1')
				await serverHas(server, board.id, `shape:r${round}`, note(`shape:r${round}`, `Round ${round}`))
				const ended = await grace.json<EndedSession>('POST', `/boards/${board.id}/session/end`)
				sessions.push({ session, ended })
				await new Promise((resolve) => setTimeout(resolve, 20))
			}
			const second = sessions[1]
			if (!second) throw new Error('no second session')
			const replay = await readReplay(grace, board.id, `session=${second.session.id}`)
			expect(Object.keys(recordsOf(played(replay, replay.info.startId)))).toEqual(['shape:r1'])
			const endState = await server.storage.snapshots.getState(second.ended.snapshot.id)
			const endDoc = new Y.Doc()
			Y.applyUpdateV2(endDoc, endState ?? new Uint8Array())
			expect(contentOf(played(replay))).toEqual(contentOf(endDoc))
			expect(Object.keys(recordsOf(endDoc))).toEqual(['shape:r2'])
		} finally {
			graceBoard.destroy()
		}
	})

	it('keeps the board as a session starts, so that its replay starts there without reading the log before', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		// A history written straight into the log, as rooms store it: no checkpoint covers it yet.
		const writer = new Y.Doc()
		const records = writer.getMap<string>(RECORDS_MAP)
		const history: Uint8Array[] = []
		writer.on('update', (update: Uint8Array) => history.push(encodeLogEntry([update])))
		for (let i = 0; i < 300; i++) records.set(`shape:n${i % 20}`, note(`shape:n${i % 20}`, `Version ${i}`))
		const ids = await server.storage.docs.appendMany(history.map((update) => ({ boardId: board.id, update })))
		const lastBefore = ids.at(-1) ?? 0
		expect(await server.storage.replay.checkpoint(board.id, lastBefore)).toBeUndefined()
		await new Promise((resolve) => setTimeout(resolve, 20))

		const session = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, { title: 'Retro' })
		const kept = await server.storage.replay.checkpoint(board.id, lastBefore)
		expect(kept?.coversId).toBe(lastBefore)
		const keptDoc = new Y.Doc()
		Y.applyUpdateV2(keptDoc, kept?.state ?? new Uint8Array())
		expect(contentOf(keptDoc)).toEqual(contentOf(writer))

		const graceBoard = await open(server, grace, board.id)
		try {
			graceBoard.doc.getMap<string>(RECORDS_MAP).set('shape:during', note('shape:during', 'During'))
			await serverHas(server, board.id, 'shape:during', note('shape:during', 'During'))
			await grace.json('POST', `/boards/${board.id}/session/end`)
			const replay = await readReplay(mia, board.id, `session=${session.id}`)
			expect(replay.info.startId).toBe(lastBefore)
			expect(contentOf(played(replay, replay.info.startId)).records).toEqual(recordsOf(writer))
			expect(recordsOf(played(replay))['shape:during']).toBe(note('shape:during', 'During'))
		} finally {
			graceBoard.destroy()
		}
	})

	it('streams a time range of a long log in bounded chunks, from a start frame it builds once', async () => {
		const server = await start()
		const { grace, mia, board } = await world(server)
		// A long history written straight into the log, as rooms store it.
		const writer = new Y.Doc()
		const records = writer.getMap<string>(RECORDS_MAP)
		const entries: Uint8Array[] = []
		writer.on('update', (update: Uint8Array) => entries.push(encodeLogEntry([update])))
		for (let i = 0; i < 6000; i++) records.set(`shape:n${i % 50}`, note(`shape:n${i % 50}`, `Version ${i}`))
		// Two large entries: each goes alone in its line.
		records.set('shape:big1', note('shape:big1', 'x'.repeat(REPLAY_CHUNK_BYTES)))
		records.set('shape:big2', note('shape:big2', 'y'.repeat(REPLAY_CHUNK_BYTES)))
		const beforeRange = entries.splice(0, 5600)
		await server.storage.docs.appendMany(beforeRange.map((update) => ({ boardId: board.id, update })))
		await new Promise((resolve) => setTimeout(resolve, 20))
		const from = new Date().toISOString()
		await new Promise((resolve) => setTimeout(resolve, 20))
		for (const update of entries) await server.storage.docs.append(board.id, update)
		await new Promise((resolve) => setTimeout(resolve, 20))
		const to = new Date().toISOString()

		const query = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`
		const replay = await readReplay(mia, board.id, query)
		expect(replay.info.session).toBeNull()
		expect(replay.entries).toHaveLength(entries.length)
		expect(contentOf(played(replay))).toEqual(contentOf(writer))
		const startFrame = played(replay, replay.info.startId)
		expect(JSON.parse(String(startFrame.getMap(RECORDS_MAP).get('shape:n49')))).toMatchObject({
			props: { text: 'Version 5599' },
		})
		for (const line of replay.lines) {
			if (line.type !== 'entries') continue
			expect(line.entries.length).toBeLessThanOrEqual(REPLAY_CHUNK_ENTRIES)
			const bytes = line.entries.flatMap((entry) => entry.updates).reduce((sum, u) => sum + u.length, 0)
			if (line.entries.length > 1) expect(bytes).toBeLessThanOrEqual(REPLAY_CHUNK_BYTES)
		}
		// The start frame took more than 5,000 entries: it was kept, and the next replay starts there.
		const checkpoint = await server.storage.replay.checkpoint(board.id, replay.info.startId)
		expect(checkpoint?.coversId).toBe(replay.info.startId)
		const again = await readReplay(grace, board.id, query)
		expect(contentOf(played(again, again.info.startId))).toEqual(contentOf(startFrame))
	})

	it('refuses what it cannot replay with clear problems', async () => {
		const server = await start()
		const { grace, mia, board, circleA } = await world(server)
		const other = await createBoard(grace, circleA.id, 'Other')
		const running = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, { title: 'Now' })

		const stillRunning = await mia.send('GET', `/boards/${board.id}/replay?session=${running.id}`)
		expect(stillRunning.status).toBe(409)
		const elsewhere = await mia.send('GET', `/boards/${other.id}/replay?session=${running.id}`)
		expect(elsewhere.status).toBe(404)
		expect((await problemOf(elsewhere)).detail).toBe('This session does not exist, or you cannot see it.')
		for (const query of [
			'',
			'from=yesterday&to=today',
			'from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
			'from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:01Z',
			`session=${running.id}&from=2026-01-01T00:00:00Z`,
		]) {
			const response = await mia.send('GET', `/boards/${board.id}/replay?${query}`)
			expect(response.status, query).toBe(400)
		}
		const ok = await mia.send(
			'GET',
			`/boards/${board.id}/replay?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`,
		)
		expect(ok.status).toBe(200)
		await ok.body?.cancel()
		const signedOut = await new Browser(server).send(
			'GET',
			`/boards/${board.id}/replay?session=${running.id}`,
		)
		expect(signedOut.status).toBe(401)
	})

	it('restores a moment of a replay as a new board of the circle, for facilitators only', async () => {
		const server = await start()
		const { grace, mia, board, circleA } = await world(server)
		const graceBoard = await open(server, grace, board.id)
		try {
			const records = graceBoard.doc.getMap<string>(RECORDS_MAP)
			const session = await grace.json<LiveSession>('POST', `/boards/${board.id}/session`, { title: 'Retro' })
			await new Promise((resolve) => setTimeout(resolve, 20))
			records.set('shape:a', note('shape:a', 'First'))
			await serverHas(server, board.id, 'shape:a', note('shape:a', 'First'))
			await server.rooms.peek(board.id).then((room) => room?.flush())
			records.set('shape:b', note('shape:b', 'Second'))
			await serverHas(server, board.id, 'shape:b', note('shape:b', 'Second'))
			await grace.json('POST', `/boards/${board.id}/session/end`)
			const replay = await readReplay(grace, board.id, `session=${session.id}`)
			const moment = replay.entries.find((entry) => recordsOf(played(replay, entry.id))['shape:a'])
			if (!moment) throw new Error('no moment with the first note')
			expect(recordsOf(played(replay, moment.id))['shape:b']).toBeUndefined()

			const refused = await mia.send('POST', `/boards/${board.id}/replay/restore`, { at: moment.id })
			expect(refused.status).toBe(403)
			const invalid = await grace.send('POST', `/boards/${board.id}/replay/restore`, { at: -1 })
			expect(invalid.status).toBe(400)

			const created = await grace.json<Board>('POST', `/boards/${board.id}/replay/restore`, {
				at: moment.id,
				title: 'Retro, first note',
			})
			expect(created).toMatchObject({ title: 'Retro, first note', circleId: circleA.id })
			const room = await server.rooms.acquire(created.id)
			try {
				expect(room?.doc.getMap(RECORDS_MAP).toJSON()).toEqual(recordsOf(played(replay, moment.id)))
			} finally {
				room?.release()
			}
			// The live board is as it was.
			await serverHas(server, board.id, 'shape:b', note('shape:b', 'Second'))
			// The circle's members see it as any board of their circle.
			expect(await mia.json<Board>('GET', `/boards/${created.id}`)).toMatchObject({
				title: 'Retro, first note',
			})
		} finally {
			graceBoard.destroy()
		}
	})
})
