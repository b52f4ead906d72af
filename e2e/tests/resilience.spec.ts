import { META_MAP, openBoardDocument, RECORDS_MAP, readBoardDocument } from '../fixtures/readBoardDocument.ts'
import { expect, test } from '../fixtures/test.ts'

test('a board written by a newer Circlespace opens read-only with an explanation', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	const id = await alice.drawRectangle({ x: 300, y: 250 }, { x: 460, y: 380 })

	// A newer version joins and migrates the board: its schema knows a sequence this one lacks.
	const newer = await openBoardDocument(alice, board.id)
	try {
		const meta = newer.doc.getMap<string>(META_MAP)
		const schema = JSON.parse(meta.get('schema') ?? 'null') as { sequences: Record<string, number> }
		expect(schema?.sequences).toBeTruthy()
		meta.set(
			'schema',
			JSON.stringify({ ...schema, sequences: { ...schema.sequences, 'com.circlespace.future': 1 } }),
		)
		// Alice, who has the board open, is told at once and can no longer edit.
		const notice = 'A newer version of Circlespace wrote this board — reload to update.'
		await expect(alice.page.getByRole('alert').filter({ hasText: notice })).toBeVisible()
		await expect
			.poll(() => alice.page.evaluate(() => window.__circlespaceEditor?.getInstanceState().isReadonly))
			.toBe(true)

		// Bob, opening it afterwards, sees the board and the same explanation.
		await bob.page.goto(`/b/${board.id}`)
		await expect(bob.page.getByRole('alert').filter({ hasText: notice })).toBeVisible()
		await expect.poll(() => bob.shapeIds()).toEqual([id])
		await expect
			.poll(() => bob.page.evaluate(() => window.__circlespaceEditor?.getInstanceState().isReadonly))
			.toBe(true)
	} finally {
		newer.close()
	}
})

test('a broken record is skipped with a discreet notice, the rest of the board works', async ({
	alice,
	bob,
	board,
}) => {
	await alice.openBoard(board.id)
	const id = await alice.drawRectangle({ x: 300, y: 250 }, { x: 460, y: 380 })
	await expect.poll(async () => (await readBoardDocument(alice, board.id)).has(id)).toBe(true)

	const writer = await openBoardDocument(alice, board.id)
	try {
		writer.doc.getMap<string>(RECORDS_MAP).set('shape:broken', '{"this is": "not a tldraw record"')
		await expect.poll(async () => (await readBoardDocument(alice, board.id)).has('shape:broken')).toBe(true)
	} finally {
		writer.close()
	}

	await bob.openBoard(board.id)
	await expect(bob.page.getByText('One item on this board could not be shown.')).toBeVisible()
	await expect.poll(() => bob.shapeIds()).toEqual([id])
	// Bob can still draw, and Alice sees it.
	const bobs = await bob.drawRectangle({ x: 600, y: 250 }, { x: 720, y: 350 })
	await expect.poll(() => alice.shapeIds()).toEqual([id, bobs].sort())
})
