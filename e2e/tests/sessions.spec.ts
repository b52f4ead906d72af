import type { Page } from '@playwright/test'
import type { Person } from '../fixtures/Person.ts'
import { expect, test } from '../fixtures/test.ts'

// Live sessions (issue 4): a facilitator and two members of the circle in separate browsers.

/** The session bar under the board's top bar. */
function sessionBar(page: Page) {
	return page.getByRole('region', { name: 'Live session' })
}

/** The centre of what a person sees of the board (page coordinates) and their zoom. */
function view(person: Person): Promise<{ x: number; y: number; z: number }> {
	return person.page.evaluate(() => {
		const editor = window.__circlespaceEditor
		if (!editor) throw new Error('no editor')
		const { center } = editor.getViewportPageBounds()
		return { x: center.x, y: center.y, z: editor.getZoomLevel() }
	})
}

/** How far apart two views' centres are (page units), and whether their zooms match. */
async function distance(a: Person, b: Person): Promise<number> {
	const [one, two] = await Promise.all([view(a), view(b)])
	if (Math.abs(one.z - two.z) > 0.01) return Number.POSITIVE_INFINITY
	return Math.hypot(one.x - two.x, one.y - two.y)
}

/** Moves a person's camera as a script would (the facilitator "walks" the board). */
async function moveCamera(person: Person, camera: { x: number; y: number; z: number }): Promise<void> {
	await person.page.evaluate((to) => {
		window.__circlespaceEditor?.setCamera(to)
	}, camera)
}

/** A person's view once it has stopped moving (a wheel scroll may still be finishing). */
async function settledView(person: Person): Promise<{ x: number; y: number; z: number }> {
	let last = await view(person)
	for (let tries = 0; tries < 40; tries++) {
		// Two frames apart at least, so that a camera still gliding shows a difference.
		await person.page.waitForTimeout(100)
		const now = await view(person)
		if (Math.hypot(now.x - last.x, now.y - last.y) + Math.abs(now.z - last.z) === 0) return now
		last = now
	}
	throw new Error(`${person.name}'s view did not settle`)
}

function followingUserId(person: Person): Promise<string | null> {
	return person.page.evaluate(() => window.__circlespaceEditor?.getInstanceState().followingUserId ?? null)
}

