import type {
	BoardVisibility,
	CircleRole,
	InstanceSettings,
	JourneyPause,
	JourneyTemplate,
	Person,
	SnapshotKind,
	TribeKind,
	TribeRole,
	TribeVisibility,
} from '@circlespace/shared'
import type { KyselyNoteLayerStore } from '../audience/KyselyNoteLayerStore.ts'
import type { PrivateModeStore } from '../audience/KyselyPrivateModeStore.ts'
import type { GalleryStore } from '../gallery/GalleryStore.ts'
import type { GuestStore } from '../guests/GuestStore.ts'
import type { LinkStore } from '../links/LinkStore.ts'
import type { OrgMapStore } from '../orgMap/OrgMapStore.ts'
import type { RecognitionStore } from '../recognition/RecognitionStore.ts'
import type { ReplayStore } from '../replay/ReplayStore.ts'
import type { SearchIndex } from '../search/SearchIndex.ts'
import type { BoardThumbnailStore } from '../thumbnails/BoardThumbnailStore.ts'
import type { VoteStore } from '../votes/VoteStore.ts'
import type { BoardShareStore } from './BoardShareStore.ts'

/** A board as stored (the API adds what the asking person may do with it). */
export interface BoardRecord {
	id: string
	/** Null only for boards made before boards belonged to circles (readable by admins only). */
	circleId: string | null
	title: string
	visibility: BoardVisibility
	createdBy: string | null
	/** ISO timestamps. */
	archivedAt: string | null
	deletedAt: string | null
	createdAt: string
	updatedAt: string
	/** The day of its circle's journey it was put on, or null. */
	journeyDay: number | null
}

/** A board with the circle and tribe it belongs to, as access checks need it. */
export interface BoardInContext {
	board: BoardRecord
	/** Undefined for a board that belongs to no circle. */
	circle:
		| { id: string; name: string; tribeId: string; tribeName: string; tribeVisibility: TribeVisibility }
		| undefined
}

/** What is needed to create a board. */
export interface NewBoard {
	id: string
	circleId: string
	title: string
	visibility: BoardVisibility
	createdBy: string
	/** Null (or left out) for a board on no journey day. */
	journeyDay?: number | null
}

/** Board metadata. Deleted boards are kept (soft delete) but never listed or found by `get`. */
export interface BoardStore {
	/** Creates a board. */
	create(board: NewBoard): Promise<BoardRecord>
	/** One board that is not deleted, or undefined. */
	get(id: string): Promise<BoardRecord | undefined>
	/** One board that is not deleted, with its circle and tribe, or undefined. */
	getInContext(id: string): Promise<BoardInContext | undefined>
	/** The boards of a circle that are not deleted, most recently changed first; archived ones only when asked. */
	listOfCircle(circleId: string, options: { includeArchived: boolean }): Promise<BoardRecord[]>
	/**
	 * Boards (not deleted, not archived) of the circles a person is a member of, most recently
	 * changed first, with their circle and tribe.
	 */
	listRecentOfMember(userId: string, limit: number): Promise<BoardInContext[]>
	/** Changes the fields given (`archivedAt: null` unarchives); undefined when there is no such board. */
	update(
		id: string,
		changes: {
			title?: string
			visibility?: BoardVisibility
			archivedAt?: Date | null
			journeyDay?: number | null
		},
	): Promise<BoardRecord | undefined>
	/** Marks a board deleted; false when there was no such board. */
	softDelete(id: string, at: Date): Promise<boolean>
	/** Marks a board as changed now (its content was edited). */
	touch(id: string): Promise<void>
}

/** What {@link DocStore.load} returns: the compacted state and the log entries after it. */
export interface StoredDoc {
	/** Compacted Yjs state (V2 update encoding), or null when the board was never compacted. */
	state: Uint8Array | null
	/** The log id the compacted state covers (0 when none). */
	stateCoversId: number
	/** Log entries with an id greater than `stateCoversId`, oldest first (see `sync/storedDoc.ts`). */
	updates: Uint8Array[]
	/** The highest log id of this board (0 when the log is empty). */
	lastId: number
}

