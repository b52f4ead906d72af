import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { CircleDetail, CreatedInvitation, TribeDetail } from '@circlespace/shared'
import { pino } from 'pino'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tinyPng } from './assets/testImages.ts'
import { parseConfig } from './env.ts'
import { createLogger } from './logger.ts'
import { REDACTED } from './logRedaction.ts'
import { type RunningServer, startServer } from './server.ts'
import { Browser } from './testing/Browser.ts'

// The whole server at LOG_LEVEL=trace, its log going to a real pino destination (a file), and a
// stand-in for the built web client (an index.html and one script), so that the page's headers
// are tested without building the client.

let dir: string
let logFile: string
let running: RunningServer
let server: { url: string }

beforeAll(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'circlespace-app-'))
	const clientDir = path.join(dir, 'client')
	await mkdir(path.join(clientDir, 'assets'), { recursive: true })
	await writeFile(
		path.join(clientDir, 'index.html'),
		'<!doctype html><html><head><script type="module" src="/assets/app.js"></script></head><body></body></html>',
	)
	await writeFile(path.join(clientDir, 'assets/app.js'), 'export {}\n')
	logFile = path.join(dir, 'server.log')
	const env = {
		PORT: '0',
		HOST: '127.0.0.1',
		DATA_DIR: path.join(dir, 'data'),
		LOG_LEVEL: 'trace',
		CLIENT_DIST_DIR: clientDir,
	}
	running = await startServer(
		parseConfig(env),
		createLogger('trace', pino.destination({ dest: logFile, sync: true })),
	)
	server = { url: `http://127.0.0.1:${running.port}` }
})

afterAll(async () => {
	await running.stop()
	await rm(dir, { recursive: true, force: true })
})

/** The request lines the server logged so far, parsed. */
async function requestLog(): Promise<{ raw: string; urls: string[] }> {
	const raw = await readFile(logFile, 'utf8')
	const urls = raw
		.split('\n')
		.filter((line) => line !== '')
		.map((line) => JSON.parse(line) as { msg?: string; url?: string })
		.filter((entry) => entry.msg === 'request')
		.map((entry) => String(entry.url))
	return { raw, urls }
}

/** Ada (the first account) with a circle and an invitation link to it. */
async function circleWithInvitation() {
	const ada = new Browser(server)
	await ada.signUp(`ada-${crypto.randomUUID()}@example.org`, { displayName: 'Ada' })
	const tribe = await ada.json<TribeDetail>('POST', '/tribes', { name: 'North' })
	const circle = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, { name: 'Circle A' })
	const invitation = await ada.json<CreatedInvitation>('POST', `/circles/${circle.id}/invitations`, {})
	return { ada, circle, token: invitation.token }
}

describe('G1: request logs at trace level', () => {
	it('show no invitation token, in a path or a query, and no session cookie: a placeholder stands there', async () => {
		const { ada, circle, token } = await circleWithInvitation()
		const mia = new Browser(server)
		await mia.signUp('mia@example.org', { displayName: 'Mia' })

		// Every way the token travels: the API's preview and accept, the page's link, the sign-up
		// page it leads to (query), and a sign-in link that comes back to it.
		expect((await mia.send('GET', `/invitations/${token}`)).status).toBe(200)
		expect((await mia.send('POST', `/invitations/${token}/accept`)).status).toBe(200)
		for (const page of [
			`/invite/${token}`,
			`/signup?invite=${token}`,
			`/signin?next=${encodeURIComponent(`/invite/${token}`)}`,
		]) {
			expect((await fetch(`${server.url}${page}`)).status).toBe(200)
		}
		// A secret that does not look like one of ours, in a query parameter nobody listed.
		const other = 'opaque-Secret-Value-42'
		expect(
			(await ada.send('GET', `/circles/${circle.id}/boards?archived=true&access_token=${other}`)).status,
		).toBe(200)

		const { raw, urls } = await requestLog()
		expect(raw).not.toContain(token)
		expect(raw).not.toContain(other)
		expect(raw).not.toContain(String(ada.token))
		expect(raw).not.toContain(String(mia.token))
		expect(raw).not.toContain('correct horse battery')
		expect(urls).toEqual(
			expect.arrayContaining([
				`/api/invitations/${REDACTED}`,
				`/api/invitations/${REDACTED}/accept`,
				`/invite/${REDACTED}`,
				`/signup?invite=${REDACTED}`,
				`/signin?next=${REDACTED}`,
				`/api/circles/${circle.id}/boards?archived=true&access_token=${REDACTED}`,
			]),
		)
	})
})

