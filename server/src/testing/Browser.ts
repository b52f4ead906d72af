import { request as httpRequest } from 'node:http'
import type { User } from '../storage/Storage.ts'

/** Options of a {@link Browser}. */
export interface BrowserOptions {
	/**
	 * The loopback address its requests come from (`127.0.0.2`, `127.0.0.3`…; Linux answers the
	 * whole of 127.0.0.0/8), for tests of what is counted per address. Default: the system's.
	 */
	address?: string
}

/**
 * One person's browser talking to the API: keeps the session cookie and sends the
 * same-origin `Origin` header, as the web app's fetches do.
 */
export class Browser {
	/** The session token from the last cookie the server set (undefined once cleared). */
	token: string | undefined
	/** The last `Set-Cookie` for the session, for checking its attributes. */
	lastSetCookie: string | undefined
	/** The account, once signed up or in through {@link signUp} / {@link signIn}. */
	user: User | undefined
	readonly #baseUrl: string
	readonly #address: string | undefined

	constructor(server: { url: string }, options: BrowserOptions = {}) {
		this.#baseUrl = server.url
		this.#address = options.address
	}

	/** Cookie header value for this browser's session (for WebSocket connections). */
	get cookie(): string {
		return this.token ? `circlespace_session=${this.token}` : ''
	}

	/** Sends a request to `/api${route}`; a body is sent as JSON (a string as it is). */
	async send(
		method: string,
		route: string,
		body?: unknown,
		headers: Record<string, string> = {},
	): Promise<Response> {
		const init = {
			method,
			headers: {
				origin: this.#baseUrl,
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(this.token ? { cookie: this.cookie } : {}),
				...headers,
			},
			body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
		}
		const url = `${this.#baseUrl}/api${route}`
		const response = this.#address ? await sendFrom(this.#address, url, init) : await fetch(url, init)
		this.lastSetCookie = response.headers.getSetCookie().find((c) => c.startsWith('circlespace_session='))
		if (this.lastSetCookie) {
			const value = this.lastSetCookie.split(';')[0]?.slice('circlespace_session='.length)
			this.token = value && !/Max-Age=0/i.test(this.lastSetCookie) ? value : undefined
		}
		return response
	}

	/** Sends a request and returns its JSON body, failing unless the status is `expected`. */
	async json<T>(
		method: string,
		route: string,
		body?: unknown,
		expected = method === 'POST' ? [200, 201] : [200],
	) {
		const response = await this.send(method, route, body)
		if (!expected.includes(response.status)) {
			throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`)
		}
		return (await response.json()) as T
	}

	/** Signs up (the account is kept in {@link user}); the response is returned as is. */
	async signUp(
		email: string,
		options: { password?: string; displayName?: string; invitationToken?: string } = {},
	) {
		const response = await this.send('POST', '/auth/signup', {
			email,
			displayName: options.displayName ?? email.split('@')[0],
			password: options.password ?? 'correct horse battery',
			...(options.invitationToken ? { invitationToken: options.invitationToken } : {}),
		})
		if (response.status === 201) this.user = (await response.clone().json()) as User
		return response
	}

	/** Signs in; the response is returned as is. */
	async signIn(email: string, password = 'correct horse battery', headers?: Record<string, string>) {
		const response = await this.send('POST', '/auth/signin', { email, password }, headers)
		if (response.status === 200) this.user = (await response.clone().json()) as User
		return response
	}
}

/**
 * One request through `node:http`, whose `localAddress` picks the address it comes from (the
 * global `fetch` has no such option), answered as a `Response`.
 */
function sendFrom(
	localAddress: string,
	url: string,
	init: { method: string; headers: Record<string, string>; body: string | undefined },
): Promise<Response> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: init.method, headers: init.headers, localAddress }, (res) => {
			const chunks: Buffer[] = []
			res.on('data', (chunk: Buffer) => chunks.push(chunk))
			res.on('error', reject)
			res.on('end', () => {
				const headers = new Headers()
				for (const [name, value] of Object.entries(res.headers)) {
					for (const one of Array.isArray(value) ? value : value === undefined ? [] : [value]) {
						headers.append(name, one)
					}
				}
				const status = res.statusCode ?? 0
				const noBody = status === 204 || status === 304
				resolve(new Response(noBody ? null : Buffer.concat(chunks), { status, headers }))
			})
		})
		req.on('error', reject)
		req.end(init.body)
	})
}

/** Reads a problem response, checking that it is problem JSON. */
export async function problemOf(response: Response) {
	const type = response.headers.get('content-type') ?? ''
	if (!type.startsWith('application/problem+json')) {
		throw new Error(`not a problem response (${response.status} ${type}): ${await response.text()}`)
	}
	return (await response.json()) as {
		status: number
		code: string
		detail: string
		issues?: { path: string }[]
	}
}
