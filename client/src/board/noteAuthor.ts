/**
 * The person a sticky note's label names, kept in the note's `meta` so that every reader sees
 * it: tldraw labels a note with `props.textLastEditedBy`, a bare user id, and finds the name
 * through the store's user records, which stay in each browser. Without this, a note showed its
 * author's name only while the author was on the board.
 */
export interface NoteAuthor {
	/** The account id, the same string as the note's `textLastEditedBy`. */
	id: string
	/** Their display name when they last wrote the note's text. */
	name: string
}

/** The key of the note's `meta` that holds its {@link NoteAuthor}. */
export const NOTE_AUTHOR_META_KEY = 'author'

// Display names are at most 60 characters (displayNameSchema); a longer one in a note's meta was
// not written by this app, and the label is cut there.
const MAX_NAME_LENGTH = 60

/** The part of a tldraw shape record these functions read and write. */
interface ShapeLike {
	type: string
	props: object
	meta: { readonly [key: string]: unknown }
}

/** The note's author as its meta says, or null (not a note, no author kept, or malformed). */
export function noteAuthorOf(shape: ShapeLike): NoteAuthor | null {
	if (shape.type !== 'note') return null
	const value = shape.meta[NOTE_AUTHOR_META_KEY]
	if (!value || typeof value !== 'object' || Array.isArray(value)) return null
	const { id, name } = value as { id?: unknown; name?: unknown }
	if (typeof id !== 'string' || id === '' || typeof name !== 'string' || name.trim() === '') return null
	return { id, name: name.slice(0, MAX_NAME_LENGTH) }
}

/** Who tldraw's label names: the note's `textLastEditedBy`, null when nobody (an empty note). */
function labelledUserId(shape: ShapeLike): string | null {
	const value = (shape.props as { textLastEditedBy?: unknown }).textLastEditedBy
	return typeof value === 'string' && value !== '' ? value : null
}

/**
 * The shape as it should be stored after `self` changed or created it in this browser: a note
 * whose text `self` wrote last keeps `self`'s id and name in its meta; a note whose text was
 * emptied keeps no author. A note last written by someone else is left as it is (their own
 * browser wrote their name), and so is every other shape. Returns the same object when nothing
 * changes.
 */
export function withNoteAuthor<Shape extends ShapeLike>(shape: Shape, self: NoteAuthor): Shape {
	if (shape.type !== 'note') return shape
	const labelled = labelledUserId(shape)
	if (labelled === null) {
		if (!(NOTE_AUTHOR_META_KEY in shape.meta)) return shape
		const { [NOTE_AUTHOR_META_KEY]: _dropped, ...meta } = shape.meta
		return { ...shape, meta }
	}
	if (labelled !== self.id || self.name.trim() === '') return shape
	const kept = noteAuthorOf(shape)
	if (kept && kept.id === self.id && kept.name === self.name) return shape
	return { ...shape, meta: { ...shape.meta, [NOTE_AUTHOR_META_KEY]: { id: self.id, name: self.name } } }
}

/**
 * The name the notes keep for each author id, from the notes given (the first note naming an
 * id gives its name). Only notes whose label names the kept author count: a note someone else
 * rewrote with an older app still holds the previous author.
 */
export function authorNames(shapes: Iterable<ShapeLike>): ReadonlyMap<string, string> {
	const names = new Map<string, string>()
	for (const shape of shapes) {
		const author = noteAuthorOf(shape)
		if (!author || author.id !== labelledUserId(shape) || names.has(author.id)) continue
		names.set(author.id, author.name)
	}
	return names
}
