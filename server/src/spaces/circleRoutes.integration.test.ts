import type {
	CircleDetail,
	CircleMember,
	CreatedInvitation,
	Invitation,
	InvitationPreview,
	JoinRequest,
} from '@circlespace/shared'
import { expect, it } from 'vitest'
import { Browser, problemOf } from '../testing/Browser.ts'
import { onEachDatabase } from '../testing/onEachDatabase.ts'
import { joinByInvitation, seedSpacesWorld } from '../testing/spacesWorld.ts'
import { TestClock } from '../testing/TestClock.ts'

const DAY_MS = 24 * 60 * 60 * 1000

async function newcomer(server: { url: string }, email: string): Promise<Browser> {
	const browser = new Browser(server)
	const response = await browser.signUp(email)
	if (response.status !== 201) throw new Error(`sign-up of ${email}: ${response.status}`)
	return browser
}

const roles = (members: CircleMember[]) => members.map((m) => `${m.displayName}:${m.role}`)

onEachDatabase('circles API: happy path', (start) => {
	it('a steward sets up a circle with 30 seats and is its first facilitator', async () => {
		const server = await start()
		const { ada, tribe } = await seedSpacesWorld(server)
		const circle = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, {
			name: '  Spring cohort ',
			description: 'Day 1 to 100',
		})
		expect(circle).toMatchObject({
			name: 'Spring cohort',
			description: 'Day 1 to 100',
			capacity: 30,
			memberCount: 1,
			myRole: 'facilitator',
			tribeName: 'North',
			can: { view: true, manage: true, seeMembers: true },
		})
		expect(roles(await ada.json<CircleMember[]>('GET', `/circles/${circle.id}/members`))).toEqual([
			'Ada:facilitator',
		])
	})

	it('invites by link: the invitee sees where it leads, joins, and is listed as a member', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const invitation = await grace.json<CreatedInvitation>('POST', `/circles/${circleA.id}/invitations`, {
			expiresInDays: 3,
			maxUses: 5,
		})
		expect(invitation.token).toMatch(/^[a-z2-7]{32}$/)
		const zoe = await newcomer(server, 'zoe@example.org')
		const preview = await zoe.json<InvitationPreview>('GET', `/invitations/${invitation.token}`)
		expect(preview).toMatchObject({
			circleName: 'Circle A',
			tribeName: 'North',
			invitedBy: 'Grace',
			unusableBecause: null,
			alreadyMember: false,
		})
		const joined = await zoe.json<CircleDetail>('POST', `/invitations/${invitation.token}/accept`)
		expect(joined).toMatchObject({ myRole: 'member', memberCount: 4 })
		expect(roles(await grace.json<CircleMember[]>('GET', `/circles/${circleA.id}/members`))).toContain(
			'zoe:member',
		)
		const listed = await grace.json<Invitation[]>('GET', `/circles/${circleA.id}/invitations`)
		expect(listed.find((i) => i.id === invitation.id)).toMatchObject({ uses: 1, maxUses: 5, revokedAt: null })
		expect(JSON.stringify(listed)).not.toContain(invitation.token)
	})

	it('a request to join is approved by a facilitator; another is declined', async () => {
		const server = await start()
		const { grace, ben, olu, circleA } = await seedSpacesWorld(server)
		expect((await ben.send('POST', `/circles/${circleA.id}/join-requests`)).status).toBe(201)
		expect((await olu.send('POST', `/circles/${circleA.id}/join-requests`)).status).toBe(201)
		expect((await olu.json<CircleDetail>('GET', `/circles/${circleA.id}`)).myRequestPending).toBe(true)
		const requests = await grace.json<JoinRequest[]>('GET', `/circles/${circleA.id}/join-requests`)
		expect(requests.map((r) => r.person.displayName).sort()).toEqual(['Ben', 'Olu'])
		const fromBen = requests.find((r) => r.person.displayName === 'Ben')
		const fromOlu = requests.find((r) => r.person.displayName === 'Olu')
		expect((await grace.send('POST', `/join-requests/${fromBen?.id}`, { decision: 'approve' })).status).toBe(
			204,
		)
		expect((await grace.send('POST', `/join-requests/${fromOlu?.id}`, { decision: 'decline' })).status).toBe(
			204,
		)
		expect((await ben.json<CircleDetail>('GET', `/circles/${circleA.id}`)).myRole).toBe('member')
		expect(await olu.json<CircleDetail>('GET', `/circles/${circleA.id}`)).toMatchObject({
			myRole: null,
			myRequestPending: false,
		})
		expect(await grace.json<JoinRequest[]>('GET', `/circles/${circleA.id}/join-requests`)).toEqual([])
	})

	it('makes and unmakes facilitators, removes a member, and a member leaves', async () => {
		const server = await start()
		const { ada, grace, mia, circleA } = await seedSpacesWorld(server)
		const members = await grace.json<CircleMember[]>(
			'PUT',
			`/circles/${circleA.id}/members/${mia.user?.id}`,
			{
				role: 'facilitator',
			},
		)
		expect(roles(members)).toContain('Mia:facilitator')
		await grace.json('PUT', `/circles/${circleA.id}/members/${mia.user?.id}`, { role: 'member' })
		expect((await mia.json<CircleDetail>('GET', `/circles/${circleA.id}`)).myRole).toBe('member')

		expect((await mia.send('DELETE', `/circles/${circleA.id}/members/${mia.user?.id}`)).status).toBe(204)
		expect((await mia.json<CircleDetail>('GET', `/circles/${circleA.id}`)).myRole).toBeNull()
		expect((await grace.send('DELETE', `/circles/${circleA.id}/members/${ada.user?.id}`)).status).toBe(204)
		expect(roles(await grace.json<CircleMember[]>('GET', `/circles/${circleA.id}/members`))).toEqual([
			'Grace:facilitator',
		])
	})

	it('a facilitator changes the capacity and the seat count shows it', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const changed = await grace.json<CircleDetail>('PATCH', `/circles/${circleA.id}`, {
			capacity: 12,
			name: 'A',
		})
		expect(changed).toMatchObject({ capacity: 12, memberCount: 3, name: 'A' })
	})
})

