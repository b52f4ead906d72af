import type { ApiBoard } from '../fixtures/api.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// A circle's journey on its page (issue 10, items 2–3): the day and its prompt, the timeline
// with its sections, a board on a day shown in the board list and on the timeline, the
// timeline worked by keyboard, and a facilitator pausing the journey.

/** The date `days` before today in UTC, `YYYY-MM-DD` (the journey below runs in UTC). */
function daysAgo(days: number): string {
	return new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
}

test('a circle page shows its journey day and prompt, boards on their days, and a timeline worked by keyboard', async ({
	alice,
	space,
}) => {
	const template = await alice.api<{ id: string; template: { prompts: { day: number; title: string }[] } }>(
		'POST',
		`/api/tribes/${space.tribe.id}/journey-templates/example`,
	)
	// Started 22 days ago: today is day 23.
	await alice.api('PUT', `/api/circles/${space.circle.id}/journey`, {
		templateId: template.id,
		startDate: daysAgo(22),
		timeZone: 'UTC',
	})
	await alice.api<ApiBoard>('POST', `/api/circles/${space.circle.id}/boards`, {
		title: 'Day 12 check-in',
		journeyDay: 12,
	})
	const prompt23 = template.template.prompts.find((p) => p.day === 23)?.title

	const page = alice.page
	await page.setViewportSize({ width: 1280, height: 900 })
	await page.goto(`/c/${space.circle.id}`)
	const journey = page.getByRole('region', { name: 'Journey' })
	await expect(journey.getByText(/^Day 23 of 100/)).toBeVisible()
	if (prompt23) await expect(journey.getByText(prompt23)).toBeVisible()

	// The board sits on its day: a chip in the board list, and on the timeline's day 12.
	await expect(page.getByRole('link', { name: 'Day 12 check-in is on day 12 of the journey' })).toBeVisible()
	const timeline = journey.getByLabel(/^Journey timeline/)
	await expect(timeline.getByRole('link', { name: /^Day 12,.*Day 12 check-in/ })).toBeVisible()

	await picture(page, 'journey-timeline-laptop')

	// One tab stop, on today; arrows move, End goes to the last day.
	const today = timeline.getByRole('link', { name: /^Day 23, today/ })
	await expect(today).toHaveAttribute('tabindex', '0')
	await today.focus()
	await page.keyboard.press('ArrowLeft')
	await expect(timeline.getByRole('link', { name: /^Day 22\b/ })).toBeFocused()
	await page.keyboard.press('End')
	await expect(timeline.getByRole('link', { name: /^Day 100\b/ })).toBeFocused()
	await expect(today).toHaveAttribute('tabindex', '-1')

	await page.setViewportSize({ width: 768, height: 1024 })
	await expect(journey.getByText(/^Day 23 of 100/)).toBeVisible()
	await picture(page, 'journey-timeline-tablet')

	// The facilitator pauses the journey: the page says so.
	await journey.getByRole('button', { name: 'Pause' }).click()
	await expect(journey.getByText(/Paused on day 23/)).toBeVisible()
})
