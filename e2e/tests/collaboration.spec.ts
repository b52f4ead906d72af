import { expect, test } from '../fixtures/test.ts'

test('a rectangle drawn by Alice appears for Bob', async ({ alice, bob, board }) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)

	const id = await alice.drawRectangle({ x: 300, y: 250 }, { x: 480, y: 380 })

	await expect.poll(() => bob.shapeIds()).toEqual([id])
	expect(await bob.shapes()).toEqual(await alice.shapes())
})

test('Alice and Bob move shapes at the same time and end with the same board', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)
	const mine = await alice.drawRectangle({ x: 250, y: 250 }, { x: 370, y: 340 })
	const theirs = await bob.drawRectangle({ x: 650, y: 250 }, { x: 770, y: 340 })
	const shared = await alice.drawRectangle({ x: 450, y: 450 }, { x: 570, y: 540 })
	await expect.poll(() => bob.shapeIds()).toEqual([mine, theirs, shared].sort())
	await expect.poll(() => alice.shapeIds()).toEqual([mine, theirs, shared].sort())
	const before = new Map((await alice.shapes()).map((shape) => [shape.id, shape]))

	// Each moves their own shape, then both grab the same shape and pull it different ways.
	const aliceMine = await alice.screenCentreOf(mine)
	const bobTheirs = await bob.screenCentreOf(theirs)
	await Promise.all([
		alice.dragOnCanvas(aliceMine, { x: aliceMine.x + 60, y: aliceMine.y + 160 }),
		bob.dragOnCanvas(bobTheirs, { x: bobTheirs.x - 40, y: bobTheirs.y + 180 }),
	])
	const aliceShared = await alice.screenCentreOf(shared)
	const bobShared = await bob.screenCentreOf(shared)
	await Promise.all([
		alice.dragOnCanvas(aliceShared, { x: aliceShared.x - 150, y: aliceShared.y + 40 }),
		bob.dragOnCanvas(bobShared, { x: bobShared.x + 150, y: bobShared.y + 60 }),
	])

	// Both screens settle on one and the same board…
	await expect(async () => {
		expect(await bob.shapes()).toEqual(await alice.shapes())
	}).toPass()
	// …on which every shape was moved, none lost.
	const after = new Map((await alice.shapes()).map((shape) => [shape.id, shape]))
	expect([...after.keys()].sort()).toEqual([mine, theirs, shared].sort())
	for (const id of [mine, theirs, shared]) {
		expect(after.get(id)?.y, `${id} moved down`).toBeGreaterThan(
			before.get(id)?.y ?? Number.POSITIVE_INFINITY,
		)
	}
})

test('each sees the other’s cursor with their name', async ({ alice, bob, board }) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)

	await alice.page.mouse.move(400, 300, { steps: 5 })
	await bob.page.mouse.move(700, 500, { steps: 5 })

	await expect(bob.page.locator('.tl-nametag', { hasText: 'Alice' })).toBeVisible()
	await expect(alice.page.locator('.tl-nametag', { hasText: 'Bob' })).toBeVisible()
	await expect(alice.page.getByRole('region', { name: 'People on this board' })).toContainText(
		'Here with you: Bob',
	)
	await expect(bob.page.getByRole('region', { name: 'People on this board' })).toContainText(
		'Here with you: Alice',
	)

	// When Bob leaves, his cursor and avatar go away for Alice.
	await bob.page.close()
	await expect(alice.page.locator('.tl-nametag', { hasText: 'Bob' })).toHaveCount(0)
	await expect(alice.page.getByRole('region', { name: 'People on this board' })).toContainText(
		'Only you are here',
	)
})

test('undo takes back only one’s own change', async ({ alice, bob, board }) => {
	await alice.openBoard(board.id)
	await bob.openBoard(board.id)
	const alicesShape = await alice.drawRectangle({ x: 300, y: 250 }, { x: 420, y: 350 })
	await expect.poll(() => bob.shapeIds()).toEqual([alicesShape])
	const bobsShape = await bob.drawRectangle({ x: 600, y: 250 }, { x: 720, y: 350 })
	await expect.poll(() => alice.shapeIds()).toEqual([alicesShape, bobsShape].sort())

	await alice.page.keyboard.press('ControlOrMeta+z')

	await expect.poll(() => alice.shapeIds()).toEqual([bobsShape])
	await expect.poll(() => bob.shapeIds()).toEqual([bobsShape])
})
