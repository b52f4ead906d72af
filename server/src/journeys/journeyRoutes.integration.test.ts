import {
	type Board,
	type CircleJourneyView,
	exampleJourneyTemplate,
	type JourneyDayEntry,
	type JourneyTemplateDetail,
	type JourneyTemplateInput,
	type JourneyTemplateSummary,
	type ParallelJourneys,
	type SnapshotInfo,
} from '@circlespace/shared'
import { describe, expect, it } from 'vitest'
import { tinyPng } from '../assets/testImages.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { TestClock } from '../testing/TestClock.ts'

const DAY_MS = 24 * 60 * 60 * 1000

// The test clock starts on 1 March 2026 at 09:00 UTC (10:00 in Berlin).
const spring: JourneyTemplateInput = {
	format: 'circlespace.journey-template',
	version: 1,
	name: 'Spring journey',
	lengthDays: 30,
	sections: [
		{ name: 'Arriving', firstDay: 1, lastDay: 10 },
		{ name: 'Listening', firstDay: 11, lastDay: 20 },
	],
	actionDays: [10, 20],
	prompts: [
		{ day: 10, title: 'What have you noticed?', body: 'One thing is enough.' },
		{ day: 12, title: 'Who listened to you?', askSomeoneElse: true },
	],
}

/** Ada (steward) writes the spring template; Grace starts circle A on it ten days ago, Ada circle B in three days. */
async function journeysWorld(server: { url: string }) {
	const world = await seedSpacesWorld(server)
	const { ada, grace, tribe, circleA, circleB } = world
	const template = await ada.json<JourneyTemplateDetail>(
		'POST',
		`/tribes/${tribe.id}/journey-templates`,
		spring,
	)
	const startA = await grace.send('PUT', `/circles/${circleA.id}/journey`, {
		templateId: template.id,
		startDate: '2026-02-20',
		timeZone: 'Europe/Berlin',
	})
	expect(startA.status).toBe(201)
	const startB = await ada.send('PUT', `/circles/${circleB.id}/journey`, {
		templateId: template.id,
		startDate: '2026-03-04',
		timeZone: 'Pacific/Auckland',
	})
	expect(startB.status).toBe(201)
	return { ...world, template }
}

const dayOf = (days: JourneyDayEntry[], day: number) => days.find((d) => d.day === day)?.items ?? []

