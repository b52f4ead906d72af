import type { RecordsDiff, SerializedSchema, SerializedStore } from '@tldraw/store'
import type { TLRecord, TLStore } from '@tldraw/tlschema'
import type * as Y from 'yjs'
import { compareStoredSchema } from './compareStoredSchema.ts'
import { parseStoredRecord, type RecordProblem, type StoredRecord } from './readRecords.ts'
import { readStoredSchema } from './readStoredSchema.ts'
import { META_MAP, RECORDS_MAP, SCHEMA_KEY } from './yjsLayout.ts'

/**
 * Whether the binding writes local changes to the doc. `readonly` means the doc was
 * written by a newer tldraw schema than this client's: writing could lose data the
 * client does not understand, so the client should put the editor in read-only mode.
 */
export type BindingStatus = { mode: 'editable' } | { mode: 'readonly'; reason: 'newer-schema' }

/** Options of {@link bindStoreToYjs}. */
export interface BindingOptions {
	/** Called for each record of the doc that is skipped (unparseable, unknown type, fails validation). */
	onInvalidRecord?: (problem: { id: string; reason: string }) => void
	/**
	 * Called when the status changes after binding, e.g. a newer client migrates the doc
	 * while this one is open. The initial status is on the returned binding.
	 */
	onStatusChange?: (status: BindingStatus) => void
	/**
	 * Which records live in this doc, when several docs are bound to one store (a board's doc
	 * and its note layers, each holding the records of one audience). The binding writes to its
	 * doc only the records it accepts, deletes from its doc a record that stops being accepted
	 * (it moved to another doc), takes from its doc only the records it accepts, and removes
	 * from the store, on a removal from its doc, only a record it accepts (so that a record moved
	 * to another doc is not lost whichever doc's change arrives first). Default: every record.
	 */
	accepts?: (record: TLRecord) => boolean
}

/** A live two-way binding between a tldraw store and a Y doc. */
export interface YjsStoreBinding {
	/** Current status; it can change from `editable` to `readonly`, never back. */
	readonly status: BindingStatus
	/** Stops both directions. Does not touch the store or the doc. */
	dispose(): void
}

/**
 * Binds a tldraw store to a Y doc: document records (shapes, pages, bindings, assets, the
 * document record) are mirrored both ways, one JSON string per record in {@link RECORDS_MAP}.
 * Session and presence records and tldraw's `user` records stay local.
 *
 * Call it once the doc holds what is known of the board (after the first sync from the
 * server or from IndexedDB): an empty doc is seeded from the store, a non-empty doc
 * replaces the store's document records. See CONTEXT.md for the rules.
 */
