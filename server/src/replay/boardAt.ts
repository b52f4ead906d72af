import * as Y from 'yjs'
import type { Storage } from '../storage/Storage.ts'
import { decodeLogEntry } from '../sync/storedDoc.ts'

/** How many log entries are read per query while building a board's state. */
export const LOG_PAGE = 1000
/**
 * A state that took more than this many log entries to build is kept as a checkpoint, so that
 * the next replay starting at or after it starts from there.
 */
export const CHECKPOINT_AFTER_ENTRIES = 5000

/** Applies one stored log entry (its updates, in order) to a doc. */
export function applyLogEntry(doc: Y.Doc, entry: Uint8Array): void {
	for (const update of decodeLogEntry(entry)) Y.applyUpdate(doc, update)
}

/**
 * The board as it was once log entry `atId` was stored: the nearest checkpoint at or before it
 * (a session's end snapshot, or a state an earlier replay kept), then the log up to `atId`, read
 * a page at a time (the next read while one is applied). The work is the log since that checkpoint, not the board's whole history:
 * when it was long, the result is kept as a checkpoint for next time.
 */
export async function boardAt(
	storage: Pick<Storage, 'replay'>,
	boardId: string,
	atId: number,
): Promise<Y.Doc> {
	const doc = new Y.Doc()
	if (atId <= 0) return doc
	const checkpoint = await storage.replay.checkpoint(boardId, atId)
	let after = 0
	if (checkpoint) {
		Y.applyUpdateV2(doc, checkpoint.state)
		after = checkpoint.coversId
	}
	let applied = 0
	const read = (afterId: number) => {
		const page = storage.replay.readRange(boardId, afterId, atId, LOG_PAGE)
		// Awaited below; a failure while the page before is applied must not go unhandled meanwhile.
		page.catch(() => {})
		return page
	}
	let next = read(after)
	for (;;) {
		const page = await next
		const last = page.at(-1)
		const more = last !== undefined && page.length === LOG_PAGE
		// The next page is read while this one is applied: the database's time and ours overlap.
		if (more) next = read(last.id)
		for (const entry of page) applyLogEntry(doc, entry.update)
		applied += page.length
		if (!more) break
	}
	if (applied >= CHECKPOINT_AFTER_ENTRIES) {
		await storage.replay.saveCheckpoint(boardId, atId, Y.encodeStateAsUpdateV2(doc))
	}
	return doc
}
