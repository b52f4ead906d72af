/**
 * `node server/bench/longTurns.ts <file.cpuprofile> [probe.json] [--min-ms=3]`: where the long
 * stretches of work on our server's event loop come from, read off a V8 CPU profile
 * (`--cpu-prof`, e.g. through `BENCH_OURS_NODE_ARGS`).
 *
 * A busy stretch is a run of consecutive samples that are not `(idle)`: the loop did not wait
 * for I/O in between (under load several short turns can follow each other without idling, so a
 * stretch is at least one turn). Every stretch of at least `--min-ms` is attributed to what its
 * samples were doing (GC, SQLite, Yjs, the WebSocket reader, socket writes, our room code, …),
 * and all stretches are summed the same way, so the long ones can be told apart from the usual
 * mix. On a shared machine a thread is sometimes not running at all: a gap between two samples
 * longer than twice the sampling interval is counted as an "unsampled gap" (the server's thread
 * or the profiler's was descheduled; the profile cannot tell which), not as the work of the
 * sample before it. With the loop probe's JSON (`lib/loopProbe.ts`), only the measured phase is read.
 */
import { readFileSync } from 'node:fs'

interface CallFrame {
	functionName: string
	url: string
	lineNumber: number
}
interface ProfileNode {
	id: number
	callFrame: CallFrame
	children?: number[]
}
interface CpuProfile {
	nodes: ProfileNode[]
	startTime: number
	endTime: number
	samples: number[]
	timeDeltas: number[]
}

const args = process.argv.slice(2)
const files = args.filter((a) => !a.startsWith('--'))
const minMs = Number(args.find((a) => a.startsWith('--min-ms='))?.split('=')[1] ?? 3)
const [profileFile, probeFile] = files
if (!profileFile) {
	console.error('usage: node server/bench/longTurns.ts <file.cpuprofile> [probe.json] [--min-ms=3]')
	process.exit(2)
}
const profile = JSON.parse(readFileSync(profileFile, 'utf8')) as CpuProfile
const window = probeFile
	? (JSON.parse(readFileSync(probeFile, 'utf8')) as { profileWindowUs: { start: number; end: number } })
			.profileWindowUs
	: { start: Number.NEGATIVE_INFINITY, end: Number.POSITIVE_INFINITY }

const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parentOf = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id)

/** What a sample was doing, from its leaf up: the first frame that says it. */
function categoryOf(leafId: number): string {
	const leaf = byId.get(leafId)
	const name = leaf?.callFrame.functionName ?? ''
	if (name === '(garbage collector)') return 'GC'
	if (name === '(program)') return 'V8/native (program)'
	let id: number | undefined = leafId
	const seen: string[] = []
	while (id !== undefined) {
		const f = byId.get(id)?.callFrame
		if (f) seen.push(`${f.functionName} ${f.url}`)
		id = parentOf.get(id)
	}
	const has = (re: RegExp) => seen.some((s) => re.test(s))
	// From the most specific to the most general.
	if (has(/loopProbe/)) return 'the loop probe itself'
	if (has(/nodeSqliteDialect|node:sqlite|KyselyDocStore|kysely/)) return 'storage (SQLite, Kysely)'
	if (has(/writeUnsaved|encodeLogEntry|storedDoc\.ts|compact/)) return 'persistence (room side)'
	if (has(/SendBatcher|uncork|writev|_writeGeneric|writeGeneric|onwrite|afterWriteDispatched/))
		return 'socket writes'
	if (has(/FrameCache/)) return 'framing'
	if (has(/awareness|Awareness|presence/i)) return 'presence'
	if (has(/yjs|lib0/)) return 'Yjs (apply, encode)'
	if (has(/MessageBudget|messages\.ts|missingDependencies/)) return 'room: reading messages'
	if (has(/Room\.ts/)) return 'room (other)'
	if (has(/ws\/lib\/(receiver|permessage|buffer-util|websocket)/)) return 'ws reader'
	if (has(/listOnTimeout|processTimers/)) return 'timers (other)'
	if (has(/node:net|node:stream|onStreamRead|stream_base/)) return 'socket reads'
	if (has(/hono|node-server/)) return 'HTTP'
	return `other: ${leaf ? `${leaf.callFrame.functionName || '(anonymous)'} ${leaf.callFrame.url.split('/').slice(-2).join('/')}` : '?'}`
}

