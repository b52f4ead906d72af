import type { Page } from '@playwright/test'
import type { ApiUser } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { readBoardDocument } from '../fixtures/readBoardDocument.ts'
import { expect, test } from '../fixtures/test.ts'

// The acceptance flow of people and spaces (issue 3), driven through the web app as people
// use it: only the final checks of what the server holds go through the API.

/** The "Main" navigation of the app's pages (not the board's). */
function mainNav(page: Page) {
	return page.getByRole('navigation', { name: 'Main' })
}

/**
 * On a circle's page, creates an invitation link, copies it with the page's button, and
 * returns what the clipboard then holds.
 */
async function copyNewInvitationLink(facilitator: Person): Promise<string> {
	const page = facilitator.page
	await facilitator.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: facilitator.origin,
	})
	const links = page.getByRole('region', { name: 'Invitation links' })
	await links.getByRole('button', { name: 'Create invitation link' }).click()
	await links.getByRole('button', { name: 'Copy link' }).click()
	await expect(links.getByRole('button', { name: 'Copied' })).toBeVisible()
	const copied = await page.evaluate(() => navigator.clipboard.readText())
	expect(copied).toMatch(new RegExp(`^${facilitator.origin}/invite/[a-z2-7]{32}$`))
	await expect(links.getByLabel('Invitation link')).toHaveValue(copied)
	await links.getByRole('button', { name: 'Done' }).click()
	return copied
}

/** On a circle's page, creates a board with a title and who may open it; the board opens. */
async function createBoard(facilitator: Person, title: string, whoCanOpen: string): Promise<string> {
	const page = facilitator.page
	const boards = page.getByRole('region', { name: 'Boards' })
	await boards.getByLabel('New board title').fill(title)
	await boards.getByLabel('Who can open it').selectOption({ label: whoCanOpen })
	await boards.getByRole('button', { name: 'Create board' }).click()
	await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title)
	await facilitator.expectReady()
	return new URL(page.url()).pathname.slice('/b/'.length)
}

/** Goes from a board back to its circle's page through the board's breadcrumb. */
async function backToCircle(person: Person, circleName: string): Promise<void> {
	await person.page
		.getByRole('navigation', { name: 'Breadcrumb' })
		.getByRole('link', { name: circleName })
		.click()
	await expect(person.page.getByRole('heading', { level: 1, name: circleName })).toBeVisible()
}

/** Where a person's pointer is on the board, in page coordinates, as their own editor puts it. */
async function pagePointUnder(
	person: Person,
	at: { x: number; y: number },
): Promise<{ x: number; y: number }> {
	return person.page.evaluate((point) => {
		const editor = window.__circlespaceEditor
		if (!editor) throw new Error('no editor')
		const { x, y } = editor.screenToPage(point)
		return { x: Math.round(x), y: Math.round(y) }
	}, at)
}

/** Where `observer` sees the cursor of the person named `name`, rounded, or null. */
async function cursorOf(observer: Person, name: string): Promise<{ x: number; y: number } | null> {
	return observer.page.evaluate((userName) => {
		const cursor = window.__circlespaceEditor?.getCollaborators().find((c) => c.userName === userName)?.cursor
		return cursor ? { x: Math.round(cursor.x), y: Math.round(cursor.y) } : null
	}, name)
}

