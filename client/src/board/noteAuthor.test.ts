import { describe, expect, it } from 'vitest'
import { authorNames, NOTE_AUTHOR_META_KEY, noteAuthorOf, withNoteAuthor } from './noteAuthor.ts'

const ana = { id: 'u-ana', name: 'Ana Lima' }
const ben = { id: 'u-ben', name: 'Ben' }

function note(textLastEditedBy: string | null, meta: Record<string, unknown> = {}) {
	return { type: 'note', props: { textLastEditedBy, color: 'yellow' }, meta }
}

describe('withNoteAuthor: what a note keeps of who wrote it', () => {
	it('keeps the id and name of the person who wrote the text here', () => {
		expect(withNoteAuthor(note(ana.id), ana).meta).toEqual({ [NOTE_AUTHOR_META_KEY]: ana })
	})

	it('keeps whatever else the meta holds', () => {
		expect(withNoteAuthor(note(ana.id, { group: 'x' }), ana).meta).toEqual({ group: 'x', author: ana })
	})

	it('changes nothing (the same object) when the note already names this person as they are called now', () => {
		const stamped = note(ana.id, { author: ana })
		expect(withNoteAuthor(stamped, ana)).toBe(stamped)
	})

	it('takes the new name of someone who renamed themselves, when they change their note again', () => {
		const renamed = { id: ana.id, name: 'Ana L.' }
		expect(noteAuthorOf(withNoteAuthor(note(ana.id, { author: ana }), renamed))).toEqual(renamed)
	})

	it('hands the note over when someone else rewrites its text (tldraw then labels it with them)', () => {
		expect(noteAuthorOf(withNoteAuthor(note(ben.id, { author: ana }), ben))).toEqual(ben)
	})

	it('never writes another person’s name: a note last written by someone else stays as their browser left it', () => {
		const theirs = note(ana.id, { author: ana })
		expect(withNoteAuthor(theirs, ben)).toBe(theirs)
		const unstamped = note(ana.id)
		expect(withNoteAuthor(unstamped, ben)).toBe(unstamped)
	})

	it('forgets the author of a note whose text was emptied (tldraw shows no label then)', () => {
		expect(withNoteAuthor(note(null, { author: ana, group: 'x' }), ana).meta).toEqual({ group: 'x' })
	})

	it('leaves other shapes and nameless people alone', () => {
		const geo = { type: 'geo', props: {}, meta: {} }
		expect(withNoteAuthor(geo, ana)).toBe(geo)
		const mine = note(ana.id)
		expect(withNoteAuthor(mine, { id: ana.id, name: '  ' })).toBe(mine)
	})
})

describe('noteAuthorOf: reading what someone else’s browser wrote', () => {
	it('refuses meta that is not an id and a name', () => {
		for (const author of [
			null,
			'Ana',
			['u-ana', 'Ana'],
			{ id: 'u-ana' },
			{ id: '', name: 'Ana' },
			{ id: 'u-ana', name: 7 },
		]) {
			expect(noteAuthorOf(note(ana.id, { author }))).toBeNull()
		}
		expect(noteAuthorOf({ type: 'geo', props: {}, meta: { author: ana } })).toBeNull()
	})

	it('cuts a name longer than any display name', () => {
		expect(noteAuthorOf(note(ana.id, { author: { id: ana.id, name: 'x'.repeat(500) } }))?.name).toHaveLength(
			60,
		)
	})
})

describe('authorNames: the names the board’s notes keep', () => {
	it('gives each author the name a note keeps for them', () => {
		const names = authorNames([note(ana.id, { author: ana }), note(ben.id, { author: ben }), note(null)])
		expect(Object.fromEntries(names)).toEqual({ [ana.id]: ana.name, [ben.id]: ben.name })
	})

	it('ignores a note whose label names someone other than the author it keeps', () => {
		expect(authorNames([note(ben.id, { author: ana })]).size).toBe(0)
	})
})
