import type { ApiBoard, ApiCircle, ApiCreatedInvitation, ApiTribe } from '../fixtures/api.ts'
import { pasteOnCanvas } from '../fixtures/clipboard.ts'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// The organisation map (issue 14, part 5): Alice, the admin, sees every tribe and circle, a live
// session come onto the map while she looks, a shared board and a board link as connections;
// Carol (circle A) sees less: not the private tribe, nor its tie to her circle; Dan, in no tribe,
// sees the listed tribe's circles and seats but no session, no journey and no tie.

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

async function joinCircle(admin: Person, person: Person, circleId: string): Promise<void> {
	const invitation = await admin.api<ApiCreatedInvitation>('POST', `/api/circles/${circleId}/invitations`, {})
	await person.api('POST', `/api/invitations/${invitation.token}/accept`)
}

test('the organisation map: tribes and circles, a live session as it starts, shared boards and links as connections, less for those who may see less, zoom to a circle by mouse and keyboard', async ({
	alice,
	newPerson,
}) => {
	test.slow()
	const tribe = await alice.api<ApiTribe>('POST', '/api/tribes', {
		name: 'Northern schools',
		visibility: 'listed',
	})
	const circle = (tribeId: string, name: string) =>
		alice.api<ApiCircle>('POST', `/api/tribes/${tribeId}/circles`, { name })
	const circleA = await circle(tribe.id, 'Circle A')
	const circleB = await circle(tribe.id, 'Circle B')
	await circle(tribe.id, 'Circle C')
	const harbour = await alice.api<ApiTribe>('POST', '/api/tribes', {
		name: 'Quiet harbour',
		visibility: 'private',
	})
	const harbourCircle = await circle(harbour.id, 'Harbour circle')

	const template = await alice.api<{ id: string }>(
		'POST',
		`/api/tribes/${tribe.id}/journey-templates/example`,
	)
	await alice.api('PUT', `/api/circles/${circleA.id}/journey`, {
		templateId: template.id,
		startDate: daysAgo(4),
		timeZone: 'UTC',
	})
	const board = (circleId: string, title: string, visibility: 'circle' | 'tribe') =>
		alice.api<ApiBoard>('POST', `/api/circles/${circleId}/boards`, { title, visibility })
	const plans = await board(circleA.id, 'Plans of A', 'tribe')
	const garden = await board(circleB.id, 'Garden of B', 'tribe')
	const agenda = await board(circleA.id, 'Shared agenda', 'circle')
	const log = await board(harbourCircle.id, 'Harbour log', 'circle')
	// Alice manages every circle: her offers are accepted at once.
	await alice.api('POST', `/api/boards/${agenda.id}/shares`, { circleId: circleB.id })
	await alice.api('POST', `/api/boards/${log.id}/shares`, { circleId: circleA.id })

	const carol = await newPerson('Carol')
	await joinCircle(alice, carol, circleA.id)
	await alice.api('PUT', `/api/circles/${circleA.id}/members/${carol.user?.id}`, { role: 'facilitator' })
	const dan = await newPerson('Dan')

	// A link card on A's plans to B's garden, read by the indexer a few seconds later.
	await alice.openBoard(plans.id)
	await alice.page.locator('.tl-canvas').click({ position: { x: 400, y: 300 } })
	const origin = await alice.page.evaluate(() => window.location.origin)
	await pasteOnCanvas(alice.page, `${origin}/b/${garden.id}`)
	await expect(alice.page.locator('.board-link-card')).toContainText('Garden of B')
	await expect
		.poll(
			async () =>
				(await alice.api<{ boards: ApiBoard[] }>('GET', `/api/boards/${garden.id}/backlinks`)).boards.length,
			{ timeout: 30_000 },
		)
		.toBe(1)

	// Alice opens the map from the navigation.
	const page = alice.page
	await page.goto('/')
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click()
	await expect(page).toHaveURL(/\/map$/)
	await expect(page.getByRole('heading', { level: 1, name: 'Organisation map' })).toBeVisible()
	const map = page.locator('svg.cs-orgmap-svg')
	await expect(map.locator('.cs-orgmap-tribe-name', { hasText: 'Northern schools' })).toBeVisible()
	await expect(map.locator('.cs-orgmap-tribe-name', { hasText: 'Quiet harbour' })).toBeVisible()
	const nodeA = map.getByRole('button', { name: /^Circle A, Northern schools: / })
	await expect(nodeA).toHaveAccessibleName(/1 of 30 seats|2 of 30 seats/)
	await expect(nodeA).toHaveAccessibleName(/day 5 of \d+/)
	await expect(nodeA).not.toHaveAccessibleName(/live session/)
	// A–B (a shared board and a link), A–Harbour (a shared board).
	const lines = page.locator('.cs-orgmap-connection[data-circles]')
	await expect(lines).toHaveCount(2)
	await expect(page.locator('.cs-orgmap-connection.is-shared[data-circles]')).toHaveCount(2)

	// Carol starts a live session on A's plans: it comes onto Alice's map without a reload.
	await carol.openBoard(plans.id)
	await carol.api('POST', `/api/boards/${plans.id}/session`, { title: 'Monday check-in' })
	await expect(nodeA).toHaveAccessibleName(/a live session now/, { timeout: 30_000 })
	await expect(nodeA.locator('.cs-orgmap-live')).toBeVisible()
	await page.mouse.move(0, 0)
	await picture(page, 'org-map-laptop')

	// Zoom to circle A with the mouse: its details, with the live board and its connections.
	await expect(map).toHaveAttribute('data-zoom', '1.00')
	await nodeA.click()
	const details = page.getByRole('region', { name: 'Circle A' })
	await expect(details.getByRole('heading', { name: 'Circle A' })).toBeFocused()
	await expect(details).toContainText('day 5 of')
	await expect(details.getByRole('link', { name: 'Plans of A' })).toBeVisible()
	await expect(details).toContainText('Monday check-in')
	await expect(details).toContainText('Circle B')
	await expect(details).toContainText('1 shared board and 1 link')
	await expect(details).toContainText('Harbour circle')
	await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(2)
	await picture(page, 'org-map-circle-laptop')
	await details.getByRole('button', { name: 'Whole map' }).click()
	await expect(page.getByRole('region', { name: 'Circle A' })).toHaveCount(0)
	await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBe(1)

	// The wheel zooms too.
	const box = await map.boundingBox()
	if (!box) throw new Error('the map has no box')
	await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2)
	await page.mouse.wheel(0, -400)
	await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(1.2)

	// And the keyboard: 0 shows it whole, + zooms in, Tab reaches the circles, Enter zooms to one.
	await map.focus()
	await page.keyboard.press('0')
	await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBe(1)
	await page.keyboard.press('+')
	await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(1.2)
	await page.keyboard.press('0')
	await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBe(1)
	await page.keyboard.press('Tab')
	await expect(nodeA).toBeFocused()
	await page.keyboard.press('Tab')
	const nodeB = map.getByRole('button', { name: /^Circle B, Northern schools: / })
	await expect(nodeB).toBeFocused()
	await page.keyboard.press('Enter')
	const detailsB = page.getByRole('region', { name: 'Circle B' })
	await expect(detailsB.getByRole('heading', { name: 'Circle B' })).toBeFocused()
	await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBeGreaterThan(2)
	await page.keyboard.press('Escape')
	await expect(nodeB).toBeFocused()
	await expect.poll(async () => Number(await map.getAttribute('data-zoom'))).toBe(1)
	// Enter on A, then its details' link to the circle page.
	await page.keyboard.press('Shift+Tab')
	await expect(nodeA).toBeFocused()
	await page.keyboard.press('Enter')
	await page.setViewportSize({ width: 768, height: 1024 })
	await picture(page, 'org-map-circle-tablet')

	// The list, for those who read rather than look.
	await details.getByRole('button', { name: 'Whole map' }).click()
	await picture(page, 'org-map-tablet')
	await page.getByRole('button', { name: 'List' }).click()
	const list = page.locator('.cs-orgmap-list')
	await expect(list.getByRole('heading', { name: /Quiet harbour/ })).toBeVisible()
	// The pair is named in the order of the circles' ids.
	await expect(list).toContainText(
		/Circle (A|B) \(Northern schools\) and Circle (A|B) \(Northern schools\): 1 shared board and 1 link/,
	)
	await expect(list.getByRole('link', { name: 'Plans of A' })).toBeVisible()
	await picture(page, 'org-map-list-tablet')
	await page.setViewportSize({ width: 1280, height: 800 })

	// Carol may see less: no private tribe, no tie to it, not even a line to nowhere.
	await carol.page.goto('/map')
	const carolMap = carol.page.locator('svg.cs-orgmap-svg')
	const carolA = carolMap.getByRole('button', { name: /^Circle A, Northern schools: / })
	await expect(carolA).toHaveAccessibleName(/a live session now/)
	await expect(carolA).toHaveAccessibleName(/you facilitate it/)
	await expect(carol.page.locator('.cs-orgmap-connection[data-circles]')).toHaveCount(1)
	await expect(carol.page.locator('body')).not.toContainText('Quiet harbour')
	await expect(carol.page.locator('body')).not.toContainText('Harbour')
	await carolA.click()
	await expect(carol.page.getByRole('region', { name: 'Circle A' })).not.toContainText('Harbour')
	await carol.page
		.getByRole('region', { name: 'Circle A' })
		.getByRole('link', { name: 'Open the circle page' })
		.click()
	await expect(carol.page).toHaveURL(new RegExp(`/c/${circleA.id}$`))

	// Dan, in no tribe: the listed tribe's circles, nothing of what happens in them.
	await dan.page.goto('/map')
	const danMap = dan.page.locator('svg.cs-orgmap-svg')
	const danA = danMap.getByRole('button', { name: /^Circle A, Northern schools: / })
	await expect(danA).toBeVisible()
	await expect(danA).not.toHaveAccessibleName(/live session|day \d/)
	await expect(dan.page.locator('.cs-orgmap-connection[data-circles]')).toHaveCount(0)
	await expect(dan.page.locator('.cs-orgmap-live')).toHaveCount(0)
	await expect(dan.page.locator('body')).not.toContainText('Quiet harbour')
	await picture(dan.page, 'org-map-outsider-laptop')
})

test('the organisation map of an instance with no tribe says so calmly', async ({ alice }) => {
	await alice.page.goto('/map')
	await expect(alice.page.getByText('There is no tribe you can see yet.')).toBeVisible()
})
