/**
 * A CPU quota per server process, so that scaling over processes can be measured on a machine
 * with fewer cores than a real deployment has machines: each process gets a cgroup of its own
 * with `fraction` of one core (cgroup v2 `cpu.max`, or v1 `cpu.cfs_quota_us`), and the load
 * generators the rest. Needs a writable cgroup CPU controller (root in a container usually has
 * one); `cpuQuotaSupport()` says why not when there is none, and nothing is confined then.
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'

/**
 * The quota's period. The kernel's default (100 ms) turns a small share into stop-and-go: a
 * process at 0.2 of a core runs 20 ms and then waits 80, which shows as an 80 ms latency tail
 * that no real machine of that speed has. A 10 ms period makes the share behave like a slower
 * core. `BENCH_CPU_PERIOD_MS` sets another.
 */
const PERIOD_US = Math.round(Number(process.env.BENCH_CPU_PERIOD_MS ?? 10) * 1000)

interface Hierarchy {
	kind: 'v2' | 'v1'
	root: string
}

function findHierarchy(): Hierarchy | string {
	const candidates: Hierarchy[] = [
		{ kind: 'v2', root: '/sys/fs/cgroup' },
		{ kind: 'v2', root: '/sys/fs/cgroup/unified' },
		{ kind: 'v1', root: '/sys/fs/cgroup/cpu' },
	]
	for (const candidate of candidates) {
		if (candidate.kind === 'v2') {
			const controllers = path.join(candidate.root, 'cgroup.controllers')
			if (!existsSync(controllers) || !readFileSync(controllers, 'utf8').split(/\s+/).includes('cpu'))
				continue
		} else if (!existsSync(path.join(candidate.root, 'cpu.cfs_quota_us'))) continue
		const probe = path.join(candidate.root, `circlespace-bench-probe-${process.pid}`)
		try {
			mkdirSync(probe)
			rmdirSync(probe)
			return candidate
		} catch {}
	}
	return 'no writable cgroup CPU controller (cgroup v2 cpu.max or v1 cpu.cfs_quota_us) on this machine'
}

let hierarchy: Hierarchy | string | undefined
/** The cgroups made by this process and not removed yet. */
const made = new Set<string>()

/** The cgroup hierarchy quotas are set in, or why there is none. */
export function cpuQuotaSupport(): { ok: true } | { ok: false; reason: string } {
	hierarchy ??= findHierarchy()
	return typeof hierarchy === 'string' ? { ok: false, reason: hierarchy } : { ok: true }
}

/**
 * Moves process `pid` (all its threads) into a new cgroup limited to `fraction` of one core;
 * returns a function that removes the cgroup once the process has exited.
 */
export function confineCpu(pid: number, fraction: number, options: { priority?: boolean } = {}): () => void {
	const h = hierarchyOrThrow()
	if (!(fraction > 0)) throw new Error(`a CPU quota must be above 0, not ${fraction}`)
	const dir = path.join(h.root, `circlespace-bench-${pid}`)
	mkdirSync(dir)
	made.add(dir)
	const quota = Math.round(fraction * PERIOD_US)
	if (h.kind === 'v2') {
		writeFileSync(path.join(dir, 'cpu.max'), `${quota} ${PERIOD_US}`)
	} else {
		writeFileSync(path.join(dir, 'cpu.cfs_period_us'), String(PERIOD_US))
		writeFileSync(path.join(dir, 'cpu.cfs_quota_us'), String(quota))
	}
	if (options.priority) setHighWeight(h, dir)
	writeFileSync(path.join(dir, 'cgroup.procs'), String(pid))
	return () => remove(dir)
}

/**
 * Moves process `pid` into one cgroup (shared by all so moved) with the highest CPU weight and no
 * quota: on a machine other work shares, the load generators then get the CPU they ask for, as
 * the confined servers do up to their quota, instead of competing with everything else.
 */
export function prioritiseCpu(pid: number): void {
	const h = hierarchyOrThrow()
	const dir = path.join(h.root, `circlespace-bench-priority-${process.pid}`)
	if (!made.has(dir)) {
		mkdirSync(dir)
		made.add(dir)
		setHighWeight(h, dir)
	}
	writeFileSync(path.join(dir, 'cgroup.procs'), String(pid))
}

function setHighWeight(h: Hierarchy, dir: string): void {
	if (h.kind === 'v2') writeFileSync(path.join(dir, 'cpu.weight'), '10000')
	else writeFileSync(path.join(dir, 'cpu.shares'), '262144')
}

function hierarchyOrThrow(): Hierarchy {
	hierarchy ??= findHierarchy()
	if (typeof hierarchy === 'string') throw new Error(hierarchy)
	return hierarchy
}

function remove(dir: string): void {
	try {
		rmdirSync(dir)
		made.delete(dir)
	} catch {}
}

/**
 * Removes every cgroup this process made (on exit and on signals, after the servers were killed:
 * a cgroup can be removed once its process is gone, so this waits up to a second for that).
 */
export function releaseAllCpuQuotas(): void {
	const pause = new Int32Array(new SharedArrayBuffer(4))
	for (let attempt = 0; attempt < 20 && made.size > 0; attempt++) {
		for (const dir of made) remove(dir)
		if (made.size > 0) Atomics.wait(pause, 0, 0, 50)
	}
}
