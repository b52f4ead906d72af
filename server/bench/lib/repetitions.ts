import { median } from './histogram.ts'
import { processBusySeconds } from './procStats.ts'

/** How a run's surroundings looked: what else used the machine while it ran. */
export interface RunNoise {
	/** 1-based repetition this run belongs to. */
	repetition: number
	/** Position of this server in the repetition's order (1 = ran first). */
	order: number
	/** How many tries this run took (a noisy try is run again, a bounded number of times). */
	attempts: number
	/** Cores' worth of CPU used by other processes during the run. */
	otherCpuShare: number
	/** 1-minute load average when the run started. */
	loadAverageBefore: number
	/** True when other processes used more than the noise limit even on the last try. */
	noisy: boolean
}

/**
 * Measures the CPU that processes other than ours used over an interval: the time the machine's
 * processes ran (/proc/stat) minus the CPU of the processes we name (server, generators) and of this
 * orchestrator itself. What is left is other work on the box competing for the cores.
 */
export class NoiseMeter {
	readonly #busy0 = processBusySeconds()
	readonly #self0 = process.cpuUsage()
	readonly #wall0 = performance.now()

	/** Other processes' CPU in cores' worth (1 = one whole core) since the meter was made. */
	otherCpuShare(oursCpuSeconds: number): number {
		const self = process.cpuUsage(this.#self0)
		const selfSeconds = (self.user + self.system) / 1e6
		const wallSeconds = (performance.now() - this.#wall0) / 1000
		const other = processBusySeconds() - this.#busy0 - oursCpuSeconds - selfSeconds
		return wallSeconds > 0 ? Math.max(0, other / wallSeconds) : Number.NaN
	}
}

/** `items` rotated left by `by`: repetition k starts with the k-th item, so no one always goes first. */
export function rotated<T>(items: readonly T[], by: number): T[] {
	if (items.length === 0) return []
	const k = by % items.length
	return [...items.slice(k), ...items.slice(0, k)]
}

/** The median of `get` over runs, ignoring NaN (NaN when nothing is left). */
export function medianOf<R>(runs: readonly R[], get: (r: R) => number): number {
	return median(runs.map(get).filter((v) => !Number.isNaN(v)))
}

/**
 * Per-repetition ratios ours ÷ peer (runs paired by repetition), and their median: each ratio
 * compares two runs made minutes apart under the same conditions, which a ratio of medians
 * over the whole bench does not.
 */
export function pairedRatios<R extends { repetition: number }>(
	ours: readonly R[],
	peer: readonly R[],
	get: (r: R) => number,
): { ratios: number[]; median: number } {
	const ratios: number[] = []
	for (const o of ours) {
		const p = peer.find((r) => r.repetition === o.repetition)
		if (!p) continue
		const a = get(o)
		const b = get(p)
		if (b > 0 && !Number.isNaN(a)) ratios.push(a / b)
	}
	return { ratios, median: median(ratios) }
}

/**
 * Waits until the machine has been quiet for a second (other processes below `limit` cores'
 * worth, while none of ours runs), at most `maxMs`. Returns the last second's share.
 */
export async function waitForQuiet(limit: number, maxMs: number): Promise<number> {
	const deadline = performance.now() + maxMs
	for (;;) {
		const meter = new NoiseMeter()
		await new Promise((r) => setTimeout(r, 1000))
		const share = meter.otherCpuShare(0)
		if (share <= limit || performance.now() >= deadline) return share
	}
}
