import type { ApiBoard, ApiCircle, ApiCreatedInvitation } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// Every run writes the pictures next to the test's results; set CIRCLESPACE_DOCS_SCREENSHOT=1
// to refresh docs/screenshots/ from them (they change with every run: dates, cursors).

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

test('the main pages look finished', async ({ alice, bob, space, newVisitor }) => {
	test.slow()
	// A tribe as it looks a few weeks in: two circles, boards of several kinds, people in both.
	await alice.api('PATCH', `/api/tribes/${space.tribe.id}`, {
		description:
			'Heads of schools of the northern region, meeting monthly to share what works. Each circle follows one cohort through the year.',
	})
	await alice.api('PATCH', `/api/circles/${space.circle.id}`, {
		description: 'The spring cohort. We meet on Tuesdays, 16:00–17:30.',
	})
	const circle8 = await alice.api<ApiCircle>('POST', `/api/tribes/${space.tribe.id}/circles`, {
		name: 'Circle 8',
		description: 'The autumn cohort.',
		capacity: 24,
	})
	const boards: ApiBoard[] = []
	for (const [title, visibility] of [
		['Circle of care', 'circle'],
		['Day 12 — what surprised us', 'circle'],
		['Tribe gathering: parallel journeys', 'tribe'],
	] as const) {
		boards.push(
			await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, { title, visibility }),
		)
	}
	const gathering = boards[2] as ApiBoard
	await alice.api('POST', `/api/circles/${space.circle.id}/invitations`, { expiresInDays: 14, maxUses: 10 })

	// Carol is in the other circle: the tribe's board is hers to read, not to change.
	const carol = await newVisitor('Carol')
	await carol.signUp({ color: '#2b8a3e' })
	const toCircle8 = await alice.api<ApiCreatedInvitation>(
		'POST',
		`/api/circles/${circle8.id}/invitations`,
		{},
	)
	await carol.api('POST', `/api/invitations/${toCircle8.token}/accept`)

	await test.step('sign in', async () => {
		const visitor = await newVisitor('Visitor')
		await visitor.page.goto('/signin')
		await expect(visitor.page.getByRole('heading', { name: 'Sign in' })).toBeVisible()
		await expect(visitor.page.getByLabel('Email address')).toBeVisible()
		await picture(visitor.page, 'signin')
	})

	await test.step('home', async () => {
		await alice.page.goto('/')
		await expect(alice.page.getByRole('region', { name: 'Recent boards' })).toContainText(gathering.title)
		await expect(alice.page.getByRole('region', { name: 'Your tribes' })).toContainText(space.tribe.name)
		await picture(alice.page, 'home')
	})

	await test.step('tribe', async () => {
		await alice.page.goto(`/t/${space.tribe.id}`)
		await expect(alice.page.getByRole('link', { name: 'Circle 8' })).toBeVisible()
		await expect(alice.page.getByRole('region', { name: 'People' })).toContainText('Carol')
		await picture(alice.page, 'tribe')
	})

	await test.step('circle', async () => {
		await alice.page.goto(`/c/${space.circle.id}`)
		await expect(alice.page.getByRole('region', { name: 'Boards' })).toContainText(gathering.title)
		await expect(alice.page.getByRole('region', { name: /Members/ })).toContainText('Bob')
		await expect(alice.page.getByRole('region', { name: 'Invitation links' })).toContainText('Active')
		await picture(alice.page, 'circle')
	})

	await test.step('circle on a tablet', async () => {
		await alice.page.setViewportSize({ width: 768, height: 1024 })
		await alice.page.reload()
		await expect(alice.page.getByRole('region', { name: /Members/ })).toContainText('Bob')
		await picture(alice.page, 'circle-tablet')
		await alice.page.setViewportSize({ width: 1280, height: 800 })
	})

	await test.step('admin', async () => {
		await alice.page.goto('/admin')
		await expect(alice.page.getByRole('heading', { level: 1, name: 'Instance settings' })).toBeVisible()
		await expect(alice.page.getByRole('region', { name: 'Tribes' })).toContainText(space.tribe.name)
		await picture(alice.page, 'admin')
	})

	await test.step('a board, edited by two people', async () => {
		await alice.openBoard(gathering.id)
		await bob.openBoard(gathering.id)
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
		await picture(alice.page, 'board', { fullPage: false })
	})

	await test.step('the same board for someone of another circle: view only', async () => {
		await carol.openBoard(gathering.id)
		await expect.poll(async () => (await carol.shapeIds()).length).toBe(3)
		await expect(carol.page.getByRole('banner').getByText(/^View only/)).toBeVisible()
		await bob.page.mouse.move(700, 540, { steps: 5 })
		await expect(carol.page.locator('.tl-nametag', { hasText: 'Bob' })).toBeVisible()
		await expect(carol.page.getByRole('region', { name: 'People on this board' })).toContainText('Alice')
		await picture(carol.page, 'board-view-only', { fullPage: false })
	})

	await test.step('a live session on a phone, a tablet and a laptop', async () => {
		await alice.api('POST', `/api/boards/${gathering.id}/session`, {
			title: 'Tribe gathering, March',
			agenda: ['Arrive', 'What surprised us', 'Harvest', 'Close'],
			timeboxMinutes: 45,
		})
		const bar = alice.page.getByRole('region', { name: 'Live session' })
		await expect(bar).toContainText('Tribe gathering, March')
		for (const [width, height] of [
			[390, 844],
			[768, 1024],
			[1366, 900],
		] as const) {
			await alice.page.setViewportSize({ width, height })
			await expect(bar.getByRole('button', { name: 'End session' })).toBeInViewport()
			// The notes in view, as a facilitator would have them, never zoomed past 100%.
			await alice.page.evaluate(() => {
				const editor = window.__circlespaceEditor as unknown as {
					getCurrentPageBounds(): object | undefined
					zoomToBounds(bounds: object, options: { targetZoom: number }): void
				}
				const bounds = editor.getCurrentPageBounds()
				if (bounds) editor.zoomToBounds(bounds, { targetZoom: 1 })
			})
			await picture(alice.page, `board-session-${width}`, { fullPage: false })
		}
		await alice.page.setViewportSize({ width: 1280, height: 800 })
	})
})
