import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const serverOrigin = 'http://localhost:3000'

export default defineConfig({
	plugins: [react(), serviceWorkerBuild()],
	// Vite 8's dependency optimiser crashes on the asset-import map of @tldraw/assets.
	optimizeDeps: { exclude: ['@tldraw/assets'] },
	build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 4000 },
	server: {
		proxy: {
			'/api': serverOrigin,
			'/sync': { target: serverOrigin, ws: true },
		},
	},
})

/**
 * Fills in the build line of `public/sw.js` (hand-written, see there): a version taken from a
 * hash of this build's index.html and of the worker itself, so every deploy installs a new
 * worker with a new cache, and the list of files index.html references, to precache.
 */
function serviceWorkerBuild(): Plugin {
	const placeholder = "const BUILD = { version: 'dev', precache: [] }"
	let source = ''
	return {
		name: 'circlespace:service-worker',
		apply: 'build',
		enforce: 'post',
		configResolved(config) {
			source = readFileSync(path.join(config.publicDir, 'sw.js'), 'utf8')
			if (!source.includes(placeholder)) throw new Error(`public/sw.js must contain: ${placeholder}`)
		},
		generateBundle(_options, bundle) {
			const html = bundle['index.html']
			if (html?.type !== 'asset') throw new Error('the build has no index.html')
			const htmlText = String(html.source)
			const precache = [
				'/index.html',
				...new Set(Array.from(htmlText.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g), (match) => match[1])),
			]
			const version = createHash('sha256').update(htmlText).update(source).digest('hex').slice(0, 16)
			this.emitFile({
				type: 'asset',
				fileName: 'sw.js',
				source: source.replace(placeholder, `const BUILD = ${JSON.stringify({ version, precache })}`),
			})
		},
	}
}
