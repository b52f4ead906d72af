import { readFile } from 'node:fs/promises'
import { inflateSync } from 'node:zlib'
import type { Download, Locator, Page } from '@playwright/test'
import type { Person } from '../fixtures/Person.ts'
import { expect, test } from '../fixtures/test.ts'
import { tldrFixture } from '../fixtures/tldrFixtures.ts'

// Snapshots, exports and imports (issue 4), driven through the web app as a facilitator and
// the members of their circle use it.

/** The board's history panel (a region named "History"). */
function historyPanel(page: Page) {
	return page.getByRole('complementary', { name: 'History' })
}

/** Opens the history panel from the top bar. */
async function openHistory(person: Person) {
	await person.page.getByRole('button', { name: 'History', exact: true }).click()
	await expect(historyPanel(person.page)).toBeVisible()
	await expect(historyPanel(person.page).getByText('Loading the history…')).toHaveCount(0)
}

/** The history's entry for a snapshot, found by its title. */
function snapshotEntry(page: Page, title: string) {
	return historyPanel(page)
		.getByRole('listitem')
		.filter({ has: page.getByRole('link', { name: title, exact: true }) })
}

/** The width of the thumbnail image an entry of the history shows, once loaded; 0 while it has none. */
function thumbnailWidth(entry: Locator): Promise<number> {
	return entry
		.locator('img')
		.evaluateAll((images) => images.map((image) => (image as HTMLImageElement).naturalWidth)[0] ?? 0)
}

/** Picks a menu item of the top bar's Export menu and waits for the file it downloads. */
async function exportFrom(page: Page, item: RegExp | string): Promise<Download> {
	await page.getByRole('button', { name: 'Export' }).click()
	const download = page.waitForEvent('download')
	await page.getByRole('button', { name: item }).click()
	return download
}

/**
 * How many shapes a tldraw 1 file holds, read from its JSON (`document.pages[*].shapes`): the
 * web app converts such a file with tldraw's converter before it uploads it.
 */
async function v1ShapeCount(fixture: string): Promise<number> {
	const file = JSON.parse(await readFile(tldrFixture(fixture), 'utf8')) as {
		document: { pages: Record<string, { shapes: Record<string, unknown> }> }
	}
	return Object.values(file.document.pages).reduce((sum, page) => sum + Object.keys(page.shapes).length, 0)
}

async function downloadedText(download: Download): Promise<string> {
	const path = await download.path()
	return readFile(path, 'utf8')
}

test('a facilitator saves a snapshot with a thumbnail and restores it: everyone sees the earlier board, and the board as it was is kept', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)
	const first = await alice.drawRectangle({ x: 300, y: 300 }, { x: 460, y: 420 })
	await expect.poll(() => bob.shapeIds()).toEqual([first])

	await openHistory(alice)
	await expect(historyPanel(alice.page).getByText('No snapshots yet.')).toBeVisible()
	await historyPanel(alice.page).getByLabel('Snapshot title (optional)').fill('Our first idea')
	await historyPanel(alice.page).getByRole('button', { name: 'Save snapshot' }).click()

	const saved = snapshotEntry(alice.page, 'Our first idea')
	await expect(saved).toContainText('1 shape')
	await expect(saved).toContainText('by Alice')
	// The thumbnail is drawn by Alice's browser after the snapshot is saved, then shown.
	await expect.poll(() => thumbnailWidth(saved)).toBeGreaterThan(0)

	const second = await alice.drawRectangle({ x: 600, y: 300 }, { x: 720, y: 420 })
	await expect.poll(() => bob.shapeIds()).toEqual([first, second].sort())

	await saved.getByRole('button', { name: 'Restore Our first idea' }).click()
	const dialog = alice.page.getByRole('dialog', { name: 'Restore “Our first idea”?' })
	await expect(dialog).toContainText('the board as it is now is saved first')
	await dialog.getByRole('button', { name: 'Restore', exact: true }).click()
	await expect(dialog).toBeHidden()

	await expect.poll(() => alice.shapeIds()).toEqual([first])
	await expect.poll(() => bob.shapeIds()).toEqual([first])

	const before = snapshotEntry(alice.page, 'Before restoring Our first idea')
	await expect(before).toContainText('Before restore')
	await expect(before).toContainText('2 shapes')
	// Alice's browser drew the board as it was just before the restore for that snapshot too.
	await expect.poll(() => thumbnailWidth(before)).toBeGreaterThan(0)
	// Newest first: the state kept before the restore comes above the snapshot restored.
	await expect(historyPanel(alice.page).getByRole('listitem').first()).toContainText(
		'Before restoring Our first idea',
	)

	// Escape closes the panel and gives focus back to the button that opened it.
	await historyPanel(alice.page).getByRole('heading', { name: 'History' }).focus()
	await alice.page.keyboard.press('Escape')
	await expect(historyPanel(alice.page)).toHaveCount(0)
	const toggle = alice.page.getByRole('button', { name: 'History', exact: true })
	await expect(toggle).toBeFocused()
	await expect(toggle).toHaveAttribute('aria-expanded', 'false')
})

