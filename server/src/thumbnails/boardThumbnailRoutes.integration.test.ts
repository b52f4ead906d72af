import { crc32, deflateSync } from 'node:zlib'
import { MAX_BOARD_THUMBNAIL_BYTES } from '@circlespace/shared'
import { expect, it } from 'vitest'
import { tinyPng } from '../assets/testImages.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import type { TestServer } from '../testing/testServer.ts'

/** Board thumbnails through the API, on SQLite and PostgreSQL. */

function chunk(type: string, data: Uint8Array): Buffer {
	const length = Buffer.alloc(4)
	length.writeUInt32BE(data.byteLength)
	const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data])
	const crc = Buffer.alloc(4)
	crc.writeUInt32BE(crc32(typeAndData))
	return Buffer.concat([length, typeAndData, crc])
}

/** A grey PNG of `width` × `height` (8-bit greyscale), built from its parts. */
function greyPng(width: number, height: number): Uint8Array {
	const header = Buffer.alloc(13)
	header.writeUInt32BE(width, 0)
	header.writeUInt32BE(height, 4)
	header.set([8, 0, 0, 0, 0], 8)
	const rows = Buffer.alloc((width + 1) * height, 0x80)
	for (let y = 0; y < height; y++) rows[y * (width + 1)] = 0
	return new Uint8Array(
		Buffer.concat([
			Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
			chunk('IHDR', header),
			chunk('IDAT', deflateSync(rows)),
			chunk('IEND', new Uint8Array(0)),
		]),
	)
}

/** Sends raw bytes as a browser of `who` would (session cookie, same-origin `Origin`). */
function put(who: Browser, boardId: string, body: Uint8Array | string, contentType = 'image/png') {
	return fetch(`${serverUrl}/api/boards/${boardId}/thumbnail`, {
		method: 'PUT',
		headers: { origin: serverUrl, cookie: who.cookie, 'content-type': contentType },
		body: typeof body === 'string' ? body : new Uint8Array(body),
	})
}

const get = (who: Browser, boardId: string) => who.send('GET', `/boards/${boardId}/thumbnail`)

let serverUrl = ''

async function world(server: TestServer) {
	serverUrl = server.url
	const seeded = await seedSpacesWorld(server)
	const shared = await createBoard(seeded.grace, seeded.circleA.id, 'Day 12 check-in', 'tribe')
	const own = await createBoard(seeded.grace, seeded.circleA.id, 'Circle only', 'circle')
	return { ...seeded, shared, own }
}

onEachDatabase('board thumbnails: happy path', (start) => {
	it('an editor of the board stores its thumbnail and every viewer reads it, replaced as it changes', async () => {
		const server = await start()
		const { grace, mia, ben, shared } = await world(server)
		const before = await get(ben, shared.id)
		expect(before.status).toBe(404)
		expect((await problemOf(before)).detail).toMatch(/no thumbnail yet/)

		const first = greyPng(320, 200)
		expect((await put(grace, shared.id, first)).status).toBe(204)
		const read = await get(ben, shared.id)
		expect(read.status).toBe(200)
		expect(read.headers.get('content-type')).toBe('image/png')
		expect(read.headers.get('cache-control')).toBe('private, no-cache')
		expect(new Uint8Array(await read.arrayBuffer())).toEqual(first)

		// A member (not a facilitator) edits the board, so makes its thumbnail too.
		const second = greyPng(480, 300)
		expect((await put(mia, shared.id, second)).status).toBe(204)
		expect(new Uint8Array(await (await get(ben, shared.id)).arrayBuffer())).toEqual(second)
	})
})

