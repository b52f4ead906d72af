import type { ApiBoard } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// The day view of a circle's journey (issue 10, item 3): a facilitator opens a day from the
// timeline, reads its prompt, makes a board on it there and puts an existing board on it from
// the circle page; a member sees the same day without the facilitators' controls.

/** The date `days` before today in UTC, `YYYY-MM-DD` (the journey below runs in UTC). */
function daysAgo(days: number): string {
	return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

/** A snapshot of the board (taken today) with a drawn thumbnail, which then stands for the board. */
async function snapshotWithThumbnail(facilitator: Person, boardId: string, title: string): Promise<void> {
	const snapshot = await facilitator.api<{ id: string }>('POST', `/api/boards/${boardId}/snapshots`, {
		title,
	})
	const png = await facilitator.page.evaluate(() => {
		const canvas = document.createElement('canvas')
		canvas.width = 320
		canvas.height = 200
		const g = canvas.getContext('2d')
		if (!g) throw new Error('no 2d context')
		g.fillStyle = '#fbfaf4'
		g.fillRect(0, 0, 320, 200)
		const notes = ['#ffd43b', '#74c0fc', '#8ce99a', '#ffa8a8']
		notes.forEach((colour, i) => {
			g.fillStyle = colour
			g.fillRect(30 + i * 70, 40 + (i % 2) * 50, 56, 56)
		})
		return canvas.toDataURL('image/png').split(',')[1] ?? ''
	})
	const response = await facilitator.apiResponse(
		'PUT',
		`/api/snapshots/${snapshot.id}/thumbnail`,
		Buffer.from(png, 'base64'),
	)
	expect(response.status()).toBe(204)
}

test('a facilitator opens day 12 from the timeline, puts a new and an existing board on it; a member sees the day without the controls', async ({
	alice,
	bob,
	space,
}) => {
	test.slow()
	const template = await alice.api<{
		id: string
		template: { prompts: { day: number; title: string }[]; sections: { name: string; firstDay: number }[] }
	}>('POST', `/api/tribes/${space.tribe.id}/journey-templates/example`)
	// Started 22 days ago: today is day 23, and day 12 is past.
	await alice.api('PUT', `/api/circles/${space.circle.id}/journey`, {
		templateId: template.id,
		startDate: daysAgo(22),
		timeZone: 'UTC',
	})
	const warmUp = await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Listening warm-up',
	})
	const prompt12 = template.template.prompts.find((p) => p.day === 12)?.title ?? ''
	expect(prompt12).not.toBe('')

	const page = alice.page
	await page.setViewportSize({ width: 1280, height: 900 })
	await page.goto(`/c/${space.circle.id}`)
	await snapshotWithThumbnail(alice, warmUp.id, 'Warm-up at the end')

	// From the circle page's timeline to day 12.
	const timeline = page.getByRole('region', { name: 'Journey' }).getByLabel(/^Journey timeline/)
	await timeline.getByRole('link', { name: /^Day 12\b/ }).click()
	await expect(page).toHaveURL(new RegExp(`/c/${space.circle.id}/day/12$`))
	await expect(page.getByRole('heading', { level: 1, name: 'Day 12 of 100 · Listening' })).toBeFocused()
	const breadcrumb = page.getByRole('navigation', { name: 'Breadcrumb' })
	await expect(breadcrumb.getByRole('link', { name: 'Circle 7' })).toBeVisible()
	await expect(breadcrumb.getByText('Day 12', { exact: true })).toBeVisible()
	await expect(page.getByText('Past day', { exact: true })).toBeVisible()
	await expect(page.getByText('Today is day 23.')).toBeVisible()
	const prompt = page.getByRole('region', { name: 'Prompt' })
	await expect(prompt.getByText(prompt12)).toBeVisible()
	const boards = page.getByRole('region', { name: 'Boards' })
	await expect(boards.getByText('No boards on this day yet.')).toBeVisible()

	// A new board on this day, from the day view.
	await boards.getByRole('button', { name: 'New board on this day' }).click()
	const newBoard = page.getByRole('dialog', { name: 'New board on day 12' })
	await expect(newBoard.getByLabel('Title')).toHaveValue(`Day 12 · ${prompt12}`)
	await newBoard.getByLabel('Title').fill('Day 12 check-in')
	await newBoard.getByLabel('Who can open it').selectOption('tribe')
	await newBoard.getByRole('button', { name: 'Create board' }).click()
	await expect(newBoard).toBeHidden()
	await expect(boards.getByRole('link', { name: 'Day 12 check-in' })).toBeVisible()
	await expect(boards.getByText('Shared with the tribe')).toBeVisible()

	// An existing board put on day 12 from the circle page's board settings.
	await breadcrumb.getByRole('link', { name: 'Circle 7' }).click()
	await page.getByRole('button', { name: 'Edit Listening warm-up' }).click()
	const settings = page.getByRole('dialog', { name: 'Edit board' })
	const dayField = settings.getByLabel('Journey day')
	await dayField.fill('140')
	await settings.getByRole('button', { name: 'Save changes' }).click()
	await expect(settings.getByText("This circle's journey has 100 days.")).toBeVisible()
	await expect(dayField).toBeFocused()
	await dayField.fill('12')
	await expect(settings.getByText(`Day 12 of 100 · Listening: “${prompt12}”`)).toBeVisible()
	await settings.getByRole('button', { name: 'Save changes' }).click()
	await expect(settings).toBeHidden()
	const chip = page.getByRole('link', { name: 'Listening warm-up is on day 12 of the journey' })
	await expect(chip).toHaveText('Day 12')
	await expect(page.getByRole('link', { name: 'Day 12 check-in is on day 12 of the journey' })).toBeVisible()

	// Both boards on the day view, the existing one with the thumbnail of its snapshot.
	await chip.click()
	await expect(page).toHaveURL(new RegExp(`/c/${space.circle.id}/day/12$`))
	await expect(boards.getByRole('link', { name: 'Day 12 check-in' })).toBeVisible()
	await expect(boards.getByRole('link', { name: 'Listening warm-up' })).toBeVisible()
	await expect(boards.locator('img')).toHaveJSProperty('complete', true)
	await expect(page.getByRole('button', { name: 'Take Listening warm-up off this day' })).toBeVisible()
	// The pointer away from the cards, so that the picture shows no hover.
	await page.mouse.move(0, 0)
	await picture(page, 'journey-day-laptop')
	await page.setViewportSize({ width: 768, height: 1024 })
	await expect(page.getByRole('heading', { level: 1, name: 'Day 12 of 100 · Listening' })).toBeVisible()
	await picture(page, 'journey-day-tablet')

	// The next day by keyboard, and a day beyond the journey.
	await page.getByRole('link', { name: 'Next day, day 13' }).focus()
	await page.keyboard.press('Enter')
	await expect(page.getByRole('heading', { level: 1, name: /^Day 13 of 100/ })).toBeFocused()
	await page.goto(`/c/${space.circle.id}/day/140`)
	await expect(page.getByRole('heading', { level: 1, name: 'No such circle or day' })).toBeVisible()
	await expect(page.getByText('has 100 days, so it has no day 140')).toBeVisible()

	// Bob, a member, sees day 12 and its boards, and none of the facilitators' controls.
	const member = bob.page
	await member.goto(`/c/${space.circle.id}/day/12`)
	await expect(member.getByRole('heading', { level: 1, name: 'Day 12 of 100 · Listening' })).toBeVisible()
	await expect(member.getByRole('region', { name: 'Prompt' }).getByText(prompt12)).toBeVisible()
	const memberBoards = member.getByRole('region', { name: 'Boards' })
	await expect(memberBoards.getByRole('link', { name: 'Day 12 check-in' })).toBeVisible()
	await expect(memberBoards.getByRole('link', { name: 'Listening warm-up' })).toBeVisible()
	await expect(member.getByRole('button', { name: 'New board on this day' })).toHaveCount(0)
	await expect(member.getByRole('button', { name: 'Put a board on this day' })).toHaveCount(0)
	await expect(member.getByRole('button', { name: /off this day/ })).toHaveCount(0)

	await member.getByRole('link', { name: 'Next day, day 13' }).click()
	await expect(member.getByRole('heading', { level: 1, name: /^Day 13 of 100/ })).toBeFocused()

	// Today, day 23, holds the snapshot taken today, which opens read-only.
	await member.goto(`/c/${space.circle.id}/day/23`)
	await expect(member.getByText('Today', { exact: true })).toBeVisible()
	const moments = member.getByRole('region', { name: 'Sessions and snapshots' })
	await moments.getByRole('link', { name: 'Warm-up at the end' }).click()
	await expect(member).toHaveURL(new RegExp(`/b/${warmUp.id}/s/`))

	// Alice moves the warm-up from day 12 to day 13 from the day view, then takes it off.
	await page.goto(`/c/${space.circle.id}/day/13`)
	const day13 = page.getByRole('region', { name: 'Boards' })
	await day13.getByRole('button', { name: 'Put a board on this day' }).click()
	const put = page.getByRole('dialog', { name: 'Put a board on day 13' })
	await put.getByLabel('Board').selectOption({ label: 'Listening warm-up (now on day 12)' })
	await expect(put.getByText('It moves from day 12 to day 13.')).toBeVisible()
	await put.getByRole('button', { name: 'Put on day 13' }).click()
	await expect(put).toBeHidden()
	await expect(day13.getByRole('link', { name: 'Listening warm-up' })).toBeVisible()
	await day13.getByRole('button', { name: 'Take Listening warm-up off this day' }).click()
	await expect(day13.getByText('No boards on this day yet.')).toBeVisible()
	await page.getByRole('link', { name: 'Previous day, day 12' }).click()
	await expect(boards.getByRole('link', { name: 'Day 12 check-in' })).toBeVisible()
	await expect(boards.getByRole('link', { name: 'Listening warm-up' })).toHaveCount(0)

	// A new board put on a day from the circle page's create form lands on that day.
	await page.goto(`/c/${space.circle.id}`)
	const create = page.getByRole('region', { name: 'Boards' })
	await create.getByLabel('New board title').fill('Day 14 pairs')
	await create.getByLabel('Journey day').fill('14')
	await expect(create.getByText(/^Day 14 of 100 · Listening: “/)).toBeVisible()
	await create.getByRole('button', { name: 'Create board' }).click()
	await expect(page).toHaveURL(/\/b\/[^/]+$/)
	await page.goto(`/c/${space.circle.id}/day/14`)
	await expect(boards.getByRole('link', { name: 'Day 14 pairs' })).toBeVisible()
})
