import type { Page } from '@playwright/test'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// Dot voting (issue 14, part 3): a facilitator and two members of the circle in separate browsers.

/** The vote's strip under the session bar. */
function voteBar(page: Page) {
	return page.getByRole('region', { name: 'Dot vote' })
}

/** The result badges drawn on the notes in view. */
function badges(page: Page) {
	return page.locator('.cs-vote-badge')
}

/** Shows every note in the middle of the view, clear of tldraw's panels. */
function fitNotes(): void {
	const editor = window.__circlespaceEditor
	if (!editor) throw new Error('no editor')
	editor.zoomToFit({ animation: { duration: 0 } })
	editor.zoomOut(editor.getViewportScreenCenter(), { animation: { duration: 0 } })
}

/** Puts a sticky note with `text` on the board where the person is, through the editor; answers its id. */
function putNote(person: Person, text: string, at: { x: number; y: number }): Promise<string> {
	return person.page.evaluate(
		({ text, at }) => {
			const editor = window.__circlespaceEditor
			if (!editor) throw new Error('no editor')
			const id = `shape:${text.toLowerCase().replace(/[^a-z]+/g, '-')}`
			editor.createShape({
				id: id as never,
				type: 'note',
				x: at.x,
				y: at.y,
				props: {
					richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
				},
			})
			return id
		},
		{ text, at },
	)
}