onEachDatabase('circles API: errors', (start) => {
	it('refuses a capacity out of range, or below the number of members', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		for (const capacity of [0, -1, 501, 2.5, '30']) {
			expect((await grace.send('PATCH', `/circles/${circleA.id}`, { capacity })).status).toBe(400)
		}
		const tooSmall = await grace.send('PATCH', `/circles/${circleA.id}`, { capacity: 2 })
		expect(tooSmall.status).toBe(409)
		expect((await problemOf(tooSmall)).detail).toMatch(/3 members/)
	})

	it('never leaves a circle without a facilitator', async () => {
		const server = await start()
		const { ada, grace, circleB } = await seedSpacesWorld(server)
		// Ada is circle B's only facilitator.
		const leave = await ada.send('DELETE', `/circles/${circleB.id}/members/${ada.user?.id}`)
		expect(leave.status).toBe(409)
		expect((await problemOf(leave)).detail).toMatch(/at least one facilitator/)
		expect(
			(await ada.send('PUT', `/circles/${circleB.id}/members/${ada.user?.id}`, { role: 'member' })).status,
		).toBe(409)
		expect((await ada.json<CircleDetail>('GET', `/circles/${circleB.id}`)).myRole).toBe('facilitator')
		expect((await grace.send('POST', `/circles/${circleB.id}/join-requests`)).status).toBe(201)
	})

	it('answers a second request, a request from a member, and unknown ids clearly', async () => {
		const server = await start()
		const { mia, ben, circleA } = await seedSpacesWorld(server)
		expect((await mia.send('POST', `/circles/${circleA.id}/join-requests`)).status).toBe(409)
		expect((await ben.send('POST', `/circles/${circleA.id}/join-requests`)).status).toBe(201)
		expect((await ben.send('POST', `/circles/${circleA.id}/join-requests`)).status).toBe(201)
		expect((await mia.send('GET', '/circles/nosuchcircle00')).status).toBe(404)
		expect((await mia.send('GET', '/invitations/not-a-token')).status).toBe(404)
		expect((await mia.send('GET', `/invitations/${'a'.repeat(32)}`)).status).toBe(404)
		expect((await mia.send('POST', `/join-requests/nosuchrequest0`, { decision: 'approve' })).status).toBe(
			404,
		)
	})

	it('accepting a link of a circle one is already in changes nothing', async () => {
		const server = await start()
		const { grace, mia, circleA } = await seedSpacesWorld(server)
		const invitation = await grace.json<CreatedInvitation>('POST', `/circles/${circleA.id}/invitations`, {})
		const again = await mia.json<CircleDetail>('POST', `/invitations/${invitation.token}/accept`)
		expect(again).toMatchObject({ myRole: 'member', memberCount: 3 })
		const listed = await grace.json<Invitation[]>('GET', `/circles/${circleA.id}/invitations`)
		expect(listed.find((i) => i.id === invitation.id)?.uses).toBe(0)
	})
})

