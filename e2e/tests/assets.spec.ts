import type { Page } from '@playwright/test'
import { readBoardDocument } from '../fixtures/readBoardDocument.ts'
import { expect, test } from '../fixtures/test.ts'

/** Drops a freshly drawn PNG file onto the canvas, as dragging a file from the desktop does. */
async function dropImage(page: Page, at: { x: number; y: number }) {
	const dataTransfer = await page.evaluateHandle(async () => {
		const canvas = document.createElement('canvas')
		canvas.width = 120
		canvas.height = 80
		const context = canvas.getContext('2d')
		if (!context) throw new Error('no 2d context')
		context.fillStyle = '#f3d9fa'
		context.fillRect(0, 0, 120, 80)
		context.fillStyle = '#9c36b5'
		context.beginPath()
		context.arc(60, 40, 30, 0, Math.PI * 2)
		context.fill()
		const blob = await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((value) => (value ? resolve(value) : reject(new Error('toBlob failed'))), 'image/png'),
		)
		const transfer = new DataTransfer()
		transfer.items.add(new File([blob], 'circle.png', { type: 'image/png' }))
		return transfer
	})
	await page.locator('.tl-canvas').dispatchEvent('drop', { dataTransfer, clientX: at.x, clientY: at.y })
}

test('a dropped image is uploaded once and shown to the other person from our own server', async ({
	alice,
	bob,
	board,
	server,
}) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)

	const upload = alice.page.waitForResponse(
		(response) => response.url() === `${server.origin}/api/assets` && response.request().method() === 'POST',
	)
	await dropImage(alice.page, { x: 500, y: 400 })
	expect((await upload).status()).toBe(201)

	// Bob's page shows the picture, loaded from the same origin.
	const image = bob.page.locator('img.tl-image')
	await expect(image).toBeVisible()
	await expect(image).toHaveAttribute('src', /^\/api\/assets\/|^http:\/\/127\.0\.0\.1:\d+\/api\/assets\//)
	await expect.poll(() => image.evaluate((element: HTMLImageElement) => element.naturalWidth)).toBe(120)

	// The shared document holds a short URL, never the bytes as a data: URL.
	const records = await readBoardDocument(bob, board.id)
	const values = [...records.values()]
	const assets = values.map((value) => JSON.parse(value)).filter((record) => record.typeName === 'asset')
	expect(assets).toHaveLength(1)
	expect(assets[0].props.src).toMatch(/^\/api\/assets\//)
	expect(values.some((value) => value.includes('data:'))).toBe(false)
})

test('no request leaves the origin', async ({ alice, bob, board, server }) => {
	const requested: string[] = []
	for (const person of [alice, bob]) {
		person.page.on('request', (request) => requested.push(request.url()))
		person.page.on('websocket', (socket) => requested.push(socket.url()))
	}

	await alice.page.goto('/')
	await expect(alice.page.getByRole('heading', { name: 'Recent boards', exact: true })).toBeVisible()
	await alice.page.getByRole('link', { name: board.title }).click()
	await alice.expectReady()
	await bob.openBoard(board.id)
	await alice.drawRectangle({ x: 300, y: 250 }, { x: 460, y: 380 })
	await bob.page.mouse.move(600, 400, { steps: 5 })
	await expect(alice.page.locator('.tl-nametag', { hasText: 'Bob' })).toBeVisible()
	await dropImage(bob.page, { x: 700, y: 300 })
	await expect(alice.page.locator('img.tl-image')).toBeVisible()

	expect(requested.length).toBeGreaterThan(10)
	const foreign = requested.filter((url) => {
		const { protocol, origin } = new URL(url)
		if (protocol === 'data:' || protocol === 'blob:') return false
		return origin !== server.origin && origin !== server.origin.replace(/^http/, 'ws')
	})
	expect(foreign).toEqual([])
})
