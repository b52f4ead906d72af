import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin, type Rolldown } from 'vite'
import { precompress } from './build/precompress.ts'

const serverOrigin = 'http://localhost:3000'

export default defineConfig({
	plugins: [react(), serviceWorkerBuild(), precompress()],
	// Vite 8's dependency optimiser crashes on the asset-import map of @tldraw/assets.
	optimizeDeps: { exclude: ['@tldraw/assets'] },
	build: {
		outDir: 'dist',
		emptyOutDir: true,
		// Read by the service-worker plugin below and by e2e/tests/pageWeight.spec.ts, which keeps
		// the pages other than the board's free of tldraw.
		manifest: true,
		chunkSizeWarningLimit: 4000,
		rolldownOptions: {
			output: {
				codeSplitting: {
					// Stable chunks for the two big libraries: React (with Vite's small preload helper,
					// which every page needs too) changes rarely; tldraw only reaches the board and
					// snapshot pages, which load it on demand (src/app/lazyPages.tsx).
					groups: [
						// zod with the module that switches off its code compilation (our CSP forbids
						// eval): every chunk that builds a schema imports this one, so the switch is set
						// before the first schema, whichever chunk loads first.
						{
							name: 'zod',
							test: /node_modules[\\/]zod[\\/]|shared[\\/]src[\\/]noEval\.ts$/,
							priority: 3,
						},
						{
							name: 'react',
							test: /node_modules[\\/](react|react-dom|scheduler)[\\/]|vite[\\/]preload-helper/,
							priority: 2,
						},
						{ name: 'tldraw', test: /node_modules[\\/](tldraw|@tldraw[\\/][^\\/]+)[\\/]/, priority: 1 },
					],
				},
			},
		},
	},
	server: {
		proxy: {
			'/api': serverOrigin,
			'/sync': { target: serverOrigin, ws: true },
		},
	},
})

/**
 * Fills in the build line of `public/sw.js` (hand-written, see there): a version taken from a
 * hash of this build's index.html, of its list of files and of the worker itself, so every
 * deploy installs a new worker with a new cache, and the list of files to precache: those
 * index.html references, and every script and style sheet of the build, including the chunks
 * that pages load on demand.
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
			const referenced = Array.from(
				htmlText.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g),
				(match) => match[1],
			)
			// The code that pages load on demand (the board's, with tldraw) and its styles: a board
			// must open offline even when this build only ever showed another page online.
			const lazyCode = Object.values(bundle)
				.filter((file) => file.type === 'chunk' || file.fileName.endsWith('.css') || isBoardAsset(file))
				.map((file) => `/${file.fileName}`)
			const precache = ['/index.html', ...new Set([...referenced, ...lazyCode])]
			const version = createHash('sha256')
				.update(htmlText)
				.update(JSON.stringify(precache))
				.update(source)
				.digest('hex')
				.slice(0, 16)
			this.emitFile({
				type: 'asset',
				fileName: 'sw.js',
				source: source.replace(placeholder, `const BUILD = ${JSON.stringify({ version, precache })}`),
			})
		},
	}
}

/**
 * What tldraw fetches on every board, self-hosted: its fonts, its icon sprite and its English
 * messages. Precached so a board opened offline looks as it does online even when this build
 * never showed one (other languages are kept when first fetched).
 */
function isBoardAsset(file: Rolldown.OutputBundle[string]): boolean {
	if (file.type !== 'asset') return false
	return file.originalFileNames.some((name) =>
		/@tldraw[\\/]assets[\\/](fonts[\\/].+\.woff2|icons[\\/].+\.svg|translations[\\/]main\.json)$/.test(name),
	)
}
