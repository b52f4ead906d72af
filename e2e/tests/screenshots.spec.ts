import { copyFile, mkdir } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Person } from '../fixtures/Person.ts'
import { expect, test } from '../fixtures/test.ts'

// Set CIRCLESPACE_DOCS_SCREENSHOT=1 to refresh docs/screenshot-board.png from this test.
const updateDocs = process.env.CIRCLESPACE_DOCS_SCREENSHOT === '1'

/** Adds a sticky note with text through the toolbar, as a person does in a session. */
async function addNote(person: Person, colour: string, at: { x: number; y: number }, text: string) {
	const before = (await person.shapeIds()).length
	await person.page.getByTestId('tools.note').click()
	await person.page.getByRole('radio', { name: `Color — ${colour}` }).click()
	await person.page.mouse.click(at.x, at.y)
	await person.page.keyboard.type(text)
	await person.page.keyboard.press('Escape')
	await expect.poll(async () => (await person.shapeIds()).length).toBe(before + 1)
}

test('the board list and a shared board look right', async ({ alice, bob, server }, testInfo) => {
	for (const title of [
		'Day 12 — what surprised us',
		'Tribe gathering: parallel journeys',
		'Circle of care',
	]) {
		await server.createBoard(title)
	}
	await alice.page.goto('/')
	await expect(alice.page.getByRole('link', { name: /Circle of care/ })).toBeVisible()
	await alice.page.screenshot({ path: testInfo.outputPath('board-list.png') })

	const board = await server.createBoard('Day 12 — what surprised us today')
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)
	await addNote(alice, 'Yellow', { x: 330, y: 260 }, 'Listening before answering')
	await addNote(alice, 'Light blue', { x: 600, y: 260 }, 'Asking a colleague the same question')
	await addNote(bob, 'Light green', { x: 465, y: 510 }, 'Trust grows in small acts')
	await expect.poll(async () => (await alice.shapeIds()).length).toBe(3)
	// Alice clicks an empty spot so that only Bob's selection shows, in his colour.
	await alice.page.mouse.click(1000, 650)
	await expect
		.poll(() => alice.page.evaluate(() => window.__circlespaceEditor?.getSelectedShapeIds().length))
		.toBe(0)
	await bob.page.mouse.move(760, 560, { steps: 5 })
	await expect(alice.page.locator('.tl-nametag', { hasText: 'Bob' })).toBeVisible()
	await expect(alice.page.getByRole('region', { name: 'People on this board' })).toContainText('Bob')

	const path = testInfo.outputPath('board.png')
	await alice.page.screenshot({ path })
	if (updateDocs) {
		await mkdir(resolve(import.meta.dirname, '../../docs'), { recursive: true })
		await copyFile(path, resolve(import.meta.dirname, '../../docs/screenshot-board.png'))
	}
})
