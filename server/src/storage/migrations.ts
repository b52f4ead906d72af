import { type Kysely, sql } from 'kysely'
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration'

/** The SQL dialects the storage runs on. */
export type DatabaseKind = 'sqlite' | 'postgres'

/**
 * The schema migrations, defined in code so they ship with the server. Names sort in the
 * order they run; never edit one that has been released, add a new one instead.
 */
export function createMigrations(kind: DatabaseKind): Record<string, Migration> {
	const bytes = kind === 'postgres' ? 'bytea' : 'blob'
	const timestamp = kind === 'postgres' ? 'timestamptz' : 'text'
	return {
		'0001_boards_and_docs': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('boards')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('title', 'text', (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema.createIndex('boards_updated_at').on('boards').column('updated_at').execute()

				// One id sequence across all boards, so that several server processes can append
				// to the same log and the ids still order every update ever stored.
				await db.schema
					.createTable('board_updates')
					.$call((t) =>
						kind === 'postgres'
							? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
							: // AUTOINCREMENT so that ids are never reused, even after the newest row is deleted.
								t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
					)
					.addColumn('board_id', 'text', (c) => c.notNull())
					.addColumn('bytes', bytes, (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema
					.createIndex('board_updates_board_id_id')
					.on('board_updates')
					.columns(['board_id', 'id'])
					.execute()

				await db.schema
					.createTable('board_states')
					.addColumn('board_id', 'text', (c) => c.primaryKey())
					.addColumn('state', bytes, (c) => c.notNull())
					.addColumn('covers_id', 'bigint', (c) => c.notNull())
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.execute()
			},
		},
		'0002_accounts': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('users')
					.addColumn('id', 'text', (c) => c.primaryKey())
					// Stored trimmed and lower-cased, so uniqueness is case-insensitive on both databases.
					.addColumn('email', 'text', (c) => c.notNull().unique())
					.addColumn('display_name', 'text', (c) => c.notNull())
					.addColumn('color', 'text', (c) => c.notNull())
					.addColumn('password_hash', 'text', (c) => c.notNull())
					.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'member')`))
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.execute()

				// A session id is the SHA-256 of its token: a leaked table yields no usable cookie.
				await db.schema
					.createTable('sessions')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('expires_at', timestamp, (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema.createIndex('sessions_user_id').on('sessions').column('user_id').execute()

				// One row per one-time claim on the instance. The first sign-up inserts 'first_admin'
				// in the same transaction as its user; a concurrent sign-up's insert of the same key
				// waits for that commit and then does nothing, so exactly one account becomes admin.
				await db.schema
					.createTable('instance_claims')
					.addColumn('name', 'text', (c) => c.primaryKey())
					.addColumn('claimed_at', timestamp, (c) => c.notNull())
					.execute()
			},
		},
		'0003_spaces': {
			async up(db: Kysely<unknown>) {
				await db.schema
					.createTable('instance_settings')
					.addColumn('name', 'text', (c) => c.primaryKey())
					// JSON text, read through the SettingsStore's defaults.
					.addColumn('value', 'text', (c) => c.notNull())
					.execute()

				await db.schema
					.createTable('tribes')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('description', 'text', (c) => c.notNull())
					.addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('convened', 'emergent')`))
					.addColumn('visibility', 'text', (c) =>
						c.notNull().check(sql`visibility in ('open', 'listed', 'private')`),
					)
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.execute()

				await db.schema
					.createTable('tribe_members')
					.addColumn('tribe_id', 'text', (c) => c.notNull().references('tribes.id').onDelete('cascade'))
					.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('steward', 'member')`))
					.addColumn('joined_at', timestamp, (c) => c.notNull())
					.addPrimaryKeyConstraint('tribe_members_pk', ['tribe_id', 'user_id'])
					.execute()
				await db.schema.createIndex('tribe_members_user_id').on('tribe_members').column('user_id').execute()

				await db.schema
					.createTable('circles')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('tribe_id', 'text', (c) => c.notNull().references('tribes.id').onDelete('cascade'))
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('description', 'text', (c) => c.notNull())
					.addColumn('capacity', 'integer', (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema.createIndex('circles_tribe_id').on('circles').column('tribe_id').execute()

				await db.schema
					.createTable('circle_members')
					.addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
					.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('facilitator', 'member')`))
					.addColumn('joined_at', timestamp, (c) => c.notNull())
					.addPrimaryKeyConstraint('circle_members_pk', ['circle_id', 'user_id'])
					.execute()
				await db.schema.createIndex('circle_members_user_id').on('circle_members').column('user_id').execute()

				// Only the SHA-256 of an invitation token is stored, like session tokens.
				await db.schema
					.createTable('invitations')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
					.addColumn('token_hash', 'text', (c) => c.notNull().unique())
					.addColumn('created_by', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addColumn('expires_at', timestamp, (c) => c.notNull())
					.addColumn('max_uses', 'integer')
					.addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0))
					.addColumn('revoked_at', timestamp)
					.execute()
				await db.schema.createIndex('invitations_circle_id').on('invitations').column('circle_id').execute()

				await db.schema
					.createTable('join_requests')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
					.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addUniqueConstraint('join_requests_circle_user', ['circle_id', 'user_id'])
					.execute()

				// Boards made before this migration belong to no circle; only admins can read them.
				await db.schema
					.alterTable('boards')
					.addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('set null'))
					.execute()
				await db.schema
					.alterTable('boards')
					.addColumn('visibility', 'text', (c) =>
						c.notNull().defaultTo('circle').check(sql`visibility in ('circle', 'tribe', 'instance')`),
					)
					.execute()
				await db.schema.alterTable('boards').addColumn('created_by', 'text').execute()
				await db.schema.alterTable('boards').addColumn('archived_at', timestamp).execute()
				await db.schema.alterTable('boards').addColumn('deleted_at', timestamp).execute()
				await db.schema.createIndex('boards_circle_id').on('boards').column('circle_id').execute()
			},
		},
		'0004_snapshots': {
			async up(db: Kysely<unknown>) {
				// A snapshot is an immutable copy of a board's Yjs document (V2 state) at one moment,
				// with what lists show about it; only the thumbnail may be added later.
				await db.schema
					.createTable('board_snapshots')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('session_id', 'text')
					.addColumn('title', 'text', (c) => c.notNull())
					.addColumn('kind', 'text', (c) =>
						c.notNull().check(sql`kind in ('manual', 'session', 'before_restore')`),
					)
					.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addColumn('shape_count', 'integer', (c) => c.notNull())
					// A JSON array of user ids, in the order the caller gave them.
					.addColumn('participants', 'text', (c) => c.notNull())
					.addColumn('state', bytes, (c) => c.notNull())
					.addColumn('thumbnail', bytes)
					.execute()
				await db.schema
					.createIndex('board_snapshots_board_id_created_at')
					.on('board_snapshots')
					.columns(['board_id', 'created_at'])
					.execute()
			},
		},
		'0005_live_sessions': {
			async up(db: Kysely<unknown>) {
				// A facilitated session on a board. The timer is stored so that the server can be
				// restarted mid-session: while it runs, `timer_remaining_ms` is what was left at
				// `timer_running_since`; while paused, what is left.
				await db.schema
					.createTable('live_sessions')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('title', 'text', (c) => c.notNull())
					// A JSON array of strings.
					.addColumn('agenda', 'text', (c) => c.notNull())
					.addColumn('current_item', 'integer', (c) => c.notNull().defaultTo(0))
					.addColumn('timer_duration_ms', 'bigint')
					.addColumn('timer_remaining_ms', 'bigint')
					.addColumn('timer_running_since', timestamp)
					.addColumn('follow_me', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('started_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('started_at', timestamp, (c) => c.notNull())
					.addColumn('ended_at', timestamp)
					.addColumn('snapshot_id', 'text', (c) => c.references('board_snapshots.id').onDelete('set null'))
					.execute()
				// One running session per board, whatever the routes do: a second start conflicts here.
				await db.schema
					.createIndex('live_sessions_one_running_per_board')
					.on('live_sessions')
					.column('board_id')
					.unique()
					.where(sql.ref('ended_at'), 'is', null)
					.execute()
				await db.schema
					.createIndex('live_sessions_board_id_started_at')
					.on('live_sessions')
					.columns(['board_id', 'started_at'])
					.execute()

				await db.schema
					.createTable('live_session_participants')
					.addColumn('session_id', 'text', (c) =>
						c.notNull().references('live_sessions.id').onDelete('cascade'),
					)
					.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('joined_at', timestamp, (c) => c.notNull())
					.addPrimaryKeyConstraint('live_session_participants_pk', ['session_id', 'user_id'])
					.execute()
			},
		},
		'0006_journeys': {
			async up(db: Kysely<unknown>) {
				// A tribe's journey templates (circle_id null) and circles' own ones (circle_id set, with
				// the circle's tribe). The document is the validated template JSON; its name is repeated
				// in a column so that lists need not parse documents.
				await db.schema
					.createTable('journey_templates')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('tribe_id', 'text', (c) => c.notNull().references('tribes.id').onDelete('cascade'))
					.addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('document', 'text', (c) => c.notNull())
					.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema
					.createIndex('journey_templates_tribe_id_circle_id')
					.on('journey_templates')
					.columns(['tribe_id', 'circle_id'])
					.execute()

				// A template in use cannot be deleted (no cascade): a circle's journey would lose its days.
				await db.schema
					.createTable('circle_journeys')
					.addColumn('circle_id', 'text', (c) => c.primaryKey().references('circles.id').onDelete('cascade'))
					.addColumn('template_id', 'text', (c) => c.notNull().references('journey_templates.id'))
					.addColumn('start_date', 'text', (c) => c.notNull())
					.addColumn('time_zone', 'text', (c) => c.notNull())
					.addColumn('pauses', 'text', (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema
					.createIndex('circle_journeys_template_id')
					.on('circle_journeys')
					.column('template_id')
					.execute()

				// A board's day is stored: rescheduling a journey moves nothing already made.
				await db.schema.alterTable('boards').addColumn('journey_day', 'integer').execute()
			},
		},
		'0007_board_templates': {
			async up(db: Kysely<unknown>) {
				// A tribe's board templates: a copy of a board's content as a Yjs state (V2) without
				// its history, which new boards start from. No link to the board it came from: the
				// board may be deleted, and the template is the tribe's from then on.
				await db.schema
					.createTable('board_templates')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('tribe_id', 'text', (c) => c.notNull().references('tribes.id').onDelete('cascade'))
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('description', 'text', (c) => c.notNull())
					.addColumn('state', bytes, (c) => c.notNull())
					.addColumn('shape_count', 'integer', (c) => c.notNull())
					// A PNG copied from a snapshot of the board taken since its last change, if any.
					.addColumn('thumbnail', bytes)
					.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema
					.createIndex('board_templates_tribe_id_name')
					.on('board_templates')
					.columns(['tribe_id', 'name'])
					.execute()
			},
		},
		'0008_search': {
			async up(db: Kysely<unknown>) {
				// What search finds: one row per board title (shape_id null) and per shape with text,
				// written by the search indexer from stored content (see server/src/search/). Who may
				// see a row is decided when searching, from the boards and memberships of that moment.
				await db.schema
					.createTable('search_entries')
					.$call((t) =>
						kind === 'postgres'
							? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
							: t.addColumn('id', 'integer', (c) => c.primaryKey()),
					)
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('shape_id', 'text')
					.addColumn('text', 'text', (c) => c.notNull())
					// The board's last log id when it was read for indexing: a board with a later entry, or
					// whose title is not the indexed one, is indexed again at start (a change not indexed
					// before a crash or a shutdown is not lost).
					.addColumn('indexed_through', 'bigint', (c) => c.notNull())
					// The folded words of `text` (shared/src/search/searchTerms.ts), so that both databases
					// cut words alike: a tsvector of them on PostgreSQL, the column FTS5 indexes on SQLite.
					.addColumn(
						kind === 'postgres' ? 'tsv' : 'words',
						kind === 'postgres' ? sql`tsvector` : 'text',
						(c) => c.notNull(),
					)
					.execute()
				await db.schema
					.createIndex('search_entries_board_id')
					.on('search_entries')
					.columns(['board_id', 'shape_id'])
					.execute()
				if (kind === 'postgres') {
					await sql`create index search_entries_tsv on search_entries using gin (tsv)`.execute(db)
				} else {
					// External content: the words are stored once, in search_entries; the index refers to them.
					await sql`create virtual table search_fts using fts5(words, content='search_entries', content_rowid='id')`.execute(
						db,
					)
				}
			},
		},
		'0009_board_shares': {
			async up(db: Kysely<unknown>) {
				// A board of one circle shared with another (see server/src/boards/shares/): offered by
				// someone who manages the board, accepted by someone who manages the receiving circle.
				// A declined or withdrawn share is deleted: only what holds now is kept.
				await db.schema
					.createTable('board_shares')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('circle_id', 'text', (c) => c.notNull().references('circles.id').onDelete('cascade'))
					.addColumn('state', 'text', (c) => c.notNull().check(sql`state in ('offered', 'accepted')`))
					.addColumn('offered_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('offered_at', timestamp, (c) => c.notNull())
					.addColumn('accepted_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('accepted_at', timestamp)
					.addUniqueConstraint('board_shares_board_id_circle_id', ['board_id', 'circle_id'])
					.execute()
				// Boards shared into a circle (its list, its pending offers, access checks).
				await db.schema
					.createIndex('board_shares_circle_id_state')
					.on('board_shares')
					.columns(['circle_id', 'state'])
					.execute()
			},
		},
		'0010_board_thumbnails': {
			async up(db: Kysely<unknown>) {
				// Each board's current thumbnail, a PNG drawn by the browser of someone editing it
				// (server/src/thumbnails/): one row per board, replaced as it changes.
				await db.schema
					.createTable('board_thumbnails')
					.addColumn('board_id', 'text', (c) => c.primaryKey().references('boards.id').onDelete('cascade'))
					.addColumn('png', bytes, (c) => c.notNull())
					.addColumn('width', 'integer', (c) => c.notNull())
					.addColumn('height', 'integer', (c) => c.notNull())
					.addColumn('updated_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.execute()
			},
		},
		'0011_board_links': {
			async up(db: Kysely<unknown>) {
				// Links between boards as read from their content (server/src/links/): one row per link
				// shape. The target is not a foreign key: content may name a board that was deleted, or
				// never existed; readers join the target to see whether it is there.
				await db.schema
					.createTable('board_links')
					.addColumn('source_board_id', 'text', (c) =>
						c.notNull().references('boards.id').onDelete('cascade'),
					)
					.addColumn('shape_id', 'text', (c) => c.notNull())
					.addColumn('target_board_id', 'text', (c) => c.notNull())
					.addPrimaryKeyConstraint('board_links_pkey', ['source_board_id', 'shape_id'])
					.execute()
				// Backlinks: the boards that link to one.
				await db.schema
					.createIndex('board_links_target_board_id')
					.on('board_links')
					.columns(['target_board_id', 'source_board_id'])
					.execute()
			},
		},
		'0014_recognitions': {
			async up(db: Kysely<unknown>) {
				// Thanks given to a contribution (server/src/recognition/). A note is named by its shape id
				// on its board; a session by its id (its board kept beside it, for the board's list and for
				// access checks). Rows go with their board, their giver or their recipient.
				await db.schema
					.createTable('recognitions')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('subject_kind', 'text', (c) => c.notNull())
					.addColumn('subject_id', 'text', (c) => c.notNull())
					.addColumn('recipient_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('giver_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('message', 'text', (c) => c.notNull())
					.addColumn('excerpt', 'text', (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					// Each person recognises a contribution once.
					.addUniqueConstraint('recognitions_subject_giver', [
						'board_id',
						'subject_kind',
						'subject_id',
						'giver_id',
					])
					.execute()
				await db.schema
					.createIndex('recognitions_board_id')
					.on('recognitions')
					.columns(['board_id', 'created_at'])
					.execute()
				await db.schema
					.createIndex('recognitions_recipient_id')
					.on('recognitions')
					.columns(['recipient_id', 'created_at'])
					.execute()
				// The per-hour bound counts a giver's recent recognitions.
				await db.schema
					.createIndex('recognitions_giver_id')
					.on('recognitions')
					.columns(['giver_id', 'created_at'])
					.execute()
			},
		},
		'0016_session_replay': {
			async up(db: Kysely<unknown>) {
				// Session replay (server/src/replay/): the last log id a session's end snapshot holds,
				// so that the replay of a session ends exactly on it (timestamps of the log and of the
				// session clock may differ; ids do not), and that snapshot can start the replay of a
				// later session without applying the board's whole log. Null for sessions ended before.
				await db.schema.alterTable('live_sessions').addColumn('end_log_id', 'bigint').execute()
				// When a session moved to another agenda item (the first one starts with the session):
				// the marks of its replay's scrubber.
				await db.schema
					.createTable('live_session_items')
					.addColumn('session_id', 'text', (c) =>
						c.notNull().references('live_sessions.id').onDelete('cascade'),
					)
					.addColumn('item', 'integer', (c) => c.notNull())
					.addColumn('at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema
					.createIndex('live_session_items_session_id_at')
					.on('live_session_items')
					.columns(['session_id', 'at'])
					.execute()
				// Board states a replay computed from the log (exactly the entries up to `covers_id`), so
				// that the next replay starting later need not apply the board's log from its beginning.
				await db.schema
					.createTable('board_replay_checkpoints')
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('covers_id', 'bigint', (c) => c.notNull())
					.addColumn('state', bytes, (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addPrimaryKeyConstraint('board_replay_checkpoints_pkey', ['board_id', 'covers_id'])
					.execute()
			},
		},
		'0015_guests': {
			async up(db: Kysely<unknown>) {
				// Guest links (server/src/guests/): a facilitator invites someone without an account to
				// one board. Only the token's SHA-256 is stored. Every link has an end time; one made for
				// a live session also ends with it. `counts_seat` is 0 or 1 on both databases.
				await db.schema
					.createTable('guest_links')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('token_hash', 'text', (c) => c.notNull().unique())
					.addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('edit', 'view')`))
					.addColumn('expires_at', timestamp, (c) => c.notNull())
					.addColumn('live_session_id', 'text', (c) => c.references('live_sessions.id').onDelete('cascade'))
					.addColumn('counts_seat', 'integer', (c) => c.notNull())
					.addColumn('max_guests', 'integer', (c) => c.notNull())
					.addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.addColumn('revoked_at', timestamp)
					.execute()
				await db.schema
					.createIndex('guest_links_board_id')
					.on('guest_links')
					.columns(['board_id', 'created_at'])
					.execute()
				// A guest's session: its id is the SHA-256 of the guest's cookie; it lives as long as its link.
				await db.schema
					.createTable('guest_sessions')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('link_id', 'text', (c) => c.notNull().references('guest_links.id').onDelete('cascade'))
					.addColumn('name', 'text', (c) => c.notNull())
					.addColumn('color', 'text', (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema
					.createIndex('guest_sessions_link_id')
					.on('guest_sessions')
					.columns(['link_id', 'created_at'])
					.execute()
			},
		},
		'0017_note_layers': {
			async up(db: Kysely<unknown>) {
				// The note layers of boards (server/src/audience/): a person's own notes ("me") and a
				// circle's notes on a board seen more widely, each a Yjs doc of its own, stored like
				// boards' docs (a log and a compacted state) but apart from them, so that nothing that
				// reads a board's content (search, links, exports, snapshots, templates) can see them.
				// `layer` is `me:<userId>` or `circle:<circleId>`; the person or circle is also a
				// foreign key, so that deleting an account or a circle deletes its layers.
				await db.schema
					.createTable('board_layer_updates')
					.$call((t) =>
						kind === 'postgres'
							? t.addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
							: t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()),
					)
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('layer', 'text', (c) => c.notNull())
					.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
					.addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
					.addColumn('bytes', bytes, (c) => c.notNull())
					.addColumn('created_at', timestamp, (c) => c.notNull())
					.execute()
				await db.schema
					.createIndex('board_layer_updates_board_layer_id')
					.on('board_layer_updates')
					.columns(['board_id', 'layer', 'id'])
					.execute()
				await db.schema
					.createTable('board_layer_states')
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('layer', 'text', (c) => c.notNull())
					.addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
					.addColumn('circle_id', 'text', (c) => c.references('circles.id').onDelete('cascade'))
					.addColumn('state', bytes, (c) => c.notNull())
					.addColumn('covers_id', 'bigint', (c) => c.notNull())
					.addColumn('updated_at', timestamp, (c) => c.notNull())
					.addPrimaryKeyConstraint('board_layer_states_pkey', ['board_id', 'layer'])
					.execute()
				// A board's private mode (a brainstorm where everyone writes for themselves until the
				// facilitator reveals): at most one per board, the row removed when it ends.
				await db.schema
					.createTable('board_private_modes')
					.addColumn('board_id', 'text', (c) => c.primaryKey().references('boards.id').onDelete('cascade'))
					.addColumn('id', 'text', (c) => c.notNull())
					.addColumn('anonymous', 'integer', (c) => c.notNull())
					.addColumn('started_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('started_at', timestamp, (c) => c.notNull())
					.execute()
			},
		},
		'0018_dot_votes': {
			async up(db: Kysely<unknown>) {
				// Dot votes in live sessions (server/src/votes/): at most one running per board. While one
				// runs its dots are rows of `vote_dots`, read only to tell each person their own and to
				// count at the end; then `results` keeps the totals (JSON) and an anonymous vote's rows go.
				await db.schema
					.createTable('votes')
					.addColumn('id', 'text', (c) => c.primaryKey())
					.addColumn('board_id', 'text', (c) => c.notNull().references('boards.id').onDelete('cascade'))
					.addColumn('session_id', 'text', (c) =>
						c.notNull().references('live_sessions.id').onDelete('cascade'),
					)
					.addColumn('dots_per_person', 'integer', (c) => c.notNull())
					// 0 or 1 on both databases.
					.addColumn('anonymous', 'integer', (c) => c.notNull())
					.addColumn('started_by', 'text', (c) => c.references('users.id').onDelete('set null'))
					.addColumn('started_at', timestamp, (c) => c.notNull())
					.addColumn('ends_at', timestamp)
					.addColumn('ended_at', timestamp)
					.addColumn('results', 'text')
					.execute()
				await db.schema
					.createIndex('votes_one_running_per_board')
					.on('votes')
					.column('board_id')
					.unique()
					.where(sql.ref('ended_at'), 'is', null)
					.execute()
				await db.schema.createIndex('votes_session_id').on('votes').column('session_id').execute()
				await db.schema
					.createTable('vote_dots')
					.addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id').onDelete('cascade'))
					.addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
					.addColumn('shape_id', 'text', (c) => c.notNull())
					.addColumn('cast_at', timestamp, (c) => c.notNull())
					.addPrimaryKeyConstraint('vote_dots_pkey', ['vote_id', 'user_id', 'shape_id'])
					.execute()
			},
		},
	}
}

/**
 * Brings the database schema up to date; a no-op when it already is.
 *
 * `migrationTableSchema` pins Kysely's bookkeeping tables to one PostgreSQL schema: without
 * it Kysely looks for them in every schema and would take another schema's tables for ours.
 */
export async function migrateToLatest(
	db: Kysely<unknown>,
	kind: DatabaseKind,
	migrationTableSchema?: string,
): Promise<void> {
	const migrations = createMigrations(kind)
	const provider: MigrationProvider = { getMigrations: async () => migrations }
	const migrator = new Migrator({ db, provider, ...(migrationTableSchema ? { migrationTableSchema } : {}) })
	const { error, results } = await migrator.migrateToLatest()
	if (error) {
		const failed = results?.find((r) => r.status === 'Error')?.migrationName
		throw new Error(`Database migration ${failed ?? ''} failed`, { cause: error })
	}
}
