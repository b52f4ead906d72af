import type { BoardStore, DocStore, Storage } from '../storage/Storage.ts'

/**
 * The storage as the rest of the server uses it, telling `changed` of every board whose
 * searchable content may have changed, once it is stored: log entries appended (rooms, imports,
 * restores, boards started from templates: all write through a room), a compacted state saved, a
 * board created, renamed or deleted. `changed` must return at once (the search indexer only
 * notes the board): it runs on the write path of live rooms.
 */
export function watchForSearch(storage: Storage, changed: (boardId: string) => void): Storage {
	const docs = delegate<DocStore>(storage.docs, {
		async append(boardId, update) {
			const id = await storage.docs.append(boardId, update)
			changed(boardId)
			return id
		},
		async appendMany(entries) {
			const ids = await storage.docs.appendMany(entries)
			for (const boardId of new Set(entries.map((entry) => entry.boardId))) changed(boardId)
			return ids
		},
		async saveState(boardId, state, coversId) {
			await storage.docs.saveState(boardId, state, coversId)
			changed(boardId)
		},
	})
	const boards = delegate<BoardStore>(storage.boards, {
		async create(board) {
			const created = await storage.boards.create(board)
			changed(created.id)
			return created
		},
		async update(id, changes) {
			const updated = await storage.boards.update(id, changes)
			if (updated && changes.title !== undefined) changed(id)
			return updated
		},
		async softDelete(id, at) {
			const deleted = await storage.boards.softDelete(id, at)
			if (deleted) changed(id)
			return deleted
		},
	})
	return { ...storage, docs, boards }
}

// Everything else goes to the store itself (bound: the stores keep private fields), so a method
// added to the interface later still works here without being watched.
function delegate<T extends object>(inner: T, overrides: Partial<T>): T {
	return new Proxy(inner, {
		get(target, property) {
			if (Object.hasOwn(overrides, property)) return overrides[property as keyof T]
			const value = Reflect.get(target, property, target)
			return typeof value === 'function' ? value.bind(target) : value
		},
	})
}