onEachDatabase('journeys API: happy path', (start) => {
	it('a steward writes, changes, lists, exports and imports a template', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { ada, mia, tribe } = await seedSpacesWorld(server)
		const created = await ada.json<JourneyTemplateDetail>(
			'POST',
			`/tribes/${tribe.id}/journey-templates`,
			spring,
		)
		expect(created).toMatchObject({
			tribeId: tribe.id,
			circleId: null,
			usedBy: 0,
			createdBy: { displayName: 'Ada' },
			can: { edit: true },
			template: { name: 'Spring journey', lengthDays: 30, actionDays: [10, 20] },
		})
		expect(created.template.prompts[1]).toEqual({
			day: 12,
			title: 'Who listened to you?',
			body: '',
			askSomeoneElse: true,
		})
		const changed = await ada.json<JourneyTemplateDetail>(
			'PUT',
			`/tribes/${tribe.id}/journey-templates/${created.id}`,
			{ ...spring, name: 'Spring journey, revised', lengthDays: 40 },
		)
		expect(changed.template).toMatchObject({ name: 'Spring journey, revised', lengthDays: 40 })

		const example = await ada.json<JourneyTemplateDetail>(
			'POST',
			`/tribes/${tribe.id}/journey-templates/example`,
		)
		expect(example.template).toEqual(exampleJourneyTemplate)

		// Members of the tribe read the templates; only stewards may change them.
		const listed = await mia.json<JourneyTemplateSummary[]>('GET', `/tribes/${tribe.id}/journey-templates`)
		expect(listed.map((t) => [t.name, t.lengthDays, t.sectionCount, t.promptCount])).toEqual([
			['Example: 100 days of leading and listening', 100, 10, 100],
			['Spring journey, revised', 40, 2, 2],
		])
		expect(
			(await mia.json<JourneyTemplateDetail>('GET', `/tribes/${tribe.id}/journey-templates/${created.id}`))
				.can,
		).toEqual({ edit: false })

		const exported = await mia.send('GET', `/tribes/${tribe.id}/journey-templates/${created.id}/export`)
		expect(exported.status).toBe(200)
		expect(exported.headers.get('content-disposition')).toBe(
			`attachment; filename="Spring journey, revised.journey.json"; filename*=UTF-8''Spring%20journey%2C%20revised.journey.json`,
		)
		const file = await exported.text()
		expect(JSON.parse(file)).toEqual(changed.template)

		const imported = await ada.send('POST', `/tribes/${tribe.id}/journey-templates/import`, file, {
			'content-type': 'application/octet-stream',
		})
		expect(imported.status).toBe(201)
		expect(((await imported.json()) as JourneyTemplateDetail).template).toEqual(changed.template)

		expect((await ada.send('DELETE', `/tribes/${tribe.id}/journey-templates/${example.id}`)).status).toBe(204)
		expect((await ada.send('GET', `/tribes/${tribe.id}/journey-templates/${example.id}`)).status).toBe(404)
	})

	it('a template of a year of long prompts fits, though it is larger than other bodies may be', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { ada, tribe } = await seedSpacesWorld(server)
		const year = {
			...spring,
			lengthDays: 366,
			prompts: Array.from({ length: 366 }, (_, i) => ({
				day: i + 1,
				title: `Day ${i + 1}`,
				body: 'x'.repeat(1400),
			})),
		}
		expect(JSON.stringify(year).length).toBeGreaterThan(500_000)
		const response = await ada.send('POST', `/tribes/${tribe.id}/journey-templates`, year)
		expect(response.status).toBe(201)
	})

	it('each circle shows its day and prompt, before, during and after its journey', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, ben, circleA, circleB, template } = await journeysWorld(server)

		const a = await mia.json<CircleJourneyView>('GET', `/circles/${circleA.id}/journey`)
		expect(a.journey).toMatchObject({
			templateId: template.id,
			startDate: '2026-02-20',
			timeZone: 'Europe/Berlin',
			state: 'running',
			pauses: [],
		})
		expect(a.status).toEqual({
			status: 'running',
			today: '2026-03-01',
			day: 10,
			lengthDays: 30,
			section: { name: 'Arriving', firstDay: 1, lastDay: 10 },
			prompt: {
				day: 10,
				title: 'What have you noticed?',
				body: 'One thing is enough.',
				askSomeoneElse: false,
			},
			actionDay: true,
		})
		expect(a.template?.template.prompts).toHaveLength(2)
		// Grace facilitates circle A but does not write the tribe's templates.
		expect(
			(await grace.json<CircleJourneyView>('GET', `/circles/${circleA.id}/journey`)).template?.can,
		).toEqual({
			edit: false,
		})
		expect(a.can).toEqual({ edit: false })
		expect((await grace.json<CircleJourneyView>('GET', `/circles/${circleA.id}/journey`)).can).toEqual({
			edit: true,
		})

		// Auckland is 13 hours ahead: 1 March 22:00 there; the journey begins on the 4th.
		const b = await ben.json<CircleJourneyView>('GET', `/circles/${circleB.id}/journey`)
		expect(b.status).toMatchObject({ status: 'upcoming', today: '2026-03-01', startsInDays: 3 })
		clock.advance(2 * 60 * 60 * 1000)
		expect((await ben.json<CircleJourneyView>('GET', `/circles/${circleB.id}/journey`)).status).toMatchObject(
			{
				today: '2026-03-02',
				startsInDays: 2,
			},
		)
		clock.advance(21 * DAY_MS)
		expect((await mia.json<CircleJourneyView>('GET', `/circles/${circleA.id}/journey`)).status).toEqual({
			status: 'completed',
			today: '2026-03-22',
			lengthDays: 30,
		})
	})

	it('facilitators put boards on days; the board API carries the day', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, circleA } = await journeysWorld(server)
		const board = await grace.json<Board>('POST', `/circles/${circleA.id}/boards`, {
			title: 'Day 12 check-in',
			journeyDay: 12,
		})
		expect(board.journeyDay).toBe(12)
		const plain = await createBoard(grace, circleA.id, 'Scratch')
		expect(plain.journeyDay).toBeNull()
		expect((await grace.json<Board>('PATCH', `/boards/${plain.id}`, { journeyDay: 3 })).journeyDay).toBe(3)
		expect((await mia.json<Board>('GET', `/boards/${plain.id}`)).journeyDay).toBe(3)
		const listed = await mia.json<Board[]>('GET', `/circles/${circleA.id}/boards`)
		expect(Object.fromEntries(listed.map((b) => [b.title, b.journeyDay]))).toEqual({
			'Day 12 check-in': 12,
			Scratch: 3,
		})
		expect(
			(await grace.json<Board>('PATCH', `/boards/${plain.id}`, { journeyDay: null })).journeyDay,
		).toBeNull()

		const journey = await mia.json<CircleJourneyView>('GET', `/circles/${circleA.id}/journey`)
		expect(journey.days.map((d) => d.day)).toEqual([12])
		expect(dayOf(journey.days, 12)).toEqual([
			{
				kind: 'board',
				id: board.id,
				title: 'Day 12 check-in',
				visibility: 'circle',
				archived: false,
				access: 'edit',
				thumbnailSnapshotId: null,
			},
		])
	})

	it('live sessions and snapshots sit on the day they happened, in the circle’s time zone', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, circleA } = await journeysWorld(server)
		const board = await createBoard(grace, circleA.id, 'Retro')
		await grace.json('POST', `/boards/${board.id}/session`, { title: 'Check-in' })
		clock.advance(30 * 60 * 1000)
		const ended = await grace.json<{ snapshot: SnapshotInfo }>('POST', `/boards/${board.id}/session/end`)
		// 23:30 in Berlin on 2 March: still day 11.
		clock.advance(DAY_MS + 13 * 60 * 60 * 1000)
		const snapshot = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
			title: 'Late',
		})
		// Half an hour later it is 3 March in Berlin: day 12.
		clock.advance(60 * 60 * 1000)
		const next = await grace.json<SnapshotInfo>('POST', `/boards/${board.id}/snapshots`, {
			title: 'Next day',
		})

		const journey = await mia.json<CircleJourneyView>('GET', `/circles/${circleA.id}/journey`)
		expect(journey.days.map((d) => d.day)).toEqual([10, 11, 12])
		expect(dayOf(journey.days, 10)).toEqual([
			{
				kind: 'session',
				id: expect.any(String),
				boardId: board.id,
				boardTitle: 'Retro',
				title: 'Check-in',
				startedAt: '2026-03-01T09:00:00.000Z',
				endedAt: '2026-03-01T09:30:00.000Z',
				snapshot: { id: ended.snapshot.id, hasThumbnail: false },
			},
		])
		expect(dayOf(journey.days, 11)).toMatchObject([{ kind: 'snapshot', id: snapshot.id, title: 'Late' }])
		expect(dayOf(journey.days, 12)).toMatchObject([{ kind: 'snapshot', id: next.id, title: 'Next day' }])
	})

	it('pausing holds the day; resuming goes on with the next day; rescheduling moves no board', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, circleA, template } = await journeysWorld(server)
		const board = await grace.json<Board>('POST', `/circles/${circleA.id}/boards`, {
			title: 'Day 12 check-in',
			journeyDay: 12,
		})
		const put = (body: object) =>
			grace.json<CircleJourneyView>('PUT', `/circles/${circleA.id}/journey`, {
				templateId: template.id,
				startDate: '2026-02-20',
				timeZone: 'Europe/Berlin',
				...body,
			})
		const paused = await put({ paused: true })
		expect(paused.journey).toMatchObject({
			state: 'paused',
			pauses: [{ pausedOn: '2026-03-01', resumedOn: null }],
		})
		expect(paused.status).toMatchObject({ status: 'paused', day: 10, pausedOn: '2026-03-01' })
		clock.advance(3 * DAY_MS)
		expect((await mia.json<CircleJourneyView>('GET', `/circles/${circleA.id}/journey`)).status).toMatchObject(
			{
				status: 'paused',
				day: 10,
			},
		)
		const resumed = await put({ paused: false })
		expect(resumed.journey?.pauses).toEqual([{ pausedOn: '2026-03-01', resumedOn: '2026-03-04' }])
		expect(resumed.status).toMatchObject({ status: 'running', day: 11 })

		const rescheduled = await put({ startDate: '2026-03-01' })
		expect(rescheduled.journey).toMatchObject({ startDate: '2026-03-01', pauses: [], state: 'running' })
		expect(rescheduled.status).toMatchObject({ day: 4 })
		expect((await mia.json<Board>('GET', `/boards/${board.id}`)).journeyDay).toBe(12)
		expect(dayOf(rescheduled.days, 12)).toMatchObject([{ kind: 'board', id: board.id }])
	})

	it('a tribe’s parallel view lines its circles up by day number', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { ada, grace, mia, tribe, circleA, circleB, template } = await journeysWorld(server)
		const a12 = await grace.json<Board>('POST', `/circles/${circleA.id}/boards`, {
			title: 'A on day 12',
			visibility: 'tribe',
			journeyDay: 12,
		})
		const b12 = await ada.json<Board>('POST', `/circles/${circleB.id}/boards`, {
			title: 'B on day 12',
			visibility: 'tribe',
			journeyDay: 12,
		})
		const view = await mia.json<ParallelJourneys>('GET', `/tribes/${tribe.id}/journeys`)
		expect(view.templates).toEqual([
			{
				id: template.id,
				name: 'Spring journey',
				lengthDays: 30,
				sections: spring.sections,
				actionDays: [10, 20],
			},
		])
		expect(
			view.rows.map((r) => [r.circle.name, r.circle.myRole, r.journey?.startDate, r.status?.status]),
		).toEqual([
			['Circle A', 'member', '2026-02-20', 'running'],
			['Circle B', null, '2026-03-04', 'upcoming'],
		])
		const [rowA, rowB] = view.rows
		expect(dayOf(rowA?.days ?? [], 12)).toMatchObject([{ kind: 'board', id: a12.id, access: 'edit' }])
		expect(dayOf(rowB?.days ?? [], 12)).toMatchObject([{ kind: 'board', id: b12.id, access: 'view' }])
	})
})

