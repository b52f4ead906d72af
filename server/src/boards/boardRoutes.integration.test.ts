import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../testing/testServer.ts'

let s: TestServer
beforeEach(async () => {
	s = await startTestServer()
})
afterEach(async () => {
	await s.dispose()
})

const json = (body: unknown, method = 'POST'): RequestInit => ({
	method,
	headers: { 'content-type': 'application/json' },
	body: typeof body === 'string' ? body : JSON.stringify(body),
})

describe('boards API: happy path', () => {
	it('creates a board, lists it, reads it and renames it', async () => {
		const created = await fetch(`${s.url}/api/boards`, json({ title: '  Day 12: listening  ' }))
		expect(created.status).toBe(201)
		const board = (await created.json()) as { id: string; title: string }
		expect(board.title).toBe('Day 12: listening')

		const list = (await (await fetch(`${s.url}/api/boards`)).json()) as Array<{ id: string }>
		expect(list.map((b) => b.id)).toEqual([board.id])

		expect(((await (await fetch(`${s.url}/api/boards/${board.id}`)).json()) as { title: string }).title).toBe(
			'Day 12: listening',
		)

		const renamed = await fetch(`${s.url}/api/boards/${board.id}`, json({ title: 'Day 12' }, 'PATCH'))
		expect(renamed.status).toBe(200)
		expect(((await (await fetch(`${s.url}/api/boards/${board.id}`)).json()) as { title: string }).title).toBe(
			'Day 12',
		)
	})

	it('reports its health and storage kind', async () => {
		expect(await (await fetch(`${s.url}/healthz`)).json()).toEqual({ status: 'ok', storage: 'sqlite' })
	})
})

describe('boards API: errors', () => {
	async function expectProblem(response: Response, status: number, code: string) {
		expect(response.status).toBe(status)
		expect(response.headers.get('content-type')).toContain('application/problem+json')
		const problem = (await response.json()) as {
			status: number
			code: string
			requestId: string
			detail: string
		}
		expect(problem).toMatchObject({ status, code })
		expect(problem.requestId).toBeTruthy()
		expect(problem.detail).toBeTruthy()
		return problem
	}

	it('refuses an empty, missing or too long title and says which field is wrong', async () => {
		const problem = await expectProblem(
			await fetch(`${s.url}/api/boards`, json({ title: '   ' })),
			400,
			'VALIDATION',
		)
		expect(problem).toMatchObject({ issues: [{ path: 'title' }] })
		await expectProblem(await fetch(`${s.url}/api/boards`, json({})), 400, 'VALIDATION')
		await expectProblem(
			await fetch(`${s.url}/api/boards`, json({ title: 'x'.repeat(201) })),
			400,
			'VALIDATION',
		)
		await expectProblem(
			await fetch(`${s.url}/api/boards`, json({ title: 'ok', extra: 1 })),
			400,
			'VALIDATION',
		)
	})

	it('answers a body that is not JSON with 400, not a crash', async () => {
		await expectProblem(await fetch(`${s.url}/api/boards`, json('{"title": ')), 400, 'VALIDATION')
	})

	it('answers an oversized body with 413', async () => {
		await expectProblem(
			await fetch(`${s.url}/api/boards`, json({ title: 'x'.repeat(100_000) })),
			413,
			'PAYLOAD_TOO_LARGE',
		)
	})

	it('answers unknown and malformed board ids with 404', async () => {
		await expectProblem(await fetch(`${s.url}/api/boards/unknownBoard1`), 404, 'NOT_FOUND')
		await expectProblem(await fetch(`${s.url}/api/boards/${encodeURIComponent('../etc')}`), 404, 'NOT_FOUND')
		await expectProblem(
			await fetch(`${s.url}/api/boards/unknownBoard1`, json({ title: 'x' }, 'PATCH')),
			404,
			'NOT_FOUND',
		)
	})

	it('answers an unknown API route with a 404 problem', async () => {
		await expectProblem(await fetch(`${s.url}/api/nothing-here`), 404, 'NOT_FOUND')
	})

	it('keeps every board after bad requests', async () => {
		const id = (
			(await (await fetch(`${s.url}/api/boards`, json({ title: 'kept' }))).json()) as { id: string }
		).id
		await fetch(`${s.url}/api/boards/${id}`, json('not json', 'PATCH'))
		await fetch(`${s.url}/api/boards/${id}`, json({ title: '' }, 'PATCH'))
		expect(((await (await fetch(`${s.url}/api/boards/${id}`)).json()) as { title: string }).title).toBe(
			'kept',
		)
	})
})
