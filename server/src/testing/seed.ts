import { randomBytes } from 'node:crypto'
import type { BoardVisibility, CircleRole, TribeVisibility } from '@circlespace/shared'
import { type Clock, systemClock } from '../auth/Clock.ts'
import { SessionManager } from '../auth/SessionManager.ts'
import { sessionCookie } from '../auth/sessionCookie.ts'
import type { CircleRecord, Session, Storage, TribeRecord, User } from '../storage/Storage.ts'

/**
 * Test data written straight through storage, as the routes would leave it, without going
 * through the API: tests of one part (the sync endpoint) do not depend on another (the routes).
 */

/** Where to seed: a running test server, or storage opened on its own. */
export interface SeedTarget {
	storage: Storage
	/** The server's clock, so that sessions expire when the server thinks they do (default: real time). */
	clock?: Clock
}

/** A signed-in session of one person. */
export interface SignedIn {
	session: Session
	/** The `Cookie` header value a browser of this person sends: `circlespace_session=<token>`. */
	cookie: string
}

/** A seeded person, signed in once. */
export interface SeededPerson extends SignedIn {
	user: User
}

/** A board in a circle of a tribe, with the people around it. */
export interface SeededBoard {
	boardId: string
	tribe: TribeRecord
	circle: CircleRecord
	/**
	 * Who set it up: steward of the tribe, facilitator of the circle (so an editor of the board),
	 * and the instance's admin when seeded first.
	 */
	facilitator: SeededPerson
}

let counter = 0

function newId(): string {
	return randomBytes(12).toString('base64url')
}

function clockOf(target: SeedTarget): Clock {
	return target.clock ?? systemClock
}

/**
 * Creates an account and signs it in. The first account of an instance becomes its admin, every
 * later one a plain member (so seed the admin first when roles matter).
 */
export async function seedPerson(target: SeedTarget, displayName = 'Someone'): Promise<SeededPerson> {
	counter++
	const user = await target.storage.users.create({
		id: newId(),
		email: `person${counter}-${newId().toLowerCase()}@example.test`,
		displayName,
		color: '#3366cc',
		// Seeded people never sign in with a password; this hash matches none.
		passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$c2VlZGVk$bm90LWEtcGFzc3dvcmQ',
		createdAt: clockOf(target).now(),
	})
	if (!user) throw new Error('seedPerson: the email address was taken')
	return { user, ...(await signIn(target, user.id)) }
}

/** Starts one more session for an account, as signing in does. */
export async function signIn(target: SeedTarget, userId: string): Promise<SignedIn> {
	const { token, session } = await new SessionManager(target.storage.sessions, clockOf(target)).create(userId)
	return { session, cookie: `${sessionCookie.name}=${token}` }
}

/** Creates a tribe with `steward` as its first steward. */
export async function seedTribe(
	target: SeedTarget,
	steward: User,
	options: { name?: string; visibility?: TribeVisibility } = {},
): Promise<TribeRecord> {
	return target.storage.tribes.create({
		id: newId(),
		name: options.name ?? 'Test tribe',
		description: '',
		kind: 'convened',
		visibility: options.visibility ?? 'listed',
		createdAt: clockOf(target).now(),
		stewardId: steward.id,
	})
}

/** Creates a circle in a tribe with `facilitator` as its first facilitator. */
export async function seedCircle(
	target: SeedTarget,
	tribeId: string,
	facilitator: User,
	options: { name?: string; capacity?: number } = {},
): Promise<CircleRecord> {
	return target.storage.circles.create({
		id: newId(),
		tribeId,
		name: options.name ?? 'Test circle',
		description: '',
		capacity: options.capacity ?? 30,
		createdAt: clockOf(target).now(),
		facilitatorId: facilitator.id,
	})
}

/** Adds someone to a circle (and so to its tribe). */
export async function seedMembership(
	target: SeedTarget,
	circleId: string,
	user: User,
	role: CircleRole = 'member',
): Promise<void> {
	const outcome = await target.storage.circles.join(circleId, user.id, { role, at: clockOf(target).now() })
	if (outcome !== 'joined') throw new Error(`seedMembership: ${outcome}`)
}

/** Creates a board in a circle and returns its id. */
export async function seedBoardIn(
	target: SeedTarget,
	circleId: string,
	createdBy: User,
	options: { title?: string; visibility?: BoardVisibility } = {},
): Promise<string> {
	const board = await target.storage.boards.create({
		id: newId(),
		circleId,
		title: options.title ?? 'Test board',
		visibility: options.visibility ?? 'circle',
		createdBy: createdBy.id,
	})
	return board.id
}

/**
 * The usual start of a test: someone who set up a tribe, a circle and one board in it. Seeded
 * first on a fresh instance, they are its admin and the people added afterwards plain members.
 */
export async function seedBoard(
	target: SeedTarget,
	options: { title?: string; visibility?: BoardVisibility } = {},
): Promise<SeededBoard> {
	const facilitator = await seedPerson(target, 'Ada')
	const tribe = await seedTribe(target, facilitator.user)
	const circle = await seedCircle(target, tribe.id, facilitator.user)
	const boardId = await seedBoardIn(target, circle.id, facilitator.user, options)
	return { boardId, tribe, circle, facilitator }
}

/** A new person who is a member of `circleId` (an editor of its boards), signed in. */
export async function seedMember(
	target: SeedTarget,
	circleId: string,
	displayName = 'Member',
): Promise<SeededPerson> {
	const person = await seedPerson(target, displayName)
	await seedMembership(target, circleId, person.user)
	return person
}
