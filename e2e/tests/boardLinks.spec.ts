import { pasteOnCanvas } from '../fixtures/clipboard.ts'
import { expect, test } from '../fixtures/test.ts'

interface ApiBoard {
	id: string
	title: string
}

test('pasting a board’s address puts a link card on the board; it opens that board, which lists where it is linked from', async ({
	alice,
	space,
}, testInfo) => {
	const source = await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Harvest plans',
	})
	const target = await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Seed library',
	})

	await alice.openBoard(source.id)
	// The canvas has focus (tldraw takes pastes only then), as after a click on it.
	await alice.page.locator('.tl-canvas').click({ position: { x: 400, y: 300 } })
	const origin = await alice.page.evaluate(() => window.location.origin)
	await pasteOnCanvas(alice.page, `${origin}/b/${target.id}`)

	const card = alice.page.locator('.board-link-card')
	await expect(card).toHaveCount(1)
	await expect(card).toContainText('Seed library')
	await expect(card).toContainText(space.circle.name)
	await card.screenshot({ path: testInfo.outputPath('board-link-card.png') })
	await expect.poll(async () => (await alice.shapes()).map((shape) => shape.type)).toContain('board-link')

	await card.getByRole('button', { name: 'Open board Seed library' }).click()
	await expect(alice.page).toHaveURL(new RegExp(`/b/${target.id}$`))
	await expect(alice.page.getByRole('heading', { level: 1 })).toHaveText('Seed library')
	await alice.expectReady()

	// Backlinks are read from stored content a few seconds after the change.
	await expect
		.poll(
			async () =>
				(await alice.api<{ boards: ApiBoard[] }>('GET', `/api/boards/${target.id}/backlinks`)).boards.map(
					(board) => board.title,
				),
			{ timeout: 30_000 },
		)
		.toEqual(['Harvest plans'])

	await alice.page.getByRole('button', { name: 'Linked from' }).click()
	const panel = alice.page.getByRole('region', { name: 'Linked from' })
	await expect(panel.getByRole('heading', { name: 'Linked from' })).toBeFocused()
	await alice.page.screenshot({ path: testInfo.outputPath('linked-from.png') })
	await alice.page.setViewportSize({ width: 768, height: 1024 })
	await alice.page.screenshot({ path: testInfo.outputPath('linked-from-tablet.png') })
	await panel.getByRole('link', { name: 'Harvest plans' }).click()
	await expect(alice.page).toHaveURL(new RegExp(`/b/${source.id}$`))
	await expect(alice.page.getByRole('heading', { level: 1 })).toHaveText('Harvest plans')
})

test('a link to a board the reader may not open shows no title', async ({ alice, bob, space }) => {
	const source = await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Circle notes',
		visibility: 'tribe',
	})
	// A board of a circle Bob is not in.
	const other = await alice.api<{ id: string }>('POST', `/api/tribes/${space.tribe.id}/circles`, {
		name: 'Circle 8',
	})
	const hidden = await alice.api<ApiBoard>('POST', `/api/circles/${other.id}/boards`, {
		title: 'Private planning',
	})

	await alice.openBoard(source.id)
	await alice.page.locator('.tl-canvas').click({ position: { x: 400, y: 300 } })
	const origin = await alice.page.evaluate(() => window.location.origin)
	await pasteOnCanvas(alice.page, `${origin}/b/${hidden.id}`)
	await expect(alice.page.locator('.board-link-card')).toContainText('Private planning')

	await bob.openBoard(source.id)
	const card = bob.page.locator('.board-link-card')
	await expect(card).toContainText('A board you cannot open')
	await expect(card).not.toContainText('Private planning')
	await expect(card.getByRole('button')).toHaveCount(0)
})

test('“Link to a board…” lists the boards one may open, filtered by title, and puts the chosen one’s card', async ({
	alice,
	space,
}, testInfo) => {
	const source = await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Weekly check-in',
	})
	await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, { title: 'Seed library' })
	await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, { title: 'Compost rota' })

	await alice.openBoard(source.id)
	await alice.page.getByRole('button', { name: 'Link to a board…' }).click()
	const dialog = alice.page.getByRole('dialog', { name: 'Link to a board' })
	const list = dialog.getByRole('list', { name: 'Boards to link to' })
	await expect(list.getByRole('listitem')).toHaveCount(2)
	// The board itself is not offered.
	await expect(list).not.toContainText('Weekly check-in')
	await dialog.getByLabel('Find a board by title').fill('seed')
	await expect(list.getByRole('listitem')).toHaveCount(1)
	await dialog.screenshot({ path: testInfo.outputPath('link-to-a-board.png') })
	await dialog.getByRole('button', { name: 'Link to Seed library' }).click()

	await expect(dialog).toHaveCount(0)
	await expect(alice.page.locator('.board-link-card')).toContainText('Seed library')
	await expect(alice.page.getByRole('button', { name: 'Link to a board…' })).toBeFocused()

	// By keyboard: Enter on the selected card opens its board.
	await alice.page.locator('.board-link-card__title').click()
	await expect
		.poll(() => alice.page.evaluate(() => window.__circlespaceEditor?.getSelectedShapeIds().length))
		.toBe(1)
	await alice.page.keyboard.press('Enter')
	await expect(alice.page.getByRole('heading', { level: 1 })).toHaveText('Seed library')
})
