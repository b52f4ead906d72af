import type { ClientResponse } from 'hono/client'

/** A problem found with one field of a request, as the server lists them on a 400. */
export interface FieldIssue {
	/** The field's name (`email`, `password`…), or the request part when no field applies. */
	path: string
	message: string
}

/** An RFC 9457 problem document as the server renders every error. */
export interface Problem {
	type?: string
	title: string
	status: number
	detail?: string
	code?: string
	requestId?: string
	issues?: FieldIssue[]
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

	/** The server's complaints per field (empty when it named none). */
	get issues(): FieldIssue[] {
		return this.problem?.issues ?? []
	}

	/** True when the server could not be reached at all (offline, DNS, refused). */
	get unreachable(): boolean {
		return this.status === 0
	}
}

const SIGNED_OUT_EVENT = 'circlespace:signed-out'

/**
 * Calls `listener` whenever an API call is refused because the session is gone (401), so the
 * app can tell the person once, wherever they are, instead of every page handling it.
 */
export function onSignedOut(listener: () => void): () => void {
	window.addEventListener(SIGNED_OUT_EVENT, listener)
	return () => window.removeEventListener(SIGNED_OUT_EVENT, listener)
}

/**
 * Tells the app that the session is gone, for a refusal that did not come through {@link call}
 * (the live connection of a board closing with 4401).
 */
export function reportSignedOut(): void {
	window.dispatchEvent(new Event(SIGNED_OUT_EVENT))
}

/** Options of {@link call}. */
export interface CallOptions {
	/** Do not report a 401 as a lost session (sign-in itself, or asking who is signed in). */
	quietUnauthenticated?: boolean
}

/**
 * Awaits a call of the typed client and returns its JSON body. Every call of the client goes
 * through here so that errors reach the UI in one shape (an {@link ApiError} with a readable
 * message), whether the server answered with a problem or could not be reached.
 */
export async function call<T>(request: Promise<ClientResponse<T>>, options: CallOptions = {}): Promise<T> {
	const response = await send(request, options)
	// ClientResponse types json() by response format; these routes only answer JSON.
	return response.json() as Promise<T>
}

/** Like {@link call}, for routes that answer 204 No Content. */
export async function callNoContent(
	request: Promise<ClientResponse<unknown>>,
	options: CallOptions = {},
): Promise<void> {
	await send(request, options)
}

/**
 * Like {@link call}, for routes that answer something other than JSON (a file to download):
 * returns the response itself, after the same error handling.
 */
export function callResponse<T>(
	request: Promise<ClientResponse<T>>,
	options: CallOptions = {},
): Promise<ClientResponse<T>> {
	return send(request, options)
}

async function send<T>(
	request: Promise<ClientResponse<T>>,
	options: CallOptions,
): Promise<ClientResponse<T>> {
	let response: ClientResponse<T>
	try {
		response = await request
	} catch (error) {
		if (error instanceof DOMException && error.name === 'AbortError') throw error
		throw new ApiError(0, undefined, 'Could not reach the server. Check your connection and try again.')
	}
	if (!response.ok) {
		const problem = await readProblem(response)
		if (response.status === 401 && !options.quietUnauthenticated && typeof window !== 'undefined')
			reportSignedOut()
		throw new ApiError(response.status, problem, fallbackMessage(response.status))
	}
	return response
}

function fallbackMessage(status: number): string {
	if (status === 429) return 'Too many attempts. Wait a little, then try again.'
	if (status >= 500) return 'The server ran into a problem. Try again in a moment.'
	return `The server answered ${status}.`
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

/** A message for any error a call can end with, fit to show a person. */
export function messageOf(error: unknown): string {
	if (error instanceof Error && error.message) return error.message
	return 'Something went wrong. Try again.'
}

/** True when the error is the abort of a request that is no longer wanted. */
export function isAbort(error: unknown): boolean {
	return error instanceof DOMException && error.name === 'AbortError'
}
