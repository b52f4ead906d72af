import { CloseCode, META_MAP, RECORDS_MAP, SCHEMA_KEY } from '@circlespace/shared'
import { PRIVATE_MODE_MESSAGE_TYPE } from '@circlespace/shared/audience/index.ts'
import { toRichText } from '@tldraw/tlschema'
import { expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { makePage, makeShape } from '../snapshots/testBoards.ts'
import { currentSchema } from '../snapshots/tldrawSchema.ts'
import type { Browser } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import {
	browserHeaders,
	connectRaw,
	eventually,
	type RawClient,
	synced,
	type TestServer,
} from '../testing/testServer.ts'
import { MAX_LAYER_RECORDS } from './layerBounds.ts'

/**
 * The note layers and private mode as attacks (docs/API.md, "Note audience"): a note for its
 * writer alone, or for a circle, and an unrevealed private-mode note, never reach anyone else's
 * socket (the raw bytes of the y-websocket connection) nor any API answer.
 */

const page = makePage('Page 1', 'a1')

type Layer = 'me' | 'circle' | undefined

/** A y-websocket client as the web app opens a board (`layer` undefined) or one of its layers. */
function connect(server: TestServer, who: Browser, boardId: string, layer: Layer): WebsocketProvider {
	const headers = browserHeaders(server, { cookie: who.cookie })
	class SignedInWebSocket extends WebSocket {
		constructor(url: string, protocols?: string | string[]) {
			super(url, protocols, { headers })
		}
	}
	const provider = new WebsocketProvider(server.wsUrl, boardId, new Y.Doc(), {
		disableBc: true,
		WebSocketPolyfill: SignedInWebSocket as never,
		shouldReconnect: () => false,
		...(layer ? { params: { layer } } : {}),
	})
	provider.awareness.setLocalState(null)
	return provider
}

/** Writes a note with `text` (and `meta`) through `provider`, as a browser would. */
function writeNote(
	provider: WebsocketProvider,
	name: string,
	text: string,
	meta: Record<string, unknown> = {},
) {
	const doc = provider.doc
	doc.transact(() => {
		const records = doc.getMap<string>(RECORDS_MAP)
		if (!records.has(page.id)) records.set(page.id, JSON.stringify(page))
		const note = makeShape(
			'note',
			name,
			page.id,
			'a1',
			{ richText: toRichText(text), textLastEditedBy: 'someone' },
			{ meta: { author: { id: 'someone', name: 'Mia' }, ...meta } },
		)
		records.set(note.id, JSON.stringify(note))
		doc.getMap<string>(META_MAP).set(SCHEMA_KEY, JSON.stringify(currentSchema))
	})
}

function rawOn(server: TestServer, who: Browser, boardId: string, layer: Layer): Promise<RawClient> {
	return connectRaw(server, layer ? `${boardId}?layer=${layer}` : boardId, { cookie: who.cookie })
}

/** Everything a raw client was sent, as one string (the notes' text is UTF-8 in it). */
const heard = (client: RawClient) => Buffer.concat(client.messages).toString('latin1')

/** Every answer a reader could get the board's content through. */
async function everyAnswer(
	server: TestServer,
	who: Browser,
	boardId: string,
	snapshotBy: Browser = who,
): Promise<string> {
	const texts: string[] = []
	const get = async (route: string) => {
		const response = await who.send('GET', route)
		// The route without its query: a search's own words are not an answer's.
		const label = route.split('?')[0]
		texts.push(`${label} ${response.status} ${Buffer.from(await response.arrayBuffer()).toString('latin1')}`)
	}
	await get(`/boards/${boardId}/tldr`)
	// Only facilitators take snapshots; whoever asks then reads it.
	const snapshot = await snapshotBy.json<{ id: string }>('POST', `/boards/${boardId}/snapshots`, {
		title: 'Now',
	})
	await get(`/snapshots/${snapshot.id}`)
	await get(`/snapshots/${snapshot.id}/tldr`)
	await get(`/boards/${boardId}/snapshots`)
	await get(`/boards/${boardId}/links`)
	await get(`/boards/${boardId}/backlinks`)
	await get(`/boards/${boardId}/thumbnail`)
	await get(`/boards/${boardId}/replay`)
	await server.searchIndexer.flush()
	for (const word of ['kept', 'secretword', 'circleword', 'brainstormword']) await get(`/search?q=${word}`)
	await get('/home')
	return texts.join('\n')
}

onEachDatabase('note layers', (start) => {
	async function world() {
		const server = await start()
		const w = await seedSpacesWorld(server)
		// Circle A's board, seen by the whole tribe: Ben (circle B) is a tribe reader of it.
		const board = await createBoard(w.grace, w.circleA.id, 'Harvest', 'tribe')
		const open: Array<{ destroy(): void } | RawClient> = []
		const track = <T extends { destroy(): void } | RawClient>(thing: T) => {
			open.push(thing)
			return thing
		}
		const closeAll = () => {
			for (const thing of open) {
				if ('ws' in thing) thing.ws.close()
				else thing.destroy()
			}
		}
		return { server, ...w, board, track, closeAll }
	}

	it('sends a note for "me" to its writer’s connections only, and to no API answer', async () => {
		const w = await world()
		try {
			// Everyone else listens first: on the board, on their own layer, on the circle's.
			const listeners = [
				await rawOn(w.server, w.grace, w.board.id, undefined),
				await rawOn(w.server, w.grace, w.board.id, 'me'),
				await rawOn(w.server, w.grace, w.board.id, 'circle'),
				await rawOn(w.server, w.ben, w.board.id, undefined),
				await rawOn(w.server, w.ben, w.board.id, 'me'),
				await rawOn(w.server, w.ada, w.board.id, 'me'),
			].map(w.track)
			const board = w.track(connect(w.server, w.mia, w.board.id, undefined))
			await synced(board)
			writeNote(board, 'open', 'kept for everyone')
			const mine = w.track(connect(w.server, w.mia, w.board.id, 'me'))
			await synced(mine)
			writeNote(mine, 'secret', 'secretword only for Mia', { audience: 'me' })

			// Mia's other tab (another connection of the same account) gets it.
			const otherTab = w.track(connect(w.server, w.mia, w.board.id, 'me'))
			await synced(otherTab)
			await eventually(() => expect(otherTab.doc.getMap(RECORDS_MAP).has('shape:secret')).toBe(true))
			// Everyone hears the open note, so they would have heard the secret one by now.
			for (const listener of listeners.slice(0, 1).concat(listeners.slice(3, 4))) {
				await eventually(() => expect(heard(listener)).toContain('kept for everyone'))
			}
			for (const listener of listeners) expect(heard(listener)).not.toContain('secretword')

			// Stored apart: a fresh load of the board's room has the open note only.
			const answers = await everyAnswer(w.server, w.grace, w.board.id)
			expect(answers).toContain('kept for everyone')
			expect(answers).not.toContain('secretword')
			expect(await everyAnswer(w.server, w.mia, w.board.id, w.grace)).not.toContain('secretword')
			const room = await w.server.rooms.peek(w.board.id)
			expect([...(room?.doc.getMap<string>(RECORDS_MAP).values() ?? [])].join()).not.toContain('secretword')
		} finally {
			w.closeAll()
		}
	})

	it('sends a circle’s note to its members only: a tribe reader is refused the layer', async () => {
		const w = await world()
		try {
			const benBoard = w.track(await rawOn(w.server, w.ben, w.board.id, undefined))
			const benCircle = w.track(await rawOn(w.server, w.ben, w.board.id, 'circle'))
			expect((await benCircle.closed).code).toBe(CloseCode.BOARD_NOT_FOUND)

			const mia = w.track(connect(w.server, w.mia, w.board.id, 'circle'))
			await synced(mia)
			writeNote(mia, 'ours', 'circleword for circle A', { audience: 'circle' })
			const grace = w.track(connect(w.server, w.grace, w.board.id, 'circle'))
			await synced(grace)
			await eventually(() => expect(grace.doc.getMap(RECORDS_MAP).has('shape:ours')).toBe(true))
			expect(heard(benBoard)).not.toContain('circleword')
			expect(await everyAnswer(w.server, w.grace, w.board.id)).not.toContain('circleword')
		} finally {
			w.closeAll()
		}
	})

	it('refuses a layer it does not know, and keeps a layer to its bound', async () => {
		const w = await world()
		try {
			const odd = w.track(await rawOn(w.server, w.mia, w.board.id, 'tribe' as Layer))
			expect((await odd.closed).code).toBe(CloseCode.BOARD_NOT_FOUND)
			const other = w.track(
				await connectRaw(w.server, `${w.board.id}?layer=me:${w.grace.user?.id}`, { cookie: w.mia.cookie }),
			)
			expect((await other.closed).code).toBe(CloseCode.BOARD_NOT_FOUND)

			const mine = w.track(connect(w.server, w.mia, w.board.id, 'me'))
			await synced(mine)
			for (let i = 0; i < MAX_LAYER_RECORDS + 10; i++)
				writeNote(mine, `n${i}`, `note ${i}`, { audience: 'me' })
			const key = `${w.board.id}#me:${w.mia.user?.id}`
			await eventually(async () => {
				const room = await w.server.layers.registry.peek(key)
				expect(room?.doc.getMap(RECORDS_MAP).size).toBe(MAX_LAYER_RECORDS)
			})
			// The client hears the deletions too.
			await eventually(() => expect(mine.doc.getMap(RECORDS_MAP).size).toBe(MAX_LAYER_RECORDS))
		} finally {
			w.closeAll()
		}
	})

	it('private mode: facilitators start, reveal (anonymously) and end it; members cannot; nothing leaks before', async () => {
		const w = await world()
		try {
			const route = `/boards/${w.board.id}/private-mode`
			expect((await w.mia.send('POST', route, { anonymous: true })).status).toBe(403)
			expect((await w.mia.send('POST', route, { anonymous: 'yes' })).status).toBe(400)
			expect((await w.ben.send('POST', route, { anonymous: true })).status).toBe(403)
			const miaLayer = w.track(await rawOn(w.server, w.mia, w.board.id, 'me'))
			const mode = await w.grace.json<{ id: string; anonymous: boolean }>('POST', route, { anonymous: true })
			expect(mode.anonymous).toBe(true)
			expect((await w.grace.send('POST', route, { anonymous: false })).status).toBe(409)
			expect((await w.mia.json<{ id: string }>('GET', route)).id).toBe(mode.id)
			// Told on the person's own layer connection (message type 110).
			await eventually(() =>
				expect(miaLayer.messages.some((m) => m[0] === PRIVATE_MODE_MESSAGE_TYPE && m.includes(mode.id))).toBe(
					true,
				),
			)

			const graceBoard = w.track(await rawOn(w.server, w.grace, w.board.id, undefined))
			const benBoard = w.track(await rawOn(w.server, w.ben, w.board.id, undefined))
			const mia = w.track(connect(w.server, w.mia, w.board.id, 'me'))
			// Ada is in circle A too (she made it); Ben, a tribe reader, may not write on this board.
			const ada = w.track(connect(w.server, w.ada, w.board.id, 'me'))
			await Promise.all([synced(mia), synced(ada)])
			writeNote(mia, 'idea1', 'brainstormword one', { audience: 'me', privateMode: mode.id })
			writeNote(ada, 'idea2', 'brainstormword two', { audience: 'me', privateMode: mode.id })
			writeNote(mia, 'keep', 'stays with Mia', { audience: 'me' })
			const miaKey = `${w.board.id}#me:${w.mia.user?.id}`
			await eventually(async () => {
				const room = await w.server.layers.registry.peek(miaKey)
				expect(room?.doc.getMap(RECORDS_MAP).size).toBe(3)
			})
			expect(heard(graceBoard)).not.toContain('brainstormword')
			expect(heard(benBoard)).not.toContain('brainstormword')
			expect(await everyAnswer(w.server, w.grace, w.board.id)).not.toContain('brainstormword')

			// A member may not end or reveal it.
			expect((await w.mia.send('DELETE', route)).status).toBe(403)
			expect((await w.mia.send('POST', `${route}/reveal`)).status).toBe(403)

			expect(await w.grace.json('POST', `${route}/reveal`)).toEqual({ revealed: 2 })
			await eventually(() => expect(heard(graceBoard)).toContain('brainstormword one'))
			await eventually(() => expect(heard(benBoard)).toContain('brainstormword two'))
			const room = await w.server.rooms.peek(w.board.id)
			const revealed = JSON.parse(room?.doc.getMap<string>(RECORDS_MAP).get('shape:idea1') ?? '{}')
			expect(revealed.meta).toEqual({})
			expect(revealed.props.textLastEditedBy).toBeNull()
			// Gone from the writers' layers; the note for Mia alone stays hers.
			await eventually(() =>
				expect([...mia.doc.getMap(RECORDS_MAP).keys()].sort()).toEqual(['page:Page 1', 'shape:keep']),
			)
			expect(heard(benBoard)).not.toContain('stays with Mia')
			expect(await w.grace.json('GET', route)).toBeNull()
			expect((await w.grace.send('DELETE', route)).status).toBe(409)

			// Ending without revealing leaves the notes with their writers.
			const second = await w.grace.json<{ id: string }>('POST', route, { anonymous: false })
			writeNote(mia, 'idea3', 'brainstormword three', { audience: 'me', privateMode: second.id })
			await eventually(async () => {
				const layer = await w.server.layers.registry.peek(miaKey)
				expect(layer?.doc.getMap(RECORDS_MAP).has('shape:idea3')).toBe(true)
			})
			expect((await w.grace.send('DELETE', route)).status).toBe(204)
			expect(await w.grace.json('GET', route)).toBeNull()
			expect(heard(benBoard)).not.toContain('brainstormword three')
		} finally {
			w.closeAll()
		}
	})
})
