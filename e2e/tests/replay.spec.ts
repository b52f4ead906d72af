import type { Page } from '@playwright/test'
import type { Person } from '../fixtures/Person.ts'
import { readBoardDocument } from '../fixtures/readBoardDocument.ts'
import { expect, test } from '../fixtures/test.ts'

// Session replay: a facilitator and a member draw during a live session; afterwards the
// session's replay plays the board as it grew, read-only, and a moment of it becomes a new board.

/** The session bar under the board's top bar. */
function sessionBar(page: Page) {
	return page.getByRole('region', { name: 'Live session' })
}

/** Adds a sticky note with text through the toolbar, as a person does in a session. */
async function addNote(person: Person, at: { x: number; y: number }, text: string): Promise<void> {
	const before = (await noteTexts(person)).length
	await person.page.getByTestId('tools.note').click()
	await person.page.mouse.click(at.x, at.y)
	await person.page.keyboard.type(text)
	await person.page.keyboard.press('Escape')
	await expect.poll(() => noteTexts(person)).toHaveLength(before + 1)
}

/** The texts of the sticky notes the person's page shows (live board or replay), sorted. */
function noteTexts(person: Person): Promise<string[]> {
	return person.page.evaluate(() => {
		const editor = window.__circlespaceEditor
		if (!editor) return []
		const textOf = (node: unknown): string => {
			if (!node || typeof node !== 'object') return ''
			const { text, content } = node as { text?: unknown; content?: unknown }
			if (typeof text === 'string') return text
			return Array.isArray(content) ? content.map(textOf).join('') : ''
		}
		return editor
			.getCurrentPageShapes()
			.filter((shape) => shape.type === 'note')
			.map((shape) => textOf(shape.props.richText))
			.sort()
	})
}

/** The plain text of a note's rich text (a ProseMirror document). */
function plainText(node: unknown): string {
	if (!node || typeof node !== 'object') return ''
	const { text, content } = node as { text?: unknown; content?: unknown }
	if (typeof text === 'string') return text
	return Array.isArray(content) ? content.map(plainText).join('') : ''
}

/** The texts of the sticky notes the server stores for a board, sorted. */
async function storedNoteTexts(person: Person, boardId: string): Promise<string[]> {
	const records = await readBoardDocument(person, boardId)
	return [...records.values()]
		.map((json) => JSON.parse(json) as { typeName: string; type?: string; props?: { richText?: unknown } })
		.filter((record) => record.typeName === 'shape' && record.type === 'note')
		.map((record) => plainText(record.props?.richText))
		.sort()
}

const beforeHarvest = ['Arriving slowly', 'Glad to be here']
const afterHarvest = ['Trust grows in small acts', 'What surprised me']
const everyNote = [...beforeHarvest, ...afterHarvest].sort()

