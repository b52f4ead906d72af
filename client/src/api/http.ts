import type { ClientResponse } from 'hono/client'

/** An RFC 9457 problem document as the server renders every error. */
export interface Problem {
	type?: string
	title: string
	status: number
	detail?: string
	code?: string
	requestId?: string
}

/** A failed API call, carrying the server's problem document when there is one. */
export class ApiError extends Error {
	readonly status: number
	readonly problem: Problem | undefined

	constructor(status: number, problem: Problem | undefined, fallback: string) {
		super(problem?.detail ?? problem?.title ?? fallback)
		this.name = 'ApiError'
		this.status = status
		this.problem = problem
	}
}

/**
 * Awaits a call of the typed client and returns its JSON body. Every call of the client goes
 * through here so that errors reach the UI in one shape (an {@link ApiError} with a readable
 * message), whether the server answered with a problem or could not be reached.
 */
export async function call<T>(request: Promise<ClientResponse<T>>): Promise<T> {
	let response: ClientResponse<T>
	try {
		response = await request
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') throw error
		throw new ApiError(0, undefined, 'Could not reach the server. Check your connection and try again.')
	}
	if (!response.ok) {
		const problem = await readProblem(response)
		throw new ApiError(response.status, problem, `The server answered ${response.status}.`)
	}
	// ClientResponse types json() by response format; these routes only answer JSON.
	return response.json() as Promise<T>
}

async function readProblem(response: { json(): Promise<unknown> }): Promise<Problem | undefined> {
	try {
		const body: unknown = await response.json()
		if (body && typeof body === 'object' && 'title' in body) return body as Problem
	} catch {
		// Not JSON (e.g. a proxy's HTML error page): the status alone will have to do.
	}
	return undefined
}
