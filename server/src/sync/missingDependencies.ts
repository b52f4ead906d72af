import * as Y from 'yjs'

/**
 * True when `update` needs something `doc` does not have, so that Yjs would keep (part of) it
 * pending instead of integrating it: a gap in a client's clocks (it starts at clock 5 of a client
 * whose clocks 0–4 the doc never saw, or skips some), an item placed next to or inside an item of
 * another client the doc does not know, or a deletion of clocks nobody sent.
 *
 * Yjs keeps such structs in `doc.store.pendingStructs` and retries them with every later update;
 * they are also part of every full-state encoding. A stock client never sends one: it only
 * refers to what it received from this server or made itself, and sends what the server lacks
 * in answer to the server's state vector. Checked before applying, so that nothing of a refused
 * update reaches the doc (docs/SPEC.md, H5). Cycles between the update's own clients are not
 * detected here; the room checks `pendingStructs` after applying as well.
 */
export function missingDependencies(doc: Y.Doc, update: Uint8Array): boolean {
	const { structs, ds } = Y.decodeUpdate(update)
	const store = doc.store
	// Per client, the clock up to which the doc would know structs once this update is applied.
	const reach = new Map<number, number>()
	const known = (client: number) => reach.get(client) ?? Y.getState(store, client)

	for (const struct of structs) {
		// A Skip stands for clocks the update leaves out: fine only if the doc has them already.
		if (struct instanceof Y.Skip) continue
		const { client, clock } = struct.id
		const have = known(client)
		if (clock > have) return true
		const end = clock + struct.length
		if (end > have) reach.set(client, end)
	}
	for (const struct of structs) {
		if (!(struct instanceof Y.Item)) continue
		const own = struct.id.client
		const parent = struct.parent instanceof Y.ID ? struct.parent : null
		for (const dependency of [struct.origin, struct.rightOrigin, parent]) {
			if (dependency !== null && dependency.client !== own && dependency.clock >= known(dependency.client)) {
				return true
			}
		}
	}
	for (const [client, deletions] of ds.clients) {
		const have = known(client)
		for (const deletion of deletions) if (deletion.clock + deletion.len > have) return true
	}
	return false
}

/** True when the doc holds structs or deletions it could not integrate. */
export function hasPending(doc: Y.Doc): boolean {
	return doc.store.pendingStructs !== null || doc.store.pendingDs !== null
}

/** Forgets whatever the doc could not integrate (it was never emitted, broadcast or stored). */
export function dropPending(doc: Y.Doc): void {
	doc.store.pendingStructs = null
	doc.store.pendingDs = null
}
