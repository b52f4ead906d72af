import type { Page } from '@playwright/test'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// Recognition (issue 14, part 4): a person thanks another for a note; it shows on the note and
// on the recipient's page to those of the circle and tribe who may see it, never to others.

/** Writes a sticky note at a point of the canvas, as a person does, and returns its id. */
async function writeNote(person: Person, at: { x: number; y: number }, text: string): Promise<string> {
	const before = new Set(await person.shapeIds())
	await person.page.getByTestId('tools.note').click()
	await person.page.mouse.click(at.x, at.y)
	await person.page.keyboard.type(text)
	await person.page.keyboard.press('Escape')
	let created: string | undefined
	await expect
		.poll(async () => {
			created = (await person.shapes()).find((shape) => shape.type === 'note' && !before.has(shape.id))?.id
			return created
		})
		.toBeTruthy()
	// Back to the select tool, with nothing selected.
	await person.page.keyboard.press('Escape')
	return created as string
}

/** The session bar under the board's top bar. */
function sessionBar(page: Page) {
	return page.getByRole('region', { name: 'Live session' })
}

/** Selects a shape by clicking its middle. */
async function select(person: Person, shapeId: string): Promise<void> {
	const centre = await person.screenCentreOf(shapeId)
	await person.page.mouse.click(centre.x, centre.y)
	await expect
		.poll(() => person.page.evaluate(() => window.__circlespaceEditor?.getSelectedShapeIds() ?? []))
		.toEqual([shapeId])
}

test('Alice thanks Bob for his note: Bob and Carol see it on the note and on his page; Alice cannot thank herself; Dave, outside the tribe, sees nothing', async ({
	alice,
	bob,
	newPerson,
	newVisitor,
	board,
}) => {
	const carol = await newPerson('Carol')

	await bob.openBoard(board.id)
	const bobsNote = await writeNote(bob, { x: 520, y: 360 }, 'Ask the quiet ones first')
	await alice.openBoard(board.id)
	await expect(alice.page.locator('.tl-note__attribution')).toHaveText(['Bob'])
	const alicesNote = await writeNote(alice, { x: 860, y: 360 }, 'Bring tea')

	// Her own note offers nothing to recognise.
	await select(alice, alicesNote)
	await expect(alice.page.getByRole('button', { name: 'Recognise…' })).toHaveCount(0)
	// The server reads the author from the board it holds, which has her note a moment after her
	// screen does (until then it answers 404, not 201).
	await expect
		.poll(async () => {
			const own = await alice.apiResponse(
				'POST',
				`/api/boards/${board.id}/notes/${alicesNote}/recognitions`,
				{
					message: 'Well done me',
				},
			)
			return own.status()
		})
		.toBe(403)

	// Bob's note does; the dialog is used with the keyboard alone.
	await select(alice, bobsNote)
	const recognise = alice.page.getByRole('button', { name: 'Recognise…' })
	await expect(recognise).toBeVisible()
	await recognise.focus()
	await alice.page.keyboard.press('Enter')
	const dialog = alice.page.getByRole('dialog', { name: 'Recognise Bob’s note' })
	await expect(dialog).toContainText('Ask the quiet ones first')
	const words = dialog.getByLabel('A few words of thanks')
	await expect(words).toBeFocused()
	// Nothing written: the dialog says what it needs, and sends nothing.
	await alice.page.keyboard.press('Tab')
	await alice.page.keyboard.press('Enter')
	await expect(dialog.getByText(/Write a few words of thanks/)).toBeVisible()
	await expect(words).toBeFocused()
	await alice.page.keyboard.type('This opened the round for everyone. Thank you.')
	await picture(alice.page, 'recognise-dialog', { fullPage: false })
	await alice.page.keyboard.press('Tab')
	await alice.page.keyboard.press('Enter')
	await expect(dialog).toHaveCount(0)
	const mark = (person: Person) => person.page.getByRole('button', { name: 'Thanks given for Bob’s note' })
	await expect(mark(alice)).toBeVisible()
	// Focus went back to the canvas's button, which is still there (the note is still selected).
	await expect(recognise).toBeFocused()
	// Recognising the same note again is refused: each person gives their thanks once.
	const again = await alice.apiResponse('POST', `/api/boards/${board.id}/notes/${bobsNote}/recognitions`, {
		message: 'And again',
	})
	expect(again.status()).toBe(409)

	// Bob sees the mark on his note, opens what was said, and goes to his page.
	await bob.page.reload()
	await bob.expectReady()
	await expect(mark(bob)).toBeVisible()
	await picture(bob.page, 'recognition-mark', { fullPage: false })
	await mark(bob).click()
	const thanks = bob.page.getByRole('dialog', { name: 'Thanks for Bob’s note' })
	await expect(thanks).toContainText('This opened the round for everyone. Thank you.')
	await expect(thanks).toContainText('Alice')
	await thanks.getByRole('link', { name: 'Your page' }).click()
	await expect(bob.page).toHaveURL(new RegExp(`/people/${bob.user?.id}$`))
	await expect(bob.page.getByRole('heading', { level: 1 })).toHaveText('Bob (you)')
	await expect(bob.page.getByRole('main')).toContainText('This opened the round for everyone. Thank you.')

	// Carol, of the same circle, finds Bob's page from the circle's members and sees it too.
	await carol.page.goto(`/c/${board.circleId}`)
	await carol.page.getByRole('link', { name: 'Bob', exact: true }).click()
	await expect(carol.page.getByRole('heading', { level: 1 })).toHaveText('Bob')
	const recognised = carol.page.getByRole('region', { name: 'Recognised for' })
	await expect(recognised).toContainText('Ask the quiet ones first')
	await expect(recognised).toContainText('“This opened the round for everyone. Thank you.” — Alice')
	// No tally anywhere: the page says what was given, not how much.
	await expect(carol.page.getByRole('main')).not.toContainText(/\b1 recognition|\brank|\bscore/i)
	await picture(carol.page, 'person-page')
	await carol.page.setViewportSize({ width: 768, height: 1024 })
	await picture(carol.page, 'person-page-tablet')
	await carol.openBoard(board.id)
	await expect(mark(carol)).toBeVisible()
	await picture(carol.page, 'recognition-mark-tablet', { fullPage: false })

	// Dave has an account but shares no tribe with Bob: no page, no recognitions, no board.
	const dave = await newVisitor('Dave')
	await dave.signUp()
	await dave.page.goto(`/people/${bob.user?.id}`)
	await expect(dave.page.getByRole('heading', { level: 1 })).toHaveText('Person not found')
	await expect(dave.page.getByRole('main')).not.toContainText('This opened the round')
	expect((await dave.apiResponse('GET', `/api/boards/${board.id}/recognitions`)).status()).toBe(404)
	expect((await dave.apiResponse('GET', `/api/people/${bob.user?.id}`)).status()).toBe(404)
})

