import type { JSHandle, Page, TestInfo } from '@playwright/test'
import type { ApiBoard } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { expect, test } from '../fixtures/test.ts'

// Guests (docs/API.md, "Guests"): a facilitator invites someone without an account to one board;
// the guest gives a name, works on that board live and reaches nothing else of the instance; the
// link's end (revoked here) closes their live connection with 4410 and their page says so. A
// guest's browser keeps no copy of the board, and a guest adds no images (the server takes none).

/**
 * On the board page, opens "Invite a guest…", makes a link with the choices given (a set time, by
 * default), copies it with the dialog's button and returns what the clipboard then holds. The
 * dialog stays open.
 */
async function inviteGuest(
	facilitator: Person,
	options: { mode: 'Edit' | 'View'; until?: 'session' | 'time' },
): Promise<string> {
	const page = facilitator.page
	await facilitator.context.grantPermissions(['clipboard-read', 'clipboard-write'], {
		origin: facilitator.origin,
	})
	await page.getByRole('button', { name: 'Invite a guest…' }).click()
	const dialog = page.getByRole('dialog', { name: 'Invite a guest' })
	await dialog.getByRole('radio', { name: new RegExp(`^${options.mode}`) }).check()
	if (options.until === 'session') {
		await dialog.getByRole('radio', { name: /^End of the live session/ }).check()
	} else {
		await dialog.getByRole('radio', { name: /^A set time/ }).check()
		await expect(dialog.getByLabel('Ends at')).not.toHaveValue('')
	}
	await dialog.getByRole('button', { name: 'Create guest link' }).click()
	await dialog.getByRole('button', { name: 'Copy' }).click()
	await expect(dialog.getByRole('button', { name: 'Copied' })).toBeVisible()
	const copied = await page.evaluate(() => navigator.clipboard.readText())
	expect(copied).toMatch(new RegExp(`^${facilitator.origin}/guest/[a-z2-7]{32}$`))
	await expect(dialog.getByRole('textbox', { name: 'Guest link' })).toHaveValue(copied)
	return copied
}

/** Opens a guest link in the guest's browser, gives a name and waits for the board to be live. */
async function joinAsGuest(guest: Person, link: string): Promise<void> {
	await guest.page.goto(link)
	await guest.page.getByLabel('Your name').fill(guest.name)
	await guest.page.getByRole('button', { name: 'Open the board' }).click()
	await guest.expectReady()
}

/** The close code of a live connection the page opens to `/sync/<boardId>`. */
function closeCodeOfSync(page: Page, boardId: string): Promise<number> {
	return page.evaluate(
		(id) =>
			new Promise<number>((resolve) => {
				const socket = new WebSocket(`${location.origin.replace(/^http/, 'ws')}/sync/${id}`)
				socket.binaryType = 'arraybuffer'
				socket.onclose = (event) => resolve(event.code)
			}),
		boardId,
	)
}

/** Where the page's links lead within this instance (tldraw's own links lead elsewhere). */
function linksIntoTheInstance(page: Page): Promise<string[]> {
	return page.evaluate(() =>
		Array.from(document.querySelectorAll('a[href]'), (a) => new URL((a as HTMLAnchorElement).href))
			.filter((url) => url.origin === location.origin)
			.map((url) => url.pathname),
	)
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
	const path = testInfo.outputPath(name)
	await page.screenshot({ path })
	await testInfo.attach(name, { path, contentType: 'image/png' })
}

