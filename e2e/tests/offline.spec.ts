import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { expect, test } from '../fixtures/test.ts'

// Each test gets its own copy of the built client, so it can play a new deploy.
test.use({ serverOptions: { ownClientCopy: true } })

test('a board reloads without network, and what was drawn offline reaches the others on reconnect', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	const online = await alice.drawRectangle({ x: 300, y: 250 }, { x: 460, y: 380 })
	// The first visit is enough: nothing is reloaded before the network goes.
	await alice.expectOfflineReady()

	await alice.context.setOffline(true)
	await alice.page.reload()
	await expect(alice.connectionStatus).toContainText('Offline – reconnecting')
	await expect(alice.page.getByRole('heading', { level: 1 })).toHaveText(board.title)
	await expect.poll(() => alice.shapeIds()).toEqual([online])
	const offline = await alice.drawRectangle({ x: 600, y: 250 }, { x: 740, y: 360 })

	// Bob, online meanwhile, only has what reached the server.
	await bob.openBoard(board.id)
	await expect.poll(() => bob.shapeIds()).toEqual([online])

	await alice.context.setOffline(false)
	await expect(alice.connectionStatus).toContainText('Live')
	await expect.poll(() => bob.shapeIds()).toEqual([online, offline].sort())
	expect(await bob.shapes()).toEqual(await alice.shapes())
})

test('a board page opens offline from a page that never loaded its code, and shows the board on reconnect', async ({
	alice,
	bob,
	space,
	board,
}) => {
	// The board's code (tldraw) loads on demand: only the circle page is seen online.
	const page = alice.page
	await page.goto(`/c/${space.circle.id}`)
	const link = page.getByRole('link', { name: board.title })
	await expect(link).toBeVisible()
	await alice.expectOfflineReady()
	const loadedBoardCode = () =>
		page.evaluate(() =>
			performance.getEntriesByType('resource').some((entry) => /\/assets\/BoardPage-/.test(entry.name)),
		)
	expect(await loadedBoardCode()).toBe(false)

	await alice.context.setOffline(true)
	await link.click()
	await expect(page).toHaveURL(`/b/${board.id}`)
	// The board page itself, from the worker's precache: it knows this browser has no copy yet.
	await expect(alice.connectionStatus).toContainText('Offline – reconnecting')
	await expect(page.getByText('this board has not been opened on this device before')).toBeVisible()
	expect(await loadedBoardCode()).toBe(true)

	// Meanwhile Bob draws on the board; Alice sees it once she is back online.
	await bob.openBoard(board.id)
	const bobs = await bob.drawRectangle({ x: 300, y: 250 }, { x: 460, y: 380 })
	await alice.context.setOffline(false)
	await alice.expectReady()
	await expect.poll(() => alice.shapeIds()).toEqual([bobs])
})

test('an online load shows a new deploy at once, and an offline reload shows the last one seen', async ({
	alice,
	board,
	server,
}) => {
	await alice.openBoard(board.id)
	await alice.expectOfflineReady()
	const deployMark = alice.page.locator('meta[name="e2e-deploy"]')
	await expect(deployMark).toHaveCount(0)

	await deploy(server.clientDir, 'second')
	await alice.page.goto(`/b/${board.id}`)
	await expect(deployMark).toHaveAttribute('content', 'second')
	await alice.expectReady()

	// Offline, the page comes from the worker's cache: the last deploy this browser saw, not
	// the one the (unreachable) server now has.
	await deploy(server.clientDir, 'third')
	await alice.context.setOffline(true)
	await alice.page.reload()
	await expect(deployMark).toHaveAttribute('content', 'second')
	await expect(alice.connectionStatus).toContainText('Offline – reconnecting')
	await expect
		.poll(() => alice.page.evaluate(() => Boolean(window.__circlespaceEditor?.getCurrentPageId())))
		.toBe(true)

	await alice.context.setOffline(false)
	await alice.page.reload()
	await expect(deployMark).toHaveAttribute('content', 'third')
	await alice.expectReady()
})

/** Plays a new deploy: the same build, with an index.html that says which deploy it is. */
async function deploy(clientDir: string, name: string): Promise<void> {
	const file = join(clientDir, 'index.html')
	const html = (await readFile(file, 'utf8')).replace(/\s*<meta name="e2e-deploy"[^>]*>/, '')
	await writeFile(file, html.replace('</head>', `\t<meta name="e2e-deploy" content="${name}" />\n\t</head>`))
	// The build's Brotli and gzip copies (index.html passes 1 kB) would still be the old page.
	await rm(`${file}.br`, { force: true })
	await rm(`${file}.gz`, { force: true })
}
