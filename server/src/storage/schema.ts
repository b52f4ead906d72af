import type { ColumnType } from 'kysely'

/**
 * Timestamps are written as ISO strings; SQLite gives them back as text, PostgreSQL
 * (`timestamptz`) as `Date`.
 */
type Timestamp = ColumnType<string | Date, string, string>

/**
 * Ids of the update log: PostgreSQL's `bigint` comes back from `pg` as a string, SQLite's
 * integer as a number.
 */
type LogId = ColumnType<number | string, never, never>

/** Board metadata. */
export interface BoardsTable {
	id: string
	/** Null for boards made before boards belonged to circles. */
	circle_id: string | null
	title: string
	visibility: 'circle' | 'tribe' | 'instance'
	created_by: string | null
	archived_at: Timestamp | null
	deleted_at: Timestamp | null
	created_at: Timestamp
	updated_at: Timestamp
	/** The day of its circle's journey the board belongs to, or null. */
	journey_day: ColumnType<number | null, number | null | undefined, number | null>
}

/** The append-only update log of every board, with one global id sequence. */
export interface BoardUpdatesTable {
	/** Assigned by the database; never written. */
	id: LogId
	board_id: string
	bytes: Uint8Array
	created_at: Timestamp
}

/** One compacted Yjs state per board. */
export interface BoardStatesTable {
	board_id: string
	state: Uint8Array
	covers_id: ColumnType<number | string, number, number>
	updated_at: Timestamp
}

/** Accounts. `email` is stored trimmed and lower-cased. */
export interface UsersTable {
	id: string
	email: string
	display_name: string
	/** `#rrggbb`, the colour of the person's cursor. */
	color: string
	/** An argon2id PHC string. */
	password_hash: string
	role: 'admin' | 'member'
	created_at: Timestamp
}

/** Signed-in sessions; `id` is the hex SHA-256 of the token, never the token. */
export interface SessionsTable {
	id: string
	user_id: string
	expires_at: Timestamp
	created_at: Timestamp
}

/** One-time claims on the instance (e.g. `first_admin`), decided by the primary key. */
export interface InstanceClaimsTable {
	name: string
	claimed_at: Timestamp
}

/** Instance settings, one JSON value per name. */
export interface InstanceSettingsTable {
	name: string
	value: string
}

/** Tribes. */
export interface TribesTable {
	id: string
	name: string
	description: string
	kind: 'convened' | 'emergent'
	visibility: 'open' | 'listed' | 'private'
	created_at: Timestamp
}

/** Who belongs to which tribe, with which role. */
export interface TribeMembersTable {
	tribe_id: string
	user_id: string
	role: 'steward' | 'member'
	joined_at: Timestamp
}

/** Circles inside tribes. */
export interface CirclesTable {
	id: string
	tribe_id: string
	name: string
	description: string
	capacity: number
	created_at: Timestamp
}

/** Who belongs to which circle, with which role. */
export interface CircleMembersTable {
	circle_id: string
	user_id: string
	role: 'facilitator' | 'member'
	joined_at: Timestamp
}

/** Invitation links to circles; `token_hash` is the hex SHA-256 of the token. */
export interface InvitationsTable {
	id: string
	circle_id: string
	token_hash: string
	created_by: string
	created_at: Timestamp
	expires_at: Timestamp
	max_uses: number | null
	uses: ColumnType<number, number | undefined, number>
	revoked_at: Timestamp | null
}

/** Waiting requests to join circles (decided ones are removed). */
export interface JoinRequestsTable {
	id: string
	circle_id: string
	user_id: string
	created_at: Timestamp
}

/** Immutable copies of boards' content (see `snapshots/`). */
export interface BoardSnapshotsTable {
	id: string
	board_id: string
	/** The live session that ended with this snapshot, if any. */
	session_id: string | null
	title: string
	kind: 'manual' | 'session' | 'before_restore'
	created_by: string | null
	created_at: Timestamp
	shape_count: number
	/** JSON array of user ids. */
	participants: string
	/** The board's Yjs document at that moment (V2 update encoding). */
	state: Uint8Array
	/** A PNG, added by the client that asked for the snapshot (may never come). */
	thumbnail: Uint8Array | null
}

