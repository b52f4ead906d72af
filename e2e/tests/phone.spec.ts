import { expect, type Locator, type Page } from '@playwright/test'
import type { ApiCircle, ApiCreatedInvitation } from '../fixtures/api.ts'
import { test } from '../fixtures/test.ts'

// Phones (issue 9): at 390 px wide the board page fits the screen, and the title, "Start
// session", "History", "Export" and the session bar are all there to tap.

const PHONE = { width: 390, height: 844 }

/** Fails unless the element is shown and lies wholly inside the screen's width. */
async function expectOnScreen(locator: Locator): Promise<void> {
	await expect(locator).toBeVisible()
	const box = await locator.boundingBox()
	if (!box) throw new Error('no box: the element is not rendered')
	expect(box.x, 'left edge').toBeGreaterThanOrEqual(0)
	expect(box.x + box.width, 'right edge').toBeLessThanOrEqual(PHONE.width + 0.5)
}

/** Fails when anything makes the page wider than the screen (it would scroll sideways). */
async function expectNoSidewaysScroll(page: Page): Promise<void> {
	const widths = await page.evaluate(() => ({
		document: document.documentElement.scrollWidth,
		body: document.body.scrollWidth,
	}))
	expect(widths).toEqual({ document: PHONE.width, body: PHONE.width })
}

test('on a phone, a facilitator, a participant and a reader of another circle reach every control of the board page', async ({
	alice,
	bob,
	board,
	space,
	newVisitor,
}) => {
	for (const person of [alice, bob]) await person.page.setViewportSize(PHONE)
	await alice.openBoard(board.id)
	const top = alice.page.getByRole('banner')
	await expectOnScreen(alice.page.getByRole('heading', { level: 1, name: board.title }))
	await expectOnScreen(top.getByRole('link', { name: /Circle 7/ }))
	for (const name of ['Export', 'Start session', 'History']) {
		await expectOnScreen(top.getByRole('button', { name, exact: true }))
	}
	// "Live" is a green dot on a phone; it is still said, in words, to screen readers.
	await expect(alice.connectionStatus).toContainText('Live')
	await expectNoSidewaysScroll(alice.page)

	// The Export menu opens inside the screen, and so does the history.
	await top.getByRole('button', { name: 'Export' }).click()
	await expectOnScreen(alice.page.getByRole('button', { name: 'PNG image' }))
	await expectOnScreen(alice.page.getByRole('button', { name: 'Import .tldr onto this board…' }))
	await alice.page.keyboard.press('Escape')
	await top.getByRole('button', { name: 'History' }).click()
	const history = alice.page.getByRole('complementary', { name: 'History' })
	await expectOnScreen(history.getByRole('button', { name: 'Save snapshot' }))
	await history.getByRole('button', { name: 'Close' }).click()

	// A session started from the phone: the dialog fits, and so does the whole session bar.
	await top.getByRole('button', { name: 'Start session' }).click()
	const dialog = alice.page.getByRole('dialog', { name: 'Start a live session' })
	await dialog.getByLabel('Title').fill('Day 12 check-in')
	await dialog.getByLabel('Agenda (optional)').fill('Arrive\nHarvest\nClose')
	await dialog.getByLabel('Time box in minutes (optional)').fill('15')
	await expectOnScreen(dialog.getByRole('button', { name: 'Start session' }))
	await dialog.getByRole('button', { name: 'Start session' }).click()
	await expect(dialog).toBeHidden()
	const bar = alice.page.getByRole('region', { name: 'Live session' })
	await expectOnScreen(bar.getByText('Day 12 check-in'))
	for (const name of [
		'Previous agenda item',
		'Next agenda item',
		'Pause',
		'Add 5 minutes',
		'Bring everyone here',
		'Follow me',
		'End session',
	]) {
		await expectOnScreen(bar.getByRole('button', { name, exact: true }))
	}
	await expectOnScreen(bar.getByRole('timer'))
	await bar.getByText('1/3').click()
	await expectOnScreen(bar.getByRole('listitem').filter({ hasText: 'Harvest' }))
	// The card closes as a menu does (it would cover the bar's other controls on a phone).
	await alice.page.keyboard.press('Escape')
	await expect(bar.getByRole('listitem').filter({ hasText: 'Harvest' })).toBeHidden()
	await bar.getByText(/took part/).click()
	await expectOnScreen(bar.getByRole('heading', { name: 'Here now' }))
	await expectNoSidewaysScroll(alice.page)
	// A press elsewhere closes it too.
	await alice.page.getByRole('heading', { level: 1 }).click()
	await expect(bar.getByRole('heading', { name: 'Here now' })).toBeHidden()

	// A participant following the facilitator can stop, on the phone too.
	await bob.openBoard(board.id)
	await bar.getByRole('button', { name: 'Follow me' }).click()
	const bobsBar = bob.page.getByRole('region', { name: 'Live session' })
	await expect(bobsBar.getByRole('status')).toHaveText('Following Alice')
	await expectOnScreen(bobsBar.getByRole('button', { name: 'Stop following' }))
	for (const name of ['Export', 'History']) {
		await expectOnScreen(bob.page.getByRole('banner').getByRole('button', { name, exact: true }))
	}
	await expectNoSidewaysScroll(bob.page)

	// Someone of another circle reads the board (tribe visibility): "View only" shows too.
	await alice.api('PATCH', `/api/boards/${board.id}`, { visibility: 'tribe' })
	const other = await alice.api<ApiCircle>('POST', `/api/tribes/${space.tribe.id}/circles`, {
		name: 'Circle 8',
	})
	const invitation = await alice.api<ApiCreatedInvitation>('POST', `/api/circles/${other.id}/invitations`, {})
	const carol = await newVisitor('Carol')
	await carol.signUp()
	await carol.api('POST', `/api/invitations/${invitation.token}/accept`)
	await carol.page.setViewportSize(PHONE)
	await carol.openBoard(board.id)
	const carolsTop = carol.page.getByRole('banner')
	await expectOnScreen(carolsTop.getByRole('button', { name: /^View only/ }))
	for (const name of ['Export', 'History']) {
		await expectOnScreen(carolsTop.getByRole('button', { name, exact: true }))
	}
	await expectOnScreen(carol.page.getByRole('region', { name: 'Live session' }).getByRole('timer'))
	await expectNoSidewaysScroll(carol.page)
})