test('a guest with an edit link gives a name, adds a note the facilitator sees live, reaches nothing else, and sees the link end when it is revoked', async ({
	alice,
	space,
	board,
	newVisitor,
}, testInfo) => {
	const other = await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Another board of the circle',
	})
	await alice.openBoard(board.id)
	const link = await inviteGuest(alice, { mode: 'Edit' })
	await screenshot(alice.page, testInfo, 'guest-dialog.png')

	// No account: a browser of its own that never signed up.
	const gwen = await newVisitor('Gwen')
	await gwen.page.goto(link)
	await expect(gwen.page.getByRole('heading', { level: 1 })).toHaveText(board.title)
	await expect(gwen.page.getByText('You can add notes and drawings to this board')).toBeVisible()
	// Nothing on the way in leads into the instance.
	expect(await linksIntoTheInstance(gwen.page)).toEqual([])
	await screenshot(gwen.page, testInfo, 'guest-landing.png')
	await gwen.page.getByLabel('Your name').fill('Gwen')
	await gwen.page.getByRole('button', { name: 'Open the board' }).click()
	await gwen.expectReady()
	await expect(gwen.page.getByRole('heading', { level: 1 })).toHaveText(board.title)
	await expect(gwen.page.getByText('Guest', { exact: true })).toBeVisible()
	// The guest's board page has no way to the tribe, the circle, search or anywhere else.
	await expect(gwen.page.locator('.cs-topbar').getByRole('link')).toHaveCount(0)
	await expect(gwen.page.getByRole('navigation', { name: 'Breadcrumb' })).toHaveCount(0)
	await expect(gwen.page.getByRole('searchbox')).toHaveCount(0)
	expect(await linksIntoTheInstance(gwen.page)).toEqual([])

	await gwen.page.getByTestId('tools.note').click()
	await gwen.page.mouse.click(500, 350)
	await gwen.page.keyboard.type('A view from outside')
	await gwen.page.keyboard.press('Escape')
	await expect
		.poll(async () => (await alice.shapes()).filter((shape) => shape.type === 'note').length)
		.toBe(1)
	await expect(alice.page.locator('.tl-canvas').getByText('A view from outside')).toBeVisible()
	await expect(alice.page.getByRole('region', { name: 'People on this board' })).toContainText('Gwen (guest)')
	await screenshot(gwen.page, testInfo, 'guest-board.png')

	// Everything else answers as if it did not exist: other boards, even this board's API, the rest.
	for (const path of [
		`/api/boards/${other.id}`,
		`/api/boards/${board.id}`,
		`/api/boards/${board.id}/guest-links`,
		`/api/circles/${space.circle.id}`,
		`/api/tribes/${space.tribe.id}`,
		'/api/home',
		'/api/search?q=view',
	]) {
		const response = await gwen.page.request.get(path)
		expect(response.status(), path).toBe(404)
	}
	const post = await gwen.page.request.post(`/api/circles/${space.circle.id}/boards`, {
		headers: { origin: gwen.origin },
		data: { title: 'Made by a guest' },
	})
	expect(post.status()).toBe(404)
	expect(await closeCodeOfSync(gwen.page, other.id)).toBe(4404)
	// The board of the circle's page does not open either: a guest is not signed in.
	const otherPage = await gwen.context.newPage()
	await otherPage.goto(`/b/${other.id}`)
	await expect(otherPage.getByRole('heading', { level: 1 })).not.toHaveText('Another board of the circle')
	expect(await otherPage.evaluate(() => Boolean(window.__circlespaceEditor))).toBe(false)
	await otherPage.close()

	// The facilitator revokes the link: the guest's open page ends at once.
	const dialog = alice.page.getByRole('dialog', { name: 'Invite a guest' })
	await dialog.getByRole('button', { name: 'Make another link' }).click()
	const row = dialog.getByRole('listitem').filter({ hasText: 'Can edit' })
	await expect(row).toHaveCount(1)
	await row.getByRole('button', { name: 'Revoke' }).click()
	await expect(dialog.getByText('No guest link works on this board right now.')).toBeVisible()
	await expect(gwen.page.getByRole('heading', { name: 'This guest link has ended' })).toBeVisible()
	await expect(gwen.page.getByText('A facilitator withdrew it')).toBeVisible()
	await expect(gwen.page.locator('.tl-canvas')).toHaveCount(0)
	await screenshot(gwen.page, testInfo, 'guest-ended.png')
	// What the guest added stays on the board; the link does not open it again.
	await expect(alice.page.locator('.tl-canvas').getByText('A view from outside')).toBeVisible()
	await gwen.page.reload()
	await expect(gwen.page.getByText('This guest link was withdrawn by a facilitator.')).toBeVisible()
	await expect(gwen.page.getByLabel('Your name')).toHaveCount(0)
	expect((await gwen.page.request.get('/api/guest/me')).status()).toBe(401)
})

