import type { ApiBoard, ApiCircle, ApiCreatedInvitation, ApiTribe } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// A tribe's parallel journeys (issue 10, item 4): two circles on the same template, started on
// different dates, lined up by day number; what one may not view shows as "Not shared" only.

/** The date `days` before today (UTC), as `YYYY-MM-DD`. */
function daysAgo(days: number): string {
	return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

/** Puts a snapshot of the board with a drawn thumbnail, as the end of a session does. */
async function giveThumbnail(facilitator: Person, boardId: string, colour: string, label: string) {
	const snapshot = await facilitator.api<{ id: string }>('POST', `/api/boards/${boardId}/snapshots`, {
		title: 'End of session',
	})
	const base64 = await facilitator.page.evaluate(
		({ colour, label }) => {
			const canvas = document.createElement('canvas')
			canvas.width = 320
			canvas.height = 200
			const g = canvas.getContext('2d')
			if (!g) throw new Error('no 2d context')
			g.fillStyle = '#f8f9fb'
			g.fillRect(0, 0, 320, 200)
			g.fillStyle = colour
			for (const [x, y] of [
				[24, 30],
				[124, 50],
				[224, 26],
				[70, 118],
				[180, 112],
			] as const) {
				g.fillRect(x, y, 72, 60)
			}
			g.fillStyle = '#1d2430'
			g.font = '16px sans-serif'
			g.fillText(label, 24, 192)
			return canvas.toDataURL('image/png').split(',')[1] ?? ''
		},
		{ colour, label },
	)
	const response = await facilitator.apiResponse(
		'PUT',
		`/api/snapshots/${snapshot.id}/thumbnail`,
		Buffer.from(base64, 'base64'),
	)
	expect(response.status()).toBe(204)
}

test('a member of circle B sees both circles lined up by day, "Not shared" for a circle-only board of A, and opens A’s tribe-visible day-12 board read-only', async ({
	alice,
	newPerson,
}) => {
	test.slow()
	// Alice is the admin and, having claimed the tribe, its steward.
	const tribe = await alice.api<ApiTribe>('POST', '/api/tribes', { name: 'Northern schools' })
	const circle = (name: string) => alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name })
	const circleA = await circle('Circle A')
	const circleB = await circle('Circle B')
	await circle('Circle C')
	const template = await alice.api<{ id: string }>(
		'POST',
		`/api/tribes/${tribe.id}/journey-templates/example`,
	)
	// A started 22 days ago (today is its day 23), B 15 days ago (day 16).
	await alice.api('PUT', `/api/circles/${circleA.id}/journey`, {
		templateId: template.id,
		startDate: daysAgo(22),
		timeZone: 'UTC',
	})
	await alice.api('PUT', `/api/circles/${circleB.id}/journey`, {
		templateId: template.id,
		startDate: daysAgo(15),
		timeZone: 'UTC',
	})
	const board = (circleId: string, title: string, visibility: 'circle' | 'tribe', journeyDay: number) =>
		alice.api<ApiBoard>('POST', `/api/circles/${circleId}/boards`, { title, visibility, journeyDay })
	const sharedA = await board(circleA.id, 'Day 12 check-in of A', 'tribe', 12)
	const secret = 'Confidential restructuring notes'
	await board(circleA.id, secret, 'circle', 12)
	await board(circleA.id, 'First week together', 'tribe', 5)
	const boardB = await board(circleB.id, 'Day 12 check-in of B', 'circle', 12)
	await giveThumbnail(alice, sharedA.id, '#ffd43b', 'Circle A · day 12')
	await giveThumbnail(alice, boardB.id, '#74c0fc', 'Circle B · day 12')

	const invitation = await alice.api<ApiCreatedInvitation>(
		'POST',
		`/api/circles/${circleB.id}/invitations`,
		{},
	)
	const bob = await newPerson('Bob')
	await bob.api('POST', `/api/invitations/${invitation.token}/accept`)

	const page = bob.page
	await page.goto(`/t/${tribe.id}`)
	const section = page.getByRole('region', { name: 'Parallel journeys' })
	const grid = section.getByRole('grid', { name: /Parallel journeys/ })
	await expect(grid).toBeVisible()

	// Each circle as a row with where it stands today; C has no journey.
	await expect(grid.getByRole('rowheader', { name: /Circle A/ })).toContainText('Day 23')
	await expect(grid.getByRole('rowheader', { name: /Circle B/ })).toContainText('Day 16')
	await expect(grid.getByRole('gridcell', { name: 'Circle C has not started a journey.' })).toBeVisible()
	// Sections of the template head the columns.
	await expect(grid.getByRole('columnheader').filter({ hasText: /\S/ }).nth(1)).not.toBeEmpty()

	// Day 12 of both circles sits in the same column, though they started a week apart.
	const a12 = grid.getByRole('gridcell', { name: 'Circle A, day 12: 1 board, more not shared' })
	const b12 = grid.getByRole('gridcell', { name: 'Circle B, day 12: 1 board' })
	await a12.scrollIntoViewIfNeeded()
	const [boxA, boxB] = [await a12.boundingBox(), await b12.boundingBox()]
	expect(boxA?.x).toBeDefined()
	expect(boxA?.x).toBe(boxB?.x)
	expect((boxB?.y ?? 0) > (boxA?.y ?? 0)).toBe(true)
	await expect(a12.getByText('Not shared')).toBeVisible()
	await expect(grid.getByRole('gridcell', { name: 'Circle A, day 23 (today): 1 snapshot' })).toBeVisible()
	// The snapshots that gave the thumbnails were taken today: they sit on each circle's today.
	await expect(grid.getByRole('gridcell', { name: 'Circle B, day 16 (today): 1 snapshot' })).toBeVisible()
	// The circle-only board of A: nothing of it anywhere on the page.
	await expect(page.locator('body')).not.toContainText(secret)

	// The grid is one tab stop, starting on the first circle's today; arrows move, Enter opens the day.
	const start = grid.locator('[tabindex="0"]')
	await expect(start).toHaveCount(1)
	await expect(start).toHaveAccessibleName('Circle A, day 23 (today): 1 snapshot')
	await start.focus()
	for (let step = 0; step < 11; step++) await page.keyboard.press('ArrowLeft')
	await expect(a12).toBeFocused()
	await page.keyboard.press('ArrowDown')
	await expect(b12).toBeFocused()
	await expect(grid.locator('[tabindex="0"]')).toHaveCount(1)
	await page.keyboard.press('ArrowUp')
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(new RegExp(`/c/${circleA.id}/day/12$`))
	await page.goBack()
	await expect(grid).toBeVisible()

	await grid.evaluate((element) => {
		element.closest('section')?.scrollIntoView()
		// From day 12, so that the picture shows both circles' day 12, B's today and A's today. The
		// grid draws only the days near the viewport: day 12 is found by arithmetic, not in the DOM.
		const scroller = element.parentElement
		const names = element.querySelector('th')?.offsetWidth ?? 0
		if (scroller) scroller.scrollLeft = ((element.scrollWidth - names) / 100) * 11
	})
	await expect(grid.getByRole('columnheader', { name: 'Day 12', exact: true })).toBeInViewport()
	await expect(grid.getByRole('gridcell', { name: /^Circle A, day 23 \(today\)/ })).toBeInViewport()
	await picture(page, 'parallel-view-laptop', { fullPage: false })
	await page.setViewportSize({ width: 768, height: 1024 })
	await grid.evaluate((element) => element.closest('section')?.scrollIntoView())
	// At tablet width the grid scrolls sideways with the circle names staying in view.
	await grid.evaluate((element) => {
		const scroller = element.parentElement
		if (scroller) scroller.scrollLeft = 700
	})
	await expect(grid.getByRole('rowheader', { name: /Circle A/ })).toBeInViewport()
	await picture(page, 'parallel-view-tablet', { fullPage: false })
	await page.setViewportSize({ width: 1280, height: 800 })

	// Compare day 12: the circles with something that day, side by side.
	await section.getByLabel('Compare day').fill('12')
	await section.getByRole('button', { name: 'Compare' }).click()
	await expect(page).toHaveURL(new RegExp(`/t/${tribe.id}/compare/12$`))
	await expect(page.getByRole('heading', { level: 1, name: 'Compare day 12' })).toBeVisible()
	const columnA = page.getByRole('region', { name: 'Circle A' })
	const columnB = page.getByRole('region', { name: 'Circle B' })
	await expect(columnA.getByText('Not shared', { exact: true })).toBeVisible()
	await expect(
		columnA.getByRole('img', { name: 'The latest snapshot of Day 12 check-in of A' }),
	).toBeVisible()
	await expect(columnB.getByText('Day 12 check-in of B')).toBeVisible()
	await expect(page.getByRole('region', { name: 'Circle C' })).toHaveCount(0)
	await expect(page.locator('body')).not.toContainText(secret)
	await picture(page, 'parallel-view-compare', { fullPage: false })
	// Leaving a circle out keeps it out.
	await page.getByRole('checkbox', { name: 'Circle B' }).uncheck()
	await expect(columnB).toHaveCount(0)
	await page.getByRole('checkbox', { name: 'Circle B' }).check()
	await expect(columnB).toBeVisible()

	await columnA.getByRole('link', { name: 'Open Day 12 check-in of A (view only)' }).click()
	await expect(page).toHaveURL(new RegExp(`/b/${sharedA.id}$`))
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Day 12 check-in of A')
	await expect(page.getByRole('button', { name: /View only/ })).toBeVisible()
	await bob.expectReady()
	expect(await page.evaluate(() => window.__circlespaceEditor?.getIsReadonly())).toBe(true)
})

test('the parallel view says so when no circle has started a journey, and is hidden from people outside the tribe', async ({
	alice,
	newPerson,
}) => {
	const tribe = await alice.api<ApiTribe>('POST', '/api/tribes', { name: 'Quiet tribe' })
	await alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name: 'Circle D' })
	await alice.page.goto(`/t/${tribe.id}`)
	const section = alice.page.getByRole('region', { name: 'Parallel journeys' })
	await expect(section).toContainText('No circle of this tribe has started a journey yet.')
	await expect(section.getByRole('grid')).toHaveCount(0)

	const outsider = await newPerson('Carol')
	const response = await outsider.apiResponse('GET', `/api/tribes/${tribe.id}/journeys`)
	expect(response.status()).toBe(404)
	await outsider.page.goto(`/t/${tribe.id}/compare/3`)
	await expect(outsider.page.getByRole('heading', { level: 1 })).toHaveText('Tribe not found')
})
