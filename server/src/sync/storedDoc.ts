import * as Y from 'yjs'
import type { StoredDoc } from '../storage/Storage.ts'
import { MessageReader, MessageWriter } from './messages.ts'

/**
 * How a room stores a board: the compacted state is a Yjs update in the V2 encoding; each
 * log entry is one persistence window's updates, exactly as the room's doc emitted them
 * (V1), as a count followed by length-prefixed updates.
 *
 * Updates are kept apart rather than merged: merging and re-encoding every batch cost about
 * a tenth of the server's CPU under load, and a session replay wants them one by one anyway.
 */
export function encodeLogEntry(updates: readonly Uint8Array[]): Uint8Array {
	let size = 8
	for (const update of updates) size += update.length + 5
	const writer = new MessageWriter(size).varUint(updates.length)
	for (const update of updates) writer.varBytes(update)
	return writer.finish()
}

/** The updates of one log entry, in the order they were emitted. */
export function decodeLogEntry(entry: Uint8Array): Uint8Array[] {
	const reader = new MessageReader(entry)
	const count = reader.varUint()
	const updates: Uint8Array[] = []
	for (let i = 0; i < count; i++) updates.push(reader.varBytes())
	reader.end()
	return updates
}

/** A fresh `Y.Doc` holding a stored board: the compacted state, then every later log entry. */
export function docFromStored(stored: StoredDoc): Y.Doc {
	const doc = new Y.Doc()
	if (stored.state) Y.applyUpdateV2(doc, stored.state)
	for (const entry of stored.updates) {
		for (const update of decodeLogEntry(entry)) Y.applyUpdate(doc, update)
	}
	return doc
}
