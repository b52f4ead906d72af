import type { Board, CircleDetail, CreatedInvitation, TribeDetail } from '@circlespace/shared'
import { Browser } from './Browser.ts'

/**
 * A small instance seeded through the API as people would: Ada (the first account, admin)
 * convenes tribe "North" with circles A and B; Grace facilitates A (Ada made her one);
 * Mia is a member of A; Ben a member of B; Olu has an account and nothing else. An admin who
 * already signed up may be passed in as Ada.
 */
export async function seedSpacesWorld(server: { url: string }, signedUpAdmin?: Browser) {
	const ada = signedUpAdmin ?? new Browser(server)
	if (!signedUpAdmin) await ada.signUp('ada@example.org', { displayName: 'Ada' })
	const tribe = await ada.json<TribeDetail>('POST', '/tribes', { name: 'North', visibility: 'listed' })
	const circleA = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, { name: 'Circle A' })
	const circleB = await ada.json<CircleDetail>('POST', `/tribes/${tribe.id}/circles`, { name: 'Circle B' })

	const people = {
		grace: new Browser(server),
		mia: new Browser(server),
		ben: new Browser(server),
		olu: new Browser(server),
	}
	for (const [name, browser] of Object.entries(people)) {
		await browser.signUp(`${name}@example.org`, { displayName: name[0]?.toUpperCase() + name.slice(1) })
	}
	await joinByInvitation(ada, people.grace, circleA.id)
	await joinByInvitation(ada, people.mia, circleA.id)
	await joinByInvitation(ada, people.ben, circleB.id)
	await ada.json('PUT', `/circles/${circleA.id}/members/${people.grace.user?.id}`, { role: 'facilitator' })
	return { ada, ...people, tribe, circleA, circleB }
}

/** A facilitator (`inviter`) makes a one-use invitation link to a circle and `invitee` accepts it. */
export async function joinByInvitation(inviter: Browser, invitee: Browser, circleId: string): Promise<void> {
	const invitation = await inviter.json<CreatedInvitation>('POST', `/circles/${circleId}/invitations`, {
		maxUses: 1,
	})
	await invitee.json('POST', `/invitations/${invitation.token}/accept`)
}

/** Creates a board in a circle as `facilitator`. */
export function createBoard(facilitator: Browser, circleId: string, title: string, visibility = 'circle') {
	return facilitator.json<Board>('POST', `/circles/${circleId}/boards`, { title, visibility })
}
