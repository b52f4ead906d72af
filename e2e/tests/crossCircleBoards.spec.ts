import type { ApiBoard, ApiCircle, ApiCreatedInvitation, ApiTribe } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

/** `person` joins `circle` through a one-use link made by `admin`, then gets `role`. */
async function join(admin: Person, person: Person, circle: ApiCircle, role: 'member' | 'facilitator') {
	const invitation = await admin.api<ApiCreatedInvitation>('POST', `/api/circles/${circle.id}/invitations`, {
		maxUses: 1,
	})
	await person.api('POST', `/api/invitations/${invitation.token}/accept`)
	if (role === 'facilitator') {
		await admin.api('PUT', `/api/circles/${circle.id}/members/${person.user?.id}`, { role: 'facilitator' })
	}
}

test('circles A and B share a board: both edit it, and when B withdraws its member loses it live', async ({
	alice,
	newPerson,
}) => {
	// Alice (the admin) convenes tribe North with circles A and B; Fay facilitates A, Mia is in A,
	// Ben facilitates B, Bea is in B.
	const tribe = await alice.api<ApiTribe>('POST', '/api/tribes', { name: 'North' })
	const circleA = await alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name: 'Circle A' })
	const circleB = await alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name: 'Circle B' })
	const [fay, mia, ben, bea] = await Promise.all(['Fay', 'Mia', 'Ben', 'Bea'].map((name) => newPerson(name)))
	if (!fay || !mia || !ben || !bea) throw new Error('people missing')
	await join(alice, fay, circleA, 'facilitator')
	await join(alice, mia, circleA, 'member')
	await join(alice, ben, circleB, 'facilitator')
	await join(alice, bea, circleB, 'member')
	const board = await fay.api<ApiBoard>('POST', `/api/circles/${circleA.id}/boards`, {
		title: 'Listening together',
	})

	await test.step('Fay offers the board to Circle B from A’s board list (on a tablet)', async () => {
		await fay.page.setViewportSize({ width: 768, height: 1024 })
		await fay.page.goto(`/c/${circleA.id}`)
		await fay.page.getByRole('button', { name: 'Share Listening together with another circle' }).click()
		const dialog = fay.page.getByRole('dialog', { name: 'Sharing “Listening together”' })
		await expect(dialog.getByText('Only Circle A so far.')).toBeVisible()
		const circle = dialog.getByLabel('Circle', { exact: true })
		// Her tribe's circles, by name, the board's own left out.
		await expect(circle.locator('option')).toHaveText(['Choose a circle…', 'Circle B'])
		await dialog.getByRole('button', { name: 'Share', exact: true }).click()
		await expect(dialog.getByText('Choose a circle to share this board with.')).toBeVisible()
		await circle.selectOption({ label: 'Circle B' })
		await picture(fay.page, 'cross-circle-share-dialog-tablet', { fullPage: false })
		await dialog.getByRole('button', { name: 'Share', exact: true }).click()
		const shared = dialog.getByRole('list', { name: 'Circles it is shared with' })
		await expect(shared).toContainText('Circle B')
		await expect(shared).toContainText('waiting for its facilitators')
		await picture(fay.page, 'cross-circle-share-dialog-offered-tablet', { fullPage: false })
		await dialog.getByRole('button', { name: 'Done' }).click()
	})

	await test.step('B’s member sees nothing of it; Ben accepts it from “Offers from other circles”', async () => {
		await bea.page.goto(`/c/${circleB.id}`)
		await expect(bea.page.getByText('No boards yet.')).toBeVisible()
		await expect(bea.page.getByRole('region', { name: /Offers from other circles/ })).toHaveCount(0)

		await ben.page.goto(`/c/${circleB.id}`)
		const offers = ben.page.getByRole('region', { name: /Offers from other circles/ })
		await expect(offers).toContainText('Listening together')
		await expect(offers).toContainText('from Circle A, by Fay')
		await picture(ben.page, 'cross-circle-offers-laptop', { fullPage: false })
		await offers.getByRole('button', { name: 'Accept Listening together' }).click()
		await expect(offers).toHaveCount(0)
		const boards = ben.page.getByRole('region', { name: 'Boards' })
		await expect(boards.getByRole('listitem').filter({ hasText: 'Listening together' })).toContainText(
			'Shared by Circle A',
		)
	})

	await test.step('each circle’s list marks it', async () => {
		await fay.page.reload()
		await expect(
			fay.page
				.getByRole('region', { name: 'Boards' })
				.getByRole('listitem')
				.filter({ hasText: 'Listening together' }),
		).toContainText('Shared with Circle B')
		await fay.page
			.getByRole('region', { name: 'Boards' })
			.getByRole('listitem')
			.first()
			.scrollIntoViewIfNeeded()
		await picture(fay.page, 'cross-circle-board-list-tablet', { fullPage: false })
		await bea.page.reload()
		await expect(
			bea.page
				.getByRole('region', { name: 'Boards' })
				.getByRole('listitem')
				.filter({ hasText: 'Listening together' }),
		).toContainText('Shared by Circle A')
	})

	await test.step('Mia (of A) and Bea (of B) both draw on it and see each other’s shape', async () => {
		await mia.openBoard(board.id)
		await bea.openBoard(board.id)
		const fromA = await mia.drawRectangle({ x: 300, y: 260 }, { x: 460, y: 380 })
		const fromB = await bea.drawRectangle({ x: 640, y: 300 }, { x: 800, y: 420 })
		const both = [fromA, fromB].sort()
		await expect.poll(() => bea.shapeIds()).toEqual(both)
		await expect.poll(() => mia.shapeIds()).toEqual(both)
	})

	await test.step('Ben withdraws Circle B: Bea’s open board says she no longer has access', async () => {
		await ben.page.goto(`/c/${circleB.id}`)
		await ben.page.getByRole('button', { name: 'Sharing of Listening together' }).click()
		const dialog = ben.page.getByRole('dialog', { name: 'Sharing “Listening together”' })
		await expect(dialog.getByRole('list', { name: 'Circles it is shared with' })).toContainText('Circle B')
		// B's facilitator withdraws his circle; sharing further is A's to decide.
		await expect(dialog.getByRole('button', { name: 'Share', exact: true })).toHaveCount(0)
		await picture(ben.page, 'cross-circle-withdraw-dialog-laptop', { fullPage: false })
		await dialog.getByRole('button', { name: 'Withdraw this circle: Circle B' }).click()
		await expect(dialog).toBeHidden()
		await expect(ben.page.getByText('No boards yet.')).toBeVisible()

		await expect(
			bea.page.getByRole('heading', { name: 'You no longer have access to this board' }),
		).toBeVisible()
		// Mia goes on editing.
		await mia.expectReady()
		const more = await mia.drawRectangle({ x: 300, y: 480 }, { x: 420, y: 560 })
		expect(await mia.shapeIds()).toContain(more)
	})
})
