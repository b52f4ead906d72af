// Run first by `pnpm start`, `pnpm dev` and `pnpm test`. On an older Node the server would fail
// later with ERR_UNKNOWN_FILE_EXTENSION (Node 24 runs its TypeScript sources directly), which
// tells a newcomer nothing. So this file is CommonJS with nothing newer than what Node 16
// parses, and it reads the version it asks for from package.json's engines, so the two cannot
// disagree.
'use strict'

const fs = require('node:fs')
const path = require('node:path')

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'))
const range = manifest.engines?.node ?? ''
const match = /^\s*>=\s*(\d+)\s*$/.exec(range)
if (!match) {
	process.stderr.write(`package.json's engines.node must read ">=N" (it reads "${range}").\n`)
	process.exit(1)
}
const needed = Number(match[1])
const running = Number(process.versions.node.split('.')[0])
if (running < needed) {
	process.stderr.write(
		`Circlespace needs Node ${needed} or newer (this is ${process.version}).\n` +
			`Install Node ${needed} from https://nodejs.org or with your version manager (e.g. \`nvm install ${needed}\`), then run the command again.\n`,
	)
	process.exit(1)
}
