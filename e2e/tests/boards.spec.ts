import { expect, test } from '../fixtures/test.ts'

test('a new board is created from the circle page and opens, and appears in the list', async ({
	alice,
	space,
}) => {
	await alice.page.goto(`/c/${space.circle.id}`)
	await expect(alice.page.getByText('No boards yet')).toBeVisible()

	await alice.page.getByLabel('New board title').fill('Day 12 — what surprised us')
	await alice.page.getByLabel('New board title').press('Enter')

	await expect(alice.page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
	await expect(alice.page.getByRole('heading', { level: 1 })).toHaveText('Day 12 — what surprised us')
	await alice.expectReady()

	await alice.page
		.getByRole('navigation', { name: 'Breadcrumb' })
		.getByRole('link', { name: space.circle.name })
		.click()
	await expect(alice.page.getByRole('link', { name: /Day 12 — what surprised us/ })).toBeVisible()
})

test('someone new chooses their name once, when they sign up, and others see it', async ({
	newVisitor,
	space,
	board,
	bob,
}) => {
	const dana = await newVisitor('Dana')
	await dana.signUpByInvitation(`/invite/${space.invitationToken}`)
	await dana.page.goto(`/b/${board.id}`)
	await expect(dana.page.getByRole('img', { name: 'Dana (you)' })).toBeVisible()

	await bob.openBoard(board.id)
	await expect(bob.page.getByRole('region', { name: 'People on this board' })).toContainText('Dana')

	// The name belongs to the account: a reload neither asks for it nor for signing in again.
	await dana.page.reload()
	await dana.expectReady()
	await expect(dana.page.getByRole('img', { name: 'Dana (you)' })).toBeVisible()
	await expect(dana.page.getByLabel('Your name')).toHaveCount(0)
})

test('a board that does not exist says so', async ({ alice }) => {
	await alice.page.goto('/b/doesNotExist123')
	await expect(alice.page.getByRole('heading', { name: 'Board not found' })).toBeVisible()
})