/** One entry of a board's update log. */
export interface LogEntry {
	id: number
	/** One persistence window's updates as the server's document emitted them (see `sync/storedDoc.ts`). */
	update: Uint8Array
	/** ISO timestamp of when it was stored. */
	createdAt: string
}

/** One entry to append to a board's log (see {@link DocStore.appendMany}). */
export interface LogAppend {
	boardId: string
	update: Uint8Array
}

/**
 * The Yjs content of boards: an append-only update log plus one compacted state per board.
 *
 * Only updates emitted by the server's own `Y.Doc` are ever given to it, never bytes a
 * client sent. The log is kept after compaction (sessions are replayed from it later).
 */
export interface DocStore {
	/** The compacted state and the log entries after it. */
	load(boardId: string): Promise<StoredDoc>
	/** Appends one entry to the board's log and returns its log id. */
	append(boardId: string, update: Uint8Array): Promise<number>
	/**
	 * Appends several entries (of one board or of several) in one transaction: all are stored or
	 * none. Returns their log ids in the order given; each id is greater than every id before it
	 * in the list. One write for all boards' persistence windows instead of one per board.
	 */
	appendMany(entries: ReadonlyArray<LogAppend>): Promise<number[]>
	/** Stores `state` (V2) as the board's compacted state covering log ids up to `coversId`. */
	saveState(boardId: string, state: Uint8Array, coversId: number): Promise<void>
	/** Log entries with id > `afterId`, oldest first, at most `limit` of them. */
	readLog(boardId: string, afterId?: number, limit?: number): Promise<LogEntry[]>
	/** Byte sizes kept for a board: compacted state and whole log. */
	sizes(boardId: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }>
}

/** What an account may do on the whole instance. */
export type UserRole = 'admin' | 'member'

/** An account as the API shows it (never its password hash). */
export interface User {
	id: string
	/** Trimmed and lower-cased. */
	email: string
	displayName: string
	/** `#rrggbb`, the colour of the person's cursor. */
	color: string
	role: UserRole
	/** ISO timestamp. */
	createdAt: string
}

/** An account with its password hash, for checking a password. */
export interface UserWithPassword extends User {
	/** An argon2id PHC string. */
	passwordHash: string
}

/** What is needed to create an account. */
export interface NewUser {
	id: string
	/** Must already be normalised (trimmed, lower-cased). */
	email: string
	displayName: string
	color: string
	passwordHash: string
	/** When the account is created (from the caller's clock). */
	createdAt: Date
}

/**
 * Accounts. Email addresses are unique; callers pass them normalised.
 */
export interface UserStore {
	/**
	 * Creates an account. The first account of the instance becomes `admin`, every later one
	 * `member`, and this holds when several accounts are created at the same moment (decided
	 * inside one transaction by a conditional insert of a claim row). Returns undefined,
	 * creating nothing, when the email address is already taken.
	 */
	create(user: NewUser): Promise<User | undefined>
	/** One account, or undefined. */
	get(id: string): Promise<User | undefined>
	/** Whether the instance has any account yet. */
	any(): Promise<boolean>
	/** One account with its password hash, by normalised email, or undefined. */
	findByEmail(email: string): Promise<UserWithPassword | undefined>
	/** The password hash of one account, or undefined when there is no such account. */
	getPasswordHash(id: string): Promise<string | undefined>
	/** Changes profile fields that are given; undefined when there is no such account. */
	updateProfile(id: string, changes: { displayName?: string; color?: string }): Promise<User | undefined>
	/** Replaces the password hash. */
	setPasswordHash(id: string, passwordHash: string): Promise<void>
}

/** A signed-in session as stored. */
export interface Session {
	/** Hex SHA-256 of the session token; the token itself is never stored. */
	id: string
	userId: string
	expiresAt: Date
	createdAt: Date
}