/** Facilitated sessions on boards (see `sessions/`); at most one per board has no `ended_at`. */
export interface LiveSessionsTable {
	id: string
	board_id: string
	title: string
	/** JSON array of strings. */
	agenda: string
	current_item: number
	/** Null when the session has no time box. */
	timer_duration_ms: ColumnType<number | string | null, number | null, number | null>
	/** Left at `timer_running_since` while running; left now while paused. */
	timer_remaining_ms: ColumnType<number | string | null, number | null, number | null>
	/** Null while paused (or without a timer). */
	timer_running_since: Timestamp | null
	follow_me: string | null
	started_by: string | null
	started_at: Timestamp
	ended_at: Timestamp | null
	snapshot_id: string | null
	/** The last log id the end snapshot holds (`server/src/replay/`); null before 0016. */
	end_log_id: ColumnType<number | string | null, number | null | undefined, number | null>
}

/** Board states computed by replay, holding exactly the log up to `covers_id` (`server/src/replay/`). */
export interface BoardReplayCheckpointsTable {
	board_id: string
	covers_id: ColumnType<number | string, number, number>
	state: Uint8Array
	created_at: Timestamp
}

/** When a live session moved to an agenda item (`server/src/replay/`). */
export interface LiveSessionItemsTable {
	session_id: string
	item: number
	at: Timestamp
}

/** Who had a live connection to a board during a session. */
export interface LiveSessionParticipantsTable {
	session_id: string
	user_id: string
	joined_at: Timestamp
}

/** Dot votes in live sessions (`votes/`); at most one per board has no `ended_at`. */
export interface VotesTable {
	id: string
	board_id: string
	session_id: string
	dots_per_person: number
	/** 0 or 1. */
	anonymous: number
	started_by: string | null
	started_at: Timestamp
	ends_at: Timestamp | null
	ended_at: Timestamp | null
	/** JSON of the totals, written when the vote ends. */
	results: string | null
}

/** One person's dot on one note in a vote (a dot a note). */
export interface VoteDotsTable {
	vote_id: string
	user_id: string
	shape_id: string
	cast_at: Timestamp
}

/** Journey templates: a tribe's (`circle_id` null) or one circle's own. */
export interface JourneyTemplatesTable {
	id: string
	tribe_id: string
	circle_id: string | null
	/** The template's name, also inside `document`, for lists. */
	name: string
	/** The template as JSON (`JourneyTemplate`), validated before it is written. */
	document: string
	created_by: string | null
	created_at: Timestamp
	updated_at: Timestamp
}

/** The journey of a circle (at most one). */
export interface CircleJourneysTable {
	circle_id: string
	template_id: string
	/** `YYYY-MM-DD`, a date in `time_zone`. */
	start_date: string
	time_zone: string
	/** JSON array of `{ pausedOn, resumedOn }`. */
	pauses: string
	created_at: Timestamp
	updated_at: Timestamp
}

/** Board templates of tribes: a board's content without its history (see `boardTemplates/`). */
export interface BoardTemplatesTable {
	id: string
	tribe_id: string
	name: string
	description: string
	/** The content as a Yjs update (V2) of a doc that only ever held it: no history, no tombstones. */
	state: Uint8Array
	shape_count: number
	/** A PNG, or null. */
	thumbnail: Uint8Array | null
	created_by: string | null
	created_at: Timestamp
	updated_at: Timestamp
}

/** The tables as Kysely sees them. */
export interface DatabaseSchema {
	boards: BoardsTable
	board_updates: BoardUpdatesTable
	board_states: BoardStatesTable
	users: UsersTable
	sessions: SessionsTable
	instance_claims: InstanceClaimsTable
	instance_settings: InstanceSettingsTable
	tribes: TribesTable
	tribe_members: TribeMembersTable
	circles: CirclesTable
	circle_members: CircleMembersTable
	invitations: InvitationsTable
	join_requests: JoinRequestsTable
	board_snapshots: BoardSnapshotsTable
	live_sessions: LiveSessionsTable
	live_session_participants: LiveSessionParticipantsTable
	live_session_items: LiveSessionItemsTable
	board_replay_checkpoints: BoardReplayCheckpointsTable
	votes: VotesTable
	vote_dots: VoteDotsTable
	journey_templates: JourneyTemplatesTable
	circle_journeys: CircleJourneysTable
	board_templates: BoardTemplatesTable
	search_entries: SearchEntriesTable
	board_shares: BoardSharesTable
	board_thumbnails: BoardThumbnailsTable
	board_links: BoardLinksTable
	board_layer_updates: BoardLayerUpdatesTable
	board_layer_states: BoardLayerStatesTable
	board_private_modes: BoardPrivateModesTable
	guest_links: GuestLinksTable
	guest_sessions: GuestSessionsTable
	recognitions: RecognitionsTable
}

