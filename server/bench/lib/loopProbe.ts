/**
 * Loaded into our server with `--import` by the bench when `BENCH_LOOP_PROBE` is set (never in
 * production): counts how long the event loop was held and by what, over the measured phase
 * only. The bench sends SIGUSR2 when the measured phase starts (counting starts) and again when
 * it ends (the counts are written to `LOOP_PROBE_FILE` as JSON).
 *
 * - `monitorEventLoopDelay`: how late a 1 ms timer ran, i.e. how long a turn held the loop;
 * - a `gc` PerformanceObserver: every collection's kind and pause;
 * - long turns: a 1 ms interval that notes each time it ran more than `LONG_MS` late (with the
 *   time), so a long turn can be matched with GC pauses and with a CPU profile's samples.
 */
import { writeFileSync } from 'node:fs'
import { constants, monitorEventLoopDelay, PerformanceObserver, performance } from 'node:perf_hooks'

const LONG_MS = 3
const file = process.env.LOOP_PROBE_FILE ?? `/tmp/loop-probe-${process.pid}.json`
const gcKinds: Record<number, string> = {
	[constants.NODE_PERFORMANCE_GC_MINOR]: 'minor',
	[constants.NODE_PERFORMANCE_GC_MAJOR]: 'major',
	[constants.NODE_PERFORMANCE_GC_INCREMENTAL]: 'incremental',
	[constants.NODE_PERFORMANCE_GC_WEAKCB]: 'weakcb',
}

let phase: 'before' | 'measuring' | 'done' = 'before'
let startedAt = 0
/** CLOCK_MONOTONIC in µs, the clock of V8's CPU profiles: cuts a profile to the measured phase. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)
let startedAtUs = 0
const delay = monitorEventLoopDelay({ resolution: 1 })
const gcs: Array<{ at: number; kind: string; ms: number }> = []
const longTurns: Array<{ at: number; lateMs: number }> = []
let last = 0

new PerformanceObserver((list) => {
	if (phase !== 'measuring') return
	for (const entry of list.getEntries()) {
		const kind = (entry as { detail?: { kind?: number } }).detail?.kind ?? -1
		gcs.push({ at: entry.startTime - startedAt, kind: gcKinds[kind] ?? String(kind), ms: entry.duration })
	}
}).observe({ entryTypes: ['gc'] })

const ticker = setInterval(() => {
	const now = performance.now()
	if (phase === 'measuring' && last > 0 && now - last - 1 > LONG_MS) {
		longTurns.push({ at: last - startedAt, lateMs: now - last - 1 })
	}
	last = now
}, 1)
ticker.unref()

process.on('SIGUSR2', () => {
	if (phase === 'before') {
		phase = 'measuring'
		startedAt = performance.now()
		startedAtUs = monotonicUs()
		delay.enable()
		return
	}
	if (phase !== 'measuring') return
	phase = 'done'
	delay.disable()
	const q = (p: number) => delay.percentile(p) / 1e6
	const pauses = gcs.map((g) => g.ms).sort((a, b) => a - b)
	writeFileSync(
		file,
		JSON.stringify(
			{
				measuredMs: performance.now() - startedAt,
				profileWindowUs: { start: startedAtUs, end: monotonicUs() },
				loopDelayMs: {
					p50: q(50),
					p90: q(90),
					p99: q(99),
					p999: q(99.9),
					max: delay.max / 1e6,
					count: delay.count,
				},
				gc: {
					count: gcs.length,
					totalMs: pauses.reduce((s, ms) => s + ms, 0),
					p99Ms: pauses[Math.floor(pauses.length * 0.99)] ?? 0,
					maxMs: pauses.at(-1) ?? 0,
					byKind: Object.fromEntries(
						[...new Set(gcs.map((g) => g.kind))].map((kind) => {
							const of = gcs.filter((g) => g.kind === kind)
							return [
								kind,
								{
									count: of.length,
									totalMs: of.reduce((s, g) => s + g.ms, 0),
									maxMs: Math.max(...of.map((g) => g.ms)),
								},
							]
						}),
					),
					entries: gcs,
				},
				longTurns,
			},
			null,
			1,
		),
	)
})