test('a past session replays read-only: play and pause, speeds, agenda and snapshot marks, start and end, and a moment restored as a new board', async ({
	alice,
	bob,
	board,
	space,
}) => {
	test.slow()
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)

	await alice.page.getByRole('button', { name: 'Start session' }).click()
	const dialog = alice.page.getByRole('dialog', { name: 'Start a live session' })
	await dialog.getByLabel('Title').fill('Morning circle')
	await dialog.getByLabel('Agenda (optional)').fill('Arrive\nHarvest')
	await dialog.getByRole('button', { name: 'Start session' }).click()
	await expect(dialog).toBeHidden()
	await expect(sessionBar(bob.page)).toContainText('Arrive')

	// Under the first agenda item, one note each; each sees the other's.
	await addNote(alice, { x: 300, y: 330 }, 'Arriving slowly')
	await addNote(bob, { x: 650, y: 330 }, 'Glad to be here')
	await expect.poll(() => noteTexts(alice)).toEqual(beforeHarvest)
	await expect.poll(() => noteTexts(bob)).toEqual(beforeHarvest)

	// The next agenda item, then one more note each.
	await sessionBar(alice.page).getByRole('button', { name: 'Next agenda item' }).click()
	await expect(sessionBar(bob.page)).toContainText('Harvest')
	await addNote(bob, { x: 300, y: 580 }, 'What surprised me')
	await addNote(alice, { x: 650, y: 580 }, 'Trust grows in small acts')
	await expect.poll(() => noteTexts(alice)).toEqual(everyNote)
	await expect.poll(() => noteTexts(bob)).toEqual(everyNote)

	await sessionBar(alice.page).getByRole('button', { name: 'End session' }).click()
	await alice.page
		.getByRole('dialog', { name: 'End the live session?' })
		.getByRole('button', { name: 'End session' })
		.click()
	for (const person of [alice, bob]) await expect(sessionBar(person.page)).toHaveCount(0)
	await expect.poll(() => storedNoteTexts(bob, board.id)).toEqual(everyNote)

	// Alice opens the replay from the circle's past sessions; Bob stays on the live board.
	await alice.page.goto(`/c/${space.circle.id}`)
	await alice.page
		.getByRole('region', { name: 'Past sessions' })
		// The meta line's separator ("·") is drawn, not read: the link is named by its words alone.
		.getByRole('link', { name: 'Replay Morning circle', exact: true })
		.click()
	const page = alice.page
	await expect(page).toHaveURL(new RegExp(`/b/${board.id}/replay\\?session=[A-Za-z0-9_-]+$`))
	await expect(page.getByRole('region', { name: 'Replay', exact: true })).toContainText(
		'Replay — Session: Morning circle, read-only',
	)
	const controls = page.getByRole('region', { name: 'Replay controls' })
	const play = controls.getByRole('button', { name: 'Play', exact: true })
	const pause = controls.getByRole('button', { name: 'Pause', exact: true })
	const moment = controls.getByRole('slider', { name: 'Moment of the replay' })
	await expect(play).toBeVisible()
	// The whole session has arrived: the status no longer says it is loading.
	await expect(controls.getByRole('status')).toHaveText('')

	// It opens at the session's start, before anyone drew.
	await expect(moment).toHaveAttribute('aria-valuetext', /^0:00 of \d+:\d\d$/)
	await expect.poll(() => noteTexts(alice)).toEqual([])

	// The speeds on offer, and the marks on the scrubber: both agenda items and the end snapshot.
	const speed = controls.getByLabel('Speed')
	await expect(speed.locator('option')).toHaveText(['1×', '2×', '5×', '10×', '30×', '60×'])
	const arriveMark = controls.getByRole('button', { name: /^Jump to agenda item “Arrive”, 0:00$/ })
	const harvestMark = controls.getByRole('button', { name: /^Jump to agenda item “Harvest”, \d+:\d\d$/ })
	const snapshotMark = controls.getByRole('button', {
		name: /^Jump to snapshot “Morning circle — .+”, \d+:\d\d$/,
	})
	for (const mark of [arriveMark, harvestMark, snapshotMark]) await expect(mark).toBeVisible()

	// Play at real speed moves the moment on; pause holds it.
	await speed.selectOption({ label: '1×' })
	await play.click()
	await expect(pause).toBeVisible()
	await expect(moment).not.toHaveAttribute('aria-valuetext', /^0:00 of /)
	await pause.click()
	await expect(play).toBeVisible()
	const paused = await moment.getAttribute('aria-valuetext')
	// That it stays put can only be seen over time: playing at 1×, 1.5 s would move the clock on.
	await page.waitForTimeout(1500)
	await expect(moment).toHaveAttribute('aria-valuetext', paused ?? '')

	// At 60× it plays on to the end, which holds every note of the session.
	await speed.selectOption({ label: '60×' })
	await play.click()
	await expect(play).toBeVisible()
	await expect(moment).toHaveAttribute('aria-valuetext', /^(\d+:\d\d) of \1$/)
	await expect.poll(() => noteTexts(alice)).toEqual(everyNote)

	// From the keyboard: Home goes back to the start, End to the end.
	await moment.press('Home')
	await expect(moment).toHaveAttribute('aria-valuetext', /^0:00 of /)
	await expect.poll(() => noteTexts(alice)).toEqual([])
	await moment.press('End')
	await expect(moment).toHaveAttribute('aria-valuetext', /^(\d+:\d\d) of \1$/)
	await expect.poll(() => noteTexts(alice)).toEqual(everyNote)
	await page.screenshot({ path: '/tmp/replay.png' })

	// Read-only: selecting everything and pressing Delete removes nothing, here or on the board.
	await page.locator('.tl-canvas').click({ position: { x: 60, y: 250 } })
	await page.keyboard.press('ControlOrMeta+a')
	await page.keyboard.press('Delete')
	expect(await noteTexts(alice)).toEqual(everyNote)

	// The agenda mark goes to where the second item began: the two notes of the first.
	await harvestMark.click()
	await expect.poll(() => noteTexts(alice)).toEqual(beforeHarvest)
	await arriveMark.click()
	await expect.poll(() => noteTexts(alice)).toEqual([])
	await harvestMark.click()
	await expect.poll(() => noteTexts(alice)).toEqual(beforeHarvest)

	// The live board did not change while the replay played.
	expect(await noteTexts(bob)).toEqual(everyNote)
	expect(await storedNoteTexts(bob, board.id)).toEqual(everyNote)

	// That moment becomes a new board of the circle, which opens with that moment's notes.
	await page.getByRole('button', { name: 'Restore this moment as a new board' }).click()
	await expect(page).toHaveURL(/\/b\/[A-Za-z0-9_-]+$/)
	expect(new URL(page.url()).pathname).not.toBe(`/b/${board.id}`)
	await alice.expectReady()
	await expect(page.getByRole('heading', { level: 1 })).toContainText(`${board.title} as at `)
	await expect.poll(() => noteTexts(alice)).toEqual(beforeHarvest)
	const restoredId = new URL(page.url()).pathname.split('/').at(-1) as string
	await expect.poll(() => storedNoteTexts(bob, restoredId)).toEqual(beforeHarvest)

	// And the live board still holds the whole session.
	expect(await noteTexts(bob)).toEqual(everyNote)
	expect(await storedNoteTexts(bob, board.id)).toEqual(everyNote)
})

