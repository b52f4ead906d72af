/**
 * The gallery's first page with 1,000 boards (issue 11): how long `GalleryStore.page` takes on
 * SQLite and on PostgreSQL for the first page of a tribe's gallery (a member of two circles of
 * ten, and an admin), the same filtered by a journey day and by a circle, the page after the
 * first, and the instance gallery. A measurement, not a test: `node bench/gallery.ts` from
 * `server/` (exits 0 when it completes). The machine's load is printed beside the figures.
 *
 * Environment:
 *   BENCH_GALLERY_DBS=sqlite,postgres   databases to run (default both)
 *   BENCH_DATABASE_URL      PostgreSQL to create the run's database in (default TEST_DATABASE_URL,
 *                           then postgres://postgres@127.0.0.1:5432/test); unreachable: skipped, said so
 */
import os from 'node:os'
import { GALLERY_PAGE_SIZE } from '@circlespace/shared'
import type { GalleryFilter, GalleryViewer } from '../src/gallery/GalleryStore.ts'
import type { Storage } from '../src/storage/Storage.ts'
import { onBenchDatabases } from './lib/benchDatabases.ts'
import { benchVisibility, seedBenchWorld } from './lib/benchWorld.ts'
import { Histogram } from './lib/histogram.ts'

const boardCount = 1_000
const circleCount = 20
const repeats = 40
const wantedDbs = (process.env.BENCH_GALLERY_DBS ?? 'sqlite,postgres').split(',')
const T0 = Date.parse('2026-03-01T09:00:00.000Z')
const png = new Uint8Array(20_000).fill(7)

async function seed(storage: Storage): Promise<void> {
	const at = new Date(T0)
	// The member is in two circles of tribe 0: about a third of the boards are theirs to view.
	await seedBenchWorld(storage, circleCount, at)
	for (let b = 0; b < boardCount; b++) {
		const visibility = benchVisibility(b)
		await storage.boards.create({
			id: `board-${String(b).padStart(4, '0')}`,
			circleId: `circle-${b % circleCount}`,
			title: `Board ${b}`,
			visibility,
			createdBy: 'admin',
		})
		await storage.boards.update(`board-${String(b).padStart(4, '0')}`, { journeyDay: 1 + (b % 100) })
		// Most boards have a thumbnail (its bytes are never read by the gallery).
		if (b % 4 !== 0) {
			await storage.boardThumbnails.put(`board-${String(b).padStart(4, '0')}`, {
				png,
				width: 480,
				height: 300,
				updatedBy: 'admin',
				updatedAt: new Date(T0 + b * 1000).toISOString(),
			})
		}
	}
}

async function measure(database: string, storage: Storage, analyze: () => Promise<void>): Promise<void> {
	await seed(storage)
	await analyze()
	const member: GalleryViewer = { userId: 'member', role: 'member' }
	const admin: GalleryViewer = { userId: 'admin', role: 'admin' }
	const limit = GALLERY_PAGE_SIZE + 1
	const firstOfTribe = await storage.gallery.page(member, { tribeId: 'tribe-0', limit })
	const last = firstOfTribe.at(-2)
	const cases: Array<[string, GalleryViewer, GalleryFilter]> = [
		['tribe, first page, member', member, { tribeId: 'tribe-0', limit }],
		['tribe, first page, admin', admin, { tribeId: 'tribe-0', limit }],
		['tribe, day 13, member', member, { tribeId: 'tribe-0', journeyDay: 13, limit }],
		['tribe, one circle, member', member, { tribeId: 'tribe-0', circleId: 'circle-2', limit }],
		[
			'tribe, second page, member',
			member,
			{
				tribeId: 'tribe-0',
				limit,
				...(last ? { after: { updatedAt: last.updatedAt, boardId: last.boardId } } : {}),
			},
		],
		['instance, first page, member', member, { limit }],
	]
	console.log(
		`  ${database}: ${boardCount} boards, load ${os
			.loadavg()
			.map((l) => l.toFixed(1))
			.join(' ')}`,
	)
	for (const [label, viewer, filter] of cases) {
		await storage.gallery.page(viewer, filter)
		const histogram = new Histogram()
		let cards = 0
		for (let r = 0; r < repeats; r++) {
			const started = performance.now()
			cards = (await storage.gallery.page(viewer, filter)).length
			histogram.add(performance.now() - started)
		}
		console.log(
			`    ${label.padEnd(30)} p50 ${histogram.quantile(0.5).toFixed(1).padStart(6)} ms  p95 ${histogram
				.quantile(0.95)
				.toFixed(1)
				.padStart(6)} ms  (${cards} rows)`,
		)
	}
}

console.log('Gallery: the first page with 1,000 boards')
await onBenchDatabases('gallery', wantedDbs, measure)
