import type { Board } from '@circlespace/shared'
import { expect, it } from 'vitest'
import { tinyPng } from '../assets/testImages.ts'
import { Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'

onEachDatabase('boards API: happy path', (start) => {
	it('a facilitator creates, lists, reads, renames and shares a board of their circle', async () => {
		const server = await start()
		const { grace, mia, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, '  Day 12: listening  ')
		expect(board).toMatchObject({
			title: 'Day 12: listening',
			circleId: circleA.id,
			circleName: 'Circle A',
			tribeName: 'North',
			visibility: 'circle',
			archivedAt: null,
			access: 'edit',
			canManage: true,
		})
		expect((await mia.json<Board[]>('GET', `/circles/${circleA.id}/boards`)).map((b) => b.id)).toEqual([
			board.id,
		])
		// A member edits the content but does not manage the board.
		expect(await mia.json<Board>('GET', `/boards/${board.id}`)).toMatchObject({
			access: 'edit',
			canManage: false,
		})

		const renamed = await grace.json<Board>('PATCH', `/boards/${board.id}`, {
			title: 'Day 12',
			visibility: 'tribe',
		})
		expect(renamed).toMatchObject({ title: 'Day 12', visibility: 'tribe' })
		expect(await mia.json<Board>('GET', `/boards/${board.id}`)).toMatchObject({ title: 'Day 12' })
	})

	it('archives a board: read-only for all, hidden from the default list, back when unarchived', async () => {
		const server = await start()
		const { grace, mia, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Retro')
		const archived = await grace.json<Board>('PATCH', `/boards/${board.id}`, { archived: true })
		expect(archived.archivedAt).not.toBeNull()
		expect(await mia.json<Board>('GET', `/boards/${board.id}`)).toMatchObject({ access: 'view' })
		expect(await mia.json<Board[]>('GET', `/circles/${circleA.id}/boards`)).toEqual([])
		const all = await mia.json<Board[]>('GET', `/circles/${circleA.id}/boards?archived=true`)
		expect(all.map((b) => b.id)).toEqual([board.id])

		const back = await grace.json<Board>('PATCH', `/boards/${board.id}`, { archived: false })
		expect(back).toMatchObject({ archivedAt: null, access: 'edit' })
		expect((await mia.json<Board[]>('GET', `/circles/${circleA.id}/boards`)).map((b) => b.id)).toEqual([
			board.id,
		])
	})

	it('deletes a board: gone from lists and answers 404, for the facilitator too', async () => {
		const server = await start()
		const { grace, mia, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Scratch')
		expect((await grace.send('DELETE', `/boards/${board.id}`)).status).toBe(204)
		expect((await grace.send('GET', `/boards/${board.id}`)).status).toBe(404)
		expect((await mia.send('GET', `/boards/${board.id}`)).status).toBe(404)
		expect(await grace.json<Board[]>('GET', `/circles/${circleA.id}/boards?archived=true`)).toEqual([])
	})

	it('a tribe board is readable by a member of another circle of the tribe; an instance board by anyone', async () => {
		const server = await start()
		const { grace, ben, olu, circleA } = await seedSpacesWorld(server)
		const tribeBoard = await createBoard(grace, circleA.id, 'Harvest', 'tribe')
		const instanceBoard = await createBoard(grace, circleA.id, 'Open letter', 'instance')
		expect(await ben.json<Board>('GET', `/boards/${tribeBoard.id}`)).toMatchObject({
			access: 'view',
			canManage: false,
		})
		expect(await olu.json<Board>('GET', `/boards/${instanceBoard.id}`)).toMatchObject({ access: 'view' })
		// Ben sees circle A's shared boards in its list, not its circle-only ones.
		await createBoard(grace, circleA.id, 'Inner work')
		const listed = await ben.json<Board[]>('GET', `/circles/${circleA.id}/boards`)
		expect(listed.map((b) => b.title).sort()).toEqual(['Harvest', 'Open letter'])
	})
})

onEachDatabase('boards API: errors', (start) => {
	it('refuses an empty, missing or too long title, an unknown visibility and unknown fields, saying which field', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		for (const body of [
			{ title: '   ' },
			{},
			{ title: 'x'.repeat(201) },
			{ title: 'ok', visibility: 'world' },
		]) {
			const response = await grace.send('POST', `/circles/${circleA.id}/boards`, body)
			expect(response.status).toBe(400)
			expect((await problemOf(response)).issues?.length).toBeGreaterThan(0)
		}
		const board = await createBoard(grace, circleA.id, 'Kept')
		const unknownField = await grace.send('PATCH', `/boards/${board.id}`, { owner: 'me' })
		expect(unknownField.status).toBe(400)
		expect((await grace.json<Board>('GET', `/boards/${board.id}`)).title).toBe('Kept')
	})

	it('answers a body that is not JSON with 400 and an oversized body with 413', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		expect((await grace.send('POST', `/circles/${circleA.id}/boards`, '{"title": ')).status).toBe(400)
		const huge = await grace.send('POST', `/circles/${circleA.id}/boards`, { title: 'x'.repeat(100_000) })
		expect(huge.status).toBe(413)
		expect(await grace.json<Board[]>('GET', `/circles/${circleA.id}/boards`)).toEqual([])
	})

	it('answers unknown and malformed board ids, and unknown API routes, with 404 problems', async () => {
		const server = await start()
		const { grace } = await seedSpacesWorld(server)
		for (const id of ['doesnotexist00', 'x', '..%2F..%2Fetc', 'a'.repeat(65)]) {
			const response = await grace.send('GET', `/boards/${id}`)
			expect(response.status).toBe(404)
			expect((await problemOf(response)).code).toBe('NOT_FOUND')
		}
		expect((await grace.send('GET', '/nothing-here')).status).toBe(404)
	})
})

onEachDatabase('boards API: security', (start) => {
	it('a member of circle B cannot read, list, change or delete a circle-only board of circle A (404)', async () => {
		const server = await start()
		const { grace, ben, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Inner work')
		expect((await ben.send('GET', `/boards/${board.id}`)).status).toBe(404)
		expect(await ben.json<Board[]>('GET', `/circles/${circleA.id}/boards`)).toEqual([])
		expect((await ben.send('PATCH', `/boards/${board.id}`, { title: 'Mine now' })).status).toBe(404)
		expect((await ben.send('DELETE', `/boards/${board.id}`)).status).toBe(404)
		expect((await grace.json<Board>('GET', `/boards/${board.id}`)).title).toBe('Inner work')
	})

	it('a member who is not a facilitator cannot create, rename, archive or delete boards (403)', async () => {
		const server = await start()
		const { grace, mia, circleA } = await seedSpacesWorld(server)
		expect((await mia.send('POST', `/circles/${circleA.id}/boards`, { title: 'Mine' })).status).toBe(403)
		const board = await createBoard(grace, circleA.id, 'Theirs')
		for (const body of [{ title: 'Mine' }, { archived: true }, { visibility: 'instance' }]) {
			expect((await mia.send('PATCH', `/boards/${board.id}`, body)).status).toBe(403)
		}
		expect((await mia.send('DELETE', `/boards/${board.id}`)).status).toBe(403)
		expect(await grace.json<Board>('GET', `/boards/${board.id}`)).toMatchObject({
			title: 'Theirs',
			visibility: 'circle',
			archivedAt: null,
		})
	})

	it('a reader of a tribe board cannot change it (403)', async () => {
		const server = await start()
		const { grace, ben, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Harvest', 'tribe')
		expect((await ben.send('PATCH', `/boards/${board.id}`, { visibility: 'instance' })).status).toBe(403)
	})

	it('refuses every boards route without a session (401) and a cross-origin write with a valid cookie (403)', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Day 1')
		const stranger = new Browser(server)
		expect((await stranger.send('GET', `/boards/${board.id}`)).status).toBe(401)
		expect((await stranger.send('GET', `/circles/${circleA.id}/boards`)).status).toBe(401)
		expect((await stranger.send('POST', `/circles/${circleA.id}/boards`, { title: 'x' })).status).toBe(401)
		const crossSite = await grace.send(
			'PATCH',
			`/boards/${board.id}`,
			{ title: 'Pwned' },
			{ origin: 'https://evil.example' },
		)
		expect(crossSite.status).toBe(403)
		expect((await grace.json<Board>('GET', `/boards/${board.id}`)).title).toBe('Day 1')
	})

	it('refuses a signed-out session (401) even with its old cookie', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const board = await createBoard(grace, circleA.id, 'Day 1')
		const oldToken = grace.token
		expect((await grace.send('POST', '/auth/signout')).status).toBe(204)
		grace.token = oldToken
		expect((await grace.send('GET', `/boards/${board.id}`)).status).toBe(401)
	})
})

onEachDatabase('images API: security', (start) => {
	it('refuses to store or serve images without a session (401)', async () => {
		const server = await start()
		const { grace } = await seedSpacesWorld(server)
		const png = tinyPng()
		const stored = await fetch(`${server.url}/api/assets`, {
			method: 'POST',
			body: png,
			headers: { origin: server.url, cookie: grace.cookie },
		})
		expect(stored.status).toBe(201)
		const { src } = (await stored.json()) as { src: string }
		expect((await fetch(`${server.url}${src}`, { headers: { cookie: grace.cookie } })).status).toBe(200)
		expect((await fetch(`${server.url}${src}`)).status).toBe(401)
		const anonymous = await fetch(`${server.url}/api/assets`, {
			method: 'POST',
			body: png,
			headers: { origin: server.url },
		})
		expect(anonymous.status).toBe(401)
	})
})