test('a facilitator runs a dot vote: two members vote on notes without seeing counts, and after the end everyone sees the totals on the notes, kept in the session’s snapshot', async ({
	alice,
	bob,
	newPerson,
	board,
}) => {
	const carol = await newPerson('Carol')
	await alice.openBoard(board.id)
	const fewer = await putNote(alice, 'Fewer meetings', { x: 100, y: 100 })
	const pair = await putNote(alice, 'Pair more', { x: 400, y: 100 })
	const walk = await putNote(alice, 'Walk outside', { x: 700, y: 100 })
	await alice.page.evaluate(fitNotes)
	for (const person of [bob, carol]) {
		await person.openBoard(board.id)
		await expect.poll(async () => (await person.shapeIds()).length).toBe(3)
		await person.page.evaluate(fitNotes)
	}

	// No vote outside a live session; a member is never offered to start one.
	await expect(voteBar(alice.page)).toHaveCount(0)
	await alice.page.getByRole('button', { name: 'Start session' }).click()
	const sessionDialog = alice.page.getByRole('dialog', { name: 'Start a live session' })
	await sessionDialog.getByLabel('Title').fill('Retro')
	await sessionDialog.getByRole('button', { name: 'Start session' }).click()
	await expect(voteBar(bob.page)).toBeVisible()
	await expect(voteBar(bob.page).getByRole('button', { name: 'Start a dot vote' })).toHaveCount(0)

	await voteBar(alice.page).getByRole('button', { name: 'Start a dot vote' }).click()
	const dialog = alice.page.getByRole('dialog', { name: 'Start a dot vote' })
	// The bounds are said in the form before anything is sent.
	await dialog.getByLabel('Dots per person').fill('25')
	await dialog.getByRole('button', { name: 'Start vote' }).click()
	await expect(dialog).toContainText('A whole number from 1 to 20.')
	await dialog.getByLabel('Dots per person').fill('2')
	await dialog.getByLabel('Timer in minutes (optional)').fill('10')
	await dialog.getByRole('button', { name: 'Start vote' }).click()
	await expect(dialog).toBeHidden()

	for (const person of [bob, carol]) {
		await expect(voteBar(person.page)).toContainText('2 dots each · anonymous')
		await expect(voteBar(person.page)).toContainText('2 of 2 dots left')
		await expect(voteBar(person.page)).toContainText(/\d+:\d\d left/)
	}

	// Bob clicks two notes; Carol votes from the keyboard.
	const bobAt = await bob.screenCentreOf(fewer)
	await bob.page.mouse.click(bobAt.x, bobAt.y)
	await expect(voteBar(bob.page)).toContainText('1 of 2 dots left')
	const bobPair = await bob.screenCentreOf(pair)
	await bob.page.mouse.click(bobPair.x, bobPair.y)
	await expect(voteBar(bob.page)).toContainText('0 of 2 dots left')
	await expect(bob.page.getByRole('button', { name: 'Your dot is on “Pair more”' })).toHaveAttribute(
		'aria-pressed',
		'true',
	)
	// A click on a note he voted for takes the dot back; another puts it again.
	await bob.page.mouse.click(bobPair.x, bobPair.y)
	await expect(voteBar(bob.page)).toContainText('1 of 2 dots left')
	await bob.page.mouse.click(bobPair.x, bobPair.y)
	await expect(voteBar(bob.page)).toContainText('0 of 2 dots left')

	const carolButton = carol.page.getByRole('button', { name: 'Put a dot on “Fewer meetings”' })
	await carolButton.focus()
	await carol.page.keyboard.press('Enter')
	await expect(voteBar(carol.page)).toContainText('1 of 2 dots left')
	await carol.page.getByRole('button', { name: 'Put a dot on “Walk outside”' }).focus()
	await carol.page.keyboard.press('Space')
	await expect(voteBar(carol.page)).toContainText('0 of 2 dots left')

	// While it runs, nobody sees a count, and each sees only their own dots.
	for (const person of [alice, bob, carol]) await expect(badges(person.page)).toHaveCount(0)
	await expect(carol.page.getByRole('button', { name: 'Put a dot on “Pair more”' })).toHaveAttribute(
		'aria-pressed',
		'false',
	)
	await expect(bob.page.getByRole('button', { name: 'Put a dot on “Walk outside”' })).toHaveAttribute(
		'aria-pressed',
		'false',
	)
	for (const name of ['Fewer meetings', 'Pair more', 'Walk outside']) {
		await expect(alice.page.getByRole('button', { name: `Put a dot on “${name}”` })).toHaveAttribute(
			'aria-pressed',
			'false',
		)
	}
	await picture(bob.page, 'dot-vote-running')
	await bob.page.setViewportSize({ width: 768, height: 1024 })
	await expect(voteBar(bob.page)).toBeVisible()
	await picture(bob.page, 'dot-vote-running-768')

	// Alice ends it: everyone sees the totals on the notes.
	await voteBar(alice.page).getByRole('button', { name: 'End vote' }).click()
	for (const person of [alice, bob, carol]) {
		await expect(voteBar(person.page)).toContainText('Results are on the notes: 4 dots on 3 notes.')
		await expect(person.page.locator(`.cs-vote-badge[data-shape-id="${fewer}"]`)).toContainText('2')
		await expect(person.page.locator(`.cs-vote-badge[data-shape-id="${pair}"]`)).toContainText('1')
		await expect(person.page.locator(`.cs-vote-badge[data-shape-id="${walk}"]`)).toContainText('1')
		// The notes are notes again.
		await expect(person.page.locator('.cs-vote-target')).toHaveCount(0)
	}
	await picture(alice.page, 'dot-vote-results')

	// Ending the session keeps the board with its totals in the session's snapshot.
	await alice.page
		.getByRole('region', { name: 'Live session' })
		.getByRole('button', { name: 'End session' })
		.click()
	await alice.page
		.getByRole('dialog', { name: 'End the live session?' })
		.getByRole('button', { name: 'End session' })
		.click()
	await expect(alice.page.getByRole('button', { name: 'Start session' })).toBeVisible()
	const snapshots = await alice.api<Array<{ id: string; kind: string }>>(
		'GET',
		`/api/boards/${board.id}/snapshots`,
	)
	const kept = snapshots.find((snapshot) => snapshot.kind === 'session')
	expect(kept).toBeDefined()
	const file = await alice.api<{ records: Array<{ id: string; meta?: { votes?: { dots: number } } }> }>(
		'GET',
		`/api/snapshots/${kept?.id}/tldr`,
	)
	const dotsOf = (id: string) => file.records.find((record) => record.id === id)?.meta?.votes?.dots
	expect([dotsOf(fewer), dotsOf(pair), dotsOf(walk)]).toEqual([2, 1, 1])
	// And the badges stay on the board after the session.
	await carol.page.reload()
	await carol.expectReady()
	await expect(carol.page.locator(`.cs-vote-badge[data-shape-id="${fewer}"]`)).toContainText('2')
})
