import {
	MAX_REPLAY_BYTES,
	MAX_REPLAY_ENTRIES,
	MAX_REPLAY_SNAPSHOT_MARKS,
	REPLAY_CHUNK_BYTES,
	REPLAY_CHUNK_ENTRIES,
	type ReplayEntry,
	type ReplayInfoLine,
	type ReplayLine,
	type ReplayMark,
	type ReplayQuery,
} from '@circlespace/shared/replay/index.ts'
import * as Y from 'yjs'
import { AppError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import type { Storage } from '../storage/Storage.ts'
import { decodeLogEntry } from '../sync/storedDoc.ts'
import { boardAt } from './boardAt.ts'

/** What a replay covers: the log entries after `startId` up to `endId`, shown from `from` to `to`. */
export type ReplayRange = Omit<ReplayInfoLine, 'type'>

type Deps = { storage: Pick<Storage, 'replay' | 'liveSessions' | 'snapshots'> }

/** The 404 of a session that is not the board's, or does not exist. */
export function sessionNotFound(): AppError {
	return new AppError('NOT_FOUND', 'This session does not exist, or you cannot see it.')
}

/**
 * Where in the log a replay of a board starts and ends, with its marks. A session runs from the
 * last entry stored when it started to the last entry its end snapshot holds (recorded when it
 * ended; for sessions ended before replay existed, the last entry stored when it ended).
 */
export async function resolveRange(deps: Deps, boardId: string, query: ReplayQuery): Promise<ReplayRange> {
	const { storage } = deps
	if ('session' in query) {
		const session = await storage.liveSessions.get(query.session)
		if (!session || session.boardId !== boardId) throw sessionNotFound()
		if (session.endedAt === null) {
			throw new AppError('CONFLICT', 'This session is still running: its replay opens once it has ended.')
		}
		const from = session.startedAt
		const to = session.endedAt
		const [startId, recordedEnd, items, snapshots] = await Promise.all([
			storage.replay.lastIdAt(boardId, from),
			storage.replay.endLogId(session.id),
			storage.replay.items(session.id),
			snapshotMarks(deps, boardId, from, to, session.id),
		])
		const endId = Math.max(startId, recordedEnd ?? (await storage.replay.lastIdAt(boardId, to)))
		const agenda: ReplayMark[] = []
		if (session.agenda.length > 0) {
			const changes = items.some((change) => change.at <= from) ? items : [{ item: 0, at: from }, ...items]
			for (const change of changes) {
				const title = session.agenda[change.item]
				if (title !== undefined) agenda.push({ kind: 'agenda', at: change.at, item: change.item, title })
			}
		}
		return {
			boardId,
			session: { id: session.id, title: session.title },
			from,
			to,
			startId,
			endId,
			marks: [...agenda, ...snapshots].sort((a, b) => a.at.localeCompare(b.at)),
		}
	}
	const [startId, endId, snapshots] = await Promise.all([
		storage.replay.lastIdAt(boardId, query.from),
		storage.replay.lastIdAt(boardId, query.to),
		snapshotMarks(deps, boardId, query.from, query.to),
	])
	return {
		boardId,
		session: null,
		from: new Date(query.from).toISOString(),
		to: new Date(query.to).toISOString(),
		startId,
		endId: Math.max(startId, endId),
		marks: snapshots,
	}
}

/** The board's snapshots taken in the range, and the end snapshot of `sessionId` (taken as it ended). */
async function snapshotMarks(
	deps: Deps,
	boardId: string,
	from: string,
	to: string,
	sessionId?: string,
): Promise<ReplayMark[]> {
	const start = Date.parse(from)
	const end = Date.parse(to)
	// Newest first: the newest of the range are kept when there are more than the bound.
	const inRange = (await deps.storage.snapshots.listOfBoard(boardId))
		.filter((snapshot) => {
			const at = Date.parse(snapshot.createdAt)
			return (at >= start && at <= end) || (sessionId !== undefined && snapshot.sessionId === sessionId)
		})
		.slice(0, MAX_REPLAY_SNAPSHOT_MARKS)
	return inRange.reverse().map((snapshot) => ({
		kind: 'snapshot',
		at: snapshot.createdAt,
		snapshotId: snapshot.id,
		title: snapshot.title,
	}))
}

const encoder = new TextEncoder()

function lineBytes(line: ReplayLine): Uint8Array {
	return encoder.encode(`${JSON.stringify(line)}\n`)
}

function base64(bytes: Uint8Array): string {
	return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

/**
 * A replay as a stream of newline-delimited JSON ({@link ReplayLine}): what is replayed first
 * (sent before any work), then the board at the range's start, then the range's log entries a
 * page at a time, then `end`. The stream is pulled: the next page is read from the database only
 * once the previous one was taken by the network, so a slow reader holds one page, not the range,
 * and a reader who goes away stops the reading.
 */
export function replayStream(
	deps: Deps & { logger: Logger },
	range: ReplayRange,
): ReadableStream<Uint8Array> {
	const { storage } = deps
	let phase: 'info' | 'frame' | 'entries' | 'done' = 'info'
	let after = range.startId
	let sentEntries = 0
	let sentBytes = 0
	let cancelled = false

	const entriesLines = (entries: ReplayEntry[], sizes: number[]): ReplayLine[] => {
		const lines: ReplayLine[] = []
		let current: ReplayEntry[] = []
		let bytes = 0
		entries.forEach((entry, index) => {
			const size = sizes[index] ?? 0
			if (current.length > 0 && bytes + size > REPLAY_CHUNK_BYTES) {
				lines.push({ type: 'entries', entries: current })
				current = []
				bytes = 0
			}
			current.push(entry)
			bytes += size
		})
		if (current.length > 0) lines.push({ type: 'entries', entries: current })
		return lines
	}

	return new ReadableStream<Uint8Array>(
		{
			async pull(controller) {
				try {
					if (phase === 'info') {
						controller.enqueue(lineBytes({ type: 'info', ...range }))
						phase = 'frame'
						return
					}
					if (phase === 'frame') {
						const doc = await boardAt(storage, range.boardId, range.startId)
						const state = Y.encodeStateAsUpdateV2(doc)
						doc.destroy()
						if (cancelled) return
						controller.enqueue(lineBytes({ type: 'frame', state: base64(state) }))
						phase = 'entries'
						return
					}
					if (phase !== 'entries') return
					const left = MAX_REPLAY_ENTRIES - sentEntries
					const page =
						left > 0
							? await storage.replay.readRange(range.boardId, after, range.endId, REPLAY_CHUNK_ENTRIES)
							: []
					if (cancelled) return
					const entries: ReplayEntry[] = []
					const sizes: number[] = []
					let truncated = left <= 0 && after < range.endId
					for (const row of page.slice(0, left)) {
						if (sentBytes + row.update.byteLength > MAX_REPLAY_BYTES) {
							truncated = true
							break
						}
						const updates = decodeLogEntry(row.update).map(base64)
						entries.push({ id: row.id, at: row.createdAt, updates })
						sizes.push(updates.reduce((sum, update) => sum + update.length, 0))
						sentBytes += row.update.byteLength
						after = row.id
					}
					sentEntries += entries.length
					for (const line of entriesLines(entries, sizes)) controller.enqueue(lineBytes(line))
					if (truncated || page.length < REPLAY_CHUNK_ENTRIES || after >= range.endId) {
						if (!truncated && sentEntries >= MAX_REPLAY_ENTRIES && after < range.endId) truncated = true
						controller.enqueue(lineBytes({ type: 'end', entries: sentEntries, truncated }))
						phase = 'done'
						controller.close()
					}
				} catch (error) {
					deps.logger.error({ err: error, boardId: range.boardId }, 'replay stream failed')
					phase = 'done'
					controller.enqueue(
						lineBytes({ type: 'error', message: 'The replay could not be read to its end. Try again.' }),
					)
					controller.close()
				}
			},
			cancel() {
				cancelled = true
				phase = 'done'
			},
		},
		// One line at a time: the next is read when the last was taken.
		{ highWaterMark: 1 },
	)
}
