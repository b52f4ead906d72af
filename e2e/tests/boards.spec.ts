import { expect, test } from '../fixtures/test.ts'

test('a new board is created from the list and opens, and appears in the list', async ({ alice }) => {
	await alice.page.goto('/')
	await expect(alice.page.getByText('No boards yet')).toBeVisible()

	await alice.page.getByLabel('New board title').fill('Day 12 — what surprised us')
	await alice.page.getByLabel('New board title').press('Enter')

	await expect(alice.page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
	await expect(alice.page.getByRole('heading', { level: 1 })).toHaveText('Day 12 — what surprised us')
	await alice.expectReady()

	await alice.page.getByRole('link', { name: 'Boards' }).click()
	await expect(alice.page.getByRole('link', { name: /Day 12 — what surprised us/ })).toBeVisible()
})

test('someone new is asked for their name once, and others see it', async ({
	browser,
	server,
	board,
	bob,
}) => {
	const context = await browser.newContext({ baseURL: server.origin })
	try {
		const page = await context.newPage()
		await page.goto(`/b/${board.id}`)
		const dialog = page.getByRole('dialog', { name: 'What should others call you?' })
		await expect(dialog).toBeVisible()
		await dialog.getByLabel('Your name').fill('Dana')
		await dialog.getByLabel('Your name').press('Enter')
		await expect(dialog).toBeHidden()
		await expect(page.getByRole('img', { name: 'Dana (you)' })).toBeVisible()

		await bob.openBoard(board.id)
		await expect(bob.page.getByRole('region', { name: 'People on this board' })).toContainText('Dana')

		await page.reload()
		await expect(page.locator('.cs-connection')).toContainText('Live')
		await expect(dialog).toBeHidden()
	} finally {
		await context.close()
	}
})

test('a board that does not exist says so', async ({ alice }) => {
	await alice.page.goto('/b/doesNotExist123')
	await expect(alice.page.getByRole('heading', { name: 'Board not found' })).toBeVisible()
})
