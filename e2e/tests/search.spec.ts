import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// Search in the web app (issue 11, item 3): the top bar's box, opened with `/` or Ctrl/⌘+K, finds
// words on the boards one may view and opens the board on the note that holds them.

const WORD = 'Marigoldlantern'
const NOTE_ID = 'shape:searchedNote'

interface Box {
	x: number
	y: number
	w: number
	h: number
}

/** Writes notes on the open board, the searched one far from where the board opens. */
async function writeNotes(person: Person): Promise<void> {
	await person.page.evaluate(
		({ word, noteId }) => {
			const editor = window.__circlespaceEditor as unknown as {
				createShapes(
					shapes: Array<{ id?: string; type: string; x: number; y: number; props: Record<string, unknown> }>,
				): void
			}
			const richText = (text: string) => ({
				type: 'doc',
				content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
			})
			editor.createShapes([
				{ type: 'note', x: 100, y: 100, props: { richText: richText('Check-in: how are we arriving?') } },
				{
					id: noteId,
					type: 'note',
					x: 4200,
					y: 2600,
					props: { richText: richText(`Our ${word} walk at dawn`) },
				},
			])
		},
		{ word: WORD, noteId: NOTE_ID },
	)
}

/** Which shapes the person has selected, and whether the searched note lies wholly in view. */
function focusOf(person: Person): Promise<{ selected: string[]; inView: boolean }> {
	return person.page.evaluate((noteId) => {
		const editor = window.__circlespaceEditor as unknown as
			| {
					getSelectedShapeIds(): string[]
					getShapePageBounds(id: string): Box | undefined
					getViewportPageBounds(): Box
			  }
			| undefined
		if (!editor) return { selected: [], inView: false }
		const view = editor.getViewportPageBounds()
		const note = editor.getShapePageBounds(noteId)
		const inView =
			note !== undefined &&
			note.x >= view.x &&
			note.y >= view.y &&
			note.x + note.w <= view.x + view.w &&
			note.y + note.h <= view.y + view.h
		return { selected: editor.getSelectedShapeIds(), inView }
	}, NOTE_ID)
}

test('a member finds a word written on a board with `/`, opens the note from the list, and someone outside the circle finds nothing', async ({
	alice,
	bob,
	board,
	newVisitor,
}) => {
	await alice.api('PATCH', `/api/boards/${board.id}`, { journeyDay: 3 })
	await alice.openBoard(board.id)
	await writeNotes(alice)
	// The server indexes a few seconds after the content is stored.
	await expect
		.poll(
			async () =>
				(
					await bob.api<{ results: { shapeId: string | null }[] }>('GET', `/api/search?q=${WORD}`)
				).results.map((result) => result.shapeId),
			{ timeout: 60_000 },
		)
		.toContain(NOTE_ID)

	const page = bob.page
	await page.goto('/')
	await expect(page.getByRole('heading', { level: 1, name: 'Welcome, Bob' })).toBeVisible()
	await page.keyboard.press('/')
	const box = page.getByRole('combobox', { name: 'Search boards' })
	await expect(box).toBeFocused()
	await box.pressSequentially(WORD.slice(0, 8).toLowerCase())
	const results = page.getByRole('listbox', { name: 'Search results' })
	const result = results.getByRole('option').filter({ hasText: board.title })
	await expect(result).toHaveCount(1)
	await expect(result).toContainText('Circle 7')
	await expect(result).toContainText('Day 3')
	// The word, typed in part, is marked where the note says it.
	await expect(result.locator('mark')).toHaveText([WORD])
	await expect(result).toContainText(`Our ${WORD} walk at dawn`)
	await expect(box).toHaveAttribute('aria-expanded', 'true')

	await picture(page, 'search-laptop', { fullPage: false })
	await page.setViewportSize({ width: 768, height: 900 })
	await expect(result).toBeVisible()
	await picture(page, 'search-tablet', { fullPage: false })
	await page.setViewportSize({ width: 1280, height: 800 })

	await box.press('ArrowDown')
	await expect(result).toHaveAttribute('aria-selected', 'true')
	await expect(box).toHaveAttribute('aria-activedescendant', (await result.getAttribute('id')) ?? '')
	await box.press('Enter')

	await expect(page).toHaveURL(`/b/${board.id}?shape=${encodeURIComponent(NOTE_ID)}`)
	await bob.expectReady()
	await expect.poll(() => focusOf(bob)).toEqual({ selected: [NOTE_ID], inView: true })
	await picture(page, 'search-opened-note', { fullPage: false })
	await expect(page.getByText('That note is no longer on this board.')).toHaveCount(0)

	// Someone of the instance outside the circle searching the same word sees none of it.
	const carol = await newVisitor('Carol')
	await carol.signUp()
	await carol.page.goto('/')
	await expect(carol.page.getByRole('heading', { level: 1, name: 'Welcome, Carol' })).toBeVisible()
	await carol.page.keyboard.press('/')
	await carol.page.getByRole('combobox', { name: 'Search boards' }).fill(WORD)
	await expect(
		carol.page
			.getByRole('search')
			.getByRole('paragraph')
			.filter({ hasText: `No results for “${WORD}”` }),
	).toBeVisible()
	await expect(carol.page.getByRole('option')).toHaveCount(0)
})

test('Ctrl+K opens the search, Escape closes it and gives focus back; Enter with nothing chosen shows every result', async ({
	alice,
	board,
}) => {
	await alice.openBoard(board.id)
	await writeNotes(alice)
	await expect
		.poll(
			async () => (await alice.api<{ results: unknown[] }>('GET', `/api/search?q=${WORD}`)).results.length,
			{
				timeout: 60_000,
			},
		)
		.toBeGreaterThan(0)

	const page = alice.page
	// The search box and the results page are light pages: no tldraw until a board opens.
	const tldrawLoads: string[] = []
	page.on('request', (request) => {
		if (/\/assets\/tldraw-[^/]+\.js$/.test(request.url())) tldrawLoads.push(request.url())
	})
	await page.goto('/')
	const home = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })
	await home.focus()
	await page.keyboard.press('Control+k')
	const box = page.getByRole('combobox', { name: 'Search boards' })
	await expect(box).toBeFocused()
	await box.pressSequentially(WORD)
	await expect(page.getByRole('option').filter({ hasText: board.title })).toHaveCount(1)
	await box.press('Escape')
	await expect(page.getByRole('listbox', { name: 'Search results' })).toBeHidden()
	await expect(home).toBeFocused()

	// `/` typed into a field is text, not the shortcut.
	await page.keyboard.press('/')
	await expect(box).toBeFocused()
	await expect(box).toHaveValue(WORD)
	await box.press('Enter')
	await expect(page).toHaveURL(`/search?q=${WORD}`)
	await expect(page.getByRole('heading', { level: 1, name: 'Search' })).toBeVisible()
	const link = page.getByRole('link').filter({ hasText: `Our ${WORD} walk at dawn` })
	await expect(link.locator('mark')).toHaveText([WORD])
	expect(tldrawLoads).toEqual([])
	await picture(page, 'search-page', { fullPage: false })
	await link.click()
	await alice.expectReady()
	await expect.poll(() => focusOf(alice)).toEqual({ selected: [NOTE_ID], inView: true })
})

test('a link to a note that is no longer on the board opens the board with a calm notice', async ({
	bob,
	board,
}) => {
	await bob.page.goto(`/b/${board.id}?shape=shape:longGone`)
	await bob.expectReady()
	await expect(bob.page.getByRole('status').getByText('That note is no longer on this board.')).toBeVisible()
})
