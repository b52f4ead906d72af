import { expect, it } from 'vitest'
import { Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { type SeededPerson, seedBoard, seedPerson } from '../testing/seed.ts'
import type { TestServer } from '../testing/testServer.ts'

/**
 * The API's rate limits through real requests, with small limits so that tests reach them:
 * per person 10 reads, 4 writes and 2 file requests a minute, per address 3 times that.
 */
const env = {
	RATE_LIMIT_READS_PER_MINUTE: '10',
	RATE_LIMIT_WRITES_PER_MINUTE: '4',
	RATE_LIMIT_FILES_PER_MINUTE: '2',
	RATE_LIMIT_ADDRESS_FACTOR: '3',
}

/** A browser signed in as a seeded person, from `address` (default: the system's). */
function browserOf(server: TestServer, person: SeededPerson, address?: string): Browser {
	const browser = new Browser(server, { address })
	browser.token = person.cookie.slice(person.cookie.indexOf('=') + 1)
	return browser
}

/** Sends `count` requests and answers their statuses. */
async function statuses(count: number, send: () => Promise<Response>): Promise<number[]> {
	const answers: number[] = []
	for (let i = 0; i < count; i++) answers.push((await send()).status)
	return answers
}

const all = (count: number, status: number) => Array.from({ length: count }, () => status)

/** Checks a refusal as a person's browser sees it: 429 problem JSON, RATE_LIMITED, Retry-After. */
async function expectRateLimited(response: Response): Promise<string> {
	expect(response.status).toBe(429)
	const retryAfter = Number(response.headers.get('retry-after'))
	expect(retryAfter).toBeGreaterThanOrEqual(1)
	expect(retryAfter).toBeLessThanOrEqual(60)
	const problem = await problemOf(response)
	expect(problem.code).toBe('RATE_LIMITED')
	return problem.detail
}

onEachDatabase('API rate limits', (start) => {
	it('K4 answers a person’s reads beyond their limit with 429 problem JSON and Retry-After; their writes go on', async () => {
		const server = await start({ env })
		const ada = browserOf(server, await seedPerson(server, 'Ada'))
		expect(await statuses(10, () => ada.send('GET', '/auth/me'))).toEqual(all(10, 200))
		expect(await expectRateLimited(await ada.send('GET', '/auth/me'))).toMatch(/too many requests/)
		expect((await ada.send('PATCH', '/auth/me', { displayName: 'Ada L.' })).status).toBe(200)
	})

	it('K4 gives writes a tighter limit of their own; reads go on', async () => {
		const server = await start({ env })
		const ada = browserOf(server, await seedPerson(server, 'Ada'))
		const rename = () => ada.send('PATCH', '/auth/me', { displayName: 'Ada' })
		expect(await statuses(4, rename)).toEqual(all(4, 200))
		expect(await expectRateLimited(await rename())).toMatch(/too many changes/)
		expect((await ada.send('GET', '/auth/me')).status).toBe(200)
	})

	it('K5 counts imports, exports and thumbnail uploads against the tightest limit; other requests go on', async () => {
		const server = await start({ env })
		const { boardId, facilitator } = await seedBoard(server)
		const ada = browserOf(server, facilitator)
		expect(await statuses(2, () => ada.send('GET', `/boards/${boardId}/tldr`))).toEqual([200, 200])
		expect(await expectRateLimited(await ada.send('GET', `/boards/${boardId}/tldr`))).toMatch(
			/imports, exports/,
		)
		await expectRateLimited(await ada.send('POST', `/boards/${boardId}/import`, '{}'))
		await expectRateLimited(await ada.send('PUT', '/snapshots/any/thumbnail', 'png'))
		expect((await ada.send('GET', `/boards/${boardId}`)).status).toBe(200)
		expect((await ada.send('PATCH', `/boards/${boardId}`, { title: 'Still editable' })).status).toBe(200)
	})

	it('K6 one person at their limit does not limit another on the same address, until the address’s own limit', async () => {
		const server = await start({ env })
		const [ada, ben, cy, dee] = await Promise.all(
			['Ada', 'Ben', 'Cy', 'Dee'].map(async (name) => browserOf(server, await seedPerson(server, name))),
		)
		const read = (who: Browser | undefined) => () => (who as Browser).send('GET', '/auth/me')
		expect(await statuses(10, read(ada))).toEqual(all(10, 200))
		// Ada keeps trying: refused, and not counted for the address.
		expect(await statuses(5, read(ada))).toEqual(all(5, 429))
		expect(await statuses(10, read(ben))).toEqual(all(10, 200))
		expect(await statuses(10, read(cy))).toEqual(all(10, 200))
		// 30 reads from the address: its limit (3 people's worth) is reached.
		expect(await expectRateLimited(await read(dee)())).toMatch(/Your network/)
		const elsewhere = browserOf(server, await seedPerson(server, 'Eve'), '127.0.0.2')
		expect((await elsewhere.send('GET', '/auth/me')).status).toBe(200)
	})

	it('K7 limits requests without an account per address only', async () => {
		const server = await start({ env })
		const stranger = new Browser(server)
		expect(await statuses(30, () => stranger.send('GET', '/config'))).toEqual(all(30, 200))
		await expectRateLimited(await stranger.send('GET', '/config'))
		expect((await new Browser(server, { address: '127.0.0.2' }).send('GET', '/config')).status).toBe(200)
	})

	it('K9 behind a trusted proxy counts each client the proxy names, and believes no one else’s X-Forwarded-For', async () => {
		// The "proxy" is 127.0.0.5; it appends the address it saw, as nginx and Caddy do.
		const server = await start({ env: { ...env, TRUSTED_PROXIES: '127.0.0.5' } })
		const viaProxy = (client: string) => ({ 'x-forwarded-for': client })
		const proxy = new Browser(server, { address: '127.0.0.5' })
		const config = (from: Browser, headers: Record<string, string>) =>
			statuses(1, () => from.send('GET', '/config', undefined, headers)).then(([status]) => status)
		// One client behind the proxy uses up its address's 30 requests…
		for (let i = 0; i < 30; i++) expect(await config(proxy, viaProxy('198.51.100.1'))).toBe(200)
		expect(await config(proxy, viaProxy('198.51.100.1'))).toBe(429)
		// …a forged address to the left of what the proxy appended does not help it…
		expect(await config(proxy, viaProxy('203.0.113.99, 198.51.100.1'))).toBe(429)
		// …and another client behind the same proxy is not limited by it.
		expect(await config(proxy, viaProxy('198.51.100.2'))).toBe(200)

		// Someone not on the list sending the header is counted under their own address.
		const direct = new Browser(server, { address: '127.0.0.6' })
		for (let i = 0; i < 30; i++) {
			expect(await config(direct, viaProxy(`198.51.100.${(i % 200) + 10}`))).toBe(200)
		}
		expect(await config(direct, viaProxy('198.51.100.250'))).toBe(429)
	})

	it('K8 never limits /healthz', async () => {
		const server = await start({ env })
		const answers = await statuses(40, () => fetch(`${server.url}/healthz`))
		expect(answers).toEqual(all(40, 200))
	})
})
