import type { Bus } from './Bus.ts'

const CHANNEL = 'circlespace:processes'
const FORGET_AFTER_MS = 10 * 60_000

/** How often each process says it is alive, and how long one may stay silent (ms). */
export interface HeartbeatTiming {
	intervalMs: number
	silentAfterMs: number
}

/** A process silent for three beats is gone (killed, or cut off from Redis). */
export const defaultHeartbeatTiming: HeartbeatTiming = { intervalMs: 2000, silentAfterMs: 6500 }

/**
 * Tells the other processes this one is alive and keeps when each of them last did, so that
 * what a vanished process owned (presence) can be removed everywhere else.
 */
export class ProcessHeartbeat {
	readonly #bus: Bus
	readonly #timing: HeartbeatTiming
	readonly #lastSeen = new Map<string, number>()
	#timer: ReturnType<typeof setInterval> | undefined
	#unsubscribe: (() => Promise<void>) | undefined

	constructor(bus: Bus, timing: HeartbeatTiming = defaultHeartbeatTiming) {
		this.#bus = bus
		this.#timing = timing
	}

	async start(onTick: () => void): Promise<void> {
		this.#unsubscribe = await this.#bus.subscribe(CHANNEL, (_message, from) => {
			this.#lastSeen.set(from, Date.now())
		})
		this.#bus.publish(CHANNEL, new Uint8Array(0))
		this.#timer = setInterval(() => {
			this.#bus.publish(CHANNEL, new Uint8Array(0))
			// Long-gone processes are forgotten; a rolling restart makes a new id per process.
			const forgetBefore = Date.now() - FORGET_AFTER_MS
			for (const [processId, seen] of this.#lastSeen)
				if (seen < forgetBefore) this.#lastSeen.delete(processId)
			onTick()
		}, this.#timing.intervalMs)
		this.#timer.unref()
	}

	/**
	 * Whether `processId` has been silent for longer than allowed. A process never heard of yet
	 * (it started a moment ago, its first beat still on the way) counts from the first question.
	 */
	isGone(processId: string): boolean {
		const now = Date.now()
		const seen = this.#lastSeen.get(processId)
		if (seen === undefined) {
			this.#lastSeen.set(processId, now)
			return false
		}
		return now - seen > this.#timing.silentAfterMs
	}

	async stop(): Promise<void> {
		clearInterval(this.#timer)
		await this.#unsubscribe?.()
	}
}