describe('G3: every API answer is not stored and not sniffed', () => {
	it('carries Cache-Control: no-store and nosniff on answers, errors and 404s alike', async () => {
		const visitor = new Browser(server)
		const answers = {
			'/healthz': await fetch(`${server.url}/healthz`),
			'GET /api/config': await visitor.send('GET', '/config'),
			'GET /api/auth/me (signed out)': await visitor.send('GET', '/auth/me'),
			'GET /api/no-such-route': await visitor.send('GET', '/no-such-route'),
			'GET /api/invitations/<unknown>': await visitor.send(
				'GET',
				'/invitations/abcdefghijklmnopqrstuvwxyz234567',
			),
			'POST /api/tribes from another site': await visitor.send(
				'POST',
				'/tribes',
				{ name: 'x' },
				{ origin: 'https://evil.example' },
			),
			'POST /api/auth/signup with a body that is not JSON': await visitor.send('POST', '/auth/signup', '{'),
		}
		const seen = Object.fromEntries(
			Object.entries(answers).map(([name, response]) => [
				name,
				{
					cacheControl: response.headers.get('cache-control'),
					nosniff: response.headers.get('x-content-type-options'),
				},
			]),
		)
		for (const name of Object.keys(answers)) {
			expect(seen[name], name).toEqual({ cacheControl: 'no-store', nosniff: 'nosniff' })
		}
		// They really are the answers and errors they claim to be.
		expect(Object.values(answers).map((response) => response.status)).toEqual([
			200, 200, 401, 404, 404, 403, 400,
		])
	})
})

describe('G4: a route that chose its own cache policy keeps it', () => {
	it('serves an image, which only signed-in people read, as private and immutable', async () => {
		const ada = new Browser(server)
		await ada.signUp('ada-images@example.org')
		const stored = await fetch(`${server.url}/api/assets`, {
			method: 'POST',
			body: tinyPng(),
			headers: { origin: server.url, cookie: ada.cookie, 'content-type': 'image/png' },
		})
		expect(stored.status).toBe(201)
		const { src } = (await stored.json()) as { src: string }
		const image = await fetch(`${server.url}${src}`, { headers: { cookie: ada.cookie } })
		expect(image.status).toBe(200)
		expect(image.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
		expect(image.headers.get('x-content-type-options')).toBe('nosniff')
	})
})

describe('G5: the web app is served with a strict Content-Security-Policy', () => {
	it('allows scripts from our own files only, no framing, no form posts elsewhere, and a strict referrer', async () => {
		const page = await fetch(`${server.url}/invite/abcdefghijklmnopqrstuvwxyz234567`)
		expect(page.status).toBe(200)
		expect(page.headers.get('content-type')).toMatch(/^text\/html/)
		const policy = new Map(
			(page.headers.get('content-security-policy') ?? '').split(';').map((directive) => {
				const [name = '', ...values] = directive.trim().split(/\s+/)
				return [name, values]
			}),
		)
		expect(policy.get('default-src')).toEqual(["'self'"])
		expect(policy.get('script-src')).toEqual(["'self'"])
		expect(policy.get('worker-src')).toEqual(["'self'"])
		expect(policy.get('object-src')).toEqual(["'none'"])
		expect(policy.get('base-uri')).toEqual(["'self'"])
		expect(policy.get('form-action')).toEqual(["'self'"])
		expect(policy.get('frame-ancestors')).toEqual(["'none'"])
		for (const [name, values] of policy) {
			expect(values, name).not.toContain('*')
			expect(values, name).not.toContain("'unsafe-eval'")
			if (name !== 'style-src') expect(values, name).not.toContain("'unsafe-inline'")
		}
		expect(page.headers.get('x-frame-options')).toBe('DENY')
		expect(page.headers.get('referrer-policy')).toBe('same-origin')
		expect(page.headers.get('x-content-type-options')).toBe('nosniff')
		expect(page.headers.get('cache-control')).toBe('no-cache')

		const script = await fetch(`${server.url}/assets/app.js`)
		expect(script.headers.get('content-type')).toMatch(/javascript/)
		expect(script.headers.get('x-content-type-options')).toBe('nosniff')
	})
})
