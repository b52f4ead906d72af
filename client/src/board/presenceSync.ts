import {
	type Atom,
	createPresenceStateDerivation,
	createUserId,
	InstancePresenceRecordType,
	react,
	type Signal,
	type TLInstancePresence,
	type TLStore,
	type TLUser,
	UserRecordType,
} from 'tldraw'
import type { Awareness } from 'y-protocols/awareness'
import { boundPresence } from './presenceBounds.ts'
import type { AwarenessChange } from './publishOwnAwareness.ts'

/** What each client publishes in its awareness state. */
export interface AwarenessState {
	/** The person (their account id, not the tab), name and colour, readable without tldraw. */
	user?: { id: string; name: string; color: string }
	/** The tldraw presence record (cursor, selection, camera…). */
	presence?: TLInstancePresence | null
}

/** A person currently on the board, from awareness (one entry per connected tab). */
export interface Peer {
	clientId: number
	id: string
	name: string
	color: string
}

// A cursor moving at 60 fps would otherwise send 60 awareness messages a second to everyone.
const PUBLISH_INTERVAL_MS = 50

/**
 * Publishes this tab's tldraw presence through Yjs awareness and mirrors every other client's
 * presence into the store as `instance_presence` records, so tldraw draws their cursors with
 * names and colours. Presence never enters the Yjs document: it is session state, gone when
 * the person leaves. Returns a function that stops it and removes the mirrored records.
 */
export function syncPresence(store: TLStore, awareness: Awareness, $user: Signal<TLUser>): () => void {
	const $presence = createPresenceStateDerivation($user)(store)
	let timer: ReturnType<typeof setTimeout> | undefined
	let lastPublished = 0

	function publish() {
		timer = undefined
		lastPublished = Date.now()
		const user = $user.get()
		awareness.setLocalState({
			user: { id: UserRecordType.parseId(user.id), name: user.name, color: user.color },
			// The server refuses a presence state over 16 KiB; a big selection is cut down instead.
			presence: currentPresence(),
		} satisfies AwarenessState)
	}

	const stopPublishing = react('publish presence', () => {
		$presence.get()
		$user.get()
		if (timer) return
		const wait = Math.max(0, PUBLISH_INTERVAL_MS - (Date.now() - lastPublished))
		timer = setTimeout(publish, wait)
	})

	function currentPresence(): TLInstancePresence | null {
		const presence = $presence.get()
		return presence ? boundPresence(presence) : null
	}

	// Which presence record each remote client put into the store, to remove it when they go.
	const recordIdByClient = new Map<number, TLInstancePresence['id']>()

	function onAwarenessChange({ added, updated, removed }: AwarenessChange) {
		const toPut: TLInstancePresence[] = []
		const toRemove: TLInstancePresence['id'][] = []
		const states = awareness.getStates() as Map<number, AwarenessState>
		for (const clientId of [...added, ...updated]) {
			if (clientId === awareness.clientID) continue
			const presence = states.get(clientId)?.presence
			const previousId = recordIdByClient.get(clientId)
			const record = presence ? toPresenceRecord(presence) : null
			if (previousId && previousId !== record?.id) toRemove.push(previousId)
			if (record) {
				recordIdByClient.set(clientId, record.id)
				toPut.push(record)
			} else {
				recordIdByClient.delete(clientId)
			}
		}
		for (const clientId of removed) {
			const previousId = recordIdByClient.get(clientId)
			if (previousId) toRemove.push(previousId)
			recordIdByClient.delete(clientId)
		}
		if (toPut.length === 0 && toRemove.length === 0) return
		store.mergeRemoteChanges(() => {
			if (toRemove.length) store.remove(toRemove)
			for (const record of toPut) {
				try {
					store.put([record])
				} catch {
					// A peer running another tldraw version (or a hostile one) sent a presence the
					// schema rejects: skip their cursor rather than break the board.
				}
			}
		})
	}

	awareness.on('change', onAwarenessChange)
	publish()

	return () => {
		stopPublishing()
		if (timer) clearTimeout(timer)
		awareness.off('change', onAwarenessChange)
		awareness.setLocalState(null)
		const ids = [...recordIdByClient.values()].filter((id) => store.has(id))
		if (ids.length) store.mergeRemoteChanges(() => store.remove(ids))
		recordIdByClient.clear()
	}
}

function toPresenceRecord(value: unknown): TLInstancePresence | null {
	if (!value || typeof value !== 'object') return null
	const record = value as TLInstancePresence
	if (record.typeName !== 'instance_presence' || !InstancePresenceRecordType.isId(record.id)) return null
	return record
}

/** The other people in the room, one entry per person (their several tabs collapse into one). */
export function readPeers(awareness: Awareness, selfUserId: string): Peer[] {
	const byId = new Map<string, Peer>()
	for (const [clientId, state] of awareness.getStates() as Map<number, AwarenessState>) {
		if (clientId === awareness.clientID) continue
		const user = state.user
		if (!user || typeof user.name !== 'string' || typeof user.id !== 'string') continue
		if (user.id === selfUserId) continue
		if (!byId.has(user.id)) {
			byId.set(user.id, {
				clientId,
				id: user.id,
				name: user.name.slice(0, 40),
				color: typeof user.color === 'string' ? user.color : '#868e96',
			})
		}
	}
	return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * Remembers the name and colour of everyone seen on the board during this visit, so tldraw can
 * label their notes and shapes ("attribution") with their name of today: tldraw's user records
 * stay in each browser and are not shared. People who are away are named by what their notes
 * keep (noteAuthors.ts). Returns a function that stops listening.
 */
export function rememberPeopleSeen(
	awareness: Awareness,
	$seen: Atom<ReadonlyMap<string, TLUser>>,
): () => void {
	const onChange = () => {
		let next: Map<string, TLUser> | null = null
		for (const [clientId, state] of awareness.getStates() as Map<number, AwarenessState>) {
			if (clientId === awareness.clientID) continue
			const user = state.user
			if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue
			const known = $seen.get().get(user.id)
			if (known && known.name === user.name && known.color === user.color) continue
			next ??= new Map($seen.get())
			try {
				next.set(
					user.id,
					UserRecordType.create({
						id: createUserId(user.id),
						name: user.name.slice(0, 40),
						color: typeof user.color === 'string' ? user.color : '#868e96',
					}),
				)
			} catch {
				// An id tldraw cannot use: no label for this person.
			}
		}
		if (next) $seen.set(next)
	}
	onChange()
	awareness.on('change', onChange)
	return () => awareness.off('change', onChange)
}
