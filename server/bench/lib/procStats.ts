import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

let ticksPerSecond: number | undefined

/** Clock ticks per second of /proc times (`getconf CLK_TCK`, almost always 100). */
export function clockTicks(): number {
	if (ticksPerSecond === undefined) {
		try {
			ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
		} catch {
			ticksPerSecond = 100
		}
	}
	return ticksPerSecond
}

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
		// The command name may hold spaces; fields after it are fixed.
		const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
		const utime = Number(rest[11])
		const stime = Number(rest[12])
		return (utime + stime) / clockTicks()
	} catch {
		return Number.NaN
	}
}

/** Memory figures in bytes from /proc/<pid>/status: current RSS and peak RSS (VmHWM). */
export function memory(pid: number): { rss: number; peakRss: number } {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8')
		const kb = (key: string) => {
			const m = status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))
			return m ? Number(m[1]) * 1024 : Number.NaN
		}
		return { rss: kb('VmRSS'), peakRss: kb('VmHWM') }
	} catch {
		return { rss: Number.NaN, peakRss: Number.NaN }
	}
}

/** CPU seconds the whole machine has spent busy (all cores, everything but idle and iowait). */
export function machineBusySeconds(): number {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
		const [, ...fields] = line.trim().split(/\s+/)
		const n = fields.map(Number)
		const total = n.slice(0, 8).reduce((s, v) => s + v, 0)
		const idle = (n[3] ?? 0) + (n[4] ?? 0)
		return (total - idle) / clockTicks()
	} catch {
		return Number.NaN
	}
}

/**
 * CPU seconds the machine's processes have spent running (all cores: user, nice and system time
 * from /proc/stat). Interrupt and softirq time is left out: on loopback much of it is our own
 * sockets' traffic, which no process is charged for.
 */
export function processBusySeconds(): number {
	try {
		const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? ''
		const [, user = 0, nice = 0, system = 0] = line.trim().split(/\s+/).map(Number)
		return (user + nice + system) / clockTicks()
	} catch {
		return Number.NaN
	}
}
