import type { ReplayEntry, ReplayInfoLine } from '@circlespace/shared/replay/index.ts'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CHECKPOINT_EVERY, ReplayTimeline } from './ReplayTimeline.ts'

const from = '2026-03-01T09:00:00.000Z'
const info: ReplayInfoLine = {
	type: 'info',
	boardId: 'b',
	session: null,
	from,
	to: '2026-03-01T10:00:00.000Z',
	startId: 10,
	endId: 0,
	marks: [],
}

/** A board edited `count` times, one entry a second, and the frame it started from. */
function recorded(count: number) {
	const doc = new Y.Doc()
	const records = doc.getMap<string>('records')
	records.set('shape:start', 'start')
	const frame = Y.encodeStateAsUpdateV2(doc)
	const entries: ReplayEntry[] = []
	const states: Record<string, unknown>[] = [records.toJSON()]
	for (let i = 0; i < count; i++) {
		let update: Uint8Array | undefined
		doc.once('update', (u: Uint8Array) => {
			update = u
		})
		if (i % 7 === 6) records.delete(`shape:${(i - 1) % 40}`)
		else records.set(`shape:${i % 40}`, `version ${i}`)
		entries.push({
			id: 11 + i,
			at: new Date(Date.parse(from) + (i + 1) * 1000).toISOString(),
			updates: [Buffer.from(update ?? new Uint8Array()).toString('base64')],
		})
		states.push(records.toJSON())
	}
	return { frame, entries, states }
}

describe('ReplayTimeline', () => {
	it('gives the board at any moment, from the nearest checkpoint, as it was then', () => {
		const { frame, entries, states } = recorded(CHECKPOINT_EVERY * 2 + 30)
		const timeline = new ReplayTimeline(info, frame)
		timeline.add(entries.slice(0, 100))
		timeline.add(entries.slice(100))
		timeline.finish()
		expect(timeline.received).toBe(entries.length)
		for (const count of [0, 1, 99, CHECKPOINT_EVERY, CHECKPOINT_EVERY + 1, entries.length]) {
			expect(timeline.docAt(count).getMap('records').toJSON(), String(count)).toEqual(states[count])
		}
		// Playing on from a moment gives the same as jumping there.
		const doc = timeline.docAt(10)
		timeline.apply(doc, 10, 300)
		expect(doc.getMap('records').toJSON()).toEqual(states[300])
	})

	it('maps times to entries and entries to log ids', () => {
		const { frame, entries } = recorded(20)
		const timeline = new ReplayTimeline(info, frame)
		timeline.add(entries)
		expect(timeline.knownUntil).toBe(20_000)
		timeline.finish()
		expect(timeline.knownUntil).toBe(60 * 60 * 1000)
		expect(timeline.countAt(0)).toBe(0)
		expect(timeline.countAt(999)).toBe(0)
		expect(timeline.countAt(1000)).toBe(1)
		expect(timeline.countAt(5500)).toBe(5)
		expect(timeline.countAt(10 ** 9)).toBe(20)
		expect(timeline.logIdAt(0)).toBe(10)
		expect(timeline.logIdAt(5)).toBe(15)
		expect(timeline.timeOf(5)).toBe(5000)
	})
})
