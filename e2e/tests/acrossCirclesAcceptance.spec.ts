import type { ApiBoard, ApiCircle, ApiCreatedInvitation, ApiTribe } from '../fixtures/api.ts'
import { pasteOnCanvas } from '../fixtures/clipboard.ts'
import type { Person } from '../fixtures/Person.ts'
import { expect, test } from '../fixtures/test.ts'

// Issue 11's acceptance, in one story: a member of circle B browses the tribe gallery and sees
// circle A's tribe-visible board with its thumbnail and a presence count that follows people;
// searches a word written on it and lands on that note; circles A and B share a board and both
// edit it; a link card on that board opens the other one, which lists it under "Linked from";
// when circle B withdraws, B's member loses the shared board live.

const WORD = 'Kingfisherlantern'
const NOTE_ID = 'shape:kingfisherNote'

async function join(admin: Person, person: Person, circle: ApiCircle, role: 'facilitator' | 'member') {
	const invitation = await admin.api<ApiCreatedInvitation>(
		'POST',
		`/api/circles/${circle.id}/invitations`,
		{},
	)
	await person.api('POST', `/api/invitations/${invitation.token}/accept`)
	if (role === 'facilitator')
		await admin.api('PUT', `/api/circles/${circle.id}/members/${person.user?.id}`, { role: 'facilitator' })
}

/** Writes a note holding the searched word on the open board, away from where it opens. */
async function writeNote(person: Person): Promise<void> {
	await person.page.evaluate(
		({ word, noteId }) => {
			const editor = window.__circlespaceEditor as unknown as {
				createShapes(shapes: Array<{ id: string; type: string; x: number; y: number; props: object }>): void
			}
			const text = `Listen for the ${word} at the river`
			editor.createShapes([
				{
					id: noteId,
					type: 'note',
					x: 2400,
					y: 1600,
					props: {
						richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
					},
				},
			])
		},
		{ word: WORD, noteId: NOTE_ID },
	)
}

/** The person's selected shapes. */
function selectedShapes(person: Person): Promise<string[]> {
	return person.page.evaluate(() => {
		const editor = window.__circlespaceEditor as unknown as { getSelectedShapeIds(): string[] } | undefined
		return editor?.getSelectedShapeIds() ?? []
	})
}