onEachDatabase('circles API: security', (start) => {
	it('a revoked invitation link lets no one in', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const invitation = await grace.json<CreatedInvitation>('POST', `/circles/${circleA.id}/invitations`, {})
		expect((await grace.send('DELETE', `/circles/${circleA.id}/invitations/${invitation.id}`)).status).toBe(
			204,
		)
		const zoe = await newcomer(server, 'zoe@example.org')
		expect(
			(await zoe.json<InvitationPreview>('GET', `/invitations/${invitation.token}`)).unusableBecause,
		).toBe('revoked')
		const accepted = await zoe.send('POST', `/invitations/${invitation.token}/accept`)
		expect(accepted.status).toBe(409)
		expect((await problemOf(accepted)).detail).toMatch(/withdrawn/)
		expect((await zoe.send('GET', `/circles/${circleA.id}/members`)).status).toBe(403)
	})

	it('an expired invitation link lets no one in', async () => {
		const clock = new TestClock()
		const server = await start({ clock })
		const { grace, circleA } = await seedSpacesWorld(server)
		const invitation = await grace.json<CreatedInvitation>('POST', `/circles/${circleA.id}/invitations`, {
			expiresInDays: 1,
		})
		clock.advance(DAY_MS + 1)
		const zoe = await newcomer(server, 'zoe@example.org')
		const accepted = await zoe.send('POST', `/invitations/${invitation.token}/accept`)
		expect(accepted.status).toBe(409)
		expect((await problemOf(accepted)).detail).toMatch(/expired/)
		expect((await zoe.json<CircleDetail>('GET', `/circles/${circleA.id}`)).myRole).toBeNull()
	})

	it('a one-use link admits one person only', async () => {
		const server = await start()
		const { grace, circleA } = await seedSpacesWorld(server)
		const invitation = await grace.json<CreatedInvitation>('POST', `/circles/${circleA.id}/invitations`, {
			maxUses: 1,
		})
		const [zoe, yan] = [await newcomer(server, 'zoe@example.org'), await newcomer(server, 'yan@example.org')]
		expect((await zoe.send('POST', `/invitations/${invitation.token}/accept`)).status).toBe(200)
		const second = await yan.send('POST', `/invitations/${invitation.token}/accept`)
		expect(second.status).toBe(409)
		expect((await problemOf(second)).detail).toMatch(/used as many times/)
	})

	it('five simultaneous joins for one free seat admit exactly one; the others hear "this circle is full"', async () => {
		const server = await start()
		const { ada, tribe } = await seedSpacesWorld(server)
		const circle = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, {
			name: 'Tiny',
			capacity: 2,
		})
		const invitation = await ada.json<CreatedInvitation>('POST', `/circles/${circle.id}/invitations`, {})
		const hopefuls = await Promise.all(
			['p1', 'p2', 'p3', 'p4', 'p5'].map((name) => newcomer(server, `${name}@example.org`)),
		)
		const answers = await Promise.all(
			hopefuls.map((b) => b.send('POST', `/invitations/${invitation.token}/accept`)),
		)
		expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409])
		for (const refused of answers.filter((r) => r.status === 409)) {
			expect((await problemOf(refused)).detail).toBe('This circle is full.')
		}
		expect(await ada.json<CircleDetail>('GET', `/circles/${circle.id}`)).toMatchObject({
			memberCount: 2,
			capacity: 2,
		})
		expect(await ada.json<CircleMember[]>('GET', `/circles/${circle.id}/members`)).toHaveLength(2)
	})

	it('approving a request for a full circle is refused, and the request stays', async () => {
		const server = await start()
		const { ada, ben, tribe } = await seedSpacesWorld(server)
		const circle = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, {
			name: 'Tiny',
			capacity: 1,
		})
		await ben.json('POST', `/circles/${circle.id}/join-requests`)
		const [request] = await ada.json<JoinRequest[]>('GET', `/circles/${circle.id}/join-requests`)
		const approve = await ada.send('POST', `/join-requests/${request?.id}`, { decision: 'approve' })
		expect(approve.status).toBe(409)
		expect((await problemOf(approve)).detail).toBe('This circle is full.')
		expect(await ada.json<JoinRequest[]>('GET', `/circles/${circle.id}/join-requests`)).toHaveLength(1)
	})

	it('a plain member cannot invite, see requests, decide them, change roles or remove people (403)', async () => {
		const server = await start()
		const { grace, mia, ben, circleA } = await seedSpacesWorld(server)
		await ben.json('POST', `/circles/${circleA.id}/join-requests`)
		const [request] = await grace.json<JoinRequest[]>('GET', `/circles/${circleA.id}/join-requests`)
		const attempts = [
			mia.send('POST', `/circles/${circleA.id}/invitations`, {}),
			mia.send('GET', `/circles/${circleA.id}/invitations`),
			mia.send('GET', `/circles/${circleA.id}/join-requests`),
			mia.send('POST', `/join-requests/${request?.id}`, { decision: 'approve' }),
			mia.send('PUT', `/circles/${circleA.id}/members/${mia.user?.id}`, { role: 'facilitator' }),
			mia.send('DELETE', `/circles/${circleA.id}/members/${grace.user?.id}`),
			mia.send('PATCH', `/circles/${circleA.id}`, { capacity: 300 }),
		]
		expect((await Promise.all(attempts)).map((r) => r.status)).toEqual([403, 403, 403, 403, 403, 403, 403])
		expect((await ben.json<CircleDetail>('GET', `/circles/${circleA.id}`)).myRole).toBeNull()
		expect(roles(await grace.json<CircleMember[]>('GET', `/circles/${circleA.id}/members`))).toContain(
			'Mia:member',
		)
	})

	it('a member of circle B sees circle A exists (listed tribe) but not who is in it', async () => {
		const server = await start()
		const { ben, circleA } = await seedSpacesWorld(server)
		expect((await ben.json<CircleDetail>('GET', `/circles/${circleA.id}`)).can).toMatchObject({
			view: true,
			seeMembers: false,
			manage: false,
		})
		expect((await ben.send('GET', `/circles/${circleA.id}/members`)).status).toBe(403)
	})

	it('the circles of a private tribe do not exist for outsiders (404), invitation links still work', async () => {
		const server = await start()
		const { ada, olu, tribe, circleA } = await seedSpacesWorld(server)
		await ada.json('PATCH', `/tribes/${tribe.id}`, { visibility: 'private' })
		expect((await olu.send('GET', `/circles/${circleA.id}`)).status).toBe(404)
		expect((await olu.send('POST', `/circles/${circleA.id}/join-requests`)).status).toBe(404)
		expect((await olu.send('GET', `/circles/${circleA.id}/boards`)).status).toBe(404)
		await joinByInvitation(ada, olu, circleA.id)
		expect((await olu.json<CircleDetail>('GET', `/circles/${circleA.id}`)).myRole).toBe('member')
	})

	it('refuses circle routes without a session (401)', async () => {
		const server = await start()
		const { circleA } = await seedSpacesWorld(server)
		const stranger = new Browser(server)
		expect((await stranger.send('GET', `/circles/${circleA.id}`)).status).toBe(401)
		expect((await stranger.send('POST', `/circles/${circleA.id}/join-requests`)).status).toBe(401)
	})
})
