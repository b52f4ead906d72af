import { readRecords, type StoredRecord } from '@circlespace/shared'
import type { Logger } from '../logger.ts'
import type { BoardStore, DocStore } from '../storage/Storage.ts'
import { docFromStored } from '../sync/storedDoc.ts'
import { boardText } from './boardText.ts'
import type { SearchIndex } from './SearchIndex.ts'

/** How the indexer paces itself. */
export interface SearchIndexerSettings {
	/** A board is indexed this long after the last change heard (a burst of edits is indexed once). */
	debounceMs: number
	/** …but no later than this after the first change of a burst, for a board edited without pause. */
	maxWaitMs: number
	/** Boards waiting at most; a change of another board beyond it is dropped (and logged). */
	maxQueued: number
}

/** Three seconds after the last change, at most 30 s after the first; 10,000 boards waiting. */
export const defaultSearchIndexerSettings: SearchIndexerSettings = {
	debounceMs: 3_000,
	maxWaitMs: 30_000,
	maxQueued: 10_000,
}

/**
 * Something else read from a board's stored records in the same pass (the links between boards):
 * given the records, or null when the board is gone. A failure counts as the indexing's.
 */
export type BoardReader = (boardId: string, records: readonly StoredRecord[] | null) => Promise<void>

interface Waiting {
	firstAt: number
	dueAt: number
}

/**
 * Keeps the search index current from stored content, off the hot path: `changed` only notes a
 * board (rooms call it through `watchForSearch` after a write is stored); a single worker later
 * reads the board from storage, extracts its text and replaces its entries, one board at a time,
 * so a busy instance never has more than one board being indexed. Failures are logged and
 * forgotten: the board's next change indexes it again. At start, boards never indexed (made
 * before search existed, or whose first indexing was lost to a crash) are queued.
 */
export class SearchIndexer {
	readonly #boards: Pick<BoardStore, 'get'>
	readonly #docs: Pick<DocStore, 'load'>
	readonly #index: SearchIndex
	readonly #logger: Logger
	readonly #settings: SearchIndexerSettings
	readonly #waiting = new Map<string, Waiting>()
	#timer: NodeJS.Timeout | undefined
	#working: Promise<void> | undefined
	#stopped = false
	#dropped = 0
	#backfilling = false
	readonly #failed = new Set<string>()
	readonly #alsoRead: BoardReader | undefined

	constructor(
		deps: {
			boards: Pick<BoardStore, 'get'>
			docs: Pick<DocStore, 'load'>
			search: SearchIndex
			logger: Logger
			/** Reads something else from the same records, after the index is written. */
			alsoRead?: BoardReader
		},
		settings: Partial<SearchIndexerSettings> = {},
	) {
		this.#boards = deps.boards
		this.#docs = deps.docs
		this.#index = deps.search
		this.#logger = deps.logger.child({ module: 'search' })
		this.#settings = { ...defaultSearchIndexerSettings, ...settings }
		this.#alsoRead = deps.alsoRead
	}

	/** Boards waiting to be indexed (for tests and metrics). */
	get waiting(): number {
		return this.#waiting.size
	}

	/** Notes that a board's content, title or existence changed. Returns at once. */
	changed(boardId: string): void {
		if (this.#stopped) return
		const now = Date.now()
		const waiting = this.#waiting.get(boardId)
		if (waiting) {
			waiting.dueAt = Math.min(now + this.#settings.debounceMs, waiting.firstAt + this.#settings.maxWaitMs)
		} else {
			if (this.#waiting.size >= this.#settings.maxQueued) {
				if (this.#dropped++ % 1000 === 0) {
					this.#logger.warn({ dropped: this.#dropped }, 'search queue full: a board’s change was not indexed')
				}
				return
			}
			this.#waiting.set(boardId, { firstAt: now, dueAt: now + this.#settings.debounceMs })
		}
		this.#wake()
	}

	/** Queues the boards that have nothing indexed yet, in batches, until none is left. */
	start(): void {
		this.#backfilling = true
		this.#wake(0)
	}

	/** Stops taking changes; waits for the board being indexed, if any. Waiting boards are not indexed. */
	async stop(): Promise<void> {
		this.#stopped = true
		clearTimeout(this.#timer)
		this.#waiting.clear()
		await this.#working
	}

	/** Indexes everything due now and waiting, ignoring the debounce (for tests and benchmarks). */
	async flush(): Promise<void> {
		await this.#working
		for (const waiting of this.#waiting.values()) waiting.dueAt = 0
		clearTimeout(this.#timer)
		await this.#run()
	}

	/** Reads one board from storage and replaces its entries (or removes them: no such board). */
	async indexBoard(boardId: string): Promise<void> {
		const board = await this.#boards.get(boardId)
		if (!board) {
			await this.#index.removeBoard(boardId)
			await this.#alsoRead?.(boardId, null)
			return
		}
		const stored = await this.#docs.load(boardId)
		const doc = docFromStored(stored)
		try {
			const { records } = readRecords(doc)
			const { shapes } = boardText(records)
			await this.#index.replaceBoard(
				boardId,
				[{ shapeId: null, text: board.title }, ...shapes],
				stored.lastId,
			)
			await this.#alsoRead?.(boardId, records)
		} finally {
			doc.destroy()
		}
	}

	#wake(delayMs?: number): void {
		if (this.#stopped || this.#working) return
		let due = delayMs ?? Number.POSITIVE_INFINITY
		if (delayMs === undefined) {
			const now = Date.now()
			for (const waiting of this.#waiting.values()) due = Math.min(due, Math.max(0, waiting.dueAt - now))
		}
		if (due === Number.POSITIVE_INFINITY) return
		clearTimeout(this.#timer)
		this.#timer = setTimeout(() => void this.#run(), due)
		this.#timer.unref()
	}

	#run(): Promise<void> {
		this.#working ??= this.#work().finally(() => {
			this.#working = undefined
			this.#wake()
		})
		return this.#working
	}

	async #work(): Promise<void> {
		if (this.#backfilling && this.#waiting.size === 0) await this.#queueUnindexed()
		for (;;) {
			if (this.#stopped) return
			const boardId = this.#nextDue()
			if (boardId === undefined) return
			this.#waiting.delete(boardId)
			try {
				await this.indexBoard(boardId)
				this.#failed.delete(boardId)
			} catch (error) {
				this.#failed.add(boardId)
				this.#logger.error({ err: error, boardId }, 'could not index a board for search')
			}
			// One board per turn of the event loop at most: live rooms' messages go first.
			await new Promise((resolve) => setImmediate(resolve))
			if (this.#backfilling && this.#waiting.size === 0) await this.#queueUnindexed()
		}
	}

	#nextDue(): string | undefined {
		const now = Date.now()
		let best: string | undefined
		let bestDue = Number.POSITIVE_INFINITY
		for (const [boardId, waiting] of this.#waiting) {
			if (waiting.dueAt <= now && waiting.dueAt < bestDue) {
				best = boardId
				bestDue = waiting.dueAt
			}
		}
		return best
	}

	async #queueUnindexed(): Promise<void> {
		try {
			const batch = (await this.#index.staleBoards(500)).filter((id) => !this.#failed.has(id))
			if (batch.length === 0) {
				this.#backfilling = false
				return
			}
			const now = Date.now()
			for (const boardId of batch) {
				if (!this.#waiting.has(boardId)) this.#waiting.set(boardId, { firstAt: now, dueAt: now })
			}
		} catch (error) {
			this.#backfilling = false
			this.#logger.error({ err: error }, 'could not list boards to index for search')
		}
	}
}
