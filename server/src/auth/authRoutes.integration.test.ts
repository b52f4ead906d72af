import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import pg from 'pg'
import { afterEach, describe, expect, it } from 'vitest'
import { sqliteFileName } from '../storage/openStorage.ts'
import { Browser as ApiBrowser } from '../testing/Browser.ts'
import { createSchemaHarness } from '../testing/postgresSchema.ts'
import { TestClock } from '../testing/TestClock.ts'
import { eventually, startTestServer, type TestServer } from '../testing/testServer.ts'
import { signUpRules } from './authRoutes.ts'
import { sessionIdOf } from './SessionManager.ts'

const DAY_MS = 24 * 60 * 60 * 1000

/** A server on one database, with a way to read its sessions table directly. */
interface Instance {
	server: TestServer
	clock: TestClock
	sessionRows(): Promise<Record<string, unknown>[]>
}

const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function sqliteInstance(): Promise<Instance> {
	const clock = new TestClock()
	const server = await startTestServer({}, undefined, { clock })
	cleanups.push(() => server.dispose())
	return {
		server,
		clock,
		async sessionRows() {
			const db = new DatabaseSync(path.join(server.dataDir, sqliteFileName), { readOnly: true })
			try {
				return db.prepare('select * from sessions').all() as Record<string, unknown>[]
			} finally {
				db.close()
			}
		},
	}
}

async function postgresInstance(databaseUrl: string): Promise<Instance> {
	const schema = await createSchemaHarness(databaseUrl)
	cleanups.push(() => schema.dispose())
	const clock = new TestClock()
	const server = await startTestServer({ DATABASE_URL: schema.url }, undefined, { clock })
	cleanups.push(() => server.dispose())
	return {
		server,
		clock,
		async sessionRows() {
			const client = new pg.Client({ connectionString: schema.url })
			await client.connect()
			try {
				return (await client.query('select * from sessions')).rows
			} finally {
				await client.end()
			}
		},
	}
}

/** A browser whose routes are relative to `/api/auth`. */
class Browser extends ApiBrowser {
	override send(method: string, route: string, body?: unknown, headers: Record<string, string> = {}) {
		return super.send(method, `/auth${route}`, body, headers)
	}

	register(email: string, password = 'correct horse battery', displayName = 'Ada') {
		return this.send('POST', '/signup', { email, displayName, password })
	}

	override signIn(email: string, password = 'correct horse battery', headers?: Record<string, string>) {
		return this.send('POST', '/signin', { email, password }, headers)
	}

	me() {
		return this.send('GET', '/me')
	}
}

type UserJson = { id: string; email: string; displayName: string; color: string; role: string }

const userOf = (response: Response) => response.json() as Promise<UserJson>

async function problemOf(response: Response) {
	expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/)
	return (await response.json()) as { status: number; code: string; issues?: { path: string }[] }
}

