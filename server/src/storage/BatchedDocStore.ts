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
 * window meanwhile, instead of one per board. Each caller still gets its own entry's log id,
 * or the error when the batch could not be written (nothing of it is stored then, so each room
 * keeps its updates and retries as it does on any failed append). Everything else goes straight
 * to the store underneath.
 */
export class BatchedDocStore implements DocStore {
	readonly #inner: DocStore
	readonly #gatherMs: number
	#pending: PendingAppend[] = []
	#timer: ReturnType<typeof setTimeout> | null = null

	constructor(inner: DocStore, options: BatchedDocStoreOptions) {
		this.#inner = inner
		this.#gatherMs = options.gatherMs
	}

	append(boardId: string, update: Uint8Array): Promise<number> {
		return new Promise<number>((resolve, reject) => {
			this.#pending.push({ entry: { boardId, update }, resolve, reject })
			this.#timer ??= setTimeout(() => void this.#write(), this.#gatherMs)
		})
	}

	async #write(): Promise<void> {
		this.#timer = null
		const batch = this.#pending
		this.#pending = []
		try {
			const ids = await this.#inner.appendMany(batch.map((p) => p.entry))
			batch.forEach((p, i) => {
				const id = ids[i]
				if (id === undefined) p.reject(new Error('appendMany returned fewer ids than entries'))
				else p.resolve(id)
			})
		} catch (error) {
			for (const p of batch) p.reject(error)
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
