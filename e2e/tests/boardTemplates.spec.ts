import type { ApiBoard, ApiCircle, ApiCreatedInvitation } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { readBoardDocument } from '../fixtures/readBoardDocument.ts'
import { expect, test } from '../fixtures/test.ts'

// Board templates (issue 10, item 5): a facilitator saves a board as a template of the tribe
// from the board page; the tribe page lists it; a facilitator of another circle of the tribe
// starts a board from it and finds the same notes; a member is not offered to save one.

const NOTES = ['One word for today', 'What surprised us', 'Who we ask next']

/** Adds a sticky note with text through the toolbar, as a person does. */
async function addNote(person: Person, at: { x: number; y: number }, text: string): Promise<void> {
	const before = (await person.shapeIds()).length
	await person.page.getByTestId('tools.note').click()
	await person.page.mouse.click(at.x, at.y)
	await person.page.keyboard.type(text)
	await person.page.keyboard.press('Escape')
	await expect.poll(async () => (await person.shapeIds()).length).toBe(before + 1)
}

/** The texts of the sticky notes the server holds for a board (not what a page shows). */
async function storedNoteTexts(person: Person, boardId: string): Promise<string[]> {
	const records = await readBoardDocument(person, boardId)
	return [...records.values()]
		.map((json) => JSON.parse(json) as { typeName: string; type?: string; props?: { richText?: unknown } })
		.filter((record) => record.typeName === 'shape' && record.type === 'note')
		.map((record) => textOf(record.props?.richText))
		.sort()
}

/** The plain text of tldraw's rich text (a ProseMirror document). */
function textOf(node: unknown): string {
	if (!node || typeof node !== 'object') return ''
	const { text, content } = node as { text?: unknown; content?: unknown }
	if (typeof text === 'string') return text
	return Array.isArray(content) ? content.map(textOf).join('') : ''
}

