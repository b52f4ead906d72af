import type { ApiBoard, ApiCircle, ApiCreatedInvitation, ApiTribe } from '../fixtures/api.ts'
import type { Person } from '../fixtures/Person.ts'
import { picture } from '../fixtures/picture.ts'
import { expect, test } from '../fixtures/test.ts'

// The tribe gallery (issue 11, items 1 and 2): a board's thumbnail is drawn by the browser of the
// facilitator editing it; a member of another circle sees it among what they may view, with a
// count of who is on it now that follows people in and out; a circle-only board never shows.

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

async function joinCircle(admin: Person, person: Person, circleId: string): Promise<void> {
	const invitation = await admin.api<ApiCreatedInvitation>('POST', `/api/circles/${circleId}/invitations`, {})
	await person.api('POST', `/api/invitations/${invitation.token}/accept`)
}

test('a member of circle B browses the tribe gallery: A’s tribe-visible board with the thumbnail its facilitator’s editing made, not A’s circle-only board, and a presence count that follows people', async ({
	alice,
	newPerson,
}) => {
	test.slow()
	const tribe = await alice.api<ApiTribe>('POST', '/api/tribes', { name: 'Northern schools' })
	const circle = (name: string) => alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name })
	const circleA = await circle('Circle A')
	const circleB = await circle('Circle B')
	const template = await alice.api<{ id: string }>(
		'POST',
		`/api/tribes/${tribe.id}/journey-templates/example`,
	)
	await alice.api('PUT', `/api/circles/${circleA.id}/journey`, {
		templateId: template.id,
		startDate: daysAgo(22),
		timeZone: 'UTC',
	})
	const board = (title: string, visibility: 'circle' | 'tribe', journeyDay?: number) =>
		alice.api<ApiBoard>('POST', `/api/circles/${circleA.id}/boards`, { title, visibility, journeyDay })
	const shared = await board('Day 12 check-in of A', 'tribe', 12)
	const secret = 'Confidential restructuring notes'
	const hidden = await board(secret, 'circle')
	await board('First week together', 'tribe')

	const carol = await newPerson('Carol')
	await joinCircle(alice, carol, circleA.id)
	await alice.api('PUT', `/api/circles/${circleA.id}/members/${carol.user?.id}`, { role: 'facilitator' })
	const bob = await newPerson('Bob')
	await joinCircle(alice, bob, circleB.id)

	// Carol, A's facilitator, draws on both boards; her browser makes their thumbnails a few
	// seconds after she stops (no one asks it to).
	for (const target of [shared, hidden]) {
		await carol.openBoard(target.id)
		await carol.drawRectangle({ x: 420, y: 300 }, { x: 620, y: 440 })
		await carol.drawRectangle({ x: 660, y: 360 }, { x: 820, y: 520 })
		await expect
			.poll(async () => (await carol.apiResponse('GET', `/api/boards/${target.id}/thumbnail`)).status(), {
				timeout: 30_000,
				message: 'the thumbnail Carol’s browser uploads',
			})
			.toBe(200)
	}
	await carol.page.goto('/')

	const page = bob.page
	await page.goto(`/t/${tribe.id}`)
	const gallery = page.getByRole('region', { name: 'Gallery' })
	const card = gallery.getByRole('listitem').filter({ hasText: 'Day 12 check-in of A' })
	await expect(card).toBeVisible()
	await expect(card).toContainText('Circle A')
	await expect(card).toContainText('Day 12')
	await expect(card).toContainText(/Edited/)
	await expect(card).toContainText('No one here now')
	// The thumbnail is a real picture, drawn from the board (not the placeholder).
	const thumbnail = card.locator('img')
	await expect
		.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.naturalWidth))
		.toBeGreaterThan(100)
	// A board no one edited since thumbnails exist keeps the calm placeholder.
	const untouched = gallery.getByRole('listitem').filter({ hasText: 'First week together' })
	await expect(untouched).toContainText('No picture yet')
	// Nothing of A's circle-only board, though it has a thumbnail too.
	await expect(page.locator('body')).not.toContainText(secret)
	await expect(gallery.getByRole('listitem')).toHaveCount(2)

	// Someone opens the board: the count on Bob's card follows within one refresh.
	await carol.openBoard(shared.id)
	await expect(card).toContainText('1 person here now')
	await gallery.scrollIntoViewIfNeeded()
	await page.mouse.move(0, 0)
	await picture(gallery, 'gallery-laptop')
	await page.setViewportSize({ width: 768, height: 1024 })
	await gallery.scrollIntoViewIfNeeded()
	await picture(gallery, 'gallery-tablet')
	await carol.page.goto('/')
	await expect(card).toContainText('No one here now')

	// Filters: by journey day, then by circle (circle B has made no board yet).
	await gallery.getByLabel('Journey day').fill('12')
	await expect(gallery.getByRole('listitem')).toHaveCount(1)
	await gallery.getByLabel('Circle').selectOption({ label: 'Circle B' })
	await expect(gallery.getByText('No board matches these filters.')).toBeVisible()
	await gallery.getByRole('button', { name: 'Show all' }).click()
	await expect(gallery.getByRole('listitem')).toHaveCount(2)

	// Across the instance: only boards shown to everyone, of which there are none yet.
	await gallery.getByRole('link', { name: 'Boards shown to everyone' }).click()
	await expect(page).toHaveURL(/\/gallery$/)
	await expect(page.getByRole('heading', { level: 1, name: 'Gallery' })).toBeVisible()
	await expect(page.getByText('No circle shows a board to everyone yet.')).toBeVisible()
	await expect(page.locator('body')).not.toContainText('Day 12 check-in of A')
	await page.goBack()

	// The card opens the board, read-only for Bob.
	await card.getByRole('link', { name: 'Day 12 check-in of A' }).click()
	await expect(page).toHaveURL(new RegExp(`/b/${shared.id}$`))
})
