import type { Page } from '@playwright/test'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// Private mode (issue 14, part 2): the facilitator starts it, everyone writes notes only they
// receive, the facilitator reveals them all at once, without names when asked; a member can
// neither reveal nor end it.

function noteTexts(page: Page): Promise<string> {
	return page.evaluate(() => {
		const editor = window.__circlespaceEditor
		if (!editor) return ''
		return editor
			.getCurrentPageShapes()
			.filter((shape) => shape.type === 'note')
			.map((shape) => JSON.stringify((shape.props as { richText?: unknown }).richText ?? ''))
			.join('\n')
	})
}

async function writeNote(person: Person, at: { x: number; y: number }, text: string) {
	const page = person.page
	await page.getByTestId('tools.note').click()
	await page.mouse.click(at.x, at.y)
	await page.keyboard.type(text)
	await page.keyboard.press('Escape')
	await page.keyboard.press('Escape')
}

test('private mode: two members write for themselves, the other sees nothing, the facilitator reveals them anonymously, a member cannot end it', async ({
	alice,
	bob,
	newPerson,
	board,
}) => {
	test.slow()
	const carol = await newPerson('Carol')
	await Promise.all([alice.openBoard(board.id), bob.openBoard(board.id), carol.openBoard(board.id)])
	// Only a facilitator is offered it.
	await expect(bob.page.getByRole('button', { name: 'Private mode' })).toHaveCount(0)
	await alice.page.getByRole('button', { name: 'Private mode' }).click()
	const dialog = alice.page.getByRole('dialog', { name: 'Start private mode' })
	await expect(dialog.getByLabel('Reveal the notes without their authors’ names')).toBeChecked()
	await dialog.getByRole('button', { name: 'Start private mode' }).click()

	for (const person of [alice, bob, carol]) {
		await expect(person.page.getByRole('region', { name: 'Private mode' })).toContainText('seen by you only')
	}
	await expect(bob.page.getByRole('region', { name: 'Private mode' })).toContainText(
		'until Alice reveals them',
	)
	await expect(bob.page.getByText('Notes for: only me (private mode)')).toBeVisible()
	await picture(bob.page, 'private-mode-member', { fullPage: false })

	await writeNote(bob, { x: 450, y: 330 }, 'Idea from Bob')
	await writeNote(carol, { x: 700, y: 330 }, 'Idea from Carol')
	await expect.poll(() => noteTexts(bob.page)).toContain('Idea from Bob')
	await expect.poll(() => noteTexts(carol.page)).toContain('Idea from Carol')
	// Give the others every chance to have been sent them.
	await alice.page.waitForTimeout(1500)
	expect(await noteTexts(alice.page)).toBe('')
	expect(await noteTexts(bob.page)).not.toContain('Idea from Carol')
	expect(await noteTexts(carol.page)).not.toContain('Idea from Bob')

	// A member has no buttons for it, and the server refuses them.
	const bar = bob.page.getByRole('region', { name: 'Private mode' })
	await expect(bar.getByRole('button')).toHaveCount(0)
	expect((await bob.apiResponse('DELETE', `/api/boards/${board.id}/private-mode`)).status()).toBe(403)
	expect((await bob.apiResponse('POST', `/api/boards/${board.id}/private-mode/reveal`)).status()).toBe(403)
	await expect(bar).toContainText('Private mode')

	await alice.page
		.getByRole('region', { name: 'Private mode' })
		.getByRole('button', { name: 'Reveal notes' })
		.click()
	for (const person of [alice, bob, carol]) {
		await expect.poll(() => noteTexts(person.page)).toContain('Idea from Bob')
		await expect.poll(() => noteTexts(person.page)).toContain('Idea from Carol')
		await expect(person.page.getByRole('region', { name: 'Private mode' })).toContainText(
			'2 notes were revealed.',
		)
	}
	// Anonymous: no name on either note, for anyone.
	await expect(alice.page.locator('.tl-note__attribution')).toHaveCount(0)
	await expect(bob.page.locator('.tl-note__attribution')).toHaveCount(0)
	await expect(bob.page.getByLabel('Notes for', { exact: true })).toBeVisible()
	await picture(alice.page, 'private-mode-revealed', { fullPage: false })
})
