import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants, gzip } from 'node:zlib'
import type { Plugin } from 'vite'

const brotli = promisify(brotliCompress)
const gz = promisify(gzip)

// Text the browser fetches; images and fonts (PNG, WOFF2) are compressed already.
const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest|map)$/
// Below this a compressed copy saves less than its headers cost.
const MIN_BYTES = 1024

/**
 * Writes a Brotli (`.br`) and a gzip (`.gz`) copy beside every compressible file of the build,
 * which the server's static file handler sends to browsers that accept them (`precompressed`):
 * compressing once at build time costs nothing per request, and at the highest levels.
 */
export function precompress(): Plugin {
	let outDir = 'dist'
	return {
		name: 'circlespace-precompress',
		apply: 'build',
		configResolved(config) {
			outDir = path.resolve(config.root, config.build.outDir)
		},
		async closeBundle() {
			const files = await listFiles(outDir)
			await Promise.all(
				files
					.filter((file) => COMPRESSIBLE.test(file))
					.map(async (file) => {
						if ((await stat(file)).size < MIN_BYTES) return
						const source = await readFile(file)
						const [br, gzipped] = await Promise.all([
							brotli(source, {
								params: {
									[constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
									[constants.BROTLI_PARAM_SIZE_HINT]: source.length,
								},
							}),
							gz(source, { level: 9 }),
						])
						await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gzipped)])
					}),
			)
		},
	}
}

async function listFiles(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true })
	return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name))
}
