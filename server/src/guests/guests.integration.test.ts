import {
	CloseCode,
	type CreatedGuestLink,
	type GuestLink,
	type GuestLinkPreview,
	type GuestSelf,
	MAX_OPEN_GUEST_LINKS_PER_BOARD,
} from '@circlespace/shared'
import { afterEach, expect, it } from 'vitest'
import type { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { tinyPng } from '../assets/testImages.ts'
import type { Clock } from '../auth/Clock.ts'
import { type Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, joinByInvitation, seedSpacesWorld } from '../testing/spacesWorld.ts'
import {
	browserHeaders,
	connectProvider,
	connectRaw,
	eventually,
	type RawClient,
	synced,
	type TestServer,
	tryUpgrade,
} from '../testing/testServer.ts'

/**
 * Guests, written as attacks (docs/API.md, "Guests"): a guest link opens its one board and
 * nothing else of the instance, and stops working — live connection included — when revoked,
 * past its time, or when the live session it was made for ends.
 */

const HOUR = 60 * 60 * 1000
const cleanups: Array<() => unknown> = []
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** A clock near real time that the test moves forward. */
class MovableClock implements Clock {
	offsetMs = 0
	now(): Date {
		return new Date(Date.now() + this.offsetMs)
	}
}

/** A browser with no account holding a guest's cookie once it joined. */
class GuestBrowser {
	token: string | undefined
	readonly server: { url: string }
	constructor(server: { url: string }) {
		this.server = server
	}

	get cookie(): string {
		return this.token ? `circlespace_guest=${this.token}` : ''
	}

	async send(method: string, route: string, body?: unknown): Promise<Response> {
		const response = await fetch(`${this.server.url}/api${route}`, {
			method,
			headers: {
				origin: this.server.url,
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(this.token ? { cookie: this.cookie } : {}),
			},
			body: body === undefined ? undefined : JSON.stringify(body),
		})
		const set = response.headers.getSetCookie().find((c) => c.startsWith('circlespace_guest='))
		if (set) {
			const value = set.split(';')[0]?.slice('circlespace_guest='.length)
			this.token = value && !/Max-Age=0/i.test(set) ? value : undefined
		}
		return response
	}

	async join(token: string, name: string): Promise<GuestSelf> {
		const response = await this.send('POST', `/guest-links/${token}/join`, { name })
		if (response.status !== 201) throw new Error(`join: ${response.status} ${await response.text()}`)
		return (await response.json()) as GuestSelf
	}
}

function inHours(clock: Clock, hours: number): string {
	return new Date(clock.now().getTime() + hours * HOUR).toISOString()
}

async function makeLink(
	facilitator: Browser,
	boardId: string,
	body: Record<string, unknown>,
): Promise<CreatedGuestLink> {
	return facilitator.json<CreatedGuestLink>('POST', `/boards/${boardId}/guest-links`, body)
}

const records = (doc: Y.Doc) => doc.getMap<string>('records')

function provider(s: TestServer, boardId: string, cookie: string) {
	const p = connectProvider(s, boardId, { cookie, doc: new Y.Doc() })
	cleanups.push(() => p.destroy())
	const closes: Array<{ code: number; reason: string }> = []
	p.on('connection-close', (event) => {
		if (event) closes.push({ code: event.code, reason: event.reason })
	})
	return Object.assign(p, { closes })
}

async function raw(s: TestServer, boardId: string, cookie: string): Promise<RawClient> {
	const client = await connectRaw(s, boardId, { cookie })
	cleanups.push(() => client.ws.terminate())
	return client
}

/** Waits until `watcher` sees a fresh presence marker of `sender`: what it sent before was handled. */
async function seenMarker(watcher: WebsocketProvider, sender: WebsocketProvider) {
	const first = Date.now()
	let marker = first
	sender.awareness.setLocalStateField('marker', marker)
	await eventually(() => {
		const seen = watcher.awareness.getStates().get(sender.doc.clientID)?.marker
		if (typeof seen === 'number' && seen >= first) return
		sender.awareness.setLocalStateField('marker', ++marker)
		throw new Error('marker not seen yet')
	})
}

async function world(start: (options?: { clock?: Clock }) => Promise<TestServer>, clock?: Clock) {
	const s = await start(clock ? { clock } : {})
	const people = await seedSpacesWorld(s)
	const talk = await createBoard(people.grace, people.circleA.id, 'Talk with a visitor')
	const other = await createBoard(people.grace, people.circleA.id, 'Other board of A')
	const ofB = await createBoard(people.ada, people.circleB.id, 'Board of B', 'tribe')
	return { s, ...people, talk, other, ofB }
}

onEachDatabase('Guests', (start) => {
	it('a guest link opens its board only: every other board and API route is 404, sync to another board 4404', async () => {
		const clock = new MovableClock()
		const w = await world(start, clock)
		const link = await makeLink(w.grace, w.talk.id, {
			mode: 'edit',
			until: { kind: 'time', at: inHours(clock, 2) },
		})
		expect(link).toMatchObject({ mode: 'edit', countsSeat: false, maxGuests: 10, endedBecause: null })
		expect(link.token).toMatch(/^[a-z2-7]{32}$/)

		const guest = new GuestBrowser(w.s)
		const preview = (await (await guest.send('GET', `/guest-links/${link.token}`)).json()) as GuestLinkPreview
		expect(preview).toMatchObject({ boardTitle: 'Talk with a visitor', mode: 'edit', unusableBecause: null })
		const self = await guest.join(link.token, '  Sam Speaker ')
		expect(self).toMatchObject({ name: 'Sam Speaker', mode: 'edit', board: { id: w.talk.id } })
		expect(guest.token).toMatch(/^[a-z2-7]{32}$/)
		expect(await (await guest.send('GET', '/guest/me')).json()).toMatchObject({ name: 'Sam Speaker' })

		const closed = [
			['GET', '/home'],
			['GET', '/instance'],
			['GET', '/tribes'],
			['GET', `/tribes/${w.tribe.id}`],
			['GET', `/circles/${w.circleA.id}`],
			['GET', `/circles/${w.circleA.id}/boards`],
			['POST', `/circles/${w.circleA.id}/boards`],
			['GET', `/circles/${w.circleA.id}/sessions`],
			// Even the guest's own board through the members' routes: only /guest/* speaks to a guest.
			['GET', `/boards/${w.talk.id}`],
			['GET', `/boards/${w.other.id}`],
			['GET', `/boards/${w.ofB.id}`],
			['PATCH', `/boards/${w.talk.id}`],
			['GET', `/boards/${w.talk.id}/session`],
			['GET', `/boards/${w.talk.id}/guest-links`],
			['POST', `/boards/${w.talk.id}/guest-links`],
			['GET', `/boards/${w.talk.id}/snapshots`],
			['GET', `/boards/${w.other.id}/snapshots`],
			['GET', `/boards/${w.other.id}/export.tldr`],
			['GET', `/boards/${w.talk.id}/export.tldr`],
			['GET', `/boards/${w.other.id}/thumbnail`],
			['GET', `/boards/${w.talk.id}/links`],
			['GET', '/search?q=visitor'],
			['GET', '/gallery/instance'],
			['GET', `/tribes/${w.tribe.id}/gallery`],
			['GET', '/no-such-route'],
			['POST', '/assets'],
		] as const
		for (const [method, route] of closed) {
			const response = await guest.send(method, route, method === 'GET' ? undefined : {})
			expect(response.status, `${method} ${route}`).toBe(404)
		}

		// Its own board's live connection works, and editing reaches the facilitator.
		const graceP = provider(w.s, w.talk.id, w.grace.cookie)
		const guestP = provider(w.s, w.talk.id, guest.cookie)
		await Promise.all([synced(graceP), synced(guestP)])
		records(guestP.doc).set('shape:guest', 'drawn by the guest')
		await eventually(() => expect(records(graceP.doc).get('shape:guest')).toBe('drawn by the guest'))
		// The facilitator sees the guest by the name they gave, marked by the server.
		guestP.awareness.setLocalStateField('user', { name: 'Grace', color: '#000000' })
		await eventually(() =>
			expect(graceP.awareness.getStates().get(guestP.doc.clientID)?.user).toMatchObject({
				name: 'Sam Speaker (guest)',
			}),
		)

		// Any other board: upgraded, then closed as if it did not exist.
		for (const boardId of [w.other.id, w.ofB.id, 'no-such-board']) {
			const other = await raw(w.s, boardId, guest.cookie)
			expect((await other.closed).code, boardId).toBe(CloseCode.BOARD_NOT_FOUND)
		}
		// Nor a note layer of its own board.
		const layer = await connectRaw(w.s, `${w.talk.id}?layer=me`, { cookie: guest.cookie })
		cleanups.push(() => layer.ws.terminate())
		expect((await layer.closed).code).toBe(CloseCode.BOARD_NOT_FOUND)
	})

	it('a view-only guest cannot edit: their changes reach no one and are not stored', async () => {
		const w = await world(start)
		const link = await makeLink(w.grace, w.talk.id, {
			mode: 'view',
			until: { kind: 'time', at: new Date(Date.now() + HOUR).toISOString() },
		})
		const guest = new GuestBrowser(w.s)
		expect((await guest.join(link.token, 'Vera')).mode).toBe('view')
		const graceP = provider(w.s, w.talk.id, w.grace.cookie)
		const guestP = provider(w.s, w.talk.id, guest.cookie)
		await Promise.all([synced(graceP), synced(guestP)])
		records(graceP.doc).set('shape:1', 'by grace')
		await eventually(() => expect(records(guestP.doc).get('shape:1')).toBe('by grace'))
		records(guestP.doc).set('shape:2', 'by the viewer')
		await seenMarker(graceP, guestP)
		expect(records(graceP.doc).toJSON()).toEqual({ 'shape:1': 'by grace' })
		const room = await w.s.rooms.peek(w.talk.id)
		expect(room && records(room.doc).toJSON()).toEqual({ 'shape:1': 'by grace' })
	})

	it('revoking closes the guest live connection at once (4410) and the link, the session and the upgrade stop working', async () => {
		const w = await world(start)
		const link = await makeLink(w.grace, w.talk.id, {
			mode: 'edit',
			until: { kind: 'time', at: new Date(Date.now() + HOUR).toISOString() },
		})
		const guest = new GuestBrowser(w.s)
		await guest.join(link.token, 'Sam')
		const guestP = provider(w.s, w.talk.id, guest.cookie)
		await synced(guestP)
		const listed = await w.grace.json<GuestLink[]>('GET', `/boards/${w.talk.id}/guest-links`)
		expect(listed).toMatchObject([{ id: link.id, guests: [{ name: 'Sam' }], endedBecause: null }])
		// Only the board's facilitators list, make and revoke its links.
		expect((await w.mia.send('GET', `/boards/${w.talk.id}/guest-links`)).status).toBe(403)
		expect((await w.mia.send('DELETE', `/boards/${w.talk.id}/guest-links/${link.id}`)).status).toBe(403)
		expect((await w.ben.send('DELETE', `/boards/${w.talk.id}/guest-links/${link.id}`)).status).toBe(404)

		const revoked = await w.grace.send('DELETE', `/boards/${w.talk.id}/guest-links/${link.id}`)
		expect(revoked.status).toBe(204)
		await eventually(() =>
			expect(guestP.closes).toEqual([{ code: CloseCode.GUEST_ENDED, reason: 'guest link revoked' }]),
		)
		// 4410 is final: the client does not come back.
		await new Promise((resolve) => setTimeout(resolve, 300))
		expect(guestP.closes).toHaveLength(1)

		expect((await guest.send('GET', '/guest/me')).status).toBe(401)
		const upgrade = await tryUpgrade(
			w.s,
			w.talk.id,
			browserHeaders(w.s, { cookie: `circlespace_guest=${link.token}` }),
		)
		expect(upgrade.status).toBe(401)
		const again = new GuestBrowser(w.s)
		const preview = (await (await again.send('GET', `/guest-links/${link.token}`)).json()) as GuestLinkPreview
		expect(preview.unusableBecause).toBe('revoked')
		const join = await again.send('POST', `/guest-links/${link.token}/join`, { name: 'Late' })
		expect(join.status).toBe(409)
		expect((await problemOf(join)).detail).toMatch(/withdrawn/)
		expect(await w.grace.json<GuestLink[]>('GET', `/boards/${w.talk.id}/guest-links`)).toMatchObject([
			{ id: link.id, endedBecause: 'revoked' },
		])
	})

	it('a link past its time stops working, and the sweep closes its guest connection (4410)', async () => {
		const clock = new MovableClock()
		const w = await world(start, clock)
		const link = await makeLink(w.grace, w.talk.id, {
			mode: 'edit',
			until: { kind: 'time', at: inHours(clock, 1) },
		})
		const guest = new GuestBrowser(w.s)
		await guest.join(link.token, 'Sam')
		const guestP = provider(w.s, w.talk.id, guest.cookie)
		await synced(guestP)

		clock.offsetMs = 2 * HOUR
		await w.s.live.sweep()
		await eventually(() =>
			expect(guestP.closes).toEqual([{ code: CloseCode.GUEST_ENDED, reason: 'guest link expired' }]),
		)
		expect((await guest.send('GET', '/guest/me')).status).toBe(401)
		const upgrade = await tryUpgrade(w.s, w.talk.id, browserHeaders(w.s, { cookie: guest.cookie }))
		expect(upgrade.status).toBe(401)
		const preview = (await (
			await new GuestBrowser(w.s).send('GET', `/guest-links/${link.token}`)
		).json()) as GuestLinkPreview
		expect(preview.unusableBecause).toBe('expired')
		expect(
			(await new GuestBrowser(w.s).send('POST', `/guest-links/${link.token}/join`, { name: 'Late' })).status,
		).toBe(409)
	})

	it('a link made for a live session ends with it: the guest connection closes when the facilitator ends the session', async () => {
		const w = await world(start)
		const refused = await w.grace.send('POST', `/boards/${w.talk.id}/guest-links`, {
			mode: 'edit',
			until: { kind: 'session' },
		})
		expect(refused.status).toBe(409)
		expect((await problemOf(refused)).detail).toMatch(/No live session/)

		await w.grace.json('POST', `/boards/${w.talk.id}/session`, { title: 'Morning circle' })
		const link = await makeLink(w.grace, w.talk.id, { mode: 'edit', until: { kind: 'session' } })
		expect(link.liveSessionId).toEqual(expect.any(String))
		const guest = new GuestBrowser(w.s)
		const preview = (await (await guest.send('GET', `/guest-links/${link.token}`)).json()) as GuestLinkPreview
		expect(preview.sessionTitle).toBe('Morning circle')
		await guest.join(link.token, 'Sam')
		const guestP = provider(w.s, w.talk.id, guest.cookie)
		await synced(guestP)

		await w.grace.json('POST', `/boards/${w.talk.id}/session/end`)
		await eventually(() =>
			expect(guestP.closes).toEqual([{ code: CloseCode.GUEST_ENDED, reason: 'guest link session ended' }]),
		)
		expect((await guest.send('GET', '/guest/me')).status).toBe(401)
		const after = (await (
			await new GuestBrowser(w.s).send('GET', `/guest-links/${link.token}`)
		).json()) as GuestLinkPreview
		expect(after.unusableBecause).toBe('session_ended')
		// The guest took part, but is no account: only members are recorded (nobody else was here).
		const [past] = await w.grace.json<Array<{ participants: { id: string }[] }>>(
			'GET',
			`/circles/${w.circleA.id}/sessions`,
		)
		expect(past?.participants).toEqual([])
	})

	it('guests count against the circle seats only when the facilitator says so', async () => {
		const w = await world(start)
		// Circle A holds Ada? no: Grace and Mia; two more seats.
		const detail = await w.grace.json<{ memberCount: number }>('GET', `/circles/${w.circleA.id}`)
		await w.ada.json('PATCH', `/circles/${w.circleA.id}`, { capacity: detail.memberCount + 1 })
		const until = { kind: 'time', at: new Date(Date.now() + HOUR).toISOString() }
		const seated = await makeLink(w.grace, w.talk.id, { mode: 'edit', until, countsSeat: true })
		const free = await makeLink(w.grace, w.talk.id, { mode: 'view', until, countsSeat: false })

		await new GuestBrowser(w.s).join(seated.token, 'Takes the last seat')
		// The circle is now full: a second seated guest and a new member are both refused.
		const second = await new GuestBrowser(w.s).send('POST', `/guest-links/${seated.token}/join`, {
			name: 'Two',
		})
		expect(second.status).toBe(409)
		expect((await problemOf(second)).detail).toMatch(/no free seat/)
		const invitation = await w.grace.json<{ token: string }>('POST', `/circles/${w.circleA.id}/invitations`, {
			maxUses: 1,
		})
		const olu = await w.olu.send('POST', `/invitations/${invitation.token}/accept`)
		expect(olu.status).toBe(409)
		// A guest whose link does not count a seat comes in all the same.
		await new GuestBrowser(w.s).join(free.token, 'Visitor')

		// Revoking the seated link frees its seat.
		await w.grace.send('DELETE', `/boards/${w.talk.id}/guest-links/${seated.id}`)
		await joinByInvitation(w.grace, w.olu, w.circleA.id)
	})

	it('bounds: names, guests per link, open links per board, link creation rate, end time', async () => {
		const w = await world(start)
		const until = { kind: 'time', at: new Date(Date.now() + HOUR).toISOString() }
		const link = await makeLink(w.grace, w.talk.id, { mode: 'edit', until, maxGuests: 1 })
		for (const name of ['', '   ', 'x'.repeat(41), 'tab\there']) {
			const response = await new GuestBrowser(w.s).send('POST', `/guest-links/${link.token}/join`, { name })
			expect(response.status, JSON.stringify(name)).toBe(400)
		}
		await new GuestBrowser(w.s).join(link.token, 'x'.repeat(40))
		const full = await new GuestBrowser(w.s).send('POST', `/guest-links/${link.token}/join`, {
			name: 'Second',
		})
		expect(full.status).toBe(409)
		expect((await problemOf(full)).detail).toMatch(/place/)

		for (const bad of [
			{ mode: 'admin', until },
			{ mode: 'edit', until: { kind: 'time', at: new Date(Date.now() - 1000).toISOString() } },
			{ mode: 'edit', until: { kind: 'time', at: new Date(Date.now() + 31 * 24 * HOUR).toISOString() } },
			{ mode: 'edit', until, maxGuests: 51 },
			{ mode: 'edit', until, maxGuests: 0 },
		]) {
			expect(
				(await w.grace.send('POST', `/boards/${w.talk.id}/guest-links`, bad)).status,
				JSON.stringify(bad),
			).toBe(400)
		}

		// 1 open already; up to 20 open on one board.
		const made = [link]
		for (let i = 1; i < MAX_OPEN_GUEST_LINKS_PER_BOARD; i++)
			made.push(await makeLink(w.grace, w.talk.id, { mode: 'view', until }))
		const tooMany = await w.grace.send('POST', `/boards/${w.talk.id}/guest-links`, { mode: 'view', until })
		expect(tooMany.status).toBe(409)
		// Revoking opens room again, up to 30 links an hour per person.
		for (const one of made.slice(0, 15))
			await w.grace.send('DELETE', `/boards/${w.talk.id}/guest-links/${one.id}`)
		for (let i = 0; i < 10; i++) await makeLink(w.grace, w.talk.id, { mode: 'view', until })
		const tooOften = await w.grace.send('POST', `/boards/${w.talk.id}/guest-links`, { mode: 'view', until })
		expect(tooOften.status).toBe(429)
		expect(tooOften.headers.get('retry-after')).toMatch(/^\d+$/)
	})

	it('a guest sees the board’s images, and their browser is told to keep none of them', async () => {
		const w = await world(start)
		const upload = await fetch(`${w.s.url}/api/assets`, {
			method: 'POST',
			body: tinyPng(),
			headers: { origin: w.s.url, cookie: w.grace.cookie, 'content-type': 'image/png' },
		})
		expect(upload.status).toBe(201)
		const { src } = (await upload.json()) as { src: string }
		const link = await makeLink(w.grace, w.talk.id, {
			mode: 'view',
			until: { kind: 'time', at: new Date(Date.now() + HOUR).toISOString() },
		})
		const guest = new GuestBrowser(w.s)
		await guest.join(link.token, 'Sam')
		const asGuest = await guest.send('GET', src.replace(/^\/api/, ''))
		expect(asGuest.status).toBe(200)
		expect(asGuest.headers.get('cache-control')).toBe('no-store')
		expect(new Uint8Array(await asGuest.arrayBuffer())).toEqual(tinyPng())
		const asMember = await fetch(`${w.s.url}${src}`, { headers: { cookie: w.grace.cookie } })
		expect(asMember.headers.get('cache-control')).toBe('private, max-age=31536000, immutable')
	})

	it('a signed-in person is never taken for a guest, and the guest token is not a session token', async () => {
		const w = await world(start)
		const link = await makeLink(w.grace, w.talk.id, {
			mode: 'edit',
			until: { kind: 'time', at: new Date(Date.now() + HOUR).toISOString() },
		})
		const join = await w.ben.send('POST', `/guest-links/${link.token}/join`, { name: 'Ben as a guest' })
		expect(join.status).toBe(409)
		const guest = new GuestBrowser(w.s)
		await guest.join(link.token, 'Sam')
		// The guest's token as an account's session cookie names no one.
		const asSession = await fetch(`${w.s.url}/api/auth/me`, {
			headers: { origin: w.s.url, cookie: `circlespace_session=${guest.token}` },
		})
		expect(asSession.status).toBe(401)
		// Leaving ends the guest's session.
		expect((await guest.send('POST', '/guest/leave')).status).toBe(204)
		expect((await guest.send('GET', '/guest/me')).status).toBe(401)
	})
})
