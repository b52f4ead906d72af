import type { Page } from '@playwright/test'
import type { ApiBoard, ApiCircle, ApiCreatedInvitation } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// Per-note audience (issue 14, part 2): a note for "me" stays with its writer, a note for "my
// circle" is not sent to a tribe reader, a note for the tribe reaches everyone; changing a note's
// audience moves it. What each person's editor holds is what their browser was sent.

/** The text of every sticky note in this person's editor (what they were sent). */
function noteTexts(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const editor = window.__circlespaceEditor
		if (!editor) return []
		return editor
			.getCurrentPageShapes()
			.filter((shape) => shape.type === 'note')
			.map((shape) => JSON.stringify((shape.props as { richText?: unknown }).richText ?? ''))
			.sort()
	})
}

async function expectNotes(person: Person, present: string[], absent: string[]) {
	await expect
		.poll(
			async () => {
				const texts = (await noteTexts(person.page)).join('\n')
				return [
					...present.map((text) => texts.includes(text)),
					...absent.map((text) => !texts.includes(text)),
				]
			},
			{ message: `${person.name}'s notes` },
		)
		.toEqual([...present, ...absent].map(() => true))
}

/** Writes a note at a point of the canvas for `audience` (the "Notes for" choice), then deselects it. */
async function writeNote(person: Person, audience: string, at: { x: number; y: number }, text: string) {
	const page = person.page
	await page.getByLabel('Notes for', { exact: true }).selectOption({ label: audience })
	await page.getByTestId('tools.note').click()
	await page.mouse.click(at.x, at.y)
	// As a person waits for the caret: the new note is being edited before the first key.
	await expect
		.poll(() => page.evaluate(() => window.__circlespaceEditor?.getEditingShapeId() ?? null))
		.not.toBeNull()
	await page.keyboard.type(text)
	await page.keyboard.press('Escape')
	await page.keyboard.press('Escape')
	await expect(page.getByLabel('Notes for', { exact: true })).toBeVisible()
}

test('a note for me stays with its writer, a circle note is not sent to a tribe reader, and a note moved to the tribe reaches everyone', async ({
	alice,
	bob,
	space,
	newVisitor,
}) => {
	test.slow()
	// Carol is in circle B of the same tribe: a tribe reader of circle 7's tribe-visible board.
	const circleB = await alice.api<ApiCircle>('POST', `/api/tribes/${space.tribe.id}/circles`, {
		name: 'Circle B',
	})
	const carol = await newVisitor('Carol')
	await carol.signUp({ color: '#2b8a3e' })
	const invitation = await alice.api<ApiCreatedInvitation>(
		'POST',
		`/api/circles/${circleB.id}/invitations`,
		{},
	)
	await carol.api('POST', `/api/invitations/${invitation.token}/accept`)
	const board = await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Harvest of the week',
		visibility: 'tribe',
	})

	await Promise.all([alice.openBoard(board.id), bob.openBoard(board.id), carol.openBoard(board.id)])
	const bobsChoice = bob.page.getByLabel('Notes for', { exact: true })
	await expect(bobsChoice.locator('option')).toHaveText(['Only me', 'My circle', 'The tribe'])
	// A tribe reader only views this board: she writes nothing, so is offered no audience.
	await expect(carol.page.getByLabel('Notes for', { exact: true })).toHaveCount(0)

	await writeNote(bob, 'Only me', { x: 420, y: 320 }, 'Worry about the budget')
	await writeNote(bob, 'My circle', { x: 640, y: 320 }, 'Circle seven only')
	await writeNote(bob, 'The tribe', { x: 860, y: 320 }, 'Everyone welcome Friday')
	await expectNotes(bob, ['Worry about the budget', 'Circle seven only', 'Everyone welcome Friday'], [])
	await expectNotes(alice, ['Circle seven only', 'Everyone welcome Friday'], ['Worry about the budget'])
	await expectNotes(carol, ['Everyone welcome Friday'], ['Worry about the budget', 'Circle seven only'])
	await picture(bob.page, 'note-audience-writer', { fullPage: false })

	// Kept on the server: after a reload Bob still has his own note.
	await bob.page.reload()
	await bob.expectReady()
	await expectNotes(bob, ['Worry about the budget', 'Circle seven only', 'Everyone welcome Friday'], [])

	// Bob selects his own note and gives it to the tribe: it moves, and Carol gets it.
	const ownId = await bob.page.evaluate(() => {
		const editor = window.__circlespaceEditor
		const note = editor
			?.getCurrentPageShapes()
			.find((shape) => JSON.stringify(shape.props).includes('Worry about the budget'))
		if (!editor || !note) return null
		editor.select(note.id)
		return note.id
	})
	expect(ownId).not.toBeNull()
	const selectedChoice = bob.page.getByLabel('Selected notes for', { exact: true })
	await expect(selectedChoice).toHaveValue('me')
	await selectedChoice.selectOption({ label: 'The tribe' })
	await expectNotes(carol, ['Worry about the budget', 'Everyone welcome Friday'], ['Circle seven only'])
	await expectNotes(alice, ['Worry about the budget'], [])
	await picture(carol.page, 'note-audience-tribe-reader', { fullPage: false })
})
