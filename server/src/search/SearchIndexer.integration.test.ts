import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { MAX_SEARCH_TERMS, RECORDS_MAP, searchTerms } from '@circlespace/shared'
import { toRichText } from '@tldraw/tlschema'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createLogger } from '../logger.ts'
import { makePage, makeShape } from '../snapshots/testBoards.ts'
import { openStorage, sqliteFileName } from '../storage/openStorage.ts'
import type { Storage } from '../storage/Storage.ts'
import { encodeLogEntry } from '../sync/storedDoc.ts'
import { eventually } from '../testing/testServer.ts'
import type { SearchIndex } from './SearchIndex.ts'
import { SearchIndexer, type SearchIndexerSettings } from './SearchIndexer.ts'
import { watchForSearch } from './watchForSearch.ts'

const T0 = new Date('2026-03-01T09:00:00.000Z')
const logger = createLogger('silent')
const page = makePage('Page 1', 'a1')

describe('SearchIndexer', () => {
	let dataDir: string
	let opened: Storage
	let indexer: SearchIndexer | undefined
	/** Every replacement the real index was asked for, and how many ran at once at most. */
	let replaced: string[]
	let mostAtOnce: number
	let slowMs: number

	beforeEach(async () => {
		dataDir = await mkdtemp(path.join(tmpdir(), 'circlespace-indexer-'))
		opened = await openStorage({ dataDir })
		replaced = []
		mostAtOnce = 0
		slowMs = 0
		await opened.users.create({
			id: 'ana',
			email: 'ana@example.org',
			displayName: 'Ana',
			color: '#224466',
			passwordHash: '$argon2id$fake',
			createdAt: T0,
		})
		await opened.tribes.create({
			id: 'tribe-t',
			name: 'T',
			description: '',
			kind: 'convened',
			visibility: 'listed',
			createdAt: T0,
			stewardId: 'ana',
		})
		await opened.circles.create({
			id: 'circle-a',
			tribeId: 'tribe-t',
			name: 'A',
			description: '',
			capacity: 30,
			createdAt: T0,
			facilitatorId: 'ana',
		})
	})

	afterEach(async () => {
		await indexer?.stop()
		indexer = undefined
		await opened.close()
		await rm(dataDir, { recursive: true, force: true })
	})

	// The real index, counting what it is asked to do (and optionally slowed down, to see overlaps).
	const countingIndex = (): SearchIndex => {
		let running = 0
		const real = opened.search
		return {
			search: (request) => real.search(request),
			removeBoard: (boardId) => real.removeBoard(boardId),
			staleBoards: (limit) => real.staleBoards(limit),
			async replaceBoard(boardId, entries, through) {
				running++
				mostAtOnce = Math.max(mostAtOnce, running)
				replaced.push(boardId)
				try {
					if (slowMs > 0) await new Promise((resolve) => setTimeout(resolve, slowMs))
					await real.replaceBoard(boardId, entries, through)
				} finally {
					running--
				}
			},
		}
	}

	const startIndexer = (settings: Partial<SearchIndexerSettings>) => {
		indexer = new SearchIndexer({ ...opened, search: countingIndex(), logger }, settings)
		const storage = watchForSearch(opened, (boardId) => indexer?.changed(boardId))
		return { indexer, storage }
	}

	const found = async (query: string) =>
		(
			await opened.search.search({
				searcher: { userId: 'ana', role: 'member' },
				terms: searchTerms(query, MAX_SEARCH_TERMS),
				offset: 0,
				limit: 100,
			})
		).map((hit) => hit.shapeId ?? hit.boardId)

	const createBoard = (storage: Storage, id: string, title = `Board ${id}`) =>
		storage.boards.create({ id, circleId: 'circle-a', title, visibility: 'circle', createdBy: 'ana' })

	// Appends one log entry, as a room does, holding a note with `text`.
	const writeNote = async (storage: Storage, boardId: string, name: string, text: string) => {
		const doc = new Y.Doc()
		const updates: Uint8Array[] = []
		doc.on('update', (update: Uint8Array) => updates.push(update))
		const note = makeShape('note', name, page.id, 'a1', { richText: toRichText(text) })
		doc.getMap<string>(RECORDS_MAP).set(note.id, JSON.stringify(note))
		await storage.docs.append(boardId, encodeLogEntry(updates))
	}

	it('indexes a burst of changes once, after the debounce, from what was stored', async () => {
		const { storage } = startIndexer({ debounceMs: 100 })
		await createBoard(storage, 'b1')
		for (let i = 0; i < 10; i++) await writeNote(storage, 'b1', `n${i}`, `word${i} of a burst`)
		expect(replaced).toEqual([])
		await eventually(async () => expect(await found('burst')).toHaveLength(10))
		expect(replaced).toEqual(['b1'])
	})

	it('indexes a board edited without a pause no later than the longest wait', async () => {
		const { storage } = startIndexer({ debounceMs: 100, maxWaitMs: 200 })
		await createBoard(storage, 'b1')
		const started = Date.now()
		let i = 0
		while (Date.now() - started < 800) {
			await writeNote(storage, 'b1', `n${i++}`, 'busy board')
			await new Promise((resolve) => setTimeout(resolve, 20))
		}
		// Never more than 100 ms quiet, yet indexed while it went on.
		expect(replaced.length).toBeGreaterThanOrEqual(2)
	})

	it('indexes one board at a time, and keeps a bounded queue', async () => {
		slowMs = 30
		const { storage, indexer } = startIndexer({ debounceMs: 10, maxQueued: 4 })
		for (const id of ['b1', 'b2', 'b3', 'b4', 'b5', 'b6']) await createBoard(storage, id)
		// Only four fit; the others' changes are dropped (and they are stale until indexed again).
		expect(indexer.waiting).toBe(4)
		await eventually(async () => expect((await opened.search.staleBoards(10)).sort()).toEqual(['b5', 'b6']))
		expect(replaced).toHaveLength(4)
		expect(mostAtOnce).toBe(1)
	})

	it('removes a deleted board’s entries, and indexes a new title', async () => {
		const { storage, indexer } = startIndexer({ debounceMs: 10 })
		await createBoard(storage, 'b1', 'Old name')
		await writeNote(storage, 'b1', 'n1', 'lighthouse')
		await indexer.flush()
		expect(await found('lighthouse')).toEqual(['shape:n1'])
		await storage.boards.update('b1', { title: 'New name' })
		await indexer.flush()
		expect(await found('name')).toEqual(['b1'])
		const before = await opened.boards.get('b1')
		expect(before?.title).toBe('New name')

		await storage.boards.softDelete('b1', T0)
		await indexer.flush()
		const database = new DatabaseSync(path.join(dataDir, sqliteFileName), { readOnly: true })
		try {
			const row = database.prepare('select count(*) as n from search_entries where board_id = ?').get('b1')
			expect(row?.n).toBe(0)
		} finally {
			database.close()
		}
	})

	it('at start, indexes boards it never indexed and those changed since they were indexed', async () => {
		// Stored while no indexer listened (before search existed, or lost to a crash).
		await createBoard(opened, 'b1')
		await writeNote(opened, 'b1', 'n1', 'forgotten meadow')
		await createBoard(opened, 'b2')
		await opened.search.replaceBoard('b2', [{ shapeId: null, text: 'Board b2' }], 0)
		await writeNote(opened, 'b2', 'n2', 'later meadow')
		expect(await found('meadow')).toEqual([])

		const { indexer } = startIndexer({ debounceMs: 10_000 })
		indexer.start()
		await eventually(async () => expect((await found('meadow')).sort()).toEqual(['shape:n1', 'shape:n2']))
		expect(await opened.search.staleBoards(10)).toEqual([])
	})
})