/** Signed-in sessions. Expiry is decided by the caller (it owns the clock). */
export interface SessionStore {
	create(session: Session): Promise<void>
	/** One session, expired or not, or undefined. */
	get(id: string): Promise<Session | undefined>
	/** Moves a session's expiry (sliding renewal). */
	setExpiresAt(id: string, expiresAt: Date): Promise<void>
	/** Ends one session; a no-op when there is none. */
	delete(id: string): Promise<void>
	/** Ends every session of a user, except `exceptId` when given. */
	deleteAllOfUser(userId: string, exceptId?: string): Promise<void>
}

/** A tribe as stored. */
export interface TribeRecord {
	id: string
	name: string
	description: string
	kind: TribeKind
	visibility: TribeVisibility
	createdAt: string
}

/** A tribe with counts and one person's role in it, for lists and pages. */
export interface TribeSummary extends TribeRecord {
	myRole: TribeRole | null
	circleCount: number
	memberCount: number
}

/** A member of a tribe as stored. */
export interface TribeMembership extends Person {
	role: TribeRole
	joinedAt: string
}

/** Tribes and their members. */
export interface TribeStore {
	/** Creates a tribe and makes `stewardId` its first steward, in one transaction. */
	create(tribe: Omit<TribeRecord, 'createdAt'> & { createdAt: Date; stewardId: string }): Promise<TribeRecord>
	/** One tribe, or undefined. */
	get(id: string): Promise<TribeRecord | undefined>
	/** One tribe with counts and `userId`'s role, or undefined. */
	getSummary(id: string, userId: string): Promise<TribeSummary | undefined>
	/**
	 * Tribes `userId` may see: every tribe that is not private, and private ones they are a
	 * member of (every tribe when `includePrivate`, for admins). By name.
	 */
	listVisible(userId: string, options: { includePrivate: boolean }): Promise<TribeSummary[]>
	/** Changes the fields given; undefined when there is no such tribe. */
	update(
		id: string,
		changes: { name?: string; description?: string; visibility?: TribeVisibility },
	): Promise<TribeRecord | undefined>
	/** `userId`'s role in a tribe, or undefined when not a member. */
	roleOf(tribeId: string, userId: string): Promise<TribeRole | undefined>
	/** Members with their roles, stewards first, then by name. */
	members(tribeId: string): Promise<TribeMembership[]>
	/** Adds a member or changes their role. */
	setMember(tribeId: string, userId: string, role: TribeRole, at: Date): Promise<void>
	/**
	 * Removes someone from a tribe and from every circle of it, in one transaction. Refused
	 * (`last_steward`) when they are its last steward, or (`last_facilitator`) when they are the
	 * last facilitator of one of its circles.
	 */
	removeMember(
		tribeId: string,
		userId: string,
	): Promise<'removed' | 'not_member' | 'last_steward' | 'last_facilitator'>
}

/** A circle as stored, with how many members it has. */
export interface CircleRecord {
	id: string
	tribeId: string
	name: string
	description: string
	capacity: number
	memberCount: number
	createdAt: string
}

/** A member of a circle as stored. */
export interface CircleMembership extends Person {
	role: CircleRole
	joinedAt: string
}

/** An invitation link as stored (only the SHA-256 of its token is kept). */
export interface InvitationRecord {
	id: string
	circleId: string
	createdBy: Person
	createdAt: string
	expiresAt: string
	maxUses: number | null
	uses: number
	revokedAt: string | null
}

/** A waiting request to join a circle. */
export interface JoinRequestRecord {
	id: string
	circleId: string
	person: Person
	createdAt: string
}

/** The result of trying to add someone to a circle. */
export type JoinOutcome = 'joined' | 'already_member' | 'full' | 'invitation_unusable'

