import { readFile } from 'node:fs/promises'
import type { Page } from '@playwright/test'
import type { Person } from '../fixtures/Person.ts'
import { readBoardDocument } from '../fixtures/readBoardDocument.ts'
import { expect, test } from '../fixtures/test.ts'

// Note authors stay visible (issue 9): the name on a sticky note comes from the note itself,
// not from its author being on the board at the time.

/** The author labels tldraw draws on the sticky notes in view. */
function noteLabels(page: Page) {
	return page.locator('.tl-note__attribution')
}

/** The notes the server stores for a board, with the author their meta keeps. */
async function storedNotes(person: Person, boardId: string): Promise<{ author: unknown }[]> {
	const records = await readBoardDocument(person, boardId)
	return [...records.values()]
		.map((json) => JSON.parse(json) as { typeName: string; type?: string; meta: { author?: unknown } })
		.filter((record) => record.typeName === 'shape' && record.type === 'note')
		.map((record) => ({ author: record.meta.author ?? null }))
}

test('a reader sees who wrote a sticky note after its author left, in the snapshot view and in an image export', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	await alice.page.getByTestId('tools.note').click()
	await alice.page.mouse.click(500, 350)
	await alice.page.keyboard.type('Listening before answering')
	await alice.page.keyboard.press('Escape')
	await expect(noteLabels(alice.page)).toHaveText(['Alice'])
	// Stored with the note, on the server, before she goes.
	await expect
		.poll(() => storedNotes(alice, board.id))
		.toEqual([{ author: { id: alice.user?.id, name: 'Alice' } }])
	await alice.page.goto('/')

	await bob.openBoard(board.id)
	await expect(bob.page.getByRole('region', { name: 'People on this board' })).not.toContainText('Alice')
	await expect(noteLabels(bob.page)).toHaveText(['Alice'])

	// Exports keep the label, as the board shows it (docs/ARCHITECTURE.md).
	await bob.page.getByRole('button', { name: 'Export' }).click()
	const download = bob.page.waitForEvent('download')
	await bob.page.getByRole('button', { name: 'SVG image' }).click()
	const svg = await readFile(await (await download).path(), 'utf8')
	expect(svg).toContain('Listening before answering')
	expect(svg).toMatch(/tl-note__attribution[^>]*>\s*Alice\s*</)

	const snapshot = await alice.api<{ id: string }>('POST', `/api/boards/${board.id}/snapshots`, {
		title: 'Day 3',
	})
	await bob.page.goto(`/b/${board.id}/s/${snapshot.id}`)
	await expect(bob.page.getByRole('region', { name: 'Snapshot' })).toContainText('Day 3')
	await expect(noteLabels(bob.page)).toHaveText(['Alice'])
})