/** A moment `offsetMs` from now as the person's `datetime-local` inputs write it: their local time, to the minute. */
function localInput(person: Person, offsetMs: number): Promise<string> {
	return person.page.evaluate((offset) => {
		const date = new Date(Date.now() + offset)
		const two = (n: number) => String(n).padStart(2, '0')
		const day = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())}`
		return `${day}T${two(date.getHours())}:${two(date.getMinutes())}`
	}, offsetMs)
}

/** Hours from one `datetime-local` text to another, as the person's browser reads them. */
function hoursBetween(person: Person, from: string, to: string): Promise<number> {
	return person.page.evaluate(([a, b]) => (new Date(b).getTime() - new Date(a).getTime()) / (60 * 60_000), [
		from,
		to,
	] as const)
}

test('a stretch of time replays from the history panel: a member chooses it, plays it to its end and sees the edits; a wrong range says why', async ({
	alice,
	bob,
	board,
}) => {
	test.slow()
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)
	// The stretch starts the minute before anyone draws.
	const start = await localInput(bob, -60_000)

	await addNote(alice, { x: 300, y: 330 }, 'A first thought')
	await addNote(bob, { x: 650, y: 330 }, 'A reply')
	const notes = ['A first thought', 'A reply']
	await expect.poll(() => noteTexts(alice)).toEqual(notes)
	await expect.poll(() => storedNoteTexts(bob, board.id)).toEqual(notes)

	// Bob, a member, opens the history: the form opens on the last hour, up to the minute after now.
	const endBefore = await localInput(bob, 60_000)
	await bob.page.getByRole('button', { name: 'History', exact: true }).click()
	const history = bob.page.getByRole('complementary', { name: 'History' })
	const form = history.getByRole('region', { name: 'Replay a stretch of time' })
	const from = form.getByLabel('From')
	const to = form.getByLabel('To')
	const replay = form.getByRole('button', { name: 'Replay', exact: true })
	await expect(to).not.toHaveValue('')
	// A minute may turn while the panel opens: the end is the one of just before or just after.
	expect([endBefore, await localInput(bob, 60_000)]).toContain(await to.inputValue())
	expect(await hoursBetween(bob, await from.inputValue(), await to.inputValue())).toBe(1)
	await expect(form.getByRole('group', { name: 'Quick choices' }).getByRole('button')).toHaveText([
		'Last hour',
		'Today',
		'Last 24 hours',
	])
	await bob.page.screenshot({ path: '/tmp/range-1280.png' })

	// An end that is not after the start: the message is beside "To", read with it, and focus goes there.
	await from.fill(start)
	await to.fill(start)
	await replay.click()
	const notAfter = 'The end must be after the start.'
	await expect(form.getByText(notAfter)).toBeVisible()
	await expect(to).toHaveAccessibleDescription(notAfter)
	await expect(to).toHaveAttribute('aria-invalid', 'true')
	await expect(to).toBeFocused()
	await expect(bob.page).toHaveURL(new RegExp(`/b/${board.id}$`))

	// More than a day: the server would refuse it, and so does the form, before asking.
	await from.fill(await localInput(bob, -2 * 24 * 60 * 60_000))
	await expect(form.getByText(notAfter)).toHaveCount(0)
	await to.fill(await localInput(bob, 60_000))
	await replay.press('Enter')
	const tooLong = 'A replay covers at most 24 hours: choose a shorter stretch.'
	await expect(to).toHaveAccessibleDescription(tooLong)
	await bob.page.screenshot({ path: '/tmp/range-error.png' })

	// A quick choice puts the range right; then Bob types the start of his stretch.
	await form.getByRole('button', { name: 'Last hour' }).click()
	await expect(form.getByText(tooLong)).toHaveCount(0)
	await expect(to).not.toHaveAttribute('aria-invalid', 'true')
	await from.fill(start)
	await replay.click()

	// The replay of that stretch: its address holds the range in UTC, read as Bob's local time.
	const page = bob.page
	await expect(page).toHaveURL(new RegExp(`/b/${board.id}/replay\\?from=[^&]+&to=[^&]+$`))
	const asked = new URL(page.url()).searchParams
	expect(
		await page.evaluate(([iso, local]) => new Date(iso).getTime() === new Date(local).getTime(), [
			asked.get('from') ?? '',
			start,
		] as const),
	).toBe(true)
	const banner = page.getByRole('region', { name: 'Replay', exact: true })
	await expect(banner).toContainText(/^Replay — .+ – .+, read-only/)
	await expect(banner).not.toContainText('Session')
	await expect(page).toHaveTitle(new RegExp(`^Replay · ${board.title.slice(0, 20)}.*, .+ · Circlespace$`))

	// It opens at the start, before anyone drew, and plays on to the end, which holds both notes.
	const controls = page.getByRole('region', { name: 'Replay controls' })
	const play = controls.getByRole('button', { name: 'Play', exact: true })
	const moment = controls.getByRole('slider', { name: 'Moment of the replay' })
	await expect(controls.getByRole('status')).toHaveText('')
	await expect(moment).toHaveAttribute('aria-valuetext', /^0:00 of \d+:\d\d$/)
	await expect.poll(() => noteTexts(bob)).toEqual([])
	await controls.getByLabel('Speed').selectOption({ label: '60×' })
	await play.click()
	await expect(controls.getByRole('button', { name: 'Pause', exact: true })).toBeVisible()
	await expect(play).toBeVisible()
	await expect(moment).toHaveAttribute('aria-valuetext', /^(\d+:\d\d) of \1$/)
	await expect.poll(() => noteTexts(bob)).toEqual(notes)

	// A stretch in which nothing happened (before the board was made) says so, over the canvas too.
	const hourAgo = Date.now() - 60 * 60_000
	const empty = new URLSearchParams({
		from: new Date(hourAgo - 60 * 60_000).toISOString(),
		to: new Date(hourAgo).toISOString(),
	})
	await page.goto(`/b/${board.id}/replay?${empty}`)
	await expect(controls.getByRole('status')).toHaveText(
		'Nothing happened on the board in this stretch of time.',
	)
	await expect(page.getByRole('main').getByText('Nothing to replay here.')).toBeVisible()
	await page.screenshot({ path: '/tmp/range-empty.png' })

	// At tablet width the history lies over the canvas, and the form fits in it.
	await page.goto(`/b/${board.id}`)
	await bob.expectReady()
	await page.setViewportSize({ width: 768, height: 1024 })
	await page.getByRole('button', { name: 'History', exact: true }).click()
	await expect(form).toBeVisible()
	await page.screenshot({ path: '/tmp/range-768.png' })

	// A facilitator sees the form too, under the one that saves a snapshot.
	await alice.page.getByRole('button', { name: 'History', exact: true }).click()
	await expect(
		alice.page
			.getByRole('complementary', { name: 'History' })
			.getByRole('region', { name: 'Replay a stretch of time' }),
	).toBeVisible()
	await alice.page.screenshot({ path: '/tmp/range-facilitator.png' })
})
