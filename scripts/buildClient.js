// Run by `pnpm start` before the server: builds the web client only when its sources changed
// since the last build (a fresh checkout has none, so it builds), quietly, with one line saying
// so. An up-to-date build starts the server at once.
import { spawnSync } from 'node:child_process'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const client = join(root, 'client')
const builtFile = join(client, 'dist', 'index.html')

// Everything a client build is made of: its own sources and configuration, the shared package
// it bundles, and the lockfile (an upgraded dependency changes the bundle too).
const inputs = [
	join(client, 'src'),
	join(client, 'public'),
	join(client, 'index.html'),
	join(client, 'vite.config.ts'),
	join(client, 'package.json'),
	join(root, 'shared', 'src'),
	join(root, 'shared', 'package.json'),
	join(root, 'pnpm-lock.yaml'),
]

/** The newest modification time under `path` (a file or a folder), 0 when it does not exist. */
function newestChange(path) {
	let stats
	try {
		stats = statSync(path)
	} catch {
		return 0
	}
	if (!stats.isDirectory()) return stats.mtimeMs
	let newest = stats.mtimeMs
	for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)))
	return newest
}

const builtAt = newestChange(builtFile)
const changedAt = Math.max(...inputs.map(newestChange))
if (builtAt === 0 || changedAt > builtAt) {
	process.stdout.write(
		builtAt === 0 ? 'Building the web client…\n' : 'Rebuilding the web client (it changed)…\n',
	)
	const vite = join(client, 'node_modules', 'vite', 'bin', 'vite.js')
	// Warnings and errors still show; the list of every file written does not.
	const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: client,
		stdio: 'inherit',
	})
	if (build.status !== 0) {
		process.stderr.write('The web client did not build: see the messages above.\n')
		process.exit(build.status ?? 1)
	}
}