test('a guest with a view link watches the board live and cannot change it', async ({
	alice,
	board,
	newVisitor,
}) => {
	await alice.openBoard(board.id)
	const link = await inviteGuest(alice, { mode: 'View' })
	await alice.page
		.getByRole('dialog', { name: 'Invite a guest' })
		.getByRole('button', { name: 'Close' })
		.click()

	const vera = await newVisitor('Vera')
	await vera.page.goto(link)
	await expect(vera.page.getByText('You can watch this board live; you cannot change it.')).toBeVisible()
	await vera.page.getByLabel('Your name').fill('Vera')
	await vera.page.getByRole('button', { name: 'Open the board' }).click()
	await vera.expectReady()
	await expect(vera.page.locator('.cs-topbar').getByText('View only')).toBeVisible()
	expect(await vera.page.evaluate(() => window.__circlespaceEditor?.getInstanceState().isReadonly)).toBe(true)
	await expect(vera.page.getByTestId('tools.note')).toHaveCount(0)

	// She tries anyway: the rectangle shortcut and a drag, and a shape made through the editor.
	await vera.canvas.click({ position: { x: 400, y: 300 } })
	await vera.page.keyboard.press('r')
	await vera.dragOnCanvas({ x: 300, y: 250 }, { x: 460, y: 380 })
	await vera.page.evaluate(() => {
		// The part of tldraw's Editor this reaches for (the e2e package does not depend on tldraw).
		const editor = window.__circlespaceEditor as unknown as { createShape(shape: object): void } | undefined
		try {
			editor?.createShape({ type: 'geo', x: 50, y: 50 })
		} catch {
			// Refused in the page already: the server's refusal is what the test is about.
		}
	})

	// What the facilitator draws next reaches her; nothing of hers ever reached the board.
	const id = await alice.drawRectangle({ x: 600, y: 300 }, { x: 720, y: 400 })
	await expect.poll(() => alice.shapeIds()).toEqual([id])
	await expect.poll(() => vera.shapeIds()).toEqual([id])
	await alice.page.reload()
	await alice.expectReady()
	await expect.poll(() => alice.shapeIds()).toEqual([id])
})

test('a guest link for the live session ends with it', async ({ alice, board, newVisitor }) => {
	await alice.api('POST', `/api/boards/${board.id}/session`, { title: 'Check-in' })
	await alice.openBoard(board.id)
	const link = await inviteGuest(alice, { mode: 'Edit', until: 'session' })
	await expect(alice.page.getByRole('dialog', { name: 'Invite a guest' })).toContainText(
		'Works until the live session ends',
	)

	const sam = await newVisitor('Sam')
	await sam.page.goto(link)
	await expect(sam.page.getByText('For the live session “Check-in”, until it ends.')).toBeVisible()
	await joinAsGuest(sam, link)

	await alice.api('POST', `/api/boards/${board.id}/session/end`)
	await expect(sam.page.getByRole('heading', { name: 'This guest link has ended' })).toBeVisible()
	await expect(sam.page.getByText('The live session it was for has ended')).toBeVisible()
})

test('the invite dialog is reached and used with the keyboard, and only by those who manage the board', async ({
	alice,
	bob,
	board,
}, testInfo) => {
	await alice.openBoard(board.id)
	const invite = alice.page.getByRole('button', { name: 'Invite a guest…' })
	await invite.focus()
	await alice.page.keyboard.press('Enter')
	const dialog = alice.page.getByRole('dialog', { name: 'Invite a guest' })
	await expect(dialog).toBeVisible()
	// Focus starts inside the dialog, on the first choice, and Escape gives it back to the button.
	await expect(dialog.getByRole('radio', { name: /^Edit/ })).toBeFocused()
	await expect(dialog.getByText('No live session is running on this board.')).toBeVisible()
	await expect(dialog.getByRole('radio', { name: /^End of the live session/ })).toBeDisabled()
	await screenshot(alice.page, testInfo, 'guest-dialog-form.png')
	await alice.page.keyboard.press('Escape')
	await expect(dialog).toHaveCount(0)
	await expect(invite).toBeFocused()

	// Bob is a member, not a facilitator: no such button, and the API refuses him.
	await bob.openBoard(board.id)
	await expect(bob.page.getByRole('button', { name: 'Invite a guest…' })).toHaveCount(0)
	const refused = await bob.apiResponse('POST', `/api/boards/${board.id}/guest-links`, {
		mode: 'edit',
		until: { kind: 'time', at: new Date(Date.now() + 60 * 60 * 1000).toISOString() },
	})
	expect(refused.status()).toBe(403)
})

/** The names of the IndexedDB databases of the page's origin in this browser. */
function databasesOf(page: Page): Promise<string[]> {
	return page.evaluate(async () => (await indexedDB.databases()).map((database) => database.name ?? ''))
}

/** Makes a small PNG in the page, as a picture copied from elsewhere would be. */
function pngIn(page: Page): Promise<JSHandle<Blob>> {
	return page.evaluateHandle(async () => {
		const canvas = document.createElement('canvas')
		canvas.width = 120
		canvas.height = 80
		const context = canvas.getContext('2d')
		if (!context) throw new Error('no 2d context')
		context.fillStyle = '#9c36b5'
		context.fillRect(0, 0, 120, 80)
		return new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('toBlob failed'))), 'image/png'),
		)
	})
}

