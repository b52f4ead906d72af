import type { DocStore, LogAppend, LogEntry, StoredDoc } from './Storage.ts'

/** Options of {@link BatchedDocStore}. */
export interface BatchedDocStoreOptions {
	/**
	 * How long an append waits for others to join it. Every room writes at most one entry per
	 * persistence window, at a moment of its own; waiting one window gathers every busy room's
	 * entry into one transaction, at the price of storing each up to one window later.
	 */
	gatherMs: number
}

interface PendingAppend {
	entry: LogAppend
	resolve: (id: number) => void
	reject: (error: unknown) => void
}

/**
 * A {@link DocStore} whose `append`s are gathered for `gatherMs` and written together with
 * {@link DocStore.appendMany}: one transaction (one commit) for all the boards that stored a
 * window meanwhile, instead of one per board. Each caller still gets its own entry's log id. An
 * entry alone in its batch is written with a plain `append` (one statement, no transaction).
 *
 * Batching changes when an entry is stored, never whether: when the batch's transaction fails
 * (nothing of it is stored then), each entry is tried again on its own, so one board whose row
 * cannot be written does not hold back the boards it happened to share a batch with. A caller
 * whose entry still fails gets that error, keeps its updates and retries, as on any failed
 * append. Everything else goes straight to the store underneath.
 */
export class BatchedDocStore implements DocStore {
	readonly #inner: DocStore
	readonly #gatherMs: number
	#pending: PendingAppend[] = []
	#timer: ReturnType<typeof setTimeout> | null = null
	/** The pending batch is to be written at the next turn (see {@link appendNow}). */
	#soon = false

	constructor(inner: DocStore, options: BatchedDocStoreOptions) {
		this.#inner = inner
		this.#gatherMs = options.gatherMs
	}

	append(boardId: string, update: Uint8Array): Promise<number> {
		return this.#gather({ boardId, update }, false)
	}

	/**
	 * Like {@link append}, but the batch it joins is written at the next turn of the event loop
	 * instead of after the gathering time: for a room that is closing (shutdown, unload), whose
	 * last entry should not wait a whole window. Appends made in the same turn still share it.
	 */
	appendNow(boardId: string, update: Uint8Array): Promise<number> {
		return this.#gather({ boardId, update }, true)
	}

	#gather(entry: LogAppend, now: boolean): Promise<number> {
		return new Promise<number>((resolve, reject) => {
			this.#pending.push({ entry, resolve, reject })
			if (this.#soon) return
			if (now) {
				if (this.#timer !== null) clearTimeout(this.#timer)
				this.#timer = null
				this.#soon = true
				setImmediate(() => void this.#write())
			} else {
				this.#timer ??= setTimeout(() => void this.#write(), this.#gatherMs)
			}
		})
	}

	async #write(): Promise<void> {
		this.#timer = null
		this.#soon = false
		const batch = this.#pending
		this.#pending = []
		const only = batch.length === 1 ? batch[0] : undefined
		if (only) {
			// One board alone (a single busy room): one autocommitted insert, not begin + insert + commit.
			this.#inner.append(only.entry.boardId, only.entry.update).then(only.resolve, only.reject)
			return
		}
		try {
			const ids = await this.#inner.appendMany(batch.map((p) => p.entry))
			batch.forEach((p, i) => {
				const id = ids[i]
				if (id === undefined) p.reject(new Error('appendMany returned fewer ids than entries'))
				else p.resolve(id)
			})
		} catch (error) {
			if (batch.length === 1) batch[0]?.reject(error)
			else
				for (const p of batch) this.#inner.append(p.entry.boardId, p.entry.update).then(p.resolve, p.reject)
		}
	}

	appendMany(entries: ReadonlyArray<LogAppend>): Promise<number[]> {
		return this.#inner.appendMany(entries)
	}

	load(boardId: string): Promise<StoredDoc> {
		return this.#inner.load(boardId)
	}

	saveState(boardId: string, state: Uint8Array, coversId: number): Promise<void> {
		return this.#inner.saveState(boardId, state, coversId)
	}

	readLog(boardId: string, afterId?: number, limit?: number): Promise<LogEntry[]> {
		return this.#inner.readLog(boardId, afterId, limit)
	}

	sizes(boardId: string): Promise<{ stateBytes: number; logBytes: number; logEntries: number }> {
		return this.#inner.sizes(boardId)
	}
}