test('a facilitator saves a board as a template, the tribe lists it, and another circle starts a board from it', async ({
	alice,
	space,
	newPerson,
	newVisitor,
}) => {
	test.slow()
	// Bob facilitates Circle 7 (he is neither a steward nor the admin); Carol is one of its members.
	const bob = await newPerson('Bob')
	const carol = await newPerson('Carol')
	await alice.api('PUT', `/api/circles/${space.circle.id}/members/${bob.user?.id}`, { role: 'facilitator' })
	const board = await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Day 12 check-in',
	})

	// Dana facilitates Circle 8 of the same tribe, and is in no other circle.
	const circle8 = await alice.api<ApiCircle>('POST', `/api/tribes/${space.tribe.id}/circles`, {
		name: 'Circle 8',
	})
	const invitation8 = await alice.api<ApiCreatedInvitation>(
		'POST',
		`/api/circles/${circle8.id}/invitations`,
		{},
	)
	const dana = await newVisitor('Dana')
	await dana.signUp()
	await dana.api('POST', `/api/invitations/${invitation8.token}/accept`)
	await alice.api('PUT', `/api/circles/${circle8.id}/members/${dana.user?.id}`, { role: 'facilitator' })

	// Bob writes the notes of the check-in on the board.
	const page = bob.page
	await page.setViewportSize({ width: 1280, height: 900 })
	await bob.openBoard(board.id)
	for (const [index, text] of NOTES.entries()) await addNote(bob, { x: 380 + index * 260, y: 420 }, text)
	// The template copies what the server holds: wait until every note is there.
	await expect.poll(() => storedNoteTexts(bob, board.id)).toEqual([...NOTES].sort())

	// At tablet width the top bar takes two rows (the title on the first), the new button showing
	// its icon only; a phone's bar wraps further (a facilitator's controls take three rows there),
	// the button saying "Template…". Nothing runs past the screen.
	const topBar = page.getByRole('banner')
	const save = topBar.getByRole('button', { name: 'Save as template…' })
	const short = save.getByText('Template…', { exact: true })
	await expect(save).toBeVisible()
	await expect(short).toBeHidden()
	for (const [width, rows, label] of [
		// On a laptop the facilitator's controls take a row of their own beside or under the title.
		[1280, 2, 'laptop'],
		// Three rows at tablet width since the audience choice, private mode and guest invitations
		// joined the bar (a facilitator's view: the most controls anyone has).
		[768, 3, 'tablet'],
		[390, 6, 'phone'],
	] as const) {
		await page.setViewportSize({ width, height: 900 })
		await expect(short).toBeVisible({ visible: width < 600 })
		await picture(topBar, `board-templates-top-bar-${label}`)
		const bar = await topBar.boundingBox()
		expect(bar?.height).toBeLessThanOrEqual(rows * 40 + 10)
		for (const control of [save, topBar.getByRole('button', { name: 'History' })]) {
			const box = await control.boundingBox()
			expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width)
		}
		// Nor does the page scroll sideways.
		expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width)
	}
	// The title is not squeezed out at tablet width.
	await page.setViewportSize({ width: 768, height: 900 })
	await expect
		.poll(() => topBar.getByRole('heading', { level: 1 }).evaluate((h) => h.scrollWidth <= h.clientWidth))
		.toBe(true)
	await page.setViewportSize({ width: 768, height: 1024 })

	// The dialog: labelled, its name field starts with the board's title, Escape closes it and
	// gives focus back to the button.
	await save.click()
	const dialog = page.getByRole('dialog', { name: 'Save as template' })
	await expect(dialog).toBeVisible()
	const name = dialog.getByLabel('Template name')
	await expect(name).toHaveValue('Day 12 check-in')
	await page.keyboard.press('Escape')
	await expect(dialog).toBeHidden()
	await expect(save).toBeFocused()

	// An empty name is refused in place, on the field.
	await save.click()
	await name.fill('')
	await dialog.getByRole('button', { name: 'Save template' }).click()
	await expect(dialog.getByText('Give the template a name of one line (up to 200 characters).')).toBeVisible()
	await expect(name).toBeFocused()

	await name.fill('Day 12 check-in (every circle)')
	await dialog.getByLabel('What it is for (optional)').fill('Three rounds, then one word each.')
	// Saved on a phone: the notice that says so hangs under the top bar's last row, covering none
	// of its buttons.
	await page.setViewportSize({ width: 390, height: 844 })
	await dialog.getByRole('button', { name: 'Save template' }).click()
	await expect(dialog).toBeHidden()
	const saved = page.getByText('Saved “Day 12 check-in (every circle)” as a template of Parallel journeys.')
	await expect(saved).toBeVisible()
	const barBottom = await topBar.evaluate((bar) => bar.getBoundingClientRect().bottom)
	expect((await saved.boundingBox())?.y).toBeGreaterThan(barBottom)
	await picture(page, 'board-templates-saved-phone')
	await page.setViewportSize({ width: 768, height: 1024 })

	// The notice leads to the tribe page, whose Board templates section lists it.
	await page.getByRole('link', { name: 'See the tribe’s templates' }).click()
	const section = page.getByRole('region', { name: 'Board templates' })
	await expect(section.getByText('Day 12 check-in (every circle)')).toBeVisible()
	await expect(section.getByText('Three rounds, then one word each.')).toBeVisible()
	await expect(section.getByText('3 shapes')).toBeVisible()
	await expect(section.getByText('Saved by Bob')).toBeVisible()
	// Whoever saved it may rename and delete it.
	await expect(section.getByRole('button', { name: 'Rename Day 12 check-in (every circle)' })).toBeVisible()
	await section.scrollIntoViewIfNeeded()
	await picture(section, 'board-templates-tribe-section-tablet')
	await picture(page, 'board-templates-tribe-page-tablet')

	// Dana, in Circle 8, starts the day's board from it in the circle page's create form.
	await dana.page.setViewportSize({ width: 1280, height: 900 })
	await dana.page.goto(`/c/${circle8.id}`)
	await dana.page.getByLabel('Start from').selectOption({ label: 'Day 12 check-in (every circle)' })
	await expect(dana.page.getByText('Three rounds, then one word each.')).toBeVisible()
	await dana.page.getByLabel('New board title').fill('Day 12 check-in — Circle 8')
	await dana.page.getByRole('button', { name: 'Create board' }).click()
	await expect(dana.page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
	await expect(dana.page.getByRole('heading', { level: 1 })).toHaveText('Day 12 check-in — Circle 8')
	await dana.expectReady()
	for (const text of NOTES) await expect(dana.page.locator('.tl-canvas').getByText(text)).toBeVisible()
	// Facilitating her own circle, she may save a board of it as a template too; but she does not
	// change the one Bob saved.
	await expect(dana.page.getByRole('button', { name: 'Save as template…' })).toBeVisible()
	await dana.page.goto(`/t/${space.tribe.id}`)
	const danaSection = dana.page.getByRole('region', { name: 'Board templates' })
	await expect(danaSection.getByText('Day 12 check-in (every circle)')).toBeVisible()
	await expect(danaSection.getByRole('button', { name: /^Rename / })).toHaveCount(0)

	// Carol, a member of Circle 7, edits the board but is not offered to save it as a template.
	await carol.openBoard(board.id)
	await expect(carol.page.getByRole('button', { name: 'History' })).toBeVisible()
	await expect(carol.page.getByRole('button', { name: 'Save as template…' })).toHaveCount(0)
	// The server refuses her anyway.
	const refused = await carol.apiResponse('POST', `/api/boards/${board.id}/save-as-template`, {
		name: 'Mine',
	})
	expect(refused.status()).toBe(403)
})

test('the tribe page says how a board template is made while there is none', async ({ alice, space }) => {
	await alice.page.setViewportSize({ width: 768, height: 1024 })
	await alice.page.goto(`/t/${space.tribe.id}`)
	const section = alice.page.getByRole('region', { name: 'Board templates' })
	await expect(section.getByText('No board templates yet.')).toBeVisible()
	await expect(section.getByText(/“Save as template…” at the top of a board/)).toBeVisible()
	await section.scrollIntoViewIfNeeded()
	await picture(section, 'board-templates-tribe-empty-tablet')
})
