import type {
	Circle,
	CreatedInvitation,
	Home,
	InstanceInfo,
	Tribe,
	TribeDetail,
	TribeMember,
} from '@circlespace/shared'
import { expect, it } from 'vitest'
import { Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { createBoard, seedSpacesWorld } from '../testing/spacesWorld.ts'

onEachDatabase('tribes API: happy path', (start) => {
	it('the admin convenes a tribe and is its steward; everyone signed in can find a listed tribe', async () => {
		const server = await start()
		const ada = new Browser(server)
		await ada.signUp('ada@example.org', { displayName: 'Ada' })
		const tribe = await ada.json<TribeDetail>('POST', '/tribes', {
			name: ' North ',
			description: 'Leaders of the north',
		})
		expect(tribe).toMatchObject({
			name: 'North',
			description: 'Leaders of the north',
			kind: 'convened',
			visibility: 'listed',
			myRole: 'steward',
			memberCount: 1,
			circleCount: 0,
			can: { view: true, manage: true, join: false },
		})
		const olu = new Browser(server)
		await olu.signUp('olu@example.org')
		expect((await olu.json<Tribe[]>('GET', '/tribes')).map((t) => t.name)).toEqual(['North'])
		expect(await olu.json<TribeDetail>('GET', `/tribes/${tribe.id}`)).toMatchObject({
			myRole: null,
			can: { manage: false },
		})
	})

	it('names a steward by email, lists members stewards first, and anyone joins an open tribe', async () => {
		const server = await start()
		const { ada, olu, mia, tribe } = await seedSpacesWorld(server)
		await ada.json('PATCH', `/tribes/${tribe.id}`, { visibility: 'open' })
		const joined = await olu.json<TribeDetail>('POST', `/tribes/${tribe.id}/join`)
		expect(joined).toMatchObject({ myRole: 'member', can: { join: false } })
		const members = await ada.json<TribeMember[]>('POST', `/tribes/${tribe.id}/stewards`, {
			email: ' MIA@example.org ',
		})
		expect(members.slice(0, 2).map((m) => `${m.displayName}:${m.role}`)).toEqual([
			'Ada:steward',
			'Mia:steward',
		])
		expect(members.map((m) => m.displayName)).toContain('Olu')
		// A new steward manages the tribe at once.
		expect((await mia.json<TribeDetail>('GET', `/tribes/${tribe.id}`)).can.manage).toBe(true)
	})

	it("lists a tribe's circles with seats and my role in each", async () => {
		const server = await start()
		const { mia, tribe } = await seedSpacesWorld(server)
		const circles = await mia.json<Circle[]>('GET', `/tribes/${tribe.id}/circles`)
		expect(circles.map((c) => `${c.name} ${c.memberCount}/${c.capacity} ${c.myRole}`)).toEqual([
			'Circle A 3/30 member',
			'Circle B 2/30 null',
		])
	})

	it('a member claims an emergent tribe when the admin allows claiming', async () => {
		const server = await start()
		const { ada, olu } = await seedSpacesWorld(server)
		expect((await olu.send('POST', '/tribes', { name: 'Makers' })).status).toBe(403)
		await ada.json('PATCH', '/instance/settings', { tribeClaiming: true })
		expect((await olu.json<InstanceInfo>('GET', '/instance')).can.claimTribe).toBe(true)
		const claimed = await olu.json<TribeDetail>('POST', '/tribes', { name: 'Makers', visibility: 'open' })
		expect(claimed).toMatchObject({ kind: 'emergent', myRole: 'steward' })
	})

	it('the home page shows my circles, my tribes and my recent boards; a fresh instance is in first run', async () => {
		const server = await start()
		const first = new Browser(server)
		await first.signUp('ada@example.org', { displayName: 'Ada' })
		expect((await first.json<InstanceInfo>('GET', '/instance')).firstRun).toBe(true)
		expect(await first.json<Home>('GET', '/home')).toEqual({ circles: [], tribes: [], recentBoards: [] })

		const { grace, mia, circleA } = await seedSpacesWorld(server, first)
		await createBoard(grace, circleA.id, 'Day 1')
		const home = await mia.json<Home>('GET', '/home')
		expect(home.circles.map((c) => `${c.name}:${c.myRole}`)).toEqual(['Circle A:member'])
		expect(home.tribes.map((t) => t.name)).toEqual(['North'])
		expect(home.recentBoards.map((b) => `${b.title}:${b.access}`)).toEqual(['Day 1:edit'])
		expect((await mia.json<InstanceInfo>('GET', '/instance')).firstRun).toBe(false)
	})
})

onEachDatabase('tribes API: errors', (start) => {
	it('refuses an empty name, an unknown visibility and unknown fields', async () => {
		const server = await start()
		const ada = new Browser(server)
		await ada.signUp('ada@example.org')
		for (const body of [{ name: '' }, { name: 'x', visibility: 'secret' }, { name: 'x', kind: 'emergent' }]) {
			const response = await ada.send('POST', '/tribes', body)
			expect(response.status).toBe(400)
			expect((await problemOf(response)).code).toBe('VALIDATION')
		}
		expect(await ada.json<Tribe[]>('GET', '/tribes')).toEqual([])
	})

	it('naming a steward who has no account answers 404; removing the last steward 409', async () => {
		const server = await start()
		const { ada, tribe } = await seedSpacesWorld(server)
		expect(
			(await ada.send('POST', `/tribes/${tribe.id}/stewards`, { email: 'nobody@example.org' })).status,
		).toBe(404)
		const last = await ada.send('DELETE', `/tribes/${tribe.id}/members/${ada.user?.id}`)
		expect(last.status).toBe(409)
	})
})

onEachDatabase('tribes API: security', (start) => {
	it('a private tribe does not exist for outsiders: not listed, 404 on read, circles and join', async () => {
		const server = await start()
		const { ada, olu, mia, tribe } = await seedSpacesWorld(server)
		await ada.json('PATCH', `/tribes/${tribe.id}`, { visibility: 'private' })
		expect(await olu.json<Tribe[]>('GET', '/tribes')).toEqual([])
		for (const route of [
			`/tribes/${tribe.id}`,
			`/tribes/${tribe.id}/circles`,
			`/tribes/${tribe.id}/members`,
		]) {
			expect((await olu.send('GET', route)).status).toBe(404)
		}
		expect((await olu.send('POST', `/tribes/${tribe.id}/join`)).status).toBe(404)
		// Its members still see it.
		expect((await mia.json<Tribe[]>('GET', '/tribes')).map((t) => t.name)).toEqual(['North'])
	})

	it('a listed tribe cannot be joined directly (403), only through one of its circles', async () => {
		const server = await start()
		const { olu, tribe } = await seedSpacesWorld(server)
		expect((await olu.send('POST', `/tribes/${tribe.id}/join`)).status).toBe(403)
		expect((await olu.json<TribeDetail>('GET', `/tribes/${tribe.id}`)).myRole).toBeNull()
	})

	it('a member who is not a steward cannot change the tribe, name stewards, remove people or set up circles', async () => {
		const server = await start()
		const { mia, ben, tribe } = await seedSpacesWorld(server)
		const attempts = [
			mia.send('PATCH', `/tribes/${tribe.id}`, { name: 'Mine' }),
			mia.send('POST', `/tribes/${tribe.id}/stewards`, { email: 'mia@example.org' }),
			mia.send('DELETE', `/tribes/${tribe.id}/members/${ben.user?.id}`),
			mia.send('POST', `/tribes/${tribe.id}/circles`, { name: 'Mine' }),
		]
		expect((await Promise.all(attempts)).map((r) => r.status)).toEqual([403, 403, 403, 403])
		expect(await mia.json<TribeDetail>('GET', `/tribes/${tribe.id}`)).toMatchObject({
			name: 'North',
			myRole: 'member',
		})
	})

	it('a non-admin cannot change instance settings (403), and they stay as they were', async () => {
		const server = await start()
		const { ada, mia } = await seedSpacesWorld(server)
		const attempt = await mia.send('PATCH', '/instance/settings', {
			signupPolicy: 'invitation',
			tribeClaiming: true,
		})
		expect(attempt.status).toBe(403)
		expect((await ada.json<InstanceInfo>('GET', '/instance')).settings).toEqual({
			signupPolicy: 'open',
			tribeClaiming: false,
		})
	})

	it('invitation-only sign-up: no account without a working link; the first account is always allowed', async () => {
		const server = await start()
		const first = new Browser(server)
		await first.signUp('ada@example.org')
		await first.json('PATCH', '/instance/settings', { signupPolicy: 'invitation' })
		const config = await (await fetch(`${server.url}/api/config`)).json()
		expect(config).toMatchObject({ signupPolicy: 'invitation', hasAccounts: true })

		const zoe = new Browser(server)
		const refused = await zoe.signUp('zoe@example.org')
		expect(refused.status).toBe(403)
		expect((await problemOf(refused)).detail).toMatch(/invitation link/)
		expect((await zoe.signUp('zoe@example.org', { invitationToken: 'a'.repeat(32) })).status).toBe(403)

		const tribe = await first.json<TribeDetail>('POST', '/tribes', { name: 'North' })
		const circle = await first.json<Circle>('POST', `/tribes/${tribe.id}/circles`, { name: 'A' })
		const invitation = await first.json<CreatedInvitation>('POST', `/circles/${circle.id}/invitations`, {})
		expect((await zoe.signUp('zoe@example.org', { invitationToken: invitation.token })).status).toBe(201)
		expect((await zoe.send('POST', `/invitations/${invitation.token}/accept`)).status).toBe(200)
	})

	it('refuses tribe, instance and home routes without a session (401) and cross-origin writes (403)', async () => {
		const server = await start()
		const { ada, tribe } = await seedSpacesWorld(server)
		const stranger = new Browser(server)
		for (const route of ['/tribes', `/tribes/${tribe.id}`, '/instance', '/home']) {
			expect((await stranger.send('GET', route)).status).toBe(401)
		}
		const crossSite = await ada.send(
			'PATCH',
			`/tribes/${tribe.id}`,
			{ name: 'Pwned' },
			{ origin: 'https://evil.example' },
		)
		expect(crossSite.status).toBe(403)
		const crossSiteSettings = await ada.send(
			'PATCH',
			'/instance/settings',
			{ signupPolicy: 'invitation' },
			{ origin: 'https://evil.example' },
		)
		expect(crossSiteSettings.status).toBe(403)
		expect((await ada.json<TribeDetail>('GET', `/tribes/${tribe.id}`)).name).toBe('North')
	})
})
