import type { Page } from '@playwright/test'
import type { Person } from '../fixtures/Person.ts'
import { expect, test } from '../fixtures/test.ts'
import { tldrFixture } from '../fixtures/tldrFixtures.ts'

// Boards open on their content (issue 9): a board made from a file, a page imported onto a
// board, and a board opened later from a link show their shapes, not an empty canvas.

/** The part of tldraw's editor these tests read, beyond what the shared fixture types. */
interface Box {
	x: number
	y: number
	w: number
	h: number
}
interface ViewEditor {
	getCurrentPageShapes(): { id: string }[]
	getShapePageBounds(id: string): Box | undefined
	getViewportPageBounds(): Box
	getZoomLevel(): number
}

/** How many of the current page's shapes lie wholly in view, and how many there are. */
function shapesInView(person: Person): Promise<{ inView: number; total: number; zoom: number }> {
	return person.page.evaluate(() => {
		const editor = window.__circlespaceEditor as unknown as ViewEditor | undefined
		if (!editor) return { inView: 0, total: 0, zoom: 0 }
		const view = editor.getViewportPageBounds()
		// Half a unit of slack: a fit puts the content's edges on the view's, up to rounding.
		const inside = (box: Box) =>
			box.x >= view.x - 0.5 &&
			box.y >= view.y - 0.5 &&
			box.x + box.w <= view.x + view.w + 0.5 &&
			box.y + box.h <= view.y + view.h + 0.5
		const shapes = editor.getCurrentPageShapes()
		const inView = shapes.filter((shape) => {
			const bounds = editor.getShapePageBounds(shape.id)
			return bounds !== undefined && inside(bounds)
		}).length
		return { inView, total: shapes.length, zoom: editor.getZoomLevel() }
	})
}

/** Waits until the person sees every shape of the page, and says how many there are. */
async function expectEveryShapeInView(person: Person, count: number): Promise<void> {
	await expect.poll(() => shapesInView(person)).toMatchObject({ inView: count, total: count })
	// Fitted, never blown up past 100%.
	expect((await shapesInView(person)).zoom).toBeLessThanOrEqual(1)
}

/** tldraw's "Back to content" helper button, shown over an empty view. */
function backToContent(page: Page) {
	return page.getByRole('button', { name: 'Back to content' })
}

test('a board made from a .tldr file opens on its shapes, for the facilitator who imported it and for a member who opens it later from a link', async ({
	alice,
	bob,
	space,
}) => {
	await alice.page.goto(`/c/${space.circle.id}`)
	const chooser = alice.page.waitForEvent('filechooser')
	await alice.page
		.getByRole('region', { name: 'Boards' })
		.getByRole('button', { name: 'Import a .tldr file' })
		.click()
	// Its 26 shapes sit around x = 9,500, far from where a view starts.
	await (await chooser).setFiles(tldrFixture('font-families.tldr'))
	await expect(alice.page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
	await alice.expectReady()
	await expectEveryShapeInView(alice, 26)
	await expect(backToContent(alice.page)).toHaveCount(0)

	const boardId = new URL(alice.page.url()).pathname.split('/').pop() as string
	await bob.openBoard(boardId)
	await expectEveryShapeInView(bob, 26)
	await expect(backToContent(bob.page)).toHaveCount(0)
})

test('a page imported onto a board opens on its shapes', async ({ bob, board }) => {
	await bob.openBoard(board.id)
	await bob.drawRectangle({ x: 300, y: 300 }, { x: 460, y: 420 })
	await bob.page.getByRole('button', { name: 'Export' }).click()
	const chooser = bob.page.waitForEvent('filechooser')
	await bob.page.getByRole('button', { name: 'Import .tldr onto this board…' }).click()
	// A tldraw 1 document whose ten shapes lie around (7,000, −900).
	await (await chooser).setFiles(tldrFixture('legacy-tldraw-v1-document.tldr'))
	await expect
		.poll(() => bob.page.evaluate(() => window.__circlespaceEditor?.getCurrentPage().name))
		.toMatch(/^Imported: /)
	await expectEveryShapeInView(bob, 10)
})

test('a board whose content is in view when it opens keeps the view people drew it in', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	await alice.drawRectangle({ x: 300, y: 300 }, { x: 460, y: 420 })
	await bob.openBoard(board.id)
	await expect.poll(async () => (await bob.shapeIds()).length).toBe(1)
	const seen = await bob.page.evaluate(() => {
		const editor = window.__circlespaceEditor
		if (!editor) throw new Error('no editor')
		const { x, y } = editor.getViewportPageBounds()
		return { x, y, zoom: editor.getZoomLevel() }
	})
	// Still the origin at 100%, where Alice drew it: nothing jumped.
	expect(seen.x).toBeCloseTo(0)
	expect(seen.y).toBeCloseTo(0)
	expect(seen.zoom).toBe(1)
})