test('a member sees the history and opens a snapshot read-only, but cannot save or restore', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)
	const kept = await alice.drawRectangle({ x: 300, y: 300 }, { x: 460, y: 420 })
	await expect.poll(() => bob.shapeIds()).toEqual([kept])
	await alice.api('POST', `/api/boards/${board.id}/snapshots`, { title: 'Kept for later' })
	const later = await alice.drawRectangle({ x: 600, y: 300 }, { x: 720, y: 420 })
	await expect.poll(() => bob.shapeIds()).toEqual([kept, later].sort())

	await openHistory(bob)
	const entry = snapshotEntry(bob.page, 'Kept for later')
	await expect(entry).toContainText('1 shape')
	await expect(historyPanel(bob.page).getByRole('button', { name: 'Save snapshot' })).toHaveCount(0)
	await expect(historyPanel(bob.page).getByRole('button', { name: /^Restore/ })).toHaveCount(0)

	await entry.getByRole('link', { name: 'Kept for later' }).click()
	await expect(bob.page).toHaveURL(new RegExp(`/b/${board.id}/s/[A-Za-z0-9_-]+$`))
	await expect(bob.page.getByRole('region', { name: 'Snapshot' })).toContainText(
		/Snapshot: Kept for later — .+, read-only/,
	)
	await expect(bob.page.getByRole('button', { name: 'Restore this snapshot' })).toHaveCount(0)
	// The snapshot's content, in an editor that takes no edits; the live board is untouched.
	await expect.poll(() => bob.shapeIds()).toEqual([kept])
	expect(await bob.page.evaluate(() => window.__circlespaceEditor?.getInstanceState().isReadonly)).toBe(true)
	await expect.poll(() => alice.shapeIds()).toEqual([kept, later].sort())

	await bob.page.getByRole('link', { name: 'Back to the live board' }).click()
	await bob.expectReady()
	await expect.poll(() => bob.shapeIds()).toEqual([kept, later].sort())
})

test('the board exports as a .tldr file tldraw reads, and as PNG and SVG images', async ({
	alice,
	board,
}) => {
	await alice.openBoard(board.id)
	const shape = await alice.drawRectangle({ x: 300, y: 300 }, { x: 460, y: 420 })
	// The server builds the .tldr from what it holds: wait until it holds the shape.
	await expect
		.poll(async () =>
			(await alice.api<{ records: { id: string }[] }>('GET', `/api/boards/${board.id}/tldr`)).records.map(
				(r) => r.id,
			),
		)
		.toContain(shape)

	const tldr = await exportFrom(alice.page, /^\.tldr file/)
	expect(tldr.suggestedFilename()).toMatch(/\.tldr$/)
	const file = JSON.parse(await downloadedText(tldr)) as {
		tldrawFileFormatVersion: number
		records: { id: string; typeName: string }[]
	}
	expect(file.tldrawFileFormatVersion).toBe(1)
	expect(file.records.filter((record) => record.typeName === 'shape').map((record) => record.id)).toEqual([
		shape,
	])

	const png = await exportFrom(alice.page, 'PNG image')
	expect(png.suggestedFilename()).toMatch(/\.png$/)
	const pngBytes = await readFile(await png.path())
	expect(pngBytes.subarray(1, 4).toString('latin1')).toBe('PNG')

	const svg = await exportFrom(alice.page, 'SVG image')
	expect(svg.suggestedFilename()).toMatch(/\.svg$/)
	expect(await downloadedText(svg)).toContain('<svg')
})

test('an SVG export of the page carries the text of its shapes', async ({ alice, board }) => {
	await alice.openBoard(board.id)
	await alice.page.evaluate(() => {
		const editor = window.__circlespaceEditor as unknown as {
			createShapes(
				shapes: Array<{ type: string; x: number; y: number; props: Record<string, unknown> }>,
			): void
		}
		const richText = (text: string) => ({
			type: 'doc',
			content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
		})
		editor.createShapes([
			{ type: 'note', x: 100, y: 100, props: { richText: richText('Trust grows in small acts') } },
			{ type: 'text', x: 400, y: 120, props: { richText: richText('Listening before answering') } },
		])
	})
	await alice.page.getByRole('button', { name: 'Export' }).click()
	await alice.page.getByLabel('Image of').selectOption({ label: 'The whole page' })
	const download = alice.page.waitForEvent('download')
	await alice.page.getByRole('button', { name: 'SVG image' }).click()
	const svg = await downloadedText(await download)
	expect(svg).toContain('Trust grows in small acts')
	expect(svg).toContain('Listening before answering')
})

