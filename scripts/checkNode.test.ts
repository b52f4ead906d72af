import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const script = fileURLToPath(new URL('./checkNode.cjs', import.meta.url))
const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'))

/** Runs the check with a given Node binary, as `pnpm start` and `pnpm test` do. */
function check(node: string) {
	return spawnSync(node, [script], { encoding: 'utf8' })
}

/** The version of a Node binary, e.g. "v20.20.2", or null when it is not there. */
function versionOf(node: string): string | null {
	if (!existsSync(node)) return null
	const run = spawnSync(node, ['--version'], { encoding: 'utf8' })
	return run.status === 0 ? run.stdout.trim() : null
}

// The machine's own Node is 20 on the machines this project is built on; elsewhere there may be
// no older Node to try, and that case is skipped.
const olderNode = '/usr/bin/node'
const olderVersion = versionOf(olderNode)
const olderMajor = olderVersion ? Number(olderVersion.slice(1).split('.')[0]) : null

describe('the Node version check run before start and test', () => {
	it('asks for the Node 24 the README names', () => {
		expect(manifest.engines.node).toBe('>=24')
	})

	it('lets the Node running these tests through, saying nothing', () => {
		const run = check(process.execPath)
		expect(run.stderr).toBe('')
		expect(run.stdout).toBe('')
		expect(run.status).toBe(0)
	})

	it.skipIf(olderMajor === null || olderMajor >= 24)(
		`stops an older Node at once with a sentence saying which one it needs (${olderNode}: ${olderVersion})`,
		() => {
			const run = check(olderNode)
			expect(run.status).toBe(1)
			expect(run.stderr.split('\n')[0]).toBe(`Circlespace needs Node 24 or newer (this is ${olderVersion}).`)
			expect(run.stderr).not.toContain('ERR_')
		},
	)
})