test("a guest's browser keeps nothing of the board, and a guest is offered no image upload but told calmly when they paste or drop one", async ({
	alice,
	board,
	newVisitor,
}, testInfo) => {
	await alice.openBoard(board.id)
	// What a member's browser does, and a guest's must not: keep the board, offer image upload.
	await expect.poll(() => databasesOf(alice.page)).toEqual([`circlespace-board-${board.id}`])
	await expect(alice.page.getByTestId('tools.asset')).toBeVisible()
	const link = await inviteGuest(alice, { mode: 'Edit' })
	await alice.page
		.getByRole('dialog', { name: 'Invite a guest' })
		.getByRole('button', { name: 'Close' })
		.click()

	const gwen = await newVisitor('Gwen')
	const uploads: string[] = []
	gwen.page.on('request', (request) => {
		if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/api/assets')) {
			uploads.push(request.url())
		}
	})
	const fileChoosers: unknown[] = []
	gwen.page.on('filechooser', (chooser) => fileChoosers.push(chooser))
	await joinAsGuest(gwen, link)

	await gwen.page.getByTestId('tools.note').click()
	await gwen.page.mouse.click(500, 350)
	await gwen.page.keyboard.type('Nothing of me stays')
	await gwen.page.keyboard.press('Escape')
	await expect(alice.page.locator('.tl-canvas').getByText('Nothing of me stays')).toBeVisible()
	expect(await databasesOf(gwen.page)).toEqual([])

	// No image tool in the toolbar or its overflow, no "Upload media…" in the menu, no shortcut.
	await expect(gwen.page.getByTestId('tools.note')).toBeVisible()
	await expect(gwen.page.getByTestId('tools.asset')).toHaveCount(0)
	await gwen.page.getByTestId('tools.more-button').click()
	await expect(gwen.page.getByTestId('tools.more-content')).toBeVisible()
	await expect(gwen.page.getByTestId('tools.more.asset')).toHaveCount(0)
	await gwen.page.keyboard.press('Escape')
	await gwen.page.getByTestId('main-menu.button').click()
	await expect(gwen.page.getByTestId('main-menu.insert-embed')).toBeVisible()
	await expect(gwen.page.getByTestId('main-menu.insert-media')).toHaveCount(0)
	await expect(gwen.page.getByRole('menuitem', { name: /Upload media/ })).toHaveCount(0)
	await gwen.page.keyboard.press('Escape')
	await gwen.canvas.click({ position: { x: 200, y: 600 } })
	await gwen.page.keyboard.press('ControlOrMeta+u')

	// She pastes a picture anyway: a calm word, no image, nothing sent.
	const refused = gwen.page
		.getByRole('status')
		.filter({ hasText: 'Guests cannot add images or files to this board.' })
	await gwen.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: gwen.origin })
	const png = await pngIn(gwen.page)
	await gwen.page.evaluate(
		(blob) => navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]),
		png,
	)
	await gwen.canvas.click({ position: { x: 600, y: 500 } })
	await gwen.page.keyboard.press('ControlOrMeta+v')
	await expect(refused).toBeVisible()
	await screenshot(gwen.page, testInfo, 'guest-upload-refused.png')
	await refused.getByRole('button', { name: 'OK' }).click()
	await expect(refused).toHaveCount(0)

	// And drops one from the desktop: the same.
	const transfer = await gwen.page.evaluateHandle((blob) => {
		const data = new DataTransfer()
		data.items.add(new File([blob], 'picture.png', { type: 'image/png' }))
		return data
	}, png)
	await gwen.canvas.dispatchEvent('drop', { dataTransfer: transfer, clientX: 700, clientY: 400 })
	await expect(refused).toBeVisible()

	expect((await gwen.shapes()).map((shape) => shape.type)).toEqual(['note'])
	expect((await alice.shapes()).map((shape) => shape.type)).toEqual(['note'])
	expect(uploads).toEqual([])
	expect(fileChoosers).toEqual([])

	// Leaving leaves nothing behind either.
	await gwen.page.getByRole('button', { name: 'Leave' }).click()
	await expect(gwen.page.getByRole('heading', { name: 'You left the board' })).toBeVisible()
	expect(await databasesOf(gwen.page)).toEqual([])
})
