import { expect, test } from '../fixtures/test.ts'

// One "Stop following" (issue 9): while a participant follows the facilitator, the session bar
// is the one place that says so and lets them stop; tldraw's own helper button is not shown.

test('a participant following the facilitator has exactly one “Stop following”, which works from the keyboard', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	await alice.api('POST', `/api/boards/${board.id}/session`, { title: 'Day 5 harvest' })
	await bob.openBoard(board.id)
	const bar = bob.page.getByRole('region', { name: 'Live session' })
	await expect(bar).toContainText('Day 5 harvest')

	await alice.api('PATCH', `/api/boards/${board.id}/session`, { followMe: true })
	await expect(bar.getByRole('status')).toHaveText('Following Alice')
	await expect
		.poll(() => bob.page.evaluate(() => window.__circlespaceEditor?.getInstanceState().followingUserId))
		.toBe(`user:${alice.user?.id}`)

	// Anywhere on the page, not just in the bar: one control, and it is the session bar's.
	const stop = bob.page.getByRole('button', { name: 'Stop following' })
	await expect(stop).toHaveCount(1)
	await expect(bar.getByRole('button', { name: 'Stop following' })).toBeVisible()
	await expect(bob.page.getByText('Stop following', { exact: true })).toHaveCount(1)

	await stop.focus()
	await bob.page.keyboard.press('Enter')
	await expect
		.poll(() => bob.page.evaluate(() => window.__circlespaceEditor?.getInstanceState().followingUserId))
		.toBeNull()
	await expect(bob.page.getByRole('button', { name: 'Stop following' })).toHaveCount(0)
	const again = bar.getByRole('button', { name: 'Follow Alice' })
	await expect(again).toBeVisible()
	await again.click()
	await expect(bar.getByRole('status')).toHaveText('Following Alice')
	await expect(bob.page.getByRole('button', { name: 'Stop following' })).toHaveCount(1)
})
