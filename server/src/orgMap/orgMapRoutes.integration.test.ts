import {
	type CircleDetail,
	type JourneyTemplateDetail,
	type JourneyTemplateInput,
	MAP_MAX_CIRCLES_PER_TRIBE,
	MAP_MAX_TRIBES,
	type OrgMap,
	type OrgMapCircle,
	type TribeDetail,
} from '@circlespace/shared'
import { expect, it } from 'vitest'
import { Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, joinByInvitation, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { TestClock } from '../testing/TestClock.ts'
import { connectProvider, eventually, synced, type TestServer } from '../testing/testServer.ts'

/** The organisation map (`GET /api/map`), on SQLite and PostgreSQL. */

const spring: JourneyTemplateInput = {
	format: 'circlespace.journey-template',
	version: 1,
	name: 'Spring journey',
	lengthDays: 30,
	sections: [],
	actionDays: [],
	prompts: [],
}

/**
 * The world of `seedSpacesWorld` (tribe North, listed: circle A with Grace facilitating and Mia,
 * circle B with Ben; Olu in nothing), and:
 * - a private tribe "Hidden Grove" of Ada's, with "Secret circle", whose circle-only board
 *   "Grove notes" is shared with circle A (so Mia may open it, but may not see the tribe);
 * - A's tribe board "A's retro" linking to B's tribe board "B's plan", and A's circle-only board
 *   "A's diary" shared with circle B;
 * - circle A on a 30-day journey started ten days before the test clock's now (day 10).
 */
async function mapWorld(server: TestServer) {
	const world = await seedSpacesWorld(server)
	const { ada, grace, circleA, circleB, tribe } = world
	const grove = await ada.json<TribeDetail>('POST', '/tribes', {
		name: 'Hidden Grove',
		visibility: 'private',
	})
	const secret = await ada.json<CircleDetail>('POST', `/tribes/${grove.id}/circles`, {
		name: 'Secret circle',
	})
	const groveNotes = await createBoard(ada, secret.id, 'Grove notes', 'circle')
	await share(ada, groveNotes.id, circleA.id)

	const retro = await createBoard(grace, circleA.id, "A's retro", 'tribe')
	const diary = await createBoard(grace, circleA.id, "A's diary", 'circle')
	const plan = await createBoard(ada, circleB.id, "B's plan", 'tribe')
	await server.storage.links.replaceLinksFrom(retro.id, [
		{ shapeId: 'shape:one', targetBoardId: plan.id },
		// A second card for the same board is the same tie.
		{ shapeId: 'shape:two', targetBoardId: plan.id },
	])
	await share(ada, diary.id, circleB.id)

	const template = await ada.json<JourneyTemplateDetail>(
		'POST',
		`/tribes/${tribe.id}/journey-templates`,
		spring,
	)
	const started = await grace.send('PUT', `/circles/${circleA.id}/journey`, {
		templateId: template.id,
		startDate: '2026-02-20',
		timeZone: 'Europe/Berlin',
	})
	expect(started.status).toBe(201)
	return { ...world, grove, secret, groveNotes, retro, diary, plan }
}

/** Ada (who manages both) offers a board to a circle: accepted at once. */
async function share(ada: Browser, boardId: string, circleId: string) {
	const response = await ada.send('POST', `/boards/${boardId}/shares`, { circleId })
	expect(response.status).toBe(201)
}

async function mapOf(who: Browser): Promise<{ map: OrgMap; text: string }> {
	const response = await who.send('GET', '/map')
	expect(response.status).toBe(200)
	const text = await response.text()
	return { map: JSON.parse(text) as OrgMap, text }
}

function circleOf(map: OrgMap, name: string): OrgMapCircle {
	const circle = map.tribes.flatMap((tribe) => tribe.circles).find((c) => c.name === name)
	if (!circle) throw new Error(`${name} is not on the map`)
	return circle
}

onEachDatabase('organisation map: happy path', (start) => {
	it('shows the admin every tribe and circle with seats, journey day, and the ties between circles', async () => {
		const server = await start({ clock: new TestClock() })
		const { ada, tribe, grove, circleA, circleB, secret } = await mapWorld(server)
		const { map } = await mapOf(ada)
		expect(map.tribes.map((t) => [t.name, t.circles.map((c) => c.name)])).toEqual([
			['Hidden Grove', ['Secret circle']],
			['North', ['Circle A', 'Circle B']],
		])
		expect(map.tribes[1]).toMatchObject({ id: tribe.id, visibility: 'listed', myRole: 'steward' })
		expect(map.tribes[0]).toMatchObject({ id: grove.id, visibility: 'private' })
		expect(circleOf(map, 'Circle A')).toMatchObject({
			id: circleA.id,
			capacity: 30,
			memberCount: 3,
			journey: { status: 'running', day: 10, lengthDays: 30 },
			live: { sessions: 0, peopleHere: 0, boards: [] },
		})
		expect(circleOf(map, 'Circle B').journey).toBeNull()
		const pair = (x: string, y: string) => (x < y ? [x, y] : [y, x])
		expect(map.connections).toEqual(
			expect.arrayContaining([
				{ circleIds: pair(circleA.id, circleB.id), sharedBoards: 1, links: 1 },
				{ circleIds: pair(circleA.id, secret.id), sharedBoards: 1, links: 0 },
			]),
		)
		expect(map.connections).toHaveLength(2)
		// The strongest tie first.
		expect(map.connections[0]?.circleIds).toEqual(pair(circleA.id, circleB.id))
		expect(map).toMatchObject({ tribesTruncated: false, connectionsTruncated: false })
	})

	it('marks a circle live while a session runs on its board, with the people there, and not after it ends', async () => {
		const server = await start({ clock: new TestClock() })
		const { grace, ben, retro } = await mapWorld(server)
		const started = await grace.send('POST', `/boards/${retro.id}/session`, { title: 'Monday check-in' })
		expect(started.status).toBe(201)
		const graceOnBoard = connectProvider(server, retro.id, { cookie: grace.cookie })
		try {
			await synced(graceOnBoard)
			const { map } = await mapOf(ben)
			expect(circleOf(map, 'Circle A').live).toEqual({
				sessions: 1,
				peopleHere: 1,
				boards: [
					{ boardId: retro.id, boardTitle: "A's retro", sessionTitle: 'Monday check-in', peopleHere: 1 },
				],
			})
			expect(circleOf(map, 'Circle B').live.sessions).toBe(0)
			expect((await grace.send('POST', `/boards/${retro.id}/session/end`)).status).toBe(200)
			await eventually(async () => expect(circleOf((await mapOf(ben)).map, 'Circle A').live.sessions).toBe(0))
		} finally {
			graceOnBoard.destroy()
		}
	})
})

onEachDatabase('organisation map: errors', (start) => {
	it('refuses a parameter (the map takes none) and anyone signed out', async () => {
		const server = await start()
		const { ada } = await seedSpacesWorld(server)
		const odd = await ada.send('GET', '/map?tribe=x')
		expect(odd.status).toBe(400)
		expect((await problemOf(odd)).code).toBe('VALIDATION')
		expect((await new Browser(server).send('GET', '/map')).status).toBe(401)
	})

	it(`holds at most ${MAP_MAX_TRIBES} tribes and ${MAP_MAX_CIRCLES_PER_TRIBE} circles of a tribe, and says so`, async () => {
		const server = await start()
		const { ada, tribe, mia } = await seedSpacesWorld(server)
		const at = new Date()
		for (let i = 0; i < MAP_MAX_CIRCLES_PER_TRIBE; i++) {
			await server.storage.circles.create({
				id: `extra-circle-${String(i).padStart(3, '0')}`,
				tribeId: tribe.id,
				name: `Circle ${String(i).padStart(3, '0')}`,
				description: '',
				capacity: 12,
				createdAt: at,
			})
		}
		for (let i = 0; i < MAP_MAX_TRIBES; i++) {
			await server.storage.tribes.create({
				id: `extra-tribe-${String(i).padStart(3, '0')}`,
				name: `Tribe ${String(i).padStart(3, '0')}`,
				description: '',
				kind: 'convened',
				visibility: 'listed',
				createdAt: at,
				stewardId: ada.user?.id ?? '',
			})
		}
		const { map } = await mapOf(mia)
		expect(map.tribes).toHaveLength(MAP_MAX_TRIBES)
		expect(map.tribesTruncated).toBe(true)
		const north = map.tribes.find((t) => t.id === tribe.id)
		expect(north?.circles).toHaveLength(MAP_MAX_CIRCLES_PER_TRIBE)
		expect(north?.circlesTruncated).toBe(true)
	})
})

onEachDatabase('organisation map: security', (start) => {
	it('keeps a private tribe from those outside it: no name, no circle, no tie to it', async () => {
		const server = await start({ clock: new TestClock() })
		const { mia, circleA, circleB, secret, grove, groveNotes } = await mapWorld(server)
		// Mia may open Grove notes (it is shared with her circle), but may not see its tribe.
		expect((await mia.send('GET', `/boards/${groveNotes.id}`)).status).toBe(200)
		const { map, text } = await mapOf(mia)
		expect(map.tribes.map((t) => t.name)).toEqual(['North'])
		for (const hidden of [
			'Hidden Grove',
			'Secret circle',
			'Grove notes',
			grove.id,
			secret.id,
			groveNotes.id,
		]) {
			expect(text).not.toContain(hidden)
		}
		const pair = circleA.id < circleB.id ? [circleA.id, circleB.id] : [circleB.id, circleA.id]
		expect(map.connections).toEqual([{ circleIds: pair, sharedBoards: 1, links: 1 }])
	})

	it('shows someone outside a listed tribe its circles and seats, but no journey, no live board and no tie', async () => {
		const server = await start({ clock: new TestClock() })
		const { grace, olu, retro } = await mapWorld(server)
		expect(
			(await grace.send('POST', `/boards/${retro.id}/session`, { title: 'Monday check-in' })).status,
		).toBe(201)
		const { map, text } = await mapOf(olu)
		expect(map.tribes.map((t) => [t.name, t.myRole, t.circles.map((c) => c.name)])).toEqual([
			['North', null, ['Circle A', 'Circle B']],
		])
		expect(circleOf(map, 'Circle A')).toMatchObject({
			memberCount: 3,
			capacity: 30,
			journey: null,
			live: { sessions: 0, peopleHere: 0, boards: [] },
		})
		expect(map.connections).toEqual([])
		for (const hidden of ['Monday check-in', "A's retro", "B's plan", "A's diary", 'Hidden Grove']) {
			expect(text).not.toContain(hidden)
		}
	})

	it('counts only the boards the viewer may open: a circle-only share between two circles they see is not a tie', async () => {
		const server = await start({ clock: new TestClock() })
		const { ada, tribe, retro, plan, circleA, circleB } = await mapWorld(server)
		// Ruth is in North (circle C), neither in A nor in B: she sees the link of two tribe boards,
		// not A's diary, the circle-only board shared with B.
		const ruth = new Browser(server)
		await ruth.signUp('ruth@example.org', { displayName: 'Ruth' })
		const circleC = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, { name: 'Circle C' })
		await joinByInvitation(ada, ruth, circleC.id)
		const pair = circleA.id < circleB.id ? [circleA.id, circleB.id] : [circleB.id, circleA.id]
		expect((await mapOf(ruth)).map.connections).toEqual([{ circleIds: pair, sharedBoards: 0, links: 1 }])
		// The linked board made circle-only: the link is no tie for her any more either.
		expect((await ada.send('PATCH', `/boards/${plan.id}`, { visibility: 'circle' })).status).toBe(200)
		const { map, text } = await mapOf(ruth)
		expect(map.connections).toEqual([])
		expect(text).not.toContain(plan.id)
		expect(text).not.toContain(retro.id)
	})

	it('an archived board ties nothing', async () => {
		const server = await start({ clock: new TestClock() })
		const { ada, retro, diary } = await mapWorld(server)
		for (const board of [retro, diary]) {
			expect((await ada.send('PATCH', `/boards/${board.id}`, { archived: true })).status).toBe(200)
		}
		const { map } = await mapOf(ada)
		expect(map.connections.map((c) => c.sharedBoards + c.links)).toEqual([1])
	})
})
