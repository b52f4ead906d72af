/** When a board's thumbnail is drawn again. */
export interface ThumbnailTiming {
	/** Quiet after the last change before drawing (ms). */
	quietMs: number
	/** At least this long between two uploads of one browser (ms), except when leaving. */
	minIntervalMs: number
}

/** 5 s of quiet after a burst of changes; at most one upload every 30 s. */
export const defaultThumbnailTiming: ThumbnailTiming = { quietMs: 5_000, minIntervalMs: 30_000 }

/**
 * Draws and uploads the thumbnail; `leaving` when the page is being hidden or closed (the upload
 * must then survive the page). Resolves false when it failed, so that it is tried again later.
 */
export type SendThumbnail = (options: { leaving: boolean }) => Promise<boolean>

/**
 * Decides when this browser makes the board's thumbnail. Of several editors, **the one who made
 * the last change** does: a browser that sees someone else's change after its own leaves the
 * thumbnail to them (their picture will hold its change too). Debounced: {@link ThumbnailTiming}
 * `quietMs` after the last change, at most once per `minIntervalMs`; and at once when the page is
 * hidden or closed with a change of its own not yet drawn. No DOM, no tldraw: told of changes and
 * of leaving by `useBoardThumbnail`.
 */
export class ThumbnailScheduler {
	readonly #send: SendThumbnail
	readonly #timing: ThumbnailTiming
	readonly #now: () => number
	#lastLocal = Number.NEGATIVE_INFINITY
	#lastRemote = Number.NEGATIVE_INFINITY
	#lastUpload = Number.NEGATIVE_INFINITY
	/** A change of this browser's not in any thumbnail yet. */
	#dirty = false
	#sending = false
	#timer: ReturnType<typeof setTimeout> | undefined
	#stopped = false

	constructor(send: SendThumbnail, timing: ThumbnailTiming = defaultThumbnailTiming, now = () => Date.now()) {
		this.#send = send
		this.#timing = timing
		this.#now = now
	}

	/** This person changed the board. */
	localChange(): void {
		this.#lastLocal = this.#now()
		this.#dirty = true
		this.#arm(this.#timing.quietMs)
	}

	/** Someone else's change arrived. */
	remoteChange(): void {
		this.#lastRemote = this.#now()
	}

	/** The page is being hidden or closed: draws what is not drawn yet, if it is ours to draw. */
	leave(): void {
		if (this.#stopped || !this.#mine()) return
		this.#clear()
		void this.#run(true)
	}

	/** Stops for good (the board was closed in the app); nothing more is sent. */
	stop(): void {
		this.#stopped = true
		this.#clear()
	}

	/** Whether a thumbnail would be made now (for tests). */
	get pending(): boolean {
		return this.#mine()
	}

	// Ours to draw: a change of ours not drawn yet, and no one else's change after it.
	#mine(): boolean {
		return this.#dirty && this.#lastLocal >= this.#lastRemote
	}

	#arm(delayMs: number): void {
		if (this.#stopped) return
		this.#clear()
		this.#timer = setTimeout(() => this.#due(), Math.max(0, delayMs))
	}

	#clear(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer)
		this.#timer = undefined
	}

	#due(): void {
		this.#timer = undefined
		if (!this.#mine()) {
			this.#dirty = false
			return
		}
		if (this.#sending) return
		const now = this.#now()
		const quietLeft = this.#lastLocal + this.#timing.quietMs - now
		const intervalLeft = this.#lastUpload + this.#timing.minIntervalMs - now
		if (quietLeft > 0) this.#arm(quietLeft)
		else if (intervalLeft > 0) this.#arm(intervalLeft)
		else void this.#run(false)
	}

	async #run(leaving: boolean): Promise<void> {
		this.#sending = true
		this.#dirty = false
		this.#lastUpload = this.#now()
		let sent = false
		try {
			sent = await this.#send({ leaving })
		} catch {
			sent = false
		}
		this.#sending = false
		if (!sent) this.#dirty = true
		// Changes made while drawing, or a failed upload: drawn again after the interval.
		if (this.#mine() && !leaving) this.#arm(this.#timing.minIntervalMs)
	}
}
