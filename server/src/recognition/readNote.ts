import { parseStoredRecord, RECORDS_MAP } from '@circlespace/shared'
import type * as Y from 'yjs'
import { boardText } from '../search/boardText.ts'

/** A note as the board stores it: who wrote it, and what it says. */
export interface StoredNote {
	/** The author's account id, or null when the board keeps no author for it. */
	authorId: string | null
	/** Its text on one line, cut at {@link NOTE_EXCERPT_LENGTH} characters. */
	excerpt: string
}

/** How much of a note's text a recognition keeps, for the recipient's page. */
export const NOTE_EXCERPT_LENGTH = 140

/**
 * The note `shapeId` of a board's doc, or undefined when there is no such note (another kind of
 * shape, a record that does not parse). The author is the one the web app keeps in the note's
 * `meta.author` (client/src/board/noteAuthor.ts), counted only when the note's label names the
 * same person (`props.textLastEditedBy`), as the web app itself does: a note rewritten by
 * someone else with an older app still holds the previous author.
 */
export function readNote(doc: Y.Doc, shapeId: string): StoredNote | undefined {
	const value = doc.getMap<unknown>(RECORDS_MAP).get(shapeId)
	if (value === undefined) return undefined
	const parsed = parseStoredRecord(shapeId, value)
	if ('reason' in parsed) return undefined
	const record = parsed.record
	if (record.typeName !== 'shape' || record.type !== 'note') return undefined
	// On one line: the recipient's page quotes it as a line.
	const text = (boardText([record]).shapes[0]?.text ?? '').replace(/\s+/g, ' ')
	return { authorId: authorOf(record), excerpt: cut(text) }
}

function authorOf(record: Record<string, unknown>): string | null {
	const meta = record.meta
	const props = record.props
	if (typeof meta !== 'object' || meta === null || typeof props !== 'object' || props === null) return null
	const author = (meta as Record<string, unknown>).author
	if (typeof author !== 'object' || author === null) return null
	const id = (author as Record<string, unknown>).id
	const labelled = (props as Record<string, unknown>).textLastEditedBy
	if (typeof id !== 'string' || id === '' || id !== labelled) return null
	return id
}

function cut(text: string): string {
	// By code point, so that an emoji is never cut in half.
	const chars = Array.from(text)
	if (chars.length <= NOTE_EXCERPT_LENGTH) return text
	return `${chars
		.slice(0, NOTE_EXCERPT_LENGTH - 1)
		.join('')
		.trimEnd()}…`
}