test('Bob thanks Alice for her part in a past live session, from the circle’s past sessions; only the others who took part are offered, and nobody thanks themselves', async ({
	alice,
	bob,
	newPerson,
	board,
	space,
}) => {
	const carol = await newPerson('Carol')
	for (const person of [alice, bob, carol]) await person.openBoard(board.id)
	await alice.page.getByRole('button', { name: 'Start session' }).click()
	const start = alice.page.getByRole('dialog', { name: 'Start a live session' })
	await start.getByLabel('Title').fill('Day 3 check-in')
	await start.getByRole('button', { name: 'Start session' }).click()
	await expect(start).toBeHidden()
	for (const person of [bob, carol]) await expect(sessionBar(person.page)).toContainText('Day 3 check-in')
	await sessionBar(alice.page).getByRole('button', { name: 'End session' }).click()
	await alice.page
		.getByRole('dialog', { name: 'End the live session?' })
		.getByRole('button', { name: 'End session' })
		.click()
	for (const person of [alice, bob, carol]) await expect(sessionBar(person.page)).toHaveCount(0)

	// The API refuses Alice's thanks to herself for the session she ran.
	const sessions = await alice.api<Array<{ id: string; title: string }>>(
		'GET',
		`/api/circles/${space.circle.id}/sessions`,
	)
	const session = sessions.find((one) => one.title === 'Day 3 check-in')
	expect(session).toBeDefined()
	const own = await alice.apiResponse('POST', `/api/sessions/${session?.id}/recognitions`, {
		recipientId: alice.user?.id,
		message: 'I kept the time well',
	})
	expect(own.status()).toBe(403)

	await bob.page.goto(`/c/${space.circle.id}`)
	const entry = bob.page
		.getByRole('region', { name: 'Past sessions' })
		.getByRole('listitem')
		.filter({ hasText: 'Day 3 check-in' })
	await expect(entry).toContainText('3 people took part: ')
	await entry.getByRole('button', { name: 'Recognise… a part in Day 3 check-in' }).click()
	const dialog = bob.page.getByRole('dialog', { name: 'Recognise someone’s part in “Day 3 check-in”' })
	// Whom to thank: the others who took part, never Bob himself.
	const whom = dialog.getByLabel('Whom to thank')
	await expect(whom).toBeFocused()
	await expect(whom.getByRole('option')).toHaveText(['Alice', 'Carol'])
	await whom.selectOption({ label: 'Alice' })
	await dialog.getByLabel('A few words of thanks').fill('You kept the time gently, and nobody was rushed.')
	await dialog.getByRole('button', { name: 'Send thanks' }).click()
	await expect(dialog).toHaveCount(0)
	await expect(entry.getByRole('status')).toHaveText('You thanked Alice for this session.')
	await picture(entry, 'past-session-thanked')
	// Once per person: thanking Alice for it again is refused, and the dialog says so.
	await entry.getByRole('button', { name: 'Recognise… a part in Day 3 check-in' }).click()
	await dialog.getByLabel('A few words of thanks').fill('And again')
	await dialog.getByRole('button', { name: 'Send thanks' }).click()
	await expect(dialog.getByRole('alert')).toContainText('already recognised')
	await dialog.getByRole('button', { name: 'Cancel' }).click()
	await expect(dialog).toHaveCount(0)

	// Alice and Carol see it on Alice's page.
	for (const person of [alice, carol]) {
		await person.page.goto(`/people/${alice.user?.id}`)
		await expect(person.page.getByRole('heading', { level: 1 })).toHaveText(
			person === alice ? 'Alice (you)' : 'Alice',
		)
		const recognised = person.page.getByRole('region', { name: 'Recognised for' })
		await expect(recognised).toContainText(`The session “Day 3 check-in” on ${board.title}`)
		await expect(recognised).toContainText('“You kept the time gently, and nobody was rushed.” — Bob')
	}
	await picture(carol.page, 'person-page-session')
})