test('a fresh instance: the admin sets up a tribe and circles, invites people, who edit together, read across circles, and lose access when removed', async ({
	newVisitor,
}) => {
	test.slow()
	const alice = await newVisitor('Alice')
	const bob = await newVisitor('Bob')
	const carol = await newVisitor('Carol')

	await test.step('the first person to sign up becomes the admin', async () => {
		await alice.page.goto('/')
		await expect(alice.page).toHaveURL(/\/signin/)
		await alice.page.getByRole('link', { name: 'Create the first account' }).click()
		await expect(alice.page.getByText('This is the first account on this instance')).toBeVisible()
		await alice.fillSignUpForm()
		expect(alice.user?.role).toBe('admin')
		await expect(mainNav(alice.page).getByRole('link', { name: 'Admin' })).toBeVisible()
	})

	await test.step('guided by "Create your first tribe", she creates a tribe and a circle', async () => {
		const firstTribe = alice.page.getByRole('region', { name: 'Create your first tribe' })
		await expect(firstTribe).toBeVisible()
		await firstTribe.getByLabel('Name').fill('Parallel journeys')
		await firstTribe.getByRole('button', { name: 'Create tribe' }).click()
		await expect(alice.page.getByRole('heading', { level: 1, name: 'Parallel journeys' })).toBeVisible()

		await alice.page.getByRole('button', { name: 'New circle' }).click()
		const dialog = alice.page.getByRole('dialog', { name: 'New circle' })
		await dialog.getByLabel('Name').fill('Circle 7')
		await dialog.getByRole('button', { name: 'Create circle' }).click()
		await expect(alice.page.getByRole('heading', { level: 1, name: 'Circle 7' })).toBeVisible()
		await expect(alice.page.getByRole('region', { name: /Members/ })).toContainText('Facilitator')
	})

	const bobsLink = await test.step('she creates an invitation link and copies it', () =>
		copyNewInvitationLink(alice))

	await test.step('Bob opens the link, signs up and joins the circle', async () => {
		await bob.signUpByInvitation(bobsLink)
		await expect(bob.page.getByRole('heading', { level: 1, name: 'Circle 7' })).toBeVisible()
		expect(bob.user?.role).toBe('member')
		await expect(mainNav(bob.page).getByRole('link', { name: 'Admin' })).toHaveCount(0)
		await alice.page.reload()
		await expect(alice.page.getByRole('region', { name: /Members/ })).toContainText('Bob')
	})

	const circleBoard = 'Day 1 — check-in'
	const circleBoardId =
		await test.step('Alice and Bob open a board of the circle and edit it live', async () => {
			const boardId = await createBoard(alice, circleBoard, 'Circle only')
			await bob.page.goto('/')
			await bob.page
				.getByRole('region', { name: 'Recent boards' })
				.getByRole('link', { name: circleBoard })
				.click()
			await expect(bob.page).toHaveURL(new RegExp(`/b/${boardId}$`))
			await bob.expectReady()

			const alicesShape = await alice.drawRectangle({ x: 300, y: 250 }, { x: 460, y: 380 })
			await expect.poll(() => bob.shapeIds()).toEqual([alicesShape])
			const bobsShape = await bob.drawRectangle({ x: 600, y: 250 }, { x: 740, y: 360 })
			await expect.poll(() => alice.shapeIds()).toEqual([alicesShape, bobsShape].sort())
			expect(await bob.shapes()).toEqual(await alice.shapes())
			return boardId
		})

	await test.step('Carol joins another circle of the tribe', async () => {
		await alice.page
			.getByRole('navigation', { name: 'Breadcrumb' })
			.getByRole('link', { name: 'Parallel journeys' })
			.click()
		await alice.page.getByRole('button', { name: 'New circle' }).click()
		const dialog = alice.page.getByRole('dialog', { name: 'New circle' })
		await dialog.getByLabel('Name').fill('Circle 8')
		await dialog.getByRole('button', { name: 'Create circle' }).click()
		await expect(alice.page.getByRole('heading', { level: 1, name: 'Circle 8' })).toBeVisible()
		const carolsLink = await copyNewInvitationLink(alice)
		await carol.signUpByInvitation(carolsLink)
		await expect(carol.page.getByRole('heading', { level: 1, name: 'Circle 8' })).toBeVisible()
	})

	const tribeBoard = 'Tribe gathering: what we learnt'
	const tribeBoardId = await test.step('Alice shares a board of Circle 7 with the tribe', async () => {
		await mainNav(alice.page).getByRole('link', { name: 'Home' }).click()
		await alice.page
			.getByRole('region', { name: 'Your circles' })
			.getByRole('link', { name: 'Circle 7' })
			.click()
		await expect(alice.page.getByRole('heading', { level: 1, name: 'Circle 7' })).toBeVisible()
		const id = await createBoard(alice, tribeBoard, 'Shared with the tribe')
		await alice.drawRectangle({ x: 320, y: 260 }, { x: 480, y: 400 })
		await alice.page.keyboard.press('Escape')
		return id
	})

	await test.step('Carol, from the other circle, can only look at it', async () => {
		await mainNav(carol.page).getByRole('link', { name: 'Home' }).click()
		await carol.page
			.getByRole('region', { name: 'Your tribes' })
			.getByRole('link', { name: /Parallel journeys/ })
			.click()
		await carol.page.getByRole('link', { name: 'Circle 7' }).click()
		const boards = carol.page.getByRole('region', { name: 'Boards' })
		await expect(boards.getByRole('link', { name: circleBoard })).toHaveCount(0)
		await boards.getByRole('link', { name: tribeBoard }).click()
		await expect(carol.page).toHaveURL(new RegExp(`/b/${tribeBoardId}$`))
		await carol.expectReady()
		await expect(carol.page.getByRole('banner').getByText(/^View only/)).toBeVisible()
		await expect
			.poll(() => carol.page.evaluate(() => window.__circlespaceEditor?.getInstanceState().isReadonly))
			.toBe(true)

		const stored = await readBoardDocument(alice, tribeBoardId)
		const shown = await alice.shapes()
		await expect.poll(() => carol.shapes()).toEqual(shown)

		// She tries what an editor would do: select all and delete, draw with the keyboard
		// shortcut, drag the shape, undo.
		const shape = await carol.screenCentreOf(shown[0]?.id ?? '')
		await carol.page.mouse.click(shape.x, shape.y)
		await carol.page.keyboard.press('ControlOrMeta+a')
		await carol.page.keyboard.press('Delete')
		await carol.page.keyboard.press('Backspace')
		await carol.page.keyboard.press('r')
		await carol.dragOnCanvas({ x: 700, y: 300 }, { x: 850, y: 420 })
		await carol.dragOnCanvas(shape, { x: shape.x + 200, y: shape.y + 120 })
		await carol.page.keyboard.press('ControlOrMeta+z')
		expect(await carol.shapes()).toEqual(shown)

		// Her cursor still reaches Alice: once Alice sees it where Carol left it, everything Carol
		// sent before it (on the same connection) has been handled by the server.
		const last = { x: 980, y: 620 }
		await carol.page.mouse.move(last.x, last.y, { steps: 4 })
		const lastOnPage = await pagePointUnder(carol, last)
		await expect.poll(() => cursorOf(alice, 'Carol')).toEqual(lastOnPage)

		expect(await alice.shapes()).toEqual(shown)
		expect(await readBoardDocument(alice, tribeBoardId)).toEqual(stored)
	})

	await test.step('Alice removes Bob from the circle; his open board closes and says why', async () => {
		await backToCircle(alice, 'Circle 7')
		const members = alice.page.getByRole('region', { name: /Members/ })
		await members.getByRole('button', { name: 'Remove Bob from the circle' }).click()
		const confirm = alice.page.getByRole('dialog', { name: 'Remove Bob?' })
		await confirm.getByRole('button', { name: 'Remove from circle' }).click()
		await expect(members).not.toContainText('Bob')

		await expect(
			bob.page.getByRole('heading', { name: 'You no longer have access to this board' }),
		).toBeVisible({
			timeout: 5_000,
		})
		await expect(bob.page.getByRole('main')).toContainText('removed')
		// He is still signed in, but the board is now hidden from him like one that does not exist.
		expect((await bob.api<ApiUser>('GET', '/api/auth/me')).displayName).toBe('Bob')
		expect((await bob.apiResponse('GET', `/api/boards/${circleBoardId}`)).status()).toBe(404)
	})
})