function defineAuthTests(name: string, open: () => Promise<Instance>): void {
	describe(`accounts on ${name}`, () => {
		describe('happy path', () => {
			it('signs up, and the new session shows who is signed in', async () => {
				const { server } = await open()
				const ada = new Browser(server)
				const created = await ada.register('  Ada@Example.ORG ', 'correct horse battery', 'Ada Lovelace')
				expect(created.status).toBe(201)
				const user = await created.json()
				expect(user).toEqual({
					id: expect.any(String),
					email: 'ada@example.org',
					displayName: 'Ada Lovelace',
					color: expect.stringMatching(/^#[0-9a-f]{6}$/),
					role: 'admin',
					createdAt: '2026-03-01T09:00:00.000Z',
				})
				expect(ada.lastSetCookie).toMatch(/HttpOnly/)
				expect(ada.lastSetCookie).toMatch(/SameSite=Lax/)
				expect(ada.lastSetCookie).toMatch(/Path=\//)
				expect(ada.lastSetCookie).toMatch(/Max-Age=2592000/)
				expect(ada.lastSetCookie).not.toMatch(/Secure/)

				const me = await ada.me()
				expect(me.status).toBe(200)
				expect(await me.json()).toEqual(user)
			})

			it('signs in with a fresh token each time; both devices stay signed in', async () => {
				const { server } = await open()
				const laptop = new Browser(server)
				await laptop.register('ada@example.org')
				const phone = new Browser(server)
				const signedIn = await phone.signIn('ADA@example.org')
				expect(signedIn.status).toBe(200)
				expect((await userOf(signedIn)).email).toBe('ada@example.org')
				expect(phone.token).toBeDefined()
				expect(phone.token).not.toBe(laptop.token)
				expect((await laptop.me()).status).toBe(200)
				expect((await phone.me()).status).toBe(200)
			})

			it('signs out: the cookie is cleared and the old token no longer works', async () => {
				const { server } = await open()
				const ada = new Browser(server)
				await ada.register('ada@example.org')
				const oldToken = ada.token
				const out = await ada.send('POST', '/signout')
				expect(out.status).toBe(204)
				expect(ada.lastSetCookie).toMatch(/Max-Age=0/)
				expect(ada.token).toBeUndefined()

				ada.token = oldToken
				expect((await ada.me()).status).toBe(401)
			})

			it('updates the display name and cursor colour', async () => {
				const { server } = await open()
				const ada = new Browser(server)
				await ada.register('ada@example.org')
				const renamed = await ada.send('PATCH', '/me', { displayName: ' Countess ', color: '#3366FF' })
				expect(renamed.status).toBe(200)
				expect(await renamed.json()).toMatchObject({ displayName: 'Countess', color: '#3366ff' })
				expect(await (await ada.me()).json()).toMatchObject({ displayName: 'Countess', color: '#3366ff' })
			})

			it('stores the password as an argon2id hash with the OWASP parameters', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const stored = await server.storage.users.findByEmail('ada@example.org')
				expect(stored?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
			})
		})

		describe('errors', () => {
			it('refuses an invalid email address', async () => {
				const { server } = await open()
				const response = await new Browser(server).register('not-an-email')
				expect(response.status).toBe(400)
				expect((await problemOf(response)).issues?.map((i) => i.path)).toEqual(['email'])
			})

			it('accepts passwords of 10 to 256 characters and refuses 9 and 257', async () => {
				const { server } = await open()
				const b = new Browser(server)
				for (const [password, status] of [
					['a'.repeat(9), 400],
					['a'.repeat(257), 400],
					['a'.repeat(10), 201],
					['b'.repeat(256), 201],
				] as const) {
					const response = await b.register(`p${password.length}@example.org`, password)
					expect(response.status, `length ${password.length}`).toBe(status)
					if (status === 400) expect((await problemOf(response)).issues?.[0]?.path).toBe('password')
				}
				expect(await server.storage.users.findByEmail('p9@example.org')).toBeUndefined()
				expect(await server.storage.users.findByEmail('p257@example.org')).toBeUndefined()
			})

			it('refuses a second account with the same email, whatever its case', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const again = await new Browser(server).register('ADA@example.org ')
				expect(again.status).toBe(409)
				expect((await problemOf(again)).code).toBe('CONFLICT')
			})

			it('refuses a wrong password and sets no cookie', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const thief = new Browser(server)
				const response = await thief.signIn('ada@example.org', 'wrong password!')
				expect(response.status).toBe(401)
				expect(thief.token).toBeUndefined()
			})

			it('answers a body that is not JSON with 400', async () => {
				const { server } = await open()
				const response = await new Browser(server).send('POST', '/signup', '{"email": ')
				expect(response.status).toBe(400)
				expect((await problemOf(response)).code).toBe('VALIDATION')
			})

			it('answers 401 to profile and account routes without a session', async () => {
				const { server } = await open()
				const nobody = new Browser(server)
				expect((await nobody.me()).status).toBe(401)
				expect((await nobody.send('PATCH', '/me', { displayName: 'x' })).status).toBe(401)
				expect((await nobody.send('POST', '/signout-all')).status).toBe(401)
				const change = await nobody.send('POST', '/password', {
					currentPassword: 'whatever',
					newPassword: 'a new long password',
				})
				expect(change.status).toBe(401)
			})

			it('refuses a colour that is not #rrggbb', async () => {
				const { server } = await open()
				const ada = new Browser(server)
				await ada.register('ada@example.org')
				expect((await ada.send('PATCH', '/me', { color: 'red' })).status).toBe(400)
				expect((await ada.send('PATCH', '/me', { displayName: '   ' })).status).toBe(400)
			})
		})

		describe('security (attacks)', () => {
			it('K3 one address creating accounts in bulk is stopped after 60 in an hour, with Retry-After', async () => {
				const { server } = await open()
				const { address } = signUpRules
				// Every attempt counts, a refused one (an address already taken) too.
				await new Browser(server).register('taken@example.org')
				expect((await new Browser(server).register('taken@example.org')).status).toBe(409)
				for (let i = 2; i < address.points; i++) {
					expect((await new Browser(server).register(`bulk${i}@example.org`)).status).toBe(201)
				}
				const blocked = await new Browser(server).register('one-more@example.org')
				expect(blocked.status).toBe(429)
				const retryAfter = Number(blocked.headers.get('retry-after'))
				expect(retryAfter).toBeGreaterThan(0)
				expect(retryAfter).toBeLessThanOrEqual(address.seconds)
				expect((await problemOf(blocked)).code).toBe('RATE_LIMITED')
				expect(await server.storage.users.findByEmail('one-more@example.org')).toBeUndefined()

				// Only that address: someone elsewhere still signs up.
				const elsewhere = new Browser(server, { address: '127.0.0.2' })
				expect((await elsewhere.register('one-more@example.org')).status).toBe(201)
			})

			it('a copy of the database holds no usable token', async () => {
				const { server, sessionRows } = await open()
				const ada = new Browser(server)
				await ada.register('ada@example.org')
				await ada.signIn('ada@example.org')
				const rows = await sessionRows()
				expect(rows).toHaveLength(2)
				const dump = JSON.stringify(rows)
				expect(ada.token).toMatch(/^[a-z2-7]{32}$/)
				expect(dump).not.toContain(ada.token)
				expect(rows.map((r) => r.id)).toContain(sessionIdOf(ada.token ?? ''))
			})

			it('an expired session is refused and deleted', async () => {
				const { server, clock } = await open()
				const ada = new Browser(server)
				await ada.register('ada@example.org')
				const id = sessionIdOf(ada.token ?? '')
				clock.advance(30 * DAY_MS)
				const response = await ada.me()
				expect(response.status).toBe(401)
				expect(ada.token).toBeUndefined()
				expect(await server.storage.sessions.get(id)).toBeUndefined()
			})

			it('a session in use slides: renewed to 30 days once less than 15 are left', async () => {
				const { server, clock } = await open()
				const ada = new Browser(server)
				await ada.register('ada@example.org')
				const token = ada.token
				const id = sessionIdOf(token ?? '')

				clock.advance(14 * DAY_MS)
				expect((await ada.me()).status).toBe(200)
				expect(ada.lastSetCookie).toBeUndefined()

				clock.advance(2 * DAY_MS)
				expect((await ada.me()).status).toBe(200)
				expect(ada.lastSetCookie).toMatch(/Max-Age=2592000/)
				expect(ada.token).toBe(token)
				expect((await server.storage.sessions.get(id))?.expiresAt).toEqual(
					new Date(clock.now().getTime() + 30 * DAY_MS),
				)

				// Past the original 30 days, the renewed session still works.
				clock.advance(20 * DAY_MS)
				expect((await ada.me()).status).toBe(200)
			})

			it('signing out of all devices ends the session on the other device', async () => {
				const { server } = await open()
				const laptop = new Browser(server)
				await laptop.register('ada@example.org')
				const phone = new Browser(server)
				await phone.signIn('ada@example.org')
				expect((await phone.send('POST', '/signout-all')).status).toBe(204)
				expect((await laptop.me()).status).toBe(401)
				expect((await phone.me()).status).toBe(401)
			})

			it('changing the password ends the other sessions but not the current one', async () => {
				const { server } = await open()
				const thief = new Browser(server)
				await new Browser(server).register('ada@example.org', 'old password 123')
				await thief.signIn('ada@example.org', 'old password 123')
				const ada = new Browser(server)
				await ada.signIn('ada@example.org', 'old password 123')

				const wrong = await ada.send('POST', '/password', {
					currentPassword: 'not my password',
					newPassword: 'new password 456',
				})
				expect(wrong.status).toBe(403)
				const changed = await ada.send('POST', '/password', {
					currentPassword: 'old password 123',
					newPassword: 'new password 456',
				})
				expect(changed.status).toBe(204)
				expect((await ada.me()).status).toBe(200)
				expect((await thief.me()).status).toBe(401)
				expect((await new Browser(server).signIn('ada@example.org', 'old password 123')).status).toBe(401)
				expect((await new Browser(server).signIn('ada@example.org', 'new password 456')).status).toBe(200)
			})

			it('K1 5 failed sign-ins from one address do not stop the owner signing in from another address', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const attacker = new Browser(server, { address: '127.0.0.2' })
				for (let i = 0; i < 5; i++) {
					expect((await attacker.signIn('ada@example.org', `guess number ${i}`)).status).toBe(401)
				}
				const owner = new Browser(server, { address: '127.0.0.3' })
				const signedIn = await owner.signIn('ada@example.org')
				expect(signedIn.status).toBe(200)
				expect((await owner.me()).status).toBe(200)
			})

			it('K1 the guessing address is refused for that account after 5 failures, even the right password, with Retry-After', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const attacker = new Browser(server, { address: '127.0.0.2' })
				for (let i = 0; i < 5; i++) {
					expect((await attacker.signIn('ada@example.org', `guess number ${i}`)).status).toBe(401)
				}
				const blocked = await attacker.signIn('ada@example.org')
				expect(blocked.status).toBe(429)
				expect((await problemOf(blocked)).code).toBe('RATE_LIMITED')
				// The rest of the 15-minute window.
				const retryAfter = Number(blocked.headers.get('retry-after'))
				expect(retryAfter).toBeGreaterThan(14 * 60)
				expect(retryAfter).toBeLessThanOrEqual(15 * 60)
				expect(attacker.token).toBeUndefined()
				// The address may still sign in to another account.
				await new Browser(server).register('grace@example.org')
				expect((await attacker.signIn('grace@example.org')).status).toBe(200)
			})

			it('K1 a success from an address clears its failures on that account', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const ada = new Browser(server, { address: '127.0.0.2' })
				for (let i = 0; i < 4; i++)
					expect((await ada.signIn('ada@example.org', `typo number ${i}`)).status).toBe(401)
				expect((await ada.signIn('ada@example.org')).status).toBe(200)
				for (let i = 0; i < 4; i++)
					expect((await ada.signIn('ada@example.org', `typo again ${i}`)).status).toBe(401)
				expect((await ada.signIn('ada@example.org')).status).toBe(200)
			})

			it('K2 guessing one account from many addresses only slows it down, each wait longer than the last', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const from = (n: number) => new Browser(server, { address: `127.0.0.${n}` })
				// Five failures cost nothing; the sixth makes the next try wait a second.
				for (let n = 10; n <= 15; n++) {
					expect((await from(n).signIn('ada@example.org', `guess from ${n}`)).status).toBe(401)
				}
				const first = await from(16).signIn('ada@example.org')
				expect(first.status).toBe(429)
				expect(first.headers.get('retry-after')).toBe('1')
				expect((await problemOf(first)).code).toBe('RATE_LIMITED')
				// Once the second is over a guess is checked again (tries refused meanwhile did not
				// count), and the next wait is twice as long.
				await eventually(async () => {
					expect((await from(17).signIn('ada@example.org', 'guess from 17')).status).toBe(401)
				})
				const second = await from(18).signIn('ada@example.org')
				expect(second.status).toBe(429)
				expect(second.headers.get('retry-after')).toBe('2')
				// Never a lockout: after the wait the owner signs in.
				await eventually(async () => expect((await from(19).signIn('ada@example.org')).status).toBe(200))
			})

			it('K3 one address trying many accounts is stopped after 60 failures; other addresses are not', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const attacker = new Browser(server, { address: '127.0.0.2' })
				for (let i = 0; i < 60; i++) {
					expect((await attacker.signIn(`victim${i}@example.org`, 'password123')).status).toBe(401)
				}
				const blocked = await attacker.signIn('ada@example.org')
				expect(blocked.status).toBe(429)
				expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0)
				expect((await problemOf(blocked)).code).toBe('RATE_LIMITED')
				expect((await new Browser(server, { address: '127.0.0.3' }).signIn('ada@example.org')).status).toBe(
					200,
				)
			})

			it('an unknown email and a wrong password get byte-identical answers', async () => {
				const { server } = await open()
				await new Browser(server).register('ada@example.org')
				const unknown = await new Browser(server).signIn('nobody@example.org', 'some password')
				const wrong = await new Browser(server).signIn('ada@example.org', 'some password')
				expect(unknown.status).toBe(wrong.status)
				expect(unknown.headers.get('content-type')).toBe(wrong.headers.get('content-type'))
				const withoutId = async (r: Response) =>
					(await r.text()).replace(/"requestId":"[^"]*"/, '"requestId":"-"')
				expect(await withoutId(unknown)).toBe(await withoutId(wrong))
			})

			it('a cross-site request carrying the cookie is refused and changes nothing', async () => {
				const { server } = await open()
				const ada = new Browser(server)
				await ada.register('ada@example.org', 'correct horse battery', 'Ada')
				const forged = await ada.send(
					'PATCH',
					'/me',
					{ displayName: 'Hacked' },
					{ origin: 'https://evil.example' },
				)
				expect(forged.status).toBe(403)
				expect((await problemOf(forged)).code).toBe('FORBIDDEN')
				expect((await ada.send('POST', '/signout-all', undefined, { origin: 'null' })).status).toBe(403)

				// A request with the cookie but without any Origin is refused too.
				const noOrigin = await fetch(`${server.url}/api/auth/signout-all`, {
					method: 'POST',
					headers: { cookie: `circlespace_session=${ada.token}` },
				})
				expect(noOrigin.status).toBe(403)
				expect(await (await ada.me()).json()).toMatchObject({ displayName: 'Ada' })
			})

			it('the first account is admin and the second a member', async () => {
				const { server } = await open()
				expect((await userOf(await new Browser(server).register('first@example.org'))).role).toBe('admin')
				expect((await userOf(await new Browser(server).register('second@example.org'))).role).toBe('member')
			})

			it('five sign-ups at once on a fresh instance make exactly one admin', async () => {
				const { server } = await open()
				const responses = await Promise.all(
					Array.from({ length: 5 }, (_, i) => new Browser(server).register(`racer${i}@example.org`)),
				)
				const users = await Promise.all(responses.map(userOf))
				expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201])
				expect(users.filter((u) => u.role === 'admin')).toHaveLength(1)
				expect(users.filter((u) => u.role === 'member')).toHaveLength(4)
			})
		})
	})
}

defineAuthTests('SQLite', sqliteInstance)

const databaseUrl = process.env.TEST_DATABASE_URL
if (databaseUrl) {
	defineAuthTests('PostgreSQL', () => postgresInstance(databaseUrl))
} else {
	describe('accounts on PostgreSQL', () => {
		it('was NOT run: TEST_DATABASE_URL is unset (set it to a postgres:// URL to run it)', () => {
			console.warn('PostgreSQL account tests not run: TEST_DATABASE_URL unset')
			expect(databaseUrl).toBeUndefined()
		})
	})
}