/** Circles, their members, invitation links and join requests. */
export interface CircleStore {
	/** Creates a circle; `facilitatorId`, when given, becomes its first facilitator (and a tribe member). */
	create(
		circle: Omit<CircleRecord, 'memberCount' | 'createdAt'> & { createdAt: Date; facilitatorId?: string },
	): Promise<CircleRecord>
	/** One circle, or undefined. */
	get(id: string): Promise<CircleRecord | undefined>
	/** The circles of a tribe, by name. */
	listOfTribe(tribeId: string): Promise<CircleRecord[]>
	/** The circles a person is a member of, with their role and the tribe's name, by name. */
	listOfMember(userId: string): Promise<Array<CircleRecord & { role: CircleRole; tribeName: string }>>
	/** Changes the fields given; undefined when there is no such circle. */
	update(
		id: string,
		changes: { name?: string; description?: string; capacity?: number },
	): Promise<CircleRecord | undefined>
	/** `userId`'s role in a circle, or undefined when not a member. */
	roleOf(circleId: string, userId: string): Promise<CircleRole | undefined>
	/** Members with their roles, facilitators first, then by name. */
	members(circleId: string): Promise<CircleMembership[]>
	/**
	 * Adds a person to a circle (and to its tribe as a member, when not already in it) if a seat
	 * is free, in one transaction that holds the circle against concurrent joins: of N joins
	 * racing for one seat exactly one gets it. With `invitationId`, the invitation must still be
	 * usable (not revoked, not expired at `at`, uses below its limit) and its use is counted in
	 * the same transaction. A pending join request of that person is removed.
	 */
	join(
		circleId: string,
		userId: string,
		options: { role: CircleRole; at: Date; invitationId?: string },
	): Promise<JoinOutcome>
	/** Changes a member's role; refused when it would leave the circle without a facilitator. */
	setRole(
		circleId: string,
		userId: string,
		role: CircleRole,
	): Promise<'changed' | 'not_member' | 'last_facilitator'>
	/** Removes a member (leaving, or removed); refused for the last facilitator. */
	removeMember(circleId: string, userId: string): Promise<'removed' | 'not_member' | 'last_facilitator'>

	/** Stores a new invitation link by the SHA-256 (hex) of its token. */
	createInvitation(invitation: {
		id: string
		circleId: string
		tokenHash: string
		createdBy: string
		createdAt: Date
		expiresAt: Date
		maxUses: number | null
	}): Promise<InvitationRecord>
	/** The invitation links of a circle, newest first, revoked and expired ones included. */
	listInvitations(circleId: string): Promise<InvitationRecord[]>
	/** One invitation link by the hash of its token, or undefined. */
	findInvitation(tokenHash: string): Promise<InvitationRecord | undefined>
	/** Revokes an invitation link of a circle; false when the circle has no such link. */
	revokeInvitation(circleId: string, invitationId: string, at: Date): Promise<boolean>

	/** Records a request to join; `exists` when one is already waiting. */
	createJoinRequest(request: {
		id: string
		circleId: string
		userId: string
		createdAt: Date
	}): Promise<'created' | 'exists'>
	/** Waiting requests of a circle, oldest first. */
	listJoinRequests(circleId: string): Promise<JoinRequestRecord[]>
	/** One waiting request, or undefined. */
	getJoinRequest(id: string): Promise<JoinRequestRecord | undefined>
	/** Whether `userId` has a request waiting for the circle. */
	hasJoinRequest(circleId: string, userId: string): Promise<boolean>
	/** Removes a request (declined, withdrawn); approval goes through `join`, which removes it. */
	deleteJoinRequest(id: string): Promise<void>
}

/** Settings of the whole instance. */
export interface SettingsStore {
	/** The current settings (defaults when never changed: open sign-up, no tribe claiming). */
	get(): Promise<InstanceSettings>
	/** Changes the settings given and returns them all. */
	update(changes: Partial<InstanceSettings>): Promise<InstanceSettings>
}

/** A snapshot as stored, without its content (see {@link SnapshotStore.getState}). */
export interface SnapshotRecord {
	id: string
	boardId: string
	sessionId: string | null
	title: string
	kind: SnapshotKind
	/** Null when it was taken by no one (a session that ended by itself) or the account is gone. */
	createdBy: Person | null
	/** ISO timestamp. */
	createdAt: string
	shapeCount: number
	/** In the order they were given; people whose account no longer exists are left out. */
	participants: Person[]
	hasThumbnail: boolean
}

