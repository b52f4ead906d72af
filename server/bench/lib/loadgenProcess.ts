import { type ChildProcess, spawn } from 'node:child_process'
import path from 'node:path'
import { createInterface } from 'node:readline'
import type { LoadConfig } from '../loadgen.ts'

const serverDir = path.resolve(import.meta.dirname, '../..')

/** A load generator process (bench/loadgen.ts) and its stdio protocol. */
export interface Loadgen {
	proc: ChildProcess
	/** Resolves once its clients are connected and their shapes exist (or it failed). */
	ready: Promise<void>
	/** Its `RESULT` JSON; rejects on `ERROR`, an exit without a result, or after `timeoutMs`. */
	result: Promise<unknown>
	/** Starts its measured phase at `at` (the orchestrator's `nowMs()` clock). */
	go: (at: number) => void
}

const running = new Set<ChildProcess>()

/** Starts a load generator with `config`; it is killed after `timeoutMs` without a result. */
export function startLoadgen(config: LoadConfig, timeoutMs: number, verbose = false): Loadgen {
	const proc = spawn(process.execPath, ['bench/loadgen.ts', JSON.stringify(config)], {
		cwd: serverDir,
		stdio: ['pipe', 'pipe', 'pipe'],
	})
	running.add(proc)
	proc.once('exit', () => running.delete(proc))
	let stderr = ''
	proc.stderr?.on('data', (d: Buffer) => {
		stderr = (stderr + d.toString()).slice(-5000)
	})
	let onReady: () => void = () => {}
	const ready = new Promise<void>((r) => {
		onReady = r
	})
	const result = new Promise<unknown>((resolve, reject) => {
		const timer = setTimeout(() => {
			proc.kill('SIGKILL')
			reject(new Error(`load generator timed out after ${timeoutMs} ms`))
		}, timeoutMs)
		const rl = createInterface({ input: proc.stdout as NodeJS.ReadableStream })
		let done = false
		rl.on('line', (line) => {
			if (line === 'READY') onReady()
			else if (line.startsWith('RESULT ')) {
				done = true
				clearTimeout(timer)
				resolve(JSON.parse(line.slice(7)))
			} else if (line.startsWith('ERROR ')) {
				done = true
				clearTimeout(timer)
				reject(new Error(`load generator: ${line.slice(6)}`))
			} else if (line.startsWith('LOG ') && verbose) console.log(`    ${line.slice(4)}`)
		})
		proc.once('exit', (code) => {
			clearTimeout(timer)
			if (!done) reject(new Error(`load generator exited ${code} without a result\n${stderr}`))
		})
	})
	// A failed generator must not leave `ready` waiting forever.
	result.catch(() => onReady())
	return { proc, ready, result, go: (at) => proc.stdin?.write(`GO ${at}\n`) }
}

/** Kills every load generator still running (on exit and on signals). */
export function killLoadgens(): void {
	for (const p of running) if (p.exitCode === null) p.kill('SIGKILL')
}
