import { readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from '@playwright/test'
import { expect, test } from '../fixtures/test.ts'

// Lighter pages (docs/PERFORMANCE.md, "Lighter pages"): every page but the board and snapshot
// pages opens without tldraw, in at most this much script, gzipped (1 kB = 1000 bytes).
const LIGHT_PAGE_BUDGET = 350_000

// The build the e2e command has just made (`pnpm test:e2e` builds the client first).
const clientDist = join(import.meta.dirname, '../../client/dist')

/** One chunk of Vite's build manifest (`build.manifest: true`), as far as we read it. */
interface ManifestChunk {
	file: string
	name?: string
	isEntry?: boolean
	isDynamicEntry?: boolean
	imports?: string[]
	dynamicImports?: string[]
}

test('the first page loads no tldraw and stays under the budget, as the build manifest says', () => {
	const manifest = readManifest()
	const tldraw = Object.values(manifest).filter(
		(chunk) => chunk.name === 'tldraw' && chunk.file.endsWith('.js'),
	)
	// The board still has tldraw, in the chunk the config names: otherwise this test proves nothing.
	expect(tldraw, 'the build has one chunk named "tldraw"').toHaveLength(1)
	const board = staticGraph(manifest, 'src/board/BoardPage.tsx')
	expect(board.map((chunk) => chunk.file)).toContain(tldraw[0]?.file)

	// What index.html loads before anything else: the sign-in, home, tribe, circle and journey
	// pages are all in it.
	const first = staticGraph(manifest, 'index.html')
	expect(first.map((chunk) => chunk.name)).not.toContain('tldraw')
	for (const chunk of first) {
		expect(
			readFileSync(join(clientDist, chunk.file), 'utf8'),
			`${chunk.file} holds tldraw's code`,
		).not.toContain('@tldraw/editor')
	}
	const weight = weightOf(first.map((chunk) => chunk.file))
	test.info().annotations.push({ type: 'first page script', description: weightText(weight) })
	expect(weight.gzipped).toBeLessThanOrEqual(LIGHT_PAGE_BUDGET)
})

test('the sign-in, home, tribe, circle and journey pages load no tldraw in the browser', async ({
	newVisitor,
	alice,
	space,
	board,
}) => {
	const visitor = await newVisitor('Visitor')
	await expectLight(visitor.page, '/signin', 'sign-in page', async () => {
		await expect(visitor.page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
	})
	await expectLight(alice.page, '/', 'home page', async () => {
		await expect(alice.page.getByRole('heading', { level: 1, name: 'Welcome, Alice' })).toBeVisible()
	})
	await expectLight(alice.page, `/t/${space.tribe.id}`, 'tribe page', async () => {
		await expect(alice.page.getByRole('heading', { level: 1, name: space.tribe.name })).toBeVisible()
	})
	await expectLight(alice.page, `/c/${space.circle.id}`, 'circle page', async () => {
		await expect(alice.page.getByRole('heading', { level: 1, name: space.circle.name })).toBeVisible()
		await expect(alice.page.getByRole('link', { name: board.title })).toBeVisible()
	})
	await expectLight(alice.page, `/c/${space.circle.id}/day/1`, 'journey day page', async () => {
		await expect(alice.page.getByRole('heading', { level: 1 })).toBeVisible()
	})
})

test('resting the pointer on a board link starts loading the board, which then opens', async ({
	alice,
	space,
	board,
}) => {
	const page = alice.page
	await page.goto(`/c/${space.circle.id}`)
	const link = page.getByRole('link', { name: board.title })
	await expect(link).toBeVisible()
	const boardCode = page.waitForResponse((response) => /\/assets\/BoardPage-[^/]+\.js$/.test(response.url()))
	await link.hover()
	expect((await boardCode).status()).toBe(200)
	await link.click()
	await expect(page).toHaveURL(`/b/${board.id}`)
	await alice.expectReady()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(board.title)
})

/**
 * Opens `path` afresh, waits until it has shown (`shown`) and the network is quiet, and checks
 * the scripts the page fetched: none of tldraw's, and at most the budget gzipped.
 */
async function expectLight(
	page: Page,
	path: string,
	what: string,
	shown: () => Promise<void>,
): Promise<void> {
	const scripts = new Set<string>()
	const uncompressed = new Set<string>()
	const onResponse = (response: { url(): string; headers(): Record<string, string> }) => {
		const url = new URL(response.url())
		if (!url.pathname.startsWith('/assets/') || !url.pathname.endsWith('.js')) return
		scripts.add(url.pathname)
		// Sent as the build's Brotli or gzip copy (client/build/precompress.ts, which leaves files
		// under 1 kB as they are), not raw.
		const encoding = response.headers()['content-encoding']
		const small = statSync(join(clientDist, url.pathname)).size < 1024
		if (!small && encoding !== 'br' && encoding !== 'gzip') uncompressed.add(url.pathname)
	}
	page.on('response', onResponse)
	try {
		await page.goto(path)
		await shown()
		await page.waitForLoadState('networkidle')
	} finally {
		page.off('response', onResponse)
	}
	const files = [...scripts].map((pathname) => pathname.slice(1))
	expect(files.length, `the ${what} loads scripts`).toBeGreaterThan(0)
	expect(
		files.filter((file) => /\/(tldraw|BoardPage|SnapshotPage|convertV1)-/.test(file)),
		`the ${what} loads no board code`,
	).toEqual([])
	expect([...uncompressed], `the ${what}'s scripts travel compressed`).toEqual([])
	const weight = weightOf(files)
	test.info().annotations.push({ type: what, description: weightText(weight) })
	expect(weight.gzipped, `the ${what}'s scripts, gzipped`).toBeLessThanOrEqual(LIGHT_PAGE_BUDGET)
}

function readManifest(): Record<string, ManifestChunk> {
	const file = join(clientDist, '.vite/manifest.json')
	try {
		return JSON.parse(readFileSync(file, 'utf8'))
	} catch (cause) {
		throw new Error(`${file} could not be read: build the client first (pnpm test:e2e does)`, { cause })
	}
}

/** The chunk `key` and every chunk it imports statically, i.e. what loads before it runs. */
function staticGraph(manifest: Record<string, ManifestChunk>, key: string): ManifestChunk[] {
	const seen = new Map<string, ManifestChunk>()
	const visit = (name: string) => {
		if (seen.has(name)) return
		const chunk = manifest[name]
		if (!chunk) throw new Error(`the build manifest has no chunk ${name}`)
		seen.set(name, chunk)
		for (const imported of chunk.imports ?? []) visit(imported)
	}
	visit(key)
	return [...seen.values()]
}

/** The size of built files (paths under client/dist), as they are and gzipped one by one. */
function weightOf(files: string[]): { files: number; raw: number; gzipped: number } {
	let raw = 0
	let gzipped = 0
	for (const file of files) {
		const bytes = readFileSync(join(clientDist, file))
		raw += bytes.length
		gzipped += gzipSync(bytes).length
	}
	return { files: files.length, raw, gzipped }
}

function weightText(weight: { files: number; raw: number; gzipped: number }): string {
	const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`
	return `${weight.files} scripts, ${kB(weight.raw)} raw, ${kB(weight.gzipped)} gzipped`
}