/**
 * What search finds (see `server/src/search/`): a board's title (`shape_id` null) or one shape's
 * text. On SQLite the FTS5 table `search_fts` indexes `words`; on PostgreSQL a GIN index `tsv`.
 */
export interface SearchEntriesTable {
	id: ColumnType<number | string, never, never>
	board_id: string
	shape_id: string | null
	text: string
	/** The board's last log id when its content was read for this entry. */
	indexed_through: ColumnType<number | string, number, number>
	/** SQLite only: the folded words of `text`, which FTS5 indexes. */
	words: ColumnType<string, string | undefined, string>
	/** PostgreSQL only: the tsvector of the folded words (written with `to_tsvector`). */
	tsv: ColumnType<string, never, never>
}

/** A board shared with a circle other than its own: offered, then accepted (`boards/shares/`). */
export interface BoardSharesTable {
	id: string
	board_id: string
	circle_id: string
	state: 'offered' | 'accepted'
	offered_by: string | null
	offered_at: Timestamp
	accepted_by: string | null
	accepted_at: Timestamp | null
}

/** Each board's current thumbnail, a PNG drawn by an editor's browser (`thumbnails/`). */
export interface BoardThumbnailsTable {
	board_id: string
	png: Uint8Array
	width: number
	height: number
	updated_by: string | null
	updated_at: Timestamp
}

/** A link shape on a board, pointing at another board, as read from the board's content (`links/`). */
export interface BoardLinksTable {
	source_board_id: string
	shape_id: string
	target_board_id: string
}

/** Thanks one person gave another's contribution (`recognition/`). */
export interface RecognitionsTable {
	id: string
	board_id: string
	/** `note` (`subject_id` a shape id of the board) or `session` (a live session's id). */
	subject_kind: 'note' | 'session'
	subject_id: string
	recipient_id: string
	giver_id: string
	message: string
	/** The contribution as it read when recognised (a note's text, cut; a session's title). */
	excerpt: string
	created_at: Timestamp
}

/** One update of a board's note layer (`audience/`): `layer` is `me:<userId>` or `circle:<circleId>`. */
export interface BoardLayerUpdatesTable {
	id: LogId
	board_id: string
	layer: string
	user_id: string | null
	circle_id: string | null
	bytes: Uint8Array
	created_at: Timestamp
}

/** One compacted Yjs state per note layer of a board (`audience/`). */
export interface BoardLayerStatesTable {
	board_id: string
	layer: string
	user_id: string | null
	circle_id: string | null
	state: Uint8Array
	covers_id: ColumnType<number | string, number, number>
	updated_at: Timestamp
}

/** A board's running private mode (`audience/`); the row is removed when it ends. */
export interface BoardPrivateModesTable {
	board_id: string
	id: string
	/** 1 when revealed notes lose their author, else 0. */
	anonymous: number
	started_by: string | null
	started_at: Timestamp
}

/** A guest link to one board (`guests/`); `token_hash` is the hex SHA-256 of the token. */
export interface GuestLinksTable {
	id: string
	board_id: string
	token_hash: string
	mode: 'edit' | 'view'
	expires_at: Timestamp
	live_session_id: string | null
	/** 1 when each of its guests takes one of the circle's seats, else 0. */
	counts_seat: number
	max_guests: number
	created_by: string | null
	created_at: Timestamp
	revoked_at: Timestamp | null
}

/** A guest who gave a name through a link (`guests/`); `id` is the hex SHA-256 of their cookie. */
export interface GuestSessionsTable {
	id: string
	link_id: string
	name: string
	color: string
	created_at: Timestamp
}