/** What is needed to store a snapshot. */
export interface NewSnapshot {
	id: string
	boardId: string
	sessionId: string | null
	title: string
	kind: SnapshotKind
	createdBy: string | null
	createdAt: Date
	shapeCount: number
	/** User ids. */
	participants: string[]
	/** The board's Yjs document at that moment, V2 update encoding. */
	state: Uint8Array
}

/**
 * Snapshots of boards: immutable copies of their content with a little metadata. Only the
 * thumbnail can be set after the snapshot was stored.
 */
export interface SnapshotStore {
	/** Stores a snapshot; its board must exist. */
	create(snapshot: NewSnapshot): Promise<SnapshotRecord>
	/** One snapshot, or undefined. */
	get(id: string): Promise<SnapshotRecord | undefined>
	/** The snapshots of a board, newest first. */
	listOfBoard(boardId: string): Promise<SnapshotRecord[]>
	/** The Yjs state (V2) of a snapshot, or undefined when there is no such snapshot. */
	getState(id: string): Promise<Uint8Array | undefined>
	/** Sets or replaces the thumbnail (PNG bytes); false when there is no such snapshot. */
	setThumbnail(id: string, png: Uint8Array): Promise<boolean>
	/** The thumbnail, or undefined when the snapshot has none or does not exist. */
	getThumbnail(id: string): Promise<Uint8Array | undefined>
}

/** A session's countdown as stored. */
export interface StoredTimer {
	/** The whole time box with every extension (ms). */
	durationMs: number
	/** While running: what was left at `runningSince`; while paused: what is left. Negative once over. */
	remainingMs: number
	/** ISO timestamp since when it runs, or null while paused. */
	runningSince: string | null
}

/** A live session as stored, with the people it names. */
export interface LiveSessionRecord {
	id: string
	boardId: string
	title: string
	agenda: string[]
	currentItem: number
	timer: StoredTimer | null
	/** Whose view participants follow; null when nobody's (or the account is gone). */
	followMe: Person | null
	startedBy: Person | null
	/** ISO timestamps. */
	startedAt: string
	endedAt: string | null
	/** In the order they came; people whose account no longer exists are left out. */
	participants: Person[]
	/** The snapshot taken when it ended. */
	snapshot: { id: string; hasThumbnail: boolean } | null
}

/** What is needed to start a live session. */
export interface NewLiveSession {
	id: string
	boardId: string
	title: string
	agenda: string[]
	timer: { durationMs: number; remainingMs: number; runningSince: Date | null } | null
	startedBy: string
	startedAt: Date
	/** User ids of the people already on the board (they join at `startedAt`). */
	participants: string[]
}

/** Changes to a running session; a field left out stays as it is. */
export interface LiveSessionChanges {
	currentItem?: number
	timer?: { durationMs: number; remainingMs: number; runningSince: Date | null } | null
	/** A user id, or null for nobody. */
	followMe?: string | null
}

/**
 * Live sessions of boards. At most one session per board is running (has no end): the
 * database itself refuses a second one, so two facilitators starting at once cannot both win.
 */
export interface LiveSessionStore {
	/** Starts a session; undefined, storing nothing, when one is already running on the board. */
	start(session: NewLiveSession): Promise<LiveSessionRecord | undefined>
	/** One session, running or ended, or undefined. */
	get(id: string): Promise<LiveSessionRecord | undefined>
	/** The session running on a board, or undefined. */
	running(boardId: string): Promise<LiveSessionRecord | undefined>
	/** Changes a running session; undefined when it is not running (ended, or no such session). */
	update(id: string, changes: LiveSessionChanges): Promise<LiveSessionRecord | undefined>
	/** Records that someone was on the board during a session; a no-op when already recorded. */
	addParticipant(sessionId: string, userId: string, at: Date): Promise<void>
	/** Ends a running session; undefined when it is not running. */
	end(id: string, at: Date, snapshotId: string | null): Promise<LiveSessionRecord | undefined>
	/** Ended sessions of these boards, most recently started first, at most `limit` of them. */
	listEnded(boardIds: readonly string[], limit: number): Promise<LiveSessionRecord[]>
}