test('a .tldr file imported on the circle page becomes a new board; a file the server refuses gets its explanation', async ({
	alice,
	space,
}) => {
	const page = alice.page
	const boards = page.getByRole('region', { name: 'Boards' })

	/** Picks a file with the circle page's import button, as a facilitator does. */
	async function importOnCirclePage(fixture: string) {
		const chooser = page.waitForEvent('filechooser')
		await boards.getByRole('button', { name: 'Import a .tldr file' }).click()
		await (await chooser).setFiles(tldrFixture(fixture))
	}

	await page.goto(`/c/${space.circle.id}`)
	// An early tldraw 2 file (an old schema, migrated by the server): one drawing.
	await importOnCirclePage('early-v2-alpha.tldr')
	await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('early-v2-alpha')
	await alice.expectReady()
	await expect.poll(async () => (await alice.shapes()).map((shape) => shape.type)).toEqual(['draw'])

	await page.goto(`/c/${space.circle.id}`)
	await importOnCirclePage('invalid-not-json.tldr')
	await expect(boards.getByRole('alert')).toContainText('This file is not a tldraw file: it is not JSON.')
	// A file over the limit is refused before it is sent.
	const tooLarge = page.waitForEvent('filechooser')
	await boards.getByRole('button', { name: 'Import a .tldr file' }).click()
	await (await tooLarge).setFiles({
		name: 'huge.tldr',
		mimeType: 'application/json',
		buffer: Buffer.alloc(20 * 1024 * 1024 + 1, 0x20),
	})
	await expect(boards.getByRole('alert')).toContainText('“huge.tldr” is larger than the import limit (20 MB)')
	await expect(page).toHaveURL(new RegExp(`/c/${space.circle.id}$`))
	await expect(boards.getByRole('listitem')).toHaveCount(1)

	// A tldraw 1 document is converted in the browser by tldraw's own converter, then imported
	// like any other file: every shape of it arrives on the new board.
	await importOnCirclePage('font-families.tldr')
	await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('font-families')
	await alice.expectReady()
	const shapeCount = await v1ShapeCount('font-families.tldr')
	await expect.poll(async () => (await alice.shapes()).length).toBe(shapeCount)
	await page.goto(`/c/${space.circle.id}`)
	await expect(boards.getByRole('listitem')).toHaveCount(2)
})

test('an editor imports a .tldr file onto a board: its shapes arrive on a new page, which opens', async ({
	alice,
	bob,
	board,
}) => {
	await bob.openBoard(board.id)
	const mine = await bob.drawRectangle({ x: 300, y: 300 }, { x: 460, y: 420 })

	await bob.page.getByRole('button', { name: 'Export' }).click()
	const chooser = bob.page.waitForEvent('filechooser')
	await bob.page.getByRole('button', { name: 'Import .tldr onto this board…' }).click()
	await (await chooser).setFiles(tldrFixture('early-v2-alpha.tldr'))

	await expect
		.poll(() => bob.page.evaluate(() => window.__circlespaceEditor?.getCurrentPage().name))
		.toMatch(/^Imported: /)
	await expect.poll(async () => (await bob.shapes()).map((shape) => shape.type)).toEqual(['draw'])
	const pageCount = () =>
		bob.page.evaluate(() => {
			// `getPages` is tldraw's; the tests' own type of the editor leaves it out.
			const editor = window.__circlespaceEditor as { getPages(): unknown[] } | undefined
			return editor?.getPages().length
		})
	expect(await pageCount()).toBe(2)

	// A tldraw 1 document is converted in the browser first (in an editor of its own, never the
	// board's), then its shapes arrive on one more new page.
	await bob.page.getByRole('button', { name: 'Export' }).click()
	const v1Chooser = bob.page.waitForEvent('filechooser')
	await bob.page.getByRole('button', { name: 'Import .tldr onto this board…' }).click()
	await (await v1Chooser).setFiles(tldrFixture('legacy-tldraw-v1-document.tldr'))
	await expect.poll(pageCount).toBe(3)
	// The new page opens: its shapes are the file's texts, arrows and sticky note.
	const shapeCount = await v1ShapeCount('legacy-tldraw-v1-document.tldr')
	await expect.poll(async () => (await bob.shapes()).length).toBe(shapeCount)
	const kinds = [...new Set((await bob.shapes()).map((shape) => shape.type))].sort()
	expect(kinds).toEqual(['arrow', 'note', 'text'])

	// Nothing else on the board was touched: the first page still holds the rectangle.
	await alice.openBoard(board.id)
	await expect.poll(() => alice.shapeIds()).toEqual([mine])
})