export function bindStoreToYjs(store: TLStore, doc: Y.Doc, options: BindingOptions = {}): YjsStoreBinding {
	const records = doc.getMap<string>(RECORDS_MAP)
	const meta = doc.getMap<string>(META_MAP)
	// Each binding gets its own origin so that two bindings on one doc still see each other.
	const origin = { binding: 'tldraw-yjs' }
	const report = (problem: RecordProblem) => options.onInvalidRecord?.(problem)
	const accepts = options.accepts ?? (() => true)
	const ownRecords = (): TLRecord[] => syncedStoreRecords(store).filter(accepts)
	let status: BindingStatus = { mode: 'editable' }
	let disposed = false

	const becomeReadonly = (): void => {
		if (status.mode === 'readonly') return
		status = { mode: 'readonly', reason: 'newer-schema' }
		options.onStatusChange?.(status)
	}

	/** Parses and validates one stored value; `undefined` when skipped (reported) or local-only. */
	const decode = (id: string, value: unknown): TLRecord | undefined => {
		const parsed = parseStoredRecord(id, value)
		if ('reason' in parsed) {
			report({ id, reason: parsed.reason })
			return undefined
		}
		return validate(parsed.record)
	}

	const validate = (record: StoredRecord): TLRecord | undefined => {
		const type = recordType(store, record.typeName)
		if (!type) {
			report({ id: record.id, reason: `unknown record type '${record.typeName}'` })
			return undefined
		}
		if (record.typeName === 'user') return undefined
		if (!isSyncedTypeName(store, record.typeName)) {
			report({ id: record.id, reason: `'${record.typeName}' records are not document records` })
			return undefined
		}
		try {
			return type.validate(record) as TLRecord
		} catch (error) {
			report({ id: record.id, reason: `invalid ${record.typeName}: ${errorMessage(error)}` })
			return undefined
		}
	}

	/** Puts/removes in the store as remote changes, record by record if the batch is refused. */
	const mergeIntoStore = (toPut: TLRecord[], toRemove: TLRecord['id'][]): void => {
		if (toPut.length === 0 && toRemove.length === 0) return
		try {
			store.mergeRemoteChanges(() => {
				if (toRemove.length > 0) store.remove(toRemove)
				if (toPut.length > 0) store.put(toPut)
			})
		} catch {
			// A record the validator accepted can still be refused by the store (e.g. a side
			// effect throws); retry one by one so one bad record does not block the rest.
			for (const id of toRemove) {
				try {
					store.mergeRemoteChanges(() => store.remove([id]))
				} catch (error) {
					report({ id, reason: `store refused removal: ${errorMessage(error)}` })
				}
			}
			for (const record of toPut) {
				try {
					store.mergeRemoteChanges(() => store.put([record]))
				} catch (error) {
					report({ id: record.id, reason: `store refused record: ${errorMessage(error)}` })
				}
			}
		}
	}

	/** The doc wins: the store's synced records become exactly the doc's valid ones. */
	const loadDocIntoStore = (): void => {
		const incoming: TLRecord[] = []
		const incomingIds = new Set<string>()
		records.forEach((value, id) => {
			const record = decode(id, value)
			if (record && accepts(record)) {
				incoming.push(record)
				incomingIds.add(id)
			}
		})
		const stale = ownRecords()
			.filter((record) => !incomingIds.has(record.id))
			.map((record) => record.id)
		mergeIntoStore(incoming, stale)
	}

	const writeStoreToDoc = (): void => {
		doc.transact(() => {
			for (const record of ownRecords()) records.set(record.id, JSON.stringify(record))
			meta.set(SCHEMA_KEY, JSON.stringify(store.schema.serialize()))
		}, origin)
	}

	/** Migrates the doc's records from `stored` to the client's schema in one transaction. */
	const migrateDoc = (stored: SerializedSchema): boolean => {
		// Unreadable records are left in the doc as they are; the load that follows reports them.
		const snapshot: Record<string, StoredRecord> = {}
		records.forEach((value, id) => {
			const parsed = parseStoredRecord(id, value)
			if ('record' in parsed) snapshot[id] = parsed.record
		})
		const migrate = (store_: Record<string, StoredRecord>) =>
			store.schema.migrateStoreSnapshot({
				schema: stored,
				store: store_ as unknown as SerializedStore<TLRecord>,
			})
		let result = migrate(snapshot)
		if (result.type === 'error') {
			// Old docs hold types that migrations remove (user_document...), so unknown types go
			// in first; but tldraw throws on a type that survives and it does not know, and one
			// stray record must not make the board read-only: retry without them.
			for (const [id, record] of Object.entries(snapshot)) {
				if (!recordType(store, record.typeName)) delete snapshot[id]
			}
			result = migrate(snapshot)
		}
		if (result.type === 'error') return false
		const migrated = result.value as Record<string, TLRecord>
		doc.transact(() => {
			for (const id of Object.keys(snapshot)) {
				if (!(id in migrated)) records.delete(id)
			}
			for (const [id, record] of Object.entries(migrated)) {
				const json = JSON.stringify(record)
				if (records.get(id) !== json) records.set(id, json)
			}
			meta.set(SCHEMA_KEY, JSON.stringify(store.schema.serialize()))
		}, origin)
		return true
	}

	const onLocalChange = ({ changes }: { changes: RecordsDiff<TLRecord> }): void => {
		if (disposed || status.mode === 'readonly') return
		const ids = new Set<TLRecord['id']>([
			...(Object.keys(changes.added) as TLRecord['id'][]),
			...(Object.keys(changes.updated) as TLRecord['id'][]),
			...(Object.keys(changes.removed) as TLRecord['id'][]),
		])
		doc.transact(() => {
			for (const id of ids) {
				// Write what the store holds now, not what the diff says: in a browser the store
				// flushes its history a frame late, and a remote change merged in between must not
				// be overwritten in the doc by the older local value (the store would then disagree
				// with the doc forever, since our own transactions are not echoed back).
				const current = store.get(id)
				if (current) {
					if (!isSyncedTypeName(store, current.typeName)) continue
					if (!accepts(current)) {
						// Moved to another doc (its audience changed): it is no longer this doc's.
						if (records.has(id)) records.delete(id)
						continue
					}
					const json = JSON.stringify(current)
					if (records.get(id) !== json) records.set(id, json)
				} else if (records.has(id)) {
					const removed = changes.removed[id]
					if (removed && !isSyncedTypeName(store, removed.typeName)) continue
					records.delete(id)
				}
			}
		}, origin)
	}

	const onRemoteRecords = (event: Y.YMapEvent<string>): void => {
		if (disposed || event.transaction.origin === origin) return
		const toPut: TLRecord[] = []
		const toRemove: TLRecord['id'][] = []
		for (const id of event.keysChanged) {
			const value = records.get(id)
			if (value === undefined) {
				const existing = store.get(id as TLRecord['id'])
				if (existing && isSyncedTypeName(store, existing.typeName) && accepts(existing)) {
					toRemove.push(existing.id)
				}
				continue
			}
			const record = decode(id, value)
			if (record && accepts(record)) toPut.push(record)
		}
		mergeIntoStore(toPut, toRemove)
	}

	const onRemoteMeta = (event: Y.YMapEvent<string>): void => {
		if (disposed || event.transaction.origin === origin || !event.keysChanged.has(SCHEMA_KEY)) return
		const stored = readStoredSchema(doc)
		if (stored === 'unreadable' || (stored && compareStoredSchema(store.schema, stored) === 'newer')) {
			becomeReadonly()
		}
	}

	// Listening before the initial load means records the store's integrity checker adds
	// during the load (e.g. a missing page) reach the doc like any other local change.
	const unlisten = store.listen(onLocalChange, { source: 'user', scope: 'document' })

	const stored = readStoredSchema(doc)
	const relation =
		stored === null ? 'same' : stored === 'unreadable' ? 'newer' : compareStoredSchema(store.schema, stored)
	if (relation === 'newer') {
		status = { mode: 'readonly', reason: 'newer-schema' }
		if (records.size > 0) loadDocIntoStore()
	} else if (records.size === 0) {
		writeStoreToDoc()
	} else {
		if (relation === 'older' && stored !== null && stored !== 'unreadable') {
			if (!migrateDoc(stored)) status = { mode: 'readonly', reason: 'newer-schema' }
		} else if (stored === null) {
			doc.transact(() => meta.set(SCHEMA_KEY, JSON.stringify(store.schema.serialize())), origin)
		}
		loadDocIntoStore()
	}

	records.observe(onRemoteRecords)
	meta.observe(onRemoteMeta)

	return {
		get status() {
			return status
		},
		dispose() {
			if (disposed) return
			// In a browser the store hands changes to listeners a frame late; deliver the ones
			// already made so that closing a board right after an edit does not lose it.
			store._flushHistory()
			disposed = true
			unlisten()
			records.unobserve(onRemoteRecords)
			meta.unobserve(onRemoteMeta)
		},
	}
}

function recordType(store: TLStore, typeName: string) {
	const types = store.schema.types as Record<
		string,
		(typeof store.schema.types)[keyof typeof store.schema.types] | undefined
	>
	return Object.hasOwn(types, typeName) ? types[typeName] : undefined
}

/**
 * Document-scoped types other than `user` travel through the doc. tldraw writes a `user`
 * record per person it attributes shapes to; synced, every visitor would leave one behind
 * forever, and names are presence data (awareness) in this app anyway.
 */
function isSyncedTypeName(store: TLStore, typeName: string): boolean {
	return typeName !== 'user' && recordType(store, typeName)?.scope === 'document'
}

function syncedStoreRecords(store: TLStore): TLRecord[] {
	return store.allRecords().filter((record) => isSyncedTypeName(store, record.typeName))
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error)
}
