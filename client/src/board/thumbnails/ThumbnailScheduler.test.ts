import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ThumbnailScheduler } from './ThumbnailScheduler.ts'

describe('ThumbnailScheduler', () => {
	let sent: Array<{ at: number; leaving: boolean }>
	let answer: boolean
	const make = () =>
		new ThumbnailScheduler(async ({ leaving }) => {
			sent.push({ at: Date.now(), leaving })
			return answer
		})

	beforeEach(() => {
		vi.useFakeTimers({ now: 0 })
		sent = []
		answer = true
	})
	afterEach(() => vi.useRealTimers())

	it('draws once, 5 s after the last change of a burst', async () => {
		const scheduler = make()
		for (let i = 0; i < 10; i++) {
			scheduler.localChange()
			await vi.advanceTimersByTimeAsync(1_000)
		}
		expect(sent).toEqual([])
		await vi.advanceTimersByTimeAsync(4_000)
		expect(sent).toEqual([{ at: 14_000, leaving: false }])
		await vi.advanceTimersByTimeAsync(60_000)
		expect(sent).toHaveLength(1)
	})

	it('draws at most once every 30 s while someone keeps editing in bursts', async () => {
		const scheduler = make()
		scheduler.localChange()
		await vi.advanceTimersByTimeAsync(6_000)
		scheduler.localChange()
		await vi.advanceTimersByTimeAsync(6_000)
		expect(sent.map((s) => s.at)).toEqual([5_000])
		await vi.advanceTimersByTimeAsync(30_000)
		expect(sent.map((s) => s.at)).toEqual([5_000, 35_000])
	})

	it('leaves the thumbnail to whoever changed the board after this person', async () => {
		const scheduler = make()
		scheduler.localChange()
		await vi.advanceTimersByTimeAsync(2_000)
		scheduler.remoteChange()
		await vi.advanceTimersByTimeAsync(60_000)
		expect(sent).toEqual([])
		scheduler.leave()
		await vi.advanceTimersByTimeAsync(0)
		expect(sent).toEqual([])
	})

	it('draws at once when the page is hidden with a change of its own not yet drawn', async () => {
		const scheduler = make()
		scheduler.localChange()
		await vi.advanceTimersByTimeAsync(1_000)
		scheduler.leave()
		await vi.advanceTimersByTimeAsync(0)
		expect(sent).toEqual([{ at: 1_000, leaving: true }])
		// Nothing more: what was left has been drawn.
		await vi.advanceTimersByTimeAsync(60_000)
		scheduler.leave()
		expect(sent).toHaveLength(1)
	})

	it('tries again after the interval when an upload failed', async () => {
		const scheduler = make()
		answer = false
		scheduler.localChange()
		await vi.advanceTimersByTimeAsync(5_000)
		answer = true
		await vi.advanceTimersByTimeAsync(30_000)
		expect(sent.map((s) => s.at)).toEqual([5_000, 35_000])
	})

	it('sends nothing once stopped', async () => {
		const scheduler = make()
		scheduler.localChange()
		scheduler.stop()
		await vi.advanceTimersByTimeAsync(60_000)
		scheduler.leave()
		expect(sent).toEqual([])
	})
})