test("the board exports as a PDF with one page per frame, and its PNG has the board's proportions and is not blank", async ({
	alice,
	board,
}) => {
	await alice.openBoard(board.id)
	await alice.page.evaluate(() => {
		const editor = window.__circlespaceEditor as unknown as {
			createShapes(
				shapes: Array<{ type: string; x: number; y: number; props: Record<string, unknown> }>,
			): void
		}
		editor.createShapes([
			{ type: 'frame', x: 0, y: 0, props: { w: 400, h: 300, name: 'Check-in' } },
			{ type: 'frame', x: 0, y: 400, props: { w: 400, h: 300, name: 'Harvest' } },
			{ type: 'geo', x: 40, y: 40, props: { w: 120, h: 80, geo: 'rectangle', fill: 'solid', color: 'blue' } },
		])
	})

	const pdf = await exportFrom(alice.page, /^PDF document/)
	expect(pdf.suggestedFilename()).toMatch(/\.pdf$/)
	const { PDFDocument } = await import('pdf-lib')
	const pdfDocument = await PDFDocument.load(await readFile(await pdf.path()))
	expect(pdfDocument.getPageCount()).toBe(2)

	// The whole page: 400 × 700 of frames, so the image is about four wide for seven high.
	await alice.page.getByRole('button', { name: 'Export' }).click()
	await alice.page.getByLabel('Image of').selectOption({ label: 'The whole page' })
	const download = alice.page.waitForEvent('download')
	await alice.page.getByRole('button', { name: 'PNG image' }).click()
	const png = await readFile(await (await download).path())
	const width = png.readUInt32BE(16)
	const height = png.readUInt32BE(20)
	expect(width / height).toBeGreaterThan((400 / 700) * 0.85)
	expect(width / height).toBeLessThan((400 / 700) * 1.15)
	// Not blank: some pixels differ from the background (drawn in this browser to read them).
	const inked = await alice.page.evaluate(async (base64) => {
		const image = new Image()
		image.src = `data:image/png;base64,${base64}`
		await image.decode()
		const canvas = document.createElement('canvas')
		canvas.width = image.naturalWidth
		canvas.height = image.naturalHeight
		const context = canvas.getContext('2d') as CanvasRenderingContext2D
		context.drawImage(image, 0, 0)
		const { data } = context.getImageData(0, 0, canvas.width, canvas.height)
		let differing = 0
		for (let i = 0; i < data.length; i += 4) {
			if (Math.abs((data[i] ?? 0) - (data[0] ?? 0)) + Math.abs((data[i + 2] ?? 0) - (data[2] ?? 0)) > 60)
				differing++
		}
		return differing / (data.length / 4)
	}, png.toString('base64'))
	expect(inked).toBeGreaterThan(0.01)
})

/** The text drawn on a PDF's pages (pdf-lib writes zlib streams of hex WinAnsi strings). */
function pdfTexts(bytes: Buffer): string[] {
	const raw = bytes.toString('latin1')
	const texts: string[] = []
	for (const match of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
		let content: string
		try {
			content = inflateSync(Buffer.from(match[1] ?? '', 'latin1')).toString('latin1')
		} catch {
			continue
		}
		for (const hex of content.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g))
			texts.push(Buffer.from(hex[1] ?? '', 'hex').toString('latin1'))
	}
	return texts
}

test('the snapshot of a live session exports as a session report: a cover with the session, then the board', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)
	await alice.drawRectangle({ x: 300, y: 300 }, { x: 460, y: 420 })
	await alice.api('POST', `/api/boards/${board.id}/session`, {
		title: 'Listening circle',
		agenda: ['Check-in', 'Pairs'],
	})
	const ended = await alice.api<{ snapshot: { id: string } }>('POST', `/api/boards/${board.id}/session/end`)

	await alice.page.goto(`/b/${board.id}/s/${ended.snapshot.id}`)
	await expect(alice.page.getByText('read-only')).toBeVisible()
	const report = await exportFrom(alice.page, /^Session report/)
	expect(report.suggestedFilename()).toMatch(/report\.pdf$/)
	const bytes = await readFile(await report.path())
	const { PDFDocument } = await import('pdf-lib')
	expect((await PDFDocument.load(bytes)).getPageCount()).toBe(2)
	const texts = pdfTexts(bytes)
	expect(texts[1]).toBe('Listening circle')
	expect(texts).toContain('1. Check-in')
	expect(texts.some((text) => text.includes('Alice'))).toBe(true)
})
