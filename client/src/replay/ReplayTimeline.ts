import type { ReplayEntry, ReplayInfoLine } from '@circlespace/shared/replay/index.ts'
import * as Y from 'yjs'

/** Every this many entries, the timeline keeps the board's state, so that a jump rebuilds little. */
export const CHECKPOINT_EVERY = 256

/** One received log entry, decoded. */
interface TimedEntry {
	id: number
	/** Milliseconds since the replay's start (clamped to its range). */
	at: number
	updates: Uint8Array[]
}

function fromBase64(text: string): Uint8Array {
	const binary = atob(text)
	const bytes = new Uint8Array(binary.length)
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
	return bytes
}

/**
 * What a replay has received so far, as a timeline: the board at the start (the frame), the log
 * entries with their times, and a checkpoint of the board every {@link CHECKPOINT_EVERY} entries.
 * It answers "how many entries have happened by time t" and "the board after n entries" (from the
 * nearest checkpoint, so a jump anywhere costs at most that many entries). It never touches the
 * live board: everything here is a Y.Doc of its own.
 */
export class ReplayTimeline {
	readonly info: ReplayInfoLine
	/** Length of the range in milliseconds. */
	readonly duration: number
	readonly #start: number
	readonly #entries: TimedEntry[] = []
	/** `#checkpoints[k]` is the board after `k * CHECKPOINT_EVERY` entries (the frame for k = 0). */
	readonly #checkpoints: Uint8Array[]
	readonly #shadow = new Y.Doc()
	#complete = false

	constructor(info: ReplayInfoLine, frame: Uint8Array) {
		this.info = info
		this.#start = Date.parse(info.from)
		this.duration = Math.max(0, Date.parse(info.to) - this.#start)
		Y.applyUpdateV2(this.#shadow, frame)
		this.#checkpoints = [frame]
	}

	/** Takes entries from the stream, in order. */
	add(entries: readonly ReplayEntry[]): void {
		for (const entry of entries) {
			const at = Math.min(this.duration, Math.max(0, Date.parse(entry.at) - this.#start))
			// Times never go back along the timeline, even if two processes' clocks disagree a little.
			const previous = this.#entries.at(-1)?.at ?? 0
			const timed: TimedEntry = {
				id: entry.id,
				at: Math.max(at, previous),
				updates: entry.updates.map(fromBase64),
			}
			this.#entries.push(timed)
			for (const update of timed.updates) Y.applyUpdate(this.#shadow, update)
			if (this.#entries.length % CHECKPOINT_EVERY === 0)
				this.#checkpoints.push(Y.encodeStateAsUpdateV2(this.#shadow))
		}
	}

	/** The stream ended: nothing more will come. */
	finish(): void {
		this.#complete = true
		this.#shadow.destroy()
	}

	get complete(): boolean {
		return this.#complete
	}

	/** How many entries were received. */
	get received(): number {
		return this.#entries.length
	}

	/** Up to where the timeline is known (ms): its end once complete, else the last entry's time. */
	get knownUntil(): number {
		return this.#complete ? this.duration : (this.#entries.at(-1)?.at ?? 0)
	}

	/** How many received entries were stored at or before `t` (ms since the start). */
	countAt(t: number): number {
		let low = 0
		let high = this.#entries.length
		while (low < high) {
			const middle = (low + high) >>> 1
			if ((this.#entries[middle]?.at ?? 0) <= t) low = middle + 1
			else high = middle
		}
		return low
	}

	/** The time (ms since the start) of the `count`-th entry; 0 for none. */
	timeOf(count: number): number {
		return count <= 0 ? 0 : (this.#entries[Math.min(count, this.#entries.length) - 1]?.at ?? 0)
	}

	/** The log id the board holds after `count` entries: what "restore this moment" asks for. */
	logIdAt(count: number): number {
		return count <= 0
			? this.info.startId
			: (this.#entries[Math.min(count, this.#entries.length) - 1]?.id ?? 0)
	}

	/** A new doc holding the board after `count` entries. */
	docAt(count: number): Y.Doc {
		const n = Math.max(0, Math.min(count, this.#entries.length))
		const k = Math.min(Math.floor(n / CHECKPOINT_EVERY), this.#checkpoints.length - 1)
		const doc = new Y.Doc()
		const checkpoint = this.#checkpoints[k]
		if (checkpoint) Y.applyUpdateV2(doc, checkpoint)
		this.apply(doc, k * CHECKPOINT_EVERY, n)
		return doc
	}

	/** Applies entries `from` (included) to `to` (excluded) to `doc`, in one transaction. */
	apply(doc: Y.Doc, from: number, to: number): void {
		if (to <= from) return
		doc.transact(() => {
			for (let i = from; i < to; i++) {
				for (const update of this.#entries[i]?.updates ?? []) Y.applyUpdate(doc, update)
			}
		})
	}
}