onEachDatabase('board thumbnails: errors', (start) => {
	it('refuses a body that is not a PNG, whatever its Content-Type says', async () => {
		const server = await start()
		const { grace, shared } = await world(server)
		const jpeg = Uint8Array.of(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1)
		for (const body of [jpeg, '<svg xmlns="http://www.w3.org/2000/svg"/>', new Uint8Array(0)]) {
			const refused = await put(grace, shared.id, body)
			expect(refused.status).toBe(415)
			expect((await problemOf(refused)).detail).toBe('A thumbnail must be a PNG image.')
		}
		expect((await get(grace, shared.id)).status).toBe(404)
	})

	it('refuses a PNG larger than the limit, or wider or taller than 1024 px', async () => {
		const server = await start()
		const { grace, shared } = await world(server)
		const padded = new Uint8Array(MAX_BOARD_THUMBNAIL_BYTES + 1)
		padded.set(tinyPng())
		const tooLarge = await put(grace, shared.id, padded)
		expect(tooLarge.status).toBe(413)
		expect((await problemOf(tooLarge)).detail).toBe('A thumbnail can be at most 512 kB.')

		const tooWide = await put(grace, shared.id, greyPng(2000, 10))
		expect(tooWide.status).toBe(415)
		expect((await problemOf(tooWide)).detail).toMatch(/at most 1024 × 1024 pixels \(this one is 2000 × 10\)/)
		expect((await get(grace, shared.id)).status).toBe(404)
	})

	it('takes at most 6 thumbnails a minute for one board, and says when to send the next', async () => {
		const server = await start()
		const { grace, mia, shared } = await world(server)
		for (let i = 0; i < 6; i++)
			expect((await put(i % 2 ? mia : grace, shared.id, tinyPng())).status).toBe(204)
		const refused = await put(mia, shared.id, tinyPng())
		expect(refused.status).toBe(429)
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
		expect((await problemOf(refused)).detail).toMatch(/This board has sent too many thumbnails/)
	})

	it('takes at most 20 thumbnails a minute from one person over all boards', async () => {
		const server = await start()
		const { grace, mia, circleA } = await world(server)
		const boards = await Promise.all(
			[1, 2, 3, 4].map((n) => createBoard(grace, circleA.id, `Board ${n}`, 'circle')),
		)
		for (const board of boards) {
			for (let i = 0; i < 5; i++) expect((await put(grace, board.id, tinyPng())).status).toBe(204)
		}
		const refused = await put(grace, boards[0]?.id ?? '', tinyPng())
		expect(refused.status).toBe(429)
		expect((await problemOf(refused)).detail).toMatch(/You have sent too many thumbnails/)
		// Another editor of the same circle is not held back by Grace's uploads.
		const fresh = await createBoard(grace, circleA.id, 'Fresh', 'circle')
		expect((await put(mia, fresh.id, tinyPng())).status).toBe(204)
	})
})

onEachDatabase('board thumbnails: security', (start) => {
	it('who may not view the board gets 404 for reading and uploading, as for a board that does not exist', async () => {
		const server = await start()
		const { grace, ben, olu, shared, own } = await world(server)
		expect((await put(grace, own.id, tinyPng())).status).toBe(204)
		expect((await put(grace, shared.id, tinyPng())).status).toBe(204)

		// Ben (circle B) may not see circle A's circle-only board; Olu is in no circle of the tribe.
		for (const [who, boardId] of [
			[ben, own.id],
			[olu, own.id],
			[olu, shared.id],
		] as const) {
			expect((await get(who, boardId)).status).toBe(404)
			const upload = await put(who, boardId, tinyPng())
			expect(upload.status).toBe(404)
			expect((await problemOf(upload)).detail).not.toMatch(/Circle only|Day 12/)
		}
		const missing = await get(grace, 'no-such-board-1234')
		expect(missing.status).toBe(404)
	})

	it('a viewer who may not edit the board cannot replace its thumbnail', async () => {
		const server = await start()
		const { grace, ben, shared } = await world(server)
		const original = greyPng(40, 30)
		expect((await put(grace, shared.id, original)).status).toBe(204)
		const refused = await put(ben, shared.id, greyPng(50, 50))
		expect(refused.status).toBe(403)
		expect((await problemOf(refused)).detail).toBe('Only people who may edit this board make its thumbnail.')
		expect(new Uint8Array(await (await get(ben, shared.id)).arrayBuffer())).toEqual(original)
	})

	it('signed out, nothing is read or written', async () => {
		const server = await start()
		const { shared } = await world(server)
		const anonymous = await fetch(`${server.url}/api/boards/${shared.id}/thumbnail`)
		expect(anonymous.status).toBe(401)
	})
})