test('across circles: the gallery with thumbnails and presence, search to a note, a shared board both circles edit, a link with its backlink, and a withdrawal felt live', async ({
	alice,
	newPerson,
}) => {
	test.slow()
	// Alice (the admin) convenes tribe North with circles A and B; Fay facilitates A, Ben
	// facilitates B, Bea is a member of B.
	const tribe = await alice.api<ApiTribe>('POST', '/api/tribes', { name: 'North' })
	const circleA = await alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name: 'Circle A' })
	const circleB = await alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name: 'Circle B' })
	const fay = await newPerson('Fay')
	const ben = await newPerson('Ben')
	const bea = await newPerson('Bea')
	await join(alice, fay, circleA, 'facilitator')
	await join(alice, ben, circleB, 'facilitator')
	await join(alice, bea, circleB, 'member')
	const library = await fay.api<ApiBoard>('POST', `/api/circles/${circleA.id}/boards`, {
		title: 'Seed library',
		visibility: 'tribe',
	})

	await test.step('Fay writes on A’s tribe-visible board; her browser gives it a thumbnail', async () => {
		await fay.openBoard(library.id)
		await writeNote(fay)
		await fay.drawRectangle({ x: 420, y: 300 }, { x: 620, y: 440 })
		await expect
			.poll(async () => (await fay.apiResponse('GET', `/api/boards/${library.id}/thumbnail`)).status(), {
				timeout: 30_000,
				message: 'the thumbnail Fay’s browser uploads',
			})
			.toBe(200)
	})

	const page = bea.page
	await test.step('Bea (of B) sees it in the tribe gallery, with its picture and who is on it now', async () => {
		await page.goto(`/t/${tribe.id}`)
		const card = page
			.getByRole('region', { name: 'Gallery' })
			.getByRole('listitem')
			.filter({ hasText: 'Seed library' })
		await expect(card).toContainText('Circle A')
		await expect
			.poll(() => card.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth))
			.toBeGreaterThan(100)
		await expect(card).toContainText('1 person here now')
		await fay.page.goto('/')
		await expect(card).toContainText('No one here now')
	})

	await test.step('Bea searches the word written on it and lands on that note', async () => {
		// The server indexes a few seconds after the content is stored.
		await expect
			.poll(
				async () =>
					(
						await bea.api<{ results: { shapeId: string | null }[] }>('GET', `/api/search?q=${WORD}`)
					).results.map((result) => result.shapeId),
				{ timeout: 60_000 },
			)
			.toContain(NOTE_ID)
		await page.keyboard.press('/')
		const box = page.getByRole('combobox', { name: 'Search boards' })
		await box.pressSequentially(WORD.slice(0, 9).toLowerCase())
		const result = page.getByRole('listbox', { name: 'Search results' }).getByRole('option').first()
		await expect(result.locator('mark')).toHaveText([WORD])
		await box.press('ArrowDown')
		await box.press('Enter')
		await expect(page).toHaveURL(`/b/${library.id}?shape=${encodeURIComponent(NOTE_ID)}`)
		await bea.expectReady()
		await expect.poll(() => selectedShapes(bea)).toEqual([NOTE_ID])
	})

	const together = await fay.api<ApiBoard>('POST', `/api/circles/${circleA.id}/boards`, {
		title: 'Listening together',
	})
	const share = await fay.api<{ id: string; state: string }>('POST', `/api/boards/${together.id}/shares`, {
		circleId: circleB.id,
	})
	expect(share.state).toBe('offered')

	await test.step('Ben accepts Fay’s offer; Fay (of A) and Bea (of B) both draw on it', async () => {
		await ben.page.goto(`/c/${circleB.id}`)
		const offers = ben.page.getByRole('region', { name: /Offers from other circles/ })
		await offers.getByRole('button', { name: 'Accept Listening together' }).click()
		await expect(offers).toHaveCount(0)
		await fay.openBoard(together.id)
		await bea.openBoard(together.id)
		const fromA = await fay.drawRectangle({ x: 300, y: 260 }, { x: 460, y: 380 })
		const fromB = await bea.drawRectangle({ x: 640, y: 300 }, { x: 800, y: 420 })
		const both = [fromA, fromB].sort()
		await expect.poll(() => bea.shapeIds()).toEqual(both)
		await expect.poll(() => fay.shapeIds()).toEqual(both)
	})

	await test.step('Fay pastes the library’s address: Bea opens it from the card; it lists the board under “Linked from”', async () => {
		await fay.page.locator('.tl-canvas').click({ position: { x: 900, y: 600 } })
		const origin = await fay.page.evaluate(() => window.location.origin)
		await pasteOnCanvas(fay.page, `${origin}/b/${library.id}`)
		const card = page.locator('.board-link-card')
		await expect(card).toContainText('Seed library')
		await card.getByRole('button', { name: 'Open board Seed library' }).click()
		await expect(page).toHaveURL(new RegExp(`/b/${library.id}$`))
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Seed library')
		await expect
			.poll(
				async () =>
					(await bea.api<{ boards: ApiBoard[] }>('GET', `/api/boards/${library.id}/backlinks`)).boards.map(
						(board) => board.title,
					),
				{ timeout: 30_000 },
			)
			.toEqual(['Listening together'])
		await page.reload()
		await page.getByRole('button', { name: 'Linked from' }).click()
		const panel = page.getByRole('region', { name: 'Linked from' })
		await panel.getByRole('link', { name: 'Listening together' }).click()
		await expect(page).toHaveURL(new RegExp(`/b/${together.id}$`))
		await bea.expectReady()
	})

	await test.step('Ben withdraws circle B: Bea’s open board says she no longer has access', async () => {
		const withdrawn = await ben.apiResponse('DELETE', `/api/board-shares/${share.id}`)
		expect(withdrawn.status()).toBe(204)
		await expect(page.getByRole('heading', { name: 'You no longer have access to this board' })).toBeVisible()
		// Fay goes on editing.
		await fay.expectReady()
	})
})
