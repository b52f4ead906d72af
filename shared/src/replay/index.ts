import { z } from 'zod'

/**
 * Session replay (`GET /api/boards/:id/replay`): a board as it grew, from its stored update log,
 * streamed as newline-delimited JSON (one {@link ReplayLine} a line). See docs/API.md, "Replay".
 */

/** Longest time range of a board one replay may ask for (a session is replayed whole). */
export const MAX_REPLAY_RANGE_MS = 24 * 60 * 60 * 1000
/** Most log entries one `entries` line carries. */
export const REPLAY_CHUNK_ENTRIES = 200
/** About the most bytes (of updates, base64) one `entries` line carries; a larger entry goes alone. */
export const REPLAY_CHUNK_BYTES = 512 * 1024
/** Most log entries one replay streams; after them the stream ends with `truncated: true`. */
export const MAX_REPLAY_ENTRIES = 250_000
/** Most bytes of log entries one replay streams (same). */
export const MAX_REPLAY_BYTES = 128 * 1024 * 1024
/** Most snapshot marks a replay lists (the newest in the range are kept). */
export const MAX_REPLAY_SNAPSHOT_MARKS = 200
/** Playback speeds the player offers (× real time). */
export const REPLAY_SPEEDS = [1, 2, 5, 10, 30, 60] as const

const isoSchema = z.iso.datetime({ offset: true })

/**
 * Query of `GET /api/boards/:id/replay`: a past session of the board (`session`), or a time
 * range (`from` < `to`, at most {@link MAX_REPLAY_RANGE_MS} apart).
 */
export const replayQuerySchema = z.union([
	z.object({ session: z.string().min(1).max(64) }).strict(),
	z
		.object({ from: isoSchema, to: isoSchema })
		.strict()
		.refine((range) => Date.parse(range.from) < Date.parse(range.to), {
			message: '`from` must be before `to`',
			path: ['to'],
		})
		.refine((range) => Date.parse(range.to) - Date.parse(range.from) <= MAX_REPLAY_RANGE_MS, {
			message: 'A replay covers at most 24 hours',
			path: ['to'],
		}),
])
/** What a replay is asked for. */
export type ReplayQuery = z.infer<typeof replayQuerySchema>

/** Body of `POST /api/boards/:id/replay/restore`: the board as it was after log entry `at`, as a new board. */
export const restoreReplaySchema = z
	.object({
		/** A log id from the replay (`startId` for its first frame, or an entry's id). */
		at: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
		/** The new board's title; without one, "<board> (as at <time>)". */
		title: z.string().trim().min(1).max(200).optional(),
	})
	.strict()
/** Input to restore a moment of a replay. */
export type RestoreReplay = z.input<typeof restoreReplaySchema>

/** A moment marked on the scrubber. */
export type ReplayMark =
	| { kind: 'agenda'; at: string; item: number; title: string }
	| { kind: 'snapshot'; at: string; snapshotId: string; title: string }

/** First line: what is replayed. */
export interface ReplayInfoLine {
	type: 'info'
	boardId: string
	/** The session replayed, or null for a time range. */
	session: { id: string; title: string } | null
	/** ISO timestamps of the range; the player's timeline runs from one to the other. */
	from: string
	to: string
	/** The start frame holds every log entry up to this id; entries that follow have greater ids. */
	startId: number
	/** The last log id the replay reaches (the range's end). */
	endId: number
	marks: ReplayMark[]
}

/** Second line: the board at the range's start, a Yjs update (V2 encoding) in base64. */
export interface ReplayFrameLine {
	type: 'frame'
	state: string
}

/** One log entry: the updates one persistence window stored, in order (V1 encoding, base64). */
export interface ReplayEntry {
	id: number
	/** ISO timestamp of when it was stored. */
	at: string
	updates: string[]
}

/** Then: log entries, oldest first. */
export interface ReplayEntriesLine {
	type: 'entries'
	entries: ReplayEntry[]
}

/** Last line. `truncated` when the bounds stopped the stream before the range's end. */
export interface ReplayEndLine {
	type: 'end'
	entries: number
	truncated: boolean
}

/** What the server says when it cannot go on after the stream started. */
export interface ReplayErrorLine {
	type: 'error'
	message: string
}

/** One line of a replay stream. */
export type ReplayLine =
	| ReplayInfoLine
	| ReplayFrameLine
	| ReplayEntriesLine
	| ReplayEndLine
	| ReplayErrorLine