onEachDatabase('journeys API: errors', (start) => {
	it('importing a broken file says what is wrong with it', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { ada, tribe } = await seedSpacesWorld(server)
		const importing = async (body: string) => {
			const response = await ada.send('POST', `/tribes/${tribe.id}/journey-templates/import`, body)
			expect(response.status).toBe(400)
			return problemOf(response)
		}
		expect((await importing('{"format": "circlespace.journey-template", "version": 1,')).detail).toBe(
			'This file is not a journey template: it is not JSON.',
		)
		expect((await importing('{"tldrawFileFormatVersion": 1, "records": []}')).detail).toBe(
			'This file is not a Circlespace journey template.',
		)
		expect((await importing(JSON.stringify({ ...spring, version: 3 }))).detail).toMatch(
			/^This journey template was written by a newer version of Circlespace \(format version 3; this one reads up to 1\)/,
		)
		const invalid = await importing(
			JSON.stringify({
				...spring,
				sections: [...(spring.sections ?? []), { name: 'Late', firstDay: 15, lastDay: 40 }],
			}),
		)
		expect(invalid.detail).toMatch(
			/^This journey template has fields that are not valid, first sections\.2\./,
		)
		expect(invalid.issues?.map((i) => i.path)).toEqual(['sections.2.lastDay', 'sections.2.firstDay'])
		expect(
			(await ada.json<JourneyTemplateSummary[]>('GET', `/tribes/${tribe.id}/journey-templates`)).length,
		).toBe(0)
	})

	it('refuses templates with wrong fields, and bodies beyond the template limit', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { ada, tribe } = await seedSpacesWorld(server)
		const overlapping = await ada.send('POST', `/tribes/${tribe.id}/journey-templates`, {
			...spring,
			sections: [
				{ name: 'One', firstDay: 1, lastDay: 10 },
				{ name: 'Two', firstDay: 8, lastDay: 12 },
			],
		})
		expect(overlapping.status).toBe(400)
		expect((await problemOf(overlapping)).issues?.map((i) => i.path)).toEqual(['sections.1.firstDay'])
		const huge = await ada.send(
			'POST',
			`/tribes/${tribe.id}/journey-templates/import`,
			'x'.repeat(700 * 1024),
		)
		expect(huge.status).toBe(413)
		const notJson = await ada.send('POST', `/tribes/${tribe.id}/journey-templates`, '{"format":')
		expect(notJson.status).toBe(400)
	})

	it('refuses a journey with a zone or date that is not one, or a template of another tribe', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { ada, grace, circleA, template } = await journeysWorld(server)
		const put = (body: object) =>
			grace.send('PUT', `/circles/${circleA.id}/journey`, {
				templateId: template.id,
				startDate: '2026-02-20',
				timeZone: 'Europe/Berlin',
				...body,
			})
		const zone = await put({ timeZone: 'Europe/Atlantis' })
		expect(zone.status).toBe(400)
		expect((await problemOf(zone)).issues?.map((i) => i.path)).toEqual(['timeZone'])
		const date = await put({ startDate: '2026-02-30' })
		expect((await problemOf(date)).issues?.map((i) => i.path)).toEqual(['startDate'])

		const other = await ada.json<{ id: string }>('POST', '/tribes', { name: 'South' })
		const foreign = await ada.json<JourneyTemplateDetail>(
			'POST',
			`/tribes/${other.id}/journey-templates`,
			spring,
		)
		const wrongTribe = await put({ templateId: foreign.id })
		expect(wrongTribe.status).toBe(400)
		expect((await problemOf(wrongTribe)).detail).toBe('There is no such journey template in this tribe.')
	})

	it('pauses only a journey under way; a template in use is not deleted; boards stay within the journey', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { ada, circleB, tribe, template } = await journeysWorld(server)
		const pause = await ada.send('PUT', `/circles/${circleB.id}/journey`, {
			templateId: template.id,
			startDate: '2026-03-04',
			timeZone: 'Pacific/Auckland',
			paused: true,
		})
		expect(pause.status).toBe(409)
		expect((await problemOf(pause)).detail).toMatch(/has not started yet/)

		const inUse = await ada.send('DELETE', `/tribes/${tribe.id}/journey-templates/${template.id}`)
		expect(inUse.status).toBe(409)
		expect((await problemOf(inUse)).detail).toBe(
			'2 circles follow this template: it can be deleted once no journey follows it.',
		)

		const tooLate = await ada.send('POST', `/circles/${circleB.id}/boards`, {
			title: 'Day 31',
			journeyDay: 31,
		})
		expect(tooLate.status).toBe(400)
		expect((await problemOf(tooLate)).detail).toBe("This circle's journey has 30 days.")
		expect(
			(await ada.send('POST', `/circles/${circleB.id}/boards`, { title: 'Day 0', journeyDay: 0 })).status,
		).toBe(400)
		expect((await ada.send('DELETE', `/circles/${circleB.id}/journey`)).status).toBe(204)
		expect((await ada.send('DELETE', `/circles/${circleB.id}/journey`)).status).toBe(404)
		expect((await ada.json<CircleJourneyView>('GET', `/circles/${circleB.id}/journey`)).journey).toBeNull()
	})
})