interface Stretch {
	startUs: number
	us: number
	byCategory: Map<string, number>
}
const stretches: Stretch[] = []
const total = new Map<string, number>()
let current: Stretch | undefined
let t = profile.startTime
const deltas = [...profile.timeDeltas].sort((a, b) => a - b)
/** The sampling interval (`--cpu-prof-interval`, 1 ms by default), as the median gap. */
const intervalUs = deltas[Math.floor(deltas.length / 2)] ?? 1000
const NOT_RUNNING = 'unsampled gap (this process or the profiler thread descheduled)'
for (let i = 0; i < profile.samples.length; i++) {
	t += profile.timeDeltas[i] ?? 0
	const dt = profile.timeDeltas[i + 1] ?? 0
	if (t < window.start || t > window.end) continue
	const node = byId.get(profile.samples[i] as number)
	if (node?.callFrame.functionName === '(idle)') {
		if (current) stretches.push(current)
		current = undefined
		continue
	}
	current ??= { startUs: t, us: 0, byCategory: new Map() }
	const category = categoryOf(node?.id ?? -1)
	const worked = Math.min(dt, 2 * intervalUs)
	current.us += dt
	current.byCategory.set(category, (current.byCategory.get(category) ?? 0) + worked)
	total.set(category, (total.get(category) ?? 0) + worked)
	if (dt > worked) {
		current.byCategory.set(NOT_RUNNING, (current.byCategory.get(NOT_RUNNING) ?? 0) + dt - worked)
		total.set(NOT_RUNNING, (total.get(NOT_RUNNING) ?? 0) + dt - worked)
	}
}
if (current) stretches.push(current)

const ms = (us: number) => (us / 1000).toFixed(1)
const busyUs = stretches.reduce((s, x) => s + x.us, 0)
/** A stretch's own work: its length without the unsampled gaps in it. */
const workedUs = (s: Stretch) => s.us - (s.byCategory.get(NOT_RUNNING) ?? 0)
// Long by the work done in them, not by the wall-clock time: a stretch that is long only because
// the machine took the CPU away says nothing of our code.
const long = stretches.filter((s) => workedUs(s) >= minMs * 1000)
const longByCategory = new Map<string, number>()
for (const s of long)
	for (const [c, us] of s.byCategory) longByCategory.set(c, (longByCategory.get(c) ?? 0) + us)
const longUs = long.reduce((s, x) => s + x.us, 0)
const phaseUs = Math.min(window.end, profile.endTime) - Math.max(window.start, profile.startTime)

console.log(
	`${profileFile}: ${ms(phaseUs)} ms read, busy ${ms(busyUs)} ms in ${stretches.length} stretches (sampling every ${intervalUs} µs)`,
)
const sorted = stretches.map((s) => s.us).sort((a, b) => a - b)
const q = (p: number) => ms(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0)
console.log(`stretch length: p50 ${q(0.5)} ms, p90 ${q(0.9)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`)
const worked = stretches.map(workedUs).sort((a, b) => a - b)
const wq = (p: number) => ms(worked[Math.min(worked.length - 1, Math.floor(worked.length * p))] ?? 0)
console.log(
	`work in a stretch (gaps left out): p50 ${wq(0.5)} ms, p90 ${wq(0.9)} ms, p99 ${wq(0.99)} ms, max ${wq(1)} ms`,
)
console.log('| at least | stretches (wall clock) | stretches (work) |')
console.log('| --- | --- | --- |')
for (const limit of [2, 3, 5, 10, 20]) {
	const wall = stretches.filter((s) => s.us >= limit * 1000).length
	console.log(`| ${limit} ms | ${wall} | ${worked.filter((us) => us >= limit * 1000).length} |`)
}
console.log(
	`\nwhat the ${long.length} stretches of ≥ ${minMs} ms did (${ms(longUs)} ms), against all busy time:`,
)
console.log('| what | in long stretches | share | in all busy time | share |')
console.log('| --- | --- | --- | --- | --- |')
const categories = [...new Set([...longByCategory.keys(), ...total.keys()])].sort(
	(a, b) =>
		(longByCategory.get(b) ?? 0) - (longByCategory.get(a) ?? 0) || (total.get(b) ?? 0) - (total.get(a) ?? 0),
)
for (const c of categories.slice(0, 18)) {
	const l = longByCategory.get(c) ?? 0
	const a = total.get(c) ?? 0
	console.log(
		`| ${c} | ${ms(l)} ms | ${((100 * l) / (longUs || 1)).toFixed(1)} % | ${ms(a)} ms | ${((100 * a) / (busyUs || 1)).toFixed(1)} % |`,
	)
}
console.log(`\nthe 10 stretches with the most work (ms after the phase's start, then what held the loop):`)
for (const s of [...long].sort((a, b) => workedUs(b) - workedUs(a)).slice(0, 10)) {
	const parts = [...s.byCategory].sort((a, b) => b[1] - a[1]).slice(0, 3)
	const start = Number.isFinite(window.start) ? s.startUs - window.start : s.startUs - profile.startTime
	console.log(
		`  at ${ms(start)}: ${ms(workedUs(s))} ms of work in ${ms(s.us)} ms — ${parts.map(([c, us]) => `${c} ${ms(us)}`).join(', ')}`,
	)
}
