import type { Page } from '@playwright/test'
import type { ApiCircle, ApiCreatedInvitation, ApiTribe } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { expect, test } from '../fixtures/test.ts'

// Issue 10's acceptance, end to end through the app: a steward writes a template; two circles
// start it on different dates; their facilitators put boards on days; each circle page shows its
// day and prompt; the tribe's parallel view lines both circles up by day; a member of circle B
// opens circle A's tribe-visible day-12 board read-only from there and sees "not shared" for its
// circle-only board, whose title appears nowhere.

/** The date `days` before today (UTC), as `YYYY-MM-DD` (both journeys run in UTC). */
function daysAgo(days: number): string {
	return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

const OWN_PROMPT = 'Who listened to you this week?'
const SECRET = 'Confidential restructuring notes'

/** Starts the circle's journey from its page, as its facilitator does. */
async function startJourney(page: Page, circleId: string, templateId: string, startDate: string) {
	await page.goto(`/c/${circleId}`)
	const journey = page.getByRole('region', { name: 'Journey' })
	await expect(journey.getByText('This circle has not started a journey yet.')).toBeVisible()
	await journey.getByRole('button', { name: 'Start journey' }).click()
	const form = page.locator('form').filter({ has: page.getByLabel('Day 1') })
	await form.getByLabel('Journey template').selectOption(templateId)
	await form.getByLabel('Day 1').fill(startDate)
	await form.getByLabel('Time zone').selectOption('UTC')
	await form.getByRole('button', { name: 'Start journey' }).click()
	await expect(form).toHaveCount(0)
}

/** Makes a board from the circle page's create form. */
async function createBoard(page: Page, title: string, visibility: 'circle' | 'tribe', journeyDay?: number) {
	const form = page.locator('form.cs-create')
	await form.getByLabel('New board title').fill(title)
	await form.getByLabel('Who can open it').selectOption(visibility)
	if (journeyDay !== undefined) await form.getByLabel('Journey day').fill(String(journeyDay))
	await form.getByRole('button', { name: 'Create board' }).click()
	// A new board opens at once; back on the circle page it is in the list.
	await expect(page).toHaveURL(/\/b\/[^/]+$/)
	await page.goBack()
	await expect(page.getByRole('link', { name: title, exact: true })).toBeVisible()
}

async function join(person: Person, token: string) {
	await person.api('POST', `/api/invitations/${token}/accept`)
}

test('journeys end to end: a steward’s template, two circles a week and a half apart, boards on days, and the parallel view seen by a member of another circle', async ({
	alice,
	newPerson,
}) => {
	test.slow()
	// Alice is the admin and, having made the tribe, its steward; she convenes both circles.
	const tribe = await alice.api<ApiTribe>('POST', '/api/tribes', { name: 'Northern schools' })
	const circleA = await alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name: 'Circle A' })
	const circleB = await alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name: 'Circle B' })
	const invitationB = await alice.api<ApiCreatedInvitation>(
		'POST',
		`/api/circles/${circleB.id}/invitations`,
		{},
	)
	// Carol facilitates circle B; Bob is one of its members.
	const carol = await newPerson('Carol')
	await join(carol, invitationB.token)
	await alice.api('PUT', `/api/circles/${circleB.id}/members/${carol.user?.id}`, { role: 'facilitator' })
	const bob = await newPerson('Bob')
	await join(bob, invitationB.token)

	// 1. The steward adds the example template and writes her own prompt for day 12.
	const steward = alice.page
	await steward.goto(`/t/${tribe.id}/templates`)
	await steward.getByRole('button', { name: 'Add the example template' }).click()
	await steward.getByRole('link', { name: /^Edit / }).click()
	await steward.getByRole('button', { name: /^Day 12\b/ }).click()
	await steward.getByLabel('Prompt title').fill(OWN_PROMPT)
	await steward.getByRole('button', { name: 'Save template' }).click()
	await expect(steward.getByText('All changes saved')).toBeVisible()
	const [template] = await alice.api<{ id: string }[]>('GET', `/api/tribes/${tribe.id}/journey-templates`)
	if (!template) throw new Error('the template was not saved')
	const detail = await alice.api<{ template: { prompts: { day: number; title: string }[] } }>(
		'GET',
		`/api/tribes/${tribe.id}/journey-templates/${template.id}`,
	)
	const day23Prompt = detail.template.prompts.find((prompt) => prompt.day === 23)?.title ?? ''
	expect(day23Prompt).not.toBe('')

	// 2. Circle A started 22 days ago (today is its day 23); circle B 11 days ago (day 12).
	await startJourney(steward, circleA.id, template.id, daysAgo(22))
	await startJourney(carol.page, circleB.id, template.id, daysAgo(11))

	// 3. Each circle page shows its day and today's prompt.
	const journeyA = steward.getByRole('region', { name: 'Journey' })
	await expect(journeyA.getByText(/^Day 23 of 100\b/)).toBeVisible()
	await expect(journeyA.getByText(day23Prompt)).toBeVisible()
	const journeyB = carol.page.getByRole('region', { name: 'Journey' })
	await expect(journeyB.getByText(/^Day 12 of 100\b/)).toBeVisible()
	await expect(journeyB.getByText(OWN_PROMPT)).toBeVisible()

	// 4. Facilitators put boards on days. Alice: a tribe-visible board made on day 12 (the create
	// form offers the day as soon as the journey is started on the same page), and a circle-only
	// board put on day 12 afterwards from its settings.
	await createBoard(steward, 'Day 12 check-in of A', 'tribe', 12)
	await createBoard(steward, SECRET, 'circle')
	await steward.getByRole('button', { name: `Edit ${SECRET}` }).click()
	const settings = steward.getByRole('dialog', { name: 'Edit board' })
	await settings.getByLabel('Journey day').fill('12')
	await settings.getByRole('button', { name: 'Save' }).click()
	await expect(settings).toHaveCount(0)
	// The timeline on the same page follows at once.
	await expect(
		steward.getByRole('region', { name: 'Journey' }).locator('a[data-day="12"]'),
	).toHaveAccessibleName(new RegExp(`Board: ${SECRET}`))
	// Carol: from circle B's day 12 (its today), a new board on that day.
	await carol.page.goto(`/c/${circleB.id}/day/12`)
	await expect(carol.page.getByRole('heading', { level: 1, name: /^Day 12 of 100/ })).toBeVisible()
	await expect(carol.page.getByText(OWN_PROMPT)).toBeVisible()
	await carol.page.getByRole('button', { name: 'New board on this day' }).click()
	await carol.page.getByLabel('Title').fill('Day 12 check-in of B')
	await carol.page.getByRole('button', { name: /^Create/ }).click()
	await expect(carol.page.getByRole('link', { name: 'Day 12 check-in of B' })).toBeVisible()

	// 5. Bob, a member of circle B, sees both circles lined up by day on the tribe page.
	const page = bob.page
	await page.goto(`/t/${tribe.id}`)
	const grid = page.getByRole('grid', { name: /Parallel journeys/ })
	await expect(grid.getByRole('rowheader', { name: /Circle A/ })).toContainText('Day 23')
	await expect(grid.getByRole('rowheader', { name: /Circle B/ })).toContainText('Day 12')
	const a12 = grid.getByRole('gridcell', { name: 'Circle A, day 12: 1 board, more not shared' })
	const b12 = grid.getByRole('gridcell', { name: /^Circle B, day 12 \(today\): 1 board/ })
	// The grid opens on the first circle's today; the arrow keys walk back to day 12.
	const start = grid.locator('[tabindex="0"]')
	await expect(start).toHaveAccessibleName(/^Circle A, day 23 \(today\)/)
	await start.focus()
	for (let step = 0; step < 11; step++) await page.keyboard.press('ArrowLeft')
	await expect(a12).toBeFocused()
	const [boxA, boxB] = [await a12.boundingBox(), await b12.boundingBox()]
	expect(boxA?.x).toBeDefined()
	expect(boxA?.x).toBe(boxB?.x)
	await expect(a12.getByText('Not shared')).toBeVisible()
	await expect(page.locator('body')).not.toContainText(SECRET)

	// 6. From circle A's day 12 he opens its tribe-visible board, read-only.
	await page.keyboard.press('Enter')
	await expect(page).toHaveURL(new RegExp(`/c/${circleA.id}/day/12$`))
	await expect(page.getByText(OWN_PROMPT)).toBeVisible()
	await expect(page.getByText('Something on this day is not shared with you.')).toBeVisible()
	await expect(page.getByRole('button', { name: 'New board on this day' })).toHaveCount(0)
	await expect(page.locator('body')).not.toContainText(SECRET)
	await page.getByRole('link', { name: 'Day 12 check-in of A' }).click()
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Day 12 check-in of A')
	await expect(page.getByRole('button', { name: /View only/ })).toBeVisible()
	await bob.expectReady()
})