onEachDatabase('journeys API: security', (start) => {
	it('a member of circle B gets nothing of circle A’s circle-only boards from the parallel view', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, ben, mia, tribe, circleA } = await journeysWorld(server)
		const shared = await grace.json<Board>('POST', `/circles/${circleA.id}/boards`, {
			title: 'Shared day 12',
			visibility: 'tribe',
			journeyDay: 12,
		})
		const secrets: Board[] = []
		for (const title of ['Secret plan', 'Secret doubts']) {
			secrets.push(
				await grace.json<Board>('POST', `/circles/${circleA.id}/boards`, { title, journeyDay: 12 }),
			)
		}
		const secret = secrets[0] as Board
		// A session and a snapshot of the secret board, on day 10, with a thumbnail.
		await grace.json('POST', `/boards/${secret.id}/session`, { title: 'Secret session' })
		const ended = await grace.json<{ snapshot: SnapshotInfo }>('POST', `/boards/${secret.id}/session/end`)
		const thumbnail = await fetch(`${server.url}/api/snapshots/${ended.snapshot.id}/thumbnail`, {
			method: 'PUT',
			headers: { origin: server.url, cookie: grace.cookie, 'content-type': 'image/png' },
			body: tinyPng(),
		})
		expect(thumbnail.status).toBe(204)
		const manual = await grace.json<SnapshotInfo>('POST', `/boards/${secret.id}/snapshots`, {
			title: 'Secret copy',
		})

		const asBen = await ben.send('GET', `/tribes/${tribe.id}/journeys`)
		expect(asBen.status).toBe(200)
		const text = await asBen.text()
		for (const leak of [
			secret.id,
			secrets[1]?.id,
			'Secret plan',
			'Secret doubts',
			'Secret session',
			'Secret copy',
			ended.snapshot.id,
			manual.id,
		]) {
			expect(text).not.toContain(leak)
		}
		const view = JSON.parse(text) as ParallelJourneys
		const rowA = view.rows.find((r) => r.circle.id === circleA.id)
		// Two hidden boards on day 12 are one marker, after the board Ben may view.
		expect(dayOf(rowA?.days ?? [], 12)).toEqual([
			expect.objectContaining({ kind: 'board', id: shared.id, title: 'Shared day 12', access: 'view' }),
			{ kind: 'notShared', notShared: true },
		])
		expect(dayOf(rowA?.days ?? [], 10)).toEqual([{ kind: 'notShared', notShared: true }])

		// The circle's own members see it all.
		const asMia = await mia.json<ParallelJourneys>('GET', `/tribes/${tribe.id}/journeys`)
		const miaA = asMia.rows.find((r) => r.circle.id === circleA.id)
		expect(dayOf(miaA?.days ?? [], 12).map((i) => ('title' in i ? i.title : i.kind))).toEqual([
			'Secret doubts',
			'Secret plan',
			'Shared day 12',
		])
		expect(dayOf(miaA?.days ?? [], 10).map((i) => i.kind)).toEqual(['session', 'snapshot'])
		expect(dayOf(miaA?.days ?? [], 12)).toContainEqual(
			expect.objectContaining({ id: secret.id, thumbnailSnapshotId: ended.snapshot.id }),
		)

		// Nor does circle A's own journey page give Ben more.
		const page = await ben.send('GET', `/circles/${circleA.id}/journey`)
		expect(page.status).toBe(200)
		const pageText = await page.text()
		expect(pageText).not.toContain('Secret')
		expect(pageText).not.toContain(secret.id)
	})

	it('outsiders get 404 for a tribe’s journeys, templates and a circle’s journey', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { olu, tribe, circleA, template } = await journeysWorld(server)
		for (const route of [
			`/tribes/${tribe.id}/journeys`,
			`/tribes/${tribe.id}/journey-templates`,
			`/tribes/${tribe.id}/journey-templates/${template.id}`,
			`/tribes/${tribe.id}/journey-templates/${template.id}/export`,
			`/circles/${circleA.id}/journey`,
			`/circles/${circleA.id}/journey-templates`,
		]) {
			const response = await olu.send('GET', route)
			expect(response.status, route).toBe(404)
		}
		// The tribe itself is listed: its journeys are what stays hidden.
		expect((await olu.send('GET', `/tribes/${tribe.id}`)).status).toBe(200)
		expect(
			(
				await olu.send('PUT', `/circles/${circleA.id}/journey`, {
					templateId: template.id,
					startDate: '2026-03-01',
					timeZone: 'UTC',
				})
			).status,
		).toBe(404)
	})

	it('members cannot move a journey, facilitators cannot write the tribe’s templates', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, ben, tribe, circleA, template } = await journeysWorld(server)
		const body = { templateId: template.id, startDate: '2026-03-01', timeZone: 'UTC' }
		for (const [who, browser] of [
			['Mia, member of A', mia],
			['Ben, member of B', ben],
		] as Array<[string, Browser]>) {
			expect((await browser.send('PUT', `/circles/${circleA.id}/journey`, body)).status, who).toBe(403)
			expect(
				(await browser.send('PUT', `/circles/${circleA.id}/journey`, { ...body, paused: true })).status,
				who,
			).toBe(403)
			expect((await browser.send('DELETE', `/circles/${circleA.id}/journey`)).status, who).toBe(403)
		}
		expect((await mia.send('POST', `/tribes/${tribe.id}/journey-templates`, spring)).status).toBe(403)
		expect((await grace.send('POST', `/tribes/${tribe.id}/journey-templates`, spring)).status).toBe(403)
		expect(
			(await grace.send('PUT', `/tribes/${tribe.id}/journey-templates/${template.id}`, spring)).status,
		).toBe(403)
		expect((await grace.send('DELETE', `/tribes/${tribe.id}/journey-templates/${template.id}`)).status).toBe(
			403,
		)
		expect(
			(await grace.send('POST', `/tribes/${tribe.id}/journey-templates/import`, JSON.stringify(spring)))
				.status,
		).toBe(403)
		// A member may not put a board on a day (only those who manage boards may).
		const board = await createBoard(grace, circleA.id, 'Retro')
		expect((await mia.send('PATCH', `/boards/${board.id}`, { journeyDay: 3 })).status).toBe(403)
	})

	it('a circle’s own template is its facilitators’ to write, and only that circle follows it', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, mia, ada, circleA, circleB } = await journeysWorld(server)
		const own = await grace.json<JourneyTemplateDetail>('POST', `/circles/${circleA.id}/journey-templates`, {
			...spring,
			name: 'Our own way',
		})
		expect(own).toMatchObject({ circleId: circleA.id, can: { edit: true } })
		expect((await mia.send('POST', `/circles/${circleA.id}/journey-templates`, spring)).status).toBe(403)
		expect(
			(await mia.json<JourneyTemplateSummary[]>('GET', `/circles/${circleA.id}/journey-templates`)).map(
				(t) => t.name,
			),
		).toEqual(['Our own way'])
		const started = await grace.json<CircleJourneyView>('PUT', `/circles/${circleA.id}/journey`, {
			templateId: own.id,
			startDate: '2026-02-20',
			timeZone: 'Europe/Berlin',
		})
		expect(started.template?.template.name).toBe('Our own way')
		// Circle B may not follow A's own template, nor read it through its own path.
		const borrowed = await ada.send('PUT', `/circles/${circleB.id}/journey`, {
			templateId: own.id,
			startDate: '2026-02-20',
			timeZone: 'Europe/Berlin',
		})
		expect(borrowed.status).toBe(400)
		expect((await ada.send('GET', `/circles/${circleB.id}/journey-templates/${own.id}`)).status).toBe(404)
	})
})

describe('journey template limits', () => {
	it('the example fits well within the template body limit', () => {
		expect(JSON.stringify(exampleJourneyTemplate).length).toBeLessThan(64 * 1024)
	})
})