/** A journey template as stored. */
export interface JourneyTemplateRecord {
	id: string
	tribeId: string
	/** The circle whose own template it is, or null for one of the tribe's. */
	circleId: string | null
	template: JourneyTemplate
	createdBy: Person | null
	/** How many circles' journeys follow it. */
	usedBy: number
	/** ISO timestamps. */
	createdAt: string
	updatedAt: string
}

/** A journey template in lists, without its document. */
export interface JourneyTemplateListing {
	id: string
	tribeId: string
	circleId: string | null
	name: string
	usedBy: number
	createdAt: string
	updatedAt: string
}

/** What is needed to store a journey template. */
export interface NewJourneyTemplate {
	id: string
	tribeId: string
	circleId: string | null
	/** Already validated. */
	template: JourneyTemplate
	createdBy: string
	createdAt: Date
}

/** A circle's journey as stored. */
export interface CircleJourneyRecord {
	circleId: string
	templateId: string
	/** `YYYY-MM-DD` in `timeZone`. */
	startDate: string
	timeZone: string
	pauses: JourneyPause[]
	createdAt: string
	updatedAt: string
}

/** What is needed to start or change a circle's journey. */
export interface JourneyChanges {
	circleId: string
	templateId: string
	startDate: string
	timeZone: string
	pauses: JourneyPause[]
	at: Date
}

/** A live session of a board, in the little a journey day shows of it. */
export interface SessionOnJourney {
	id: string
	boardId: string
	title: string
	startedAt: string
	endedAt: string | null
	snapshot: { id: string; hasThumbnail: boolean } | null
}

/** A snapshot of a board, in the little a journey day shows of it. */
export interface SnapshotOnJourney {
	id: string
	boardId: string
	title: string
	kind: SnapshotKind
	createdAt: string
	hasThumbnail: boolean
}

/** Everything made in some circles that can sit on their journeys' days. */
export interface MadeInCircles {
	/** Boards that are not deleted (archived ones included), with or without a journey day. */
	boards: BoardRecord[]
	/** Live sessions (running or ended) of those boards, oldest first. */
	sessions: SessionOnJourney[]
	/** Snapshots of those boards, oldest first. */
	snapshots: SnapshotOnJourney[]
}

/**
 * Journey templates, circles' journeys, and what their days show. Templates are validated
 * before they are given here; a template a journey follows cannot be deleted.
 */
export interface JourneyStore {
	createTemplate(template: NewJourneyTemplate): Promise<JourneyTemplateRecord>
	/** One template, or undefined. */
	getTemplate(id: string): Promise<JourneyTemplateRecord | undefined>
	/** Several templates by id (unknown ids are left out). */
	getTemplates(ids: readonly string[]): Promise<JourneyTemplateRecord[]>
	/** A tribe's own templates (`circleId` null) or one circle's own ones, by name. */
	listTemplates(owner: { tribeId: string; circleId: string | null }): Promise<JourneyTemplateListing[]>
	/** Replaces a template's document; undefined when there is no such template. */
	replaceTemplate(id: string, template: JourneyTemplate, at: Date): Promise<JourneyTemplateRecord | undefined>
	/** Deletes a template; `in_use` (deleting nothing) while a circle's journey follows it. */
	deleteTemplate(id: string): Promise<'deleted' | 'not_found' | 'in_use'>

	/** A circle's journey, or undefined when it has none. */
	getJourney(circleId: string): Promise<CircleJourneyRecord | undefined>
	/** Starts or replaces a circle's journey. */
	putJourney(journey: JourneyChanges): Promise<CircleJourneyRecord>
	/** Ends (forgets) a circle's journey; false when it had none. Boards keep their days. */
	deleteJourney(circleId: string): Promise<boolean>
	/** The journeys of a tribe's circles. */
	listJourneysOfTribe(tribeId: string): Promise<CircleJourneyRecord[]>

