import type { NoteVotes } from '@circlespace/shared'
import type * as Y from 'yjs'
import { recordsMapOf } from '../snapshots/boardDoc.ts'
import type { StoredTally } from './VoteStore.ts'

/** The origin of the transaction that writes a vote's results (no connection has it). */
export const voteResultsOrigin = Symbol('vote results')

/** Whether a stored record (as JSON) is a note shape; its parsed form when it is. */
export function parseNote(json: unknown): { type: string; meta?: Record<string, unknown> } | undefined {
	if (typeof json !== 'string') return undefined
	try {
		const record = JSON.parse(json) as { typeName?: unknown; type?: unknown; meta?: unknown }
		if (record.typeName !== 'shape' || record.type !== 'note') return undefined
		return record as { type: string; meta?: Record<string, unknown> }
	} catch {
		return undefined
	}
}

/**
 * Writes a vote's totals onto the board's notes, in one transaction: each note that got dots
 * has `meta.votes` ({@link NoteVotes}: the count, and the voters' names for a named vote); a
 * note that still shows an earlier vote's total loses it. Notes deleted meanwhile are skipped.
 * Returns how many notes changed.
 */
export function writeResultsOnNotes(
	doc: Y.Doc,
	voteId: string,
	results: readonly StoredTally[],
	anonymous: boolean,
): number {
	const records = recordsMapOf(doc)
	const byNote = new Map(results.map((tally) => [tally.shapeId, tally]))
	let changed = 0
	doc.transact(() => {
		for (const [id, json] of records.entries()) {
			const note = parseNote(json)
			if (!note) continue
			const tally = byNote.get(id)
			const meta: Record<string, unknown> = { ...(note.meta ?? {}) }
			if (tally) {
				const votes: NoteVotes = anonymous
					? { voteId, dots: tally.dots }
					: { voteId, dots: tally.dots, voters: (tally.voters ?? []).map((p) => p.displayName) }
				meta.votes = votes
			} else if ('votes' in meta) {
				delete meta.votes
			} else {
				continue
			}
			records.set(id, JSON.stringify({ ...note, meta }))
			changed++
		}
	}, voteResultsOrigin)
	return changed
}
