import {
	type Computed,
	computed,
	createCachedUserResolve,
	createUserId,
	type Signal,
	type TLShape,
	type TLStore,
	type TLUser,
	UserRecordType,
} from 'tldraw'
import { authorNames, withNoteAuthor } from './noteAuthor.ts'

/**
 * Writes the author into every note this browser's person writes the text of (see
 * {@link withNoteAuthor}), as part of the same change, so it travels with the note through Yjs,
 * snapshots and `.tldr` files. Changes from others are theirs to stamp. Returns a function that
 * stops it.
 */
export function stampNoteAuthors(store: TLStore, $user: Signal<TLUser>): () => void {
	const stamp = (shape: TLShape): TLShape => {
		const user = $user.get()
		return withNoteAuthor(shape, { id: UserRecordType.parseId(user.id), name: user.name })
	}
	const stopCreate = store.sideEffects.registerBeforeCreateHandler('shape', (shape, source) =>
		source === 'user' ? stamp(shape) : shape,
	)
	const stopChange = store.sideEffects.registerBeforeChangeHandler('shape', (_previous, next, source) =>
		source === 'user' ? stamp(next) : next,
	)
	return () => {
		stopCreate()
		stopChange()
	}
}

/**
 * tldraw's `users.resolve` for a store: `known` first (the people seen on the board, with
 * their names of today), then the names the notes keep, so that a note's label shows for an
 * author who is away, and in snapshots and exports. `store` is read lazily, when a label is
 * first drawn, so the resolver can be passed to the store's own creation.
 */
export function resolveUsersWithNoteAuthors(
	store: () => TLStore,
	known: (userId: string) => TLUser | null = () => null,
): (userId: string) => Signal<TLUser | null> {
	let $names: Computed<ReadonlyMap<string, string>> | null = null
	const names = () => {
		if (!$names) {
			const notes = store().query.records('shape', () => ({ type: { eq: 'note' } }))
			$names = computed('note authors', () => authorNames(notes.get()))
		}
		return $names.get()
	}
	return createCachedUserResolve((userId) => {
		const person = known(userId)
		if (person) return person
		const name = names().get(userId)
		if (name === undefined) return null
		try {
			return UserRecordType.create({ id: createUserId(userId), name })
		} catch {
			// An id tldraw cannot use: the note shows no label, as before.
			return null
		}
	})
}
