// Run by `pnpm start` (and the e2e suite, the benchmark, the Docker image) before the server:
// compiles the server and the shared package from TypeScript to JavaScript (`server/dist`,
// `shared/dist`). Node could run the TypeScript as it is, but its type stripper stays in memory
// for the life of the process (about 30 MB of a server's 155 MB ten seconds after start;
// docs/ARCHITECTURE.md, "The server runs compiled"). The compiler is TypeScript 7's native one:
// the whole build takes about a second, so it always runs.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('..', import.meta.url))
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')

for (const pkg of ['shared', 'server']) {
	const dir = join(root, pkg)
	// Written over in place, never emptied first: a server already running from dist loads some
	// modules on first use (tldraw's schema for imports), and must not find them gone meanwhile.
	// A file whose source was removed stays behind unused: nothing imports it any more.
	const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
		cwd: dir,
		stdio: 'inherit',
	})
	if (build.status !== 0) {
		process.stderr.write(`The ${pkg} package did not build: see the messages above.\n`)
		process.exit(build.status ?? 1)
	}
}
