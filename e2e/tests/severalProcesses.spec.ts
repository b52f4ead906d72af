import type { ApiBoard, ApiCircle, ApiCreatedInvitation, ApiTribe } from '../fixtures/api.ts'
import { expect, severalProcessesEnv, test } from '../fixtures/SeveralProcesses.ts'

// Two people on two server processes (one PostgreSQL, one Redis) edit one board: docs/SPEC.md,
// "Several processes" (M1), in a real browser. Each person's pages come from their own process.

const notRun = !severalProcessesEnv.databaseUrl || !severalProcessesEnv.redisUrl

if (notRun) {
	test('several processes: NOT run, TEST_DATABASE_URL and TEST_REDIS_URL must both be set', () => {
		console.warn('several processes (e2e): not run, TEST_DATABASE_URL or TEST_REDIS_URL unset')
		expect(notRun).toBe(true)
	})
} else {
	test('M1 in the browser: Alice and Bob on two processes see each other’s shapes and presence', async ({
		severalProcesses,
		personOn,
	}) => {
		const [first, second] = severalProcesses.processes
		if (!first || !second) throw new Error('two processes expected')
		const alice = await personOn(first, 'Alice')
		const bob = await personOn(second, 'Bob')

		// Alice sets up the circle through her process; Bob joins through his.
		const tribe = await alice.api<ApiTribe>('POST', '/api/tribes', { name: 'Two machines' })
		const circle = await alice.api<ApiCircle>('POST', `/api/tribes/${tribe.id}/circles`, { name: 'Circle 2' })
		const invitation = await alice.api<ApiCreatedInvitation>(
			'POST',
			`/api/circles/${circle.id}/invitations`,
			{},
		)
		await bob.api('POST', `/api/invitations/${invitation.token}/accept`)
		const board = await alice.api<ApiBoard>('POST', `/api/circles/${circle.id}/boards`, {
			title: 'e2e: two processes',
		})

		await alice.openBoard(board.id)
		await bob.openBoard(board.id)
		expect(new URL(alice.page.url()).port).toBe(String(first.port))
		expect(new URL(bob.page.url()).port).toBe(String(second.port))

		const id = await alice.drawRectangle({ x: 300, y: 250 }, { x: 480, y: 380 })
		await expect.poll(() => bob.shapeIds()).toEqual([id])
		expect(await bob.shapes()).toEqual(await alice.shapes())

		// Bob's presence crosses from his process to Alice's: his cursor, and the people bar.
		await bob.page.mouse.move(700, 500, { steps: 5 })
		await expect(alice.page.locator('.tl-nametag', { hasText: 'Bob' })).toBeVisible()
		await expect(alice.page.getByRole('region', { name: 'People on this board' })).toContainText(
			'Here with you: Bob',
		)

		// And back: a shape Bob draws reaches Alice.
		const bobs = await bob.drawRectangle({ x: 650, y: 250 }, { x: 770, y: 340 })
		await expect.poll(() => alice.shapeIds()).toEqual([id, bobs].sort())
	})
}
