import { exampleJourneyTemplate, type JourneyTemplate } from '@circlespace/shared'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { StorageHarness } from './Storage.contract.ts'
import type { Storage } from './Storage.ts'

const T0 = new Date('2026-03-01T09:00:00.000Z')
const later = (minutes: number) => new Date(T0.getTime() + minutes * 60_000)

const template = (name: string, lengthDays = 30): JourneyTemplate => ({
	format: 'circlespace.journey-template',
	version: 1,
	name,
	lengthDays,
	sections: [{ name: 'First', firstDay: 1, lastDay: 10 }],
	actionDays: [10],
	prompts: [{ day: 1, title: 'Why are you here?', body: '', askSomeoneElse: false }],
})

/**
 * The behaviour every {@link Storage}'s journey store must have (templates, circles' journeys,
 * boards' days and what the days show), on a fresh database from `createHarness` for each test.
 */
export function defineJourneyStoreContract(name: string, createHarness: () => Promise<StorageHarness>): void {
	describe(`${name} journey store contract`, () => {
		let harness: StorageHarness
		let storage: Storage

		beforeEach(async () => {
			harness = await createHarness()
			storage = await harness.open()
			for (const id of ['ana', 'ben']) {
				await storage.users.create({
					id,
					email: `${id}@example.org`,
					displayName: id === 'ana' ? 'Ana' : 'Ben',
					color: '#224466',
					passwordHash: '$argon2id$fake',
					createdAt: T0,
				})
			}
			for (const [tribeId, steward] of [
				['tribe-a', 'ana'],
				['tribe-b', 'ben'],
			] as const) {
				await storage.tribes.create({
					id: tribeId,
					name: `Tribe ${tribeId}`,
					description: '',
					kind: 'convened',
					visibility: 'listed',
					createdAt: T0,
					stewardId: steward,
				})
			}
			for (const [circleId, tribeId] of [
				['circle-a1', 'tribe-a'],
				['circle-a2', 'tribe-a'],
				['circle-b1', 'tribe-b'],
			] as const) {
				await storage.circles.create({
					id: circleId,
					tribeId,
					name: `Circle ${circleId}`,
					description: '',
					capacity: 30,
					createdAt: T0,
					facilitatorId: 'ana',
				})
			}
		})

		afterEach(async () => {
			await storage.close()
			await harness.dispose()
		})

		const addTemplate = (id: string, tribeId = 'tribe-a', circleId: string | null = null, t = template(id)) =>
			storage.journeys.createTemplate({ id, tribeId, circleId, template: t, createdBy: 'ana', createdAt: T0 })
		const startJourney = (circleId: string, templateId: string, startDate = '2026-03-02') =>
			storage.journeys.putJourney({
				circleId,
				templateId,
				startDate,
				timeZone: 'Europe/Berlin',
				pauses: [],
				at: T0,
			})

		it('stores a template as it was given and finds it again', async () => {
			const created = await addTemplate('tmpl-example', 'tribe-a', null, exampleJourneyTemplate)
			expect(created).toEqual({
				id: 'tmpl-example',
				tribeId: 'tribe-a',
				circleId: null,
				template: exampleJourneyTemplate,
				createdBy: { id: 'ana', displayName: 'Ana', color: '#224466' },
				usedBy: 0,
				createdAt: T0.toISOString(),
				updatedAt: T0.toISOString(),
			})
			expect(await storage.journeys.getTemplate('tmpl-example')).toEqual(created)
			expect(await storage.journeys.getTemplate('tmpl-none')).toBeUndefined()
			expect((await storage.journeys.getTemplates(['tmpl-example', 'tmpl-none'])).map((t) => t.id)).toEqual([
				'tmpl-example',
			])
		})

		it('lists a tribe’s templates apart from circles’ own ones, by name, with how many follow each', async () => {
			await addTemplate('tmpl-z', 'tribe-a', null, template('Zebra'))
			await addTemplate('tmpl-a', 'tribe-a', null, template('Aardvark'))
			await addTemplate('tmpl-own', 'tribe-a', 'circle-a1', template('Our own'))
			await addTemplate('tmpl-b', 'tribe-b', null, template('Other tribe'))
			await startJourney('circle-a1', 'tmpl-z')
			await startJourney('circle-a2', 'tmpl-z')

			const tribeA = await storage.journeys.listTemplates({ tribeId: 'tribe-a', circleId: null })
			expect(tribeA.map((t) => [t.name, t.usedBy])).toEqual([
				['Aardvark', 0],
				['Zebra', 2],
			])
			const own = await storage.journeys.listTemplates({ tribeId: 'tribe-a', circleId: 'circle-a1' })
			expect(own).toEqual([
				{
					id: 'tmpl-own',
					tribeId: 'tribe-a',
					circleId: 'circle-a1',
					name: 'Our own',
					usedBy: 0,
					createdAt: T0.toISOString(),
					updatedAt: T0.toISOString(),
				},
			])
			expect((await storage.journeys.getTemplate('tmpl-z'))?.usedBy).toBe(2)
		})

		it('replaces a template’s document and name', async () => {
			await addTemplate('tmpl-1')
			const replaced = await storage.journeys.replaceTemplate('tmpl-1', template('Renamed', 50), later(5))
			expect(replaced).toMatchObject({
				template: { name: 'Renamed', lengthDays: 50 },
				createdAt: T0.toISOString(),
				updatedAt: later(5).toISOString(),
			})
			expect((await storage.journeys.listTemplates({ tribeId: 'tribe-a', circleId: null }))[0]?.name).toBe(
				'Renamed',
			)
			expect(await storage.journeys.replaceTemplate('tmpl-none', template('x'), later(5))).toBeUndefined()
		})

		it('refuses to delete a template a journey follows', async () => {
			await addTemplate('tmpl-1')
			await startJourney('circle-a1', 'tmpl-1')
			expect(await storage.journeys.deleteTemplate('tmpl-1')).toBe('in_use')
			expect(await storage.journeys.getTemplate('tmpl-1')).toBeDefined()
			expect(await storage.journeys.deleteJourney('circle-a1')).toBe(true)
			expect(await storage.journeys.deleteTemplate('tmpl-1')).toBe('deleted')
			expect(await storage.journeys.deleteTemplate('tmpl-1')).toBe('not_found')
		})

		it('starts a circle’s journey, changes it in place and ends it', async () => {
			await addTemplate('tmpl-1')
			await addTemplate('tmpl-2')
			expect(await storage.journeys.getJourney('circle-a1')).toBeUndefined()
			const started = await startJourney('circle-a1', 'tmpl-1')
			expect(started).toEqual({
				circleId: 'circle-a1',
				templateId: 'tmpl-1',
				startDate: '2026-03-02',
				timeZone: 'Europe/Berlin',
				pauses: [],
				createdAt: T0.toISOString(),
				updatedAt: T0.toISOString(),
			})
			const pauses = [{ pausedOn: '2026-03-10', resumedOn: null }]
			const changed = await storage.journeys.putJourney({
				circleId: 'circle-a1',
				templateId: 'tmpl-2',
				startDate: '2026-03-03',
				timeZone: 'Pacific/Auckland',
				pauses,
				at: later(60),
			})
			expect(changed).toEqual({
				...started,
				templateId: 'tmpl-2',
				startDate: '2026-03-03',
				timeZone: 'Pacific/Auckland',
				pauses,
				updatedAt: later(60).toISOString(),
			})
			expect(await storage.journeys.getJourney('circle-a1')).toEqual(changed)
			expect(await storage.journeys.deleteJourney('circle-a1')).toBe(true)
			expect(await storage.journeys.deleteJourney('circle-a1')).toBe(false)
			expect(await storage.journeys.getJourney('circle-a1')).toBeUndefined()
		})

		it('refuses a journey that follows no stored template', async () => {
			await expect(startJourney('circle-a1', 'tmpl-none')).rejects.toThrow()
		})

		it('lists the journeys of one tribe’s circles only', async () => {
			await addTemplate('tmpl-a')
			await addTemplate('tmpl-b', 'tribe-b')
			await startJourney('circle-a1', 'tmpl-a')
			await startJourney('circle-a2', 'tmpl-a', '2026-03-09')
			await startJourney('circle-b1', 'tmpl-b')
			const listed = await storage.journeys.listJourneysOfTribe('tribe-a')
			expect(listed.map((j) => `${j.circleId}:${j.startDate}`).sort()).toEqual([
				'circle-a1:2026-03-02',
				'circle-a2:2026-03-09',
			])
		})

		it('keeps a board’s journey day and takes it away', async () => {
			const board = await storage.boards.create({
				id: 'board-day12',
				circleId: 'circle-a1',
				title: 'Day 12 check-in',
				visibility: 'circle',
				createdBy: 'ana',
				journeyDay: 12,
			})
			expect(board.journeyDay).toBe(12)
			expect((await storage.boards.get('board-day12'))?.journeyDay).toBe(12)
			expect((await storage.boards.update('board-day12', { journeyDay: 13 }))?.journeyDay).toBe(13)
			expect((await storage.boards.update('board-day12', { title: 'Renamed' }))?.journeyDay).toBe(13)
			expect((await storage.boards.update('board-day12', { journeyDay: null }))?.journeyDay).toBeNull()
		})

		it('finds what was made in a circle or a tribe in one go, leaving deleted boards and other tribes out', async () => {
			const board = (id: string, circleId: string, journeyDay: number | null = null) =>
				storage.boards.create({
					id,
					circleId,
					title: `Board ${id}`,
					visibility: 'circle',
					createdBy: 'ana',
					journeyDay,
				})
			await board('board-a1-day3', 'circle-a1', 3)
			await board('board-a1-free', 'circle-a1')
			await board('board-a1-gone', 'circle-a1', 4)
			await board('board-a2', 'circle-a2', 3)
			await board('board-b1', 'circle-b1', 3)
			await storage.boards.update('board-a1-free', { archivedAt: later(1) })
			await storage.boards.softDelete('board-a1-gone', later(1))

			const session = await storage.liveSessions.start({
				id: 'session-1',
				boardId: 'board-a1-free',
				title: 'Check-in',
				agenda: [],
				timer: null,
				startedBy: 'ana',
				startedAt: later(10),
				participants: [],
			})
			expect(session).toBeDefined()
			const snapshotOf = (id: string, boardId: string, kind: 'manual' | 'session', at: Date) =>
				storage.snapshots.create({
					id,
					boardId,
					sessionId: kind === 'session' ? 'session-1' : null,
					title: `Snapshot ${id}`,
					kind,
					createdBy: 'ana',
					createdAt: at,
					shapeCount: 0,
					participants: [],
					state: new Uint8Array([0, 0]),
				})
			await snapshotOf('snap-end', 'board-a1-free', 'session', later(40))
			await storage.liveSessions.end('session-1', later(40), 'snap-end')
			await storage.snapshots.setThumbnail('snap-end', new Uint8Array([1, 2, 3]))
			await snapshotOf('snap-manual', 'board-a1-day3', 'manual', later(50))
			await snapshotOf('snap-gone', 'board-a1-gone', 'manual', later(50))
			await snapshotOf('snap-b', 'board-b1', 'manual', later(50))

			const inCircle = await storage.journeys.madeIn({ circleId: 'circle-a1' })
			expect(inCircle.boards.map((b) => [b.id, b.journeyDay, b.archivedAt !== null])).toEqual([
				['board-a1-day3', 3, false],
				['board-a1-free', null, true],
			])
			expect(inCircle.sessions).toEqual([
				{
					id: 'session-1',
					boardId: 'board-a1-free',
					title: 'Check-in',
					startedAt: later(10).toISOString(),
					endedAt: later(40).toISOString(),
					snapshot: { id: 'snap-end', hasThumbnail: true },
				},
			])
			expect(inCircle.snapshots).toEqual([
				{
					id: 'snap-end',
					boardId: 'board-a1-free',
					title: 'Snapshot snap-end',
					kind: 'session',
					createdAt: later(40).toISOString(),
					hasThumbnail: true,
				},
				{
					id: 'snap-manual',
					boardId: 'board-a1-day3',
					title: 'Snapshot snap-manual',
					kind: 'manual',
					createdAt: later(50).toISOString(),
					hasThumbnail: false,
				},
			])

			const inTribe = await storage.journeys.madeIn({ tribeId: 'tribe-a' })
			expect(inTribe.boards.map((b) => b.id).sort()).toEqual(['board-a1-day3', 'board-a1-free', 'board-a2'])
			expect(inTribe.snapshots.map((s) => s.id)).toEqual(['snap-end', 'snap-manual'])
			expect((await storage.journeys.madeIn({ tribeId: 'tribe-b' })).snapshots.map((s) => s.id)).toEqual([
				'snap-b',
			])
		})
	})
}