test('a facilitator runs a live session: agenda and timer for everyone, bring everyone here, follow me, and its end kept in the circle’s past sessions', async ({
	alice,
	bob,
	newPerson,
	board,
	space,
}) => {
	const carol = await newPerson('Carol')
	await alice.openBoard(board.id)
	await alice.drawRectangle({ x: 500, y: 350 }, { x: 700, y: 480 })
	await bob.openBoard(board.id)

	// Members run nothing: they are not offered to start a session.
	await expect(bob.page.getByRole('button', { name: 'Start session' })).toHaveCount(0)

	await alice.page.getByRole('button', { name: 'Start session' }).click()
	const dialog = alice.page.getByRole('dialog', { name: 'Start a live session' })
	await dialog.getByLabel('Title').fill('Day 12 check-in')
	await dialog.getByLabel('Agenda (optional)').fill('Arrive\nHarvest\nClose')
	await dialog.getByLabel('Time box in minutes (optional)').fill('15')
	await dialog.getByRole('button', { name: 'Start session' }).click()
	await expect(dialog).toBeHidden()
	// Carol comes in after the start: she sees the session as soon as the board opens.
	await carol.openBoard(board.id)

	// Both participants see the session, its agenda and its countdown.
	for (const person of [bob, carol]) {
		const bar = sessionBar(person.page)
		await expect(bar).toContainText('Day 12 check-in')
		await expect(bar).toContainText('1/3')
		await expect(bar).toContainText('Arrive')
		await expect(bar.getByRole('timer')).toHaveAccessibleName(/^1[45] minutes left$/)
	}
	await sessionBar(bob.page).getByText('1/3').click()
	await expect(sessionBar(bob.page).getByRole('listitem')).toHaveText(['Arrive', 'Harvest', 'Close'])

	await sessionBar(alice.page).getByRole('button', { name: 'Next agenda item' }).click()
	await expect(sessionBar(carol.page)).toContainText('Harvest')
	await sessionBar(alice.page).getByRole('button', { name: 'Pause' }).click()
	await expect(sessionBar(bob.page).getByRole('timer')).toHaveAccessibleName(/paused/)
	await sessionBar(alice.page).getByRole('button', { name: 'Resume' }).click()
	await expect(sessionBar(bob.page).getByRole('timer')).not.toHaveAccessibleName(/paused/)
	await sessionBar(alice.page).getByRole('button', { name: 'Add 5 minutes' }).click()
	await expect(sessionBar(bob.page).getByRole('timer')).toHaveAccessibleName(/^(19|20) minutes left$/)

	// "Bring everyone here": Alice looks somewhere else, then brings everyone to her view.
	await moveCamera(alice, { x: -1800, y: -1200, z: 0.5 })
	expect(await distance(alice, bob)).toBeGreaterThan(100)
	await sessionBar(alice.page).getByRole('button', { name: 'Bring everyone here' }).click()
	await expect.poll(() => distance(alice, bob)).toBeLessThan(2)
	await expect.poll(() => distance(alice, carol)).toBeLessThan(2)

	// "Follow me": wherever Alice goes, Bob and Carol go along…
	await sessionBar(alice.page).getByRole('button', { name: 'Follow me' }).click()
	await expect(sessionBar(alice.page).getByRole('button', { name: 'Follow me' })).toHaveAttribute(
		'aria-pressed',
		'true',
	)
	await expect(sessionBar(bob.page)).toContainText('Following Alice')
	await moveCamera(alice, { x: 400, y: 900, z: 1 })
	await expect.poll(() => distance(alice, bob)).toBeLessThan(2)
	await expect.poll(() => distance(alice, carol)).toBeLessThan(2)

	// …until Bob moves the board himself: he stops following, Carol goes on.
	await bob.canvas.hover({ position: { x: 400, y: 300 } })
	await bob.page.mouse.wheel(0, 400)
	await expect.poll(() => followingUserId(bob)).toBeNull()
	await expect(sessionBar(bob.page).getByRole('button', { name: 'Follow Alice' })).toBeVisible()
	const bobStayed = await settledView(bob)
	await moveCamera(alice, { x: -600, y: -300, z: 1 })
	await expect.poll(() => distance(alice, carol)).toBeLessThan(2)
	const bobNow = await view(bob)
	expect(Math.hypot(bobNow.x - bobStayed.x, bobNow.y - bobStayed.y)).toBeLessThan(1)
	expect(await distance(alice, bob)).toBeGreaterThan(100)

	// Ending keeps the board as a snapshot, with Alice's browser drawing its thumbnail.
	await sessionBar(alice.page).getByRole('button', { name: 'End session' }).click()
	await alice.page
		.getByRole('dialog', { name: 'End the live session?' })
		.getByRole('button', { name: 'End session' })
		.click()
	for (const person of [alice, bob, carol]) await expect(sessionBar(person.page)).toHaveCount(0)
	await expect(alice.page.getByRole('button', { name: 'Start session' })).toBeVisible()

	await bob.page.goto(`/c/${space.circle.id}`)
	const history = bob.page.getByRole('region', { name: 'Past sessions' })
	const entry = history.getByRole('listitem').filter({ hasText: 'Day 12 check-in' })
	await expect(entry).toContainText('3 people took part: ')
	for (const name of ['Alice', 'Bob', 'Carol']) await expect(entry).toContainText(name)
	await expect(entry).toContainText(board.title)
	// The thumbnail arrives a moment after the end, from Alice's browser; then the history shows it.
	await expect
		.poll(async () => {
			const sessions = await bob.api<Array<{ snapshot: { hasThumbnail: boolean } | null }>>(
				'GET',
				`/api/circles/${space.circle.id}/sessions`,
			)
			return sessions[0]?.snapshot?.hasThumbnail
		})
		.toBe(true)
	await bob.page.reload()
	const thumbnail = entry.locator('img')
	await thumbnail.scrollIntoViewIfNeeded()
	await expect
		.poll(() => thumbnail.evaluate((image) => (image as HTMLImageElement).naturalWidth))
		.toBeGreaterThan(0)

	// It opens the snapshot the session ended with.
	await history.getByRole('link', { name: 'Day 12 check-in', exact: true }).click()
	await expect(bob.page).toHaveURL(new RegExp(`/b/${board.id}/s/[A-Za-z0-9_-]+$`))
})