	/**
	 * The boards, sessions and snapshots of one circle, or of every circle of a tribe, in three
	 * queries whatever their number.
	 */
	madeIn(scope: { circleId: string } | { tribeId: string }): Promise<MadeInCircles>
}

/** A board template as stored, without its content (see {@link BoardTemplateStore.getState}). */
export interface BoardTemplateRecord {
	id: string
	tribeId: string
	name: string
	description: string
	shapeCount: number
	/** Bytes of its content (the stored Yjs state). */
	stateBytes: number
	hasThumbnail: boolean
	/** Null when the account no longer exists. */
	createdBy: Person | null
	/** ISO timestamps. */
	createdAt: string
	updatedAt: string
}

/** What is needed to store a board template. */
export interface NewBoardTemplate {
	id: string
	tribeId: string
	name: string
	description: string
	/** The content, a Yjs update (V2) of a doc holding nothing but it. */
	state: Uint8Array
	shapeCount: number
	/** A PNG, or null. */
	thumbnail: Uint8Array | null
	createdBy: string
	createdAt: Date
}

/**
 * Board templates of tribes: copies of boards' content that new boards start from. The content
 * never changes once stored; the name and description may.
 */
export interface BoardTemplateStore {
	/** Stores a template; its tribe must exist. */
	create(template: NewBoardTemplate): Promise<BoardTemplateRecord>
	/** One template, or undefined. */
	get(id: string): Promise<BoardTemplateRecord | undefined>
	/** A tribe's templates, by name. */
	listOfTribe(tribeId: string): Promise<BoardTemplateRecord[]>
	/** How many templates a tribe has. */
	countOfTribe(tribeId: string): Promise<number>
	/** The content (V2 Yjs state), or undefined when there is no such template. */
	getState(id: string): Promise<Uint8Array | undefined>
	/** The thumbnail, or undefined when the template has none or does not exist. */
	getThumbnail(id: string): Promise<Uint8Array | undefined>
	/** Changes the fields given; undefined when there is no such template. */
	update(
		id: string,
		changes: { name?: string; description?: string },
		at: Date,
	): Promise<BoardTemplateRecord | undefined>
	/** Deletes a template; false when there was none. Boards started from it keep their content. */
	delete(id: string): Promise<boolean>
}

/** Everything stored in the database, behind one handle. */
export interface Storage {
	boards: BoardStore
	docs: DocStore
	users: UserStore
	sessions: SessionStore
	tribes: TribeStore
	circles: CircleStore
	settings: SettingsStore
	snapshots: SnapshotStore
	liveSessions: LiveSessionStore
	/** Dot votes in live sessions (`server/src/votes/`). */
	votes: VoteStore
	journeys: JourneyStore
	boardTemplates: BoardTemplateStore
	/** Boards shared with circles other than their own (`boards/shares/`). */
	boardShares: BoardShareStore
	/** The full-text index of boards (see `server/src/search/`). */
	search: SearchIndex
	/** Each board's current thumbnail (`server/src/thumbnails/`). */
	boardThumbnails: BoardThumbnailStore
	/** The boards galleries show (`server/src/gallery/`). */
	gallery: GalleryStore
	/** Links between boards, read from their content (`server/src/links/`). */
	links: LinkStore
	/** Guest links of boards and their guests (`server/src/guests/`). */
	guests: GuestStore
	/** What the organisation map is read from (`server/src/orgMap/`). */
	orgMap: OrgMapStore
	/** The docs of boards' note layers, apart from the boards' own (`server/src/audience/`). */
	noteLayers: KyselyNoteLayerStore
	/** Boards' private modes (`server/src/audience/`). */
	privateModes: PrivateModeStore
	/** Thanks people gave each other's contributions (`server/src/recognition/`). */
	recognitions: RecognitionStore
	/** What session replay keeps beside the board log (`server/src/replay/`). */
	replay: ReplayStore
	/** Which database this is, for logs and health checks. */
	readonly kind: 'sqlite' | 'postgres'
	/** Closes the database connection(s). */
	close(): Promise<void>
}
