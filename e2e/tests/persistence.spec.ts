import { expect, test } from '../fixtures/test.ts'

test('the board survives a server restart', async ({ alice, bob, board, server, newPerson }) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)
	const id = await alice.drawRectangle({ x: 300, y: 250 }, { x: 460, y: 380 })
	// Bob seeing it proves the server has it.
	await expect.poll(() => bob.shapeIds()).toEqual([id])
	const drawn = await alice.shapes()

	await server.stop()
	await expect(alice.connectionStatus).toContainText('Offline')
	await server.start()
	await expect(alice.connectionStatus).toContainText('Live')
	await expect(bob.connectionStatus).toContainText('Live')

	// Someone who never opened the board (no copy in their browser) gets it from the server…
	const carol = await newPerson('Carol')
	await carol.openBoard(board.id)
	await expect.poll(() => carol.shapes()).toEqual(drawn)
	// …and so does Alice after a reload.
	await alice.page.reload()
	await alice.expectReady()
	await expect.poll(() => alice.shapes()).toEqual(drawn)
})

test('an edit made offline reaches the other person on reconnect', async ({ alice, bob, board }) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)

	await alice.context.setOffline(true)
	await expect(alice.connectionStatus).toContainText('Offline')
	const id = await alice.drawRectangle({ x: 300, y: 250 }, { x: 460, y: 380 })
	// While Alice is offline, her edit stays with her.
	expect(await bob.shapeIds()).toEqual([])

	await alice.context.setOffline(false)
	await expect(alice.connectionStatus).toContainText('Live')
	await expect.poll(() => bob.shapeIds()).toEqual([id])
	expect(await bob.shapes()).toEqual(await alice.shapes())
})
