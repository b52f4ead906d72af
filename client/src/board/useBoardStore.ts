import {
	bindStoreToYjs,
	CloseCode,
	describeCloseCode,
	isFinalCloseCode,
	type YjsStoreBinding,
} from '@circlespace/shared'
import { boardSchema } from '@circlespace/shared/boardSchema/index.ts'
import { useEffect, useRef, useState } from 'react'
import {
	atom,
	computed,
	createTLStore,
	type Signal,
	type TLAssetStore,
	type TLStore,
	type TLStoreWithStatus,
	type TLUser,
	UserRecordType,
} from 'tldraw'
import { IndexeddbPersistence } from 'y-indexeddb'
import type { Awareness } from 'y-protocols/awareness'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { SessionChannel } from '../sessions/SessionChannel.ts'
import { VoteChannel } from '../votes/VoteChannel.ts'
import { assetStore } from './assetStore.ts'
import { boardAccepts } from './audience/noteLayers.ts'
import type { Connection } from './connection.ts'
import { resolveUsersWithNoteAuthors, stampNoteAuthors } from './noteAuthors.ts'
import { rememberPeopleSeen, syncPresence } from './presenceSync.ts'
import { publishOwnAwarenessOnly } from './publishOwnAwareness.ts'

/** Everything the board page needs from the live document. */
export interface BoardSession {
	storeWithStatus: TLStoreWithStatus
	connection: Connection
	/** True when a newer Circlespace wrote this board: editing would lose its data. */
	readonly: boolean
	/** How many records in the document could not be read (skipped, not fatal). */
	invalidRecords: number
	/** Set when this browser is offline and holds no copy of this board (never stored, or kept none). */
	offlineWithoutCopy: boolean
	awareness: Awareness | null
	/** The board's live session as the server tells it on this connection. */
	liveSession: SessionChannel | null
	/** The board's dot vote as the server tells it on this connection. */
	votes: VoteChannel | null
}

const initialSession: BoardSession = {
	storeWithStatus: { status: 'loading' },
	connection: { state: 'connecting' },
	readonly: false,
	invalidRecords: 0,
	offlineWithoutCopy: false,
	awareness: null,
	liveSession: null,
	votes: null,
}

/** What the board page hears from the live connection besides the session state. */
export interface BoardStoreEvents {
	/** The server closed the connection because the person's access changed; it reconnects by itself. */
	onAccessChanged: () => void
	/** A connection attempt failed while the browser is online (the session may have ended). */
	onConnectionRefused: () => void
}

/** How a board is opened, chosen by the page that opens it. */
export interface BoardStoreOptions {
	/**
	 * Whether this browser keeps the board in IndexedDB, so that it opens and takes edits offline.
	 * A member's own device does; a guest's does not: a guest is a visitor on someone else's device,
	 * and nothing of the board may stay behind once their link ends. Without a copy the board opens
	 * only online, and edits made while the connection drops live in the tab until it returns.
	 */
	keepOfflineCopy: boolean
	/** Where images go and come from; by default the server's asset routes (members' uploads). */
	assets?: TLAssetStore
}

/** The WebSocket origin matching the page (ws: for http:, wss: for https:). */
function websocketBase(): string {
	const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
	return `${scheme}//${window.location.host}`
}

/**
 * Opens a board: a tldraw store bound to a Yjs document that is synced with the server over
 * y-websocket and, when `options.keepOfflineCopy` says so, kept in IndexedDB (so the board opens
 * and takes edits offline). The store is handed to tldraw only once the document holds what is
 * known of the board, so tldraw never starts from an empty page that would then be merged with
 * the real one.
 */
export function useBoardStore(
	boardId: string,
	$user: Signal<TLUser>,
	$viewOnly: Signal<boolean>,
	events: BoardStoreEvents,
	options: BoardStoreOptions,
): BoardSession {
	const { keepOfflineCopy, assets = assetStore } = options
	const [session, setSession] = useState<BoardSession>(initialSession)
	const eventsRef = useRef(events)
	eventsRef.current = events

	useEffect(() => {
		let disposed = false
		const update = (patch: Partial<BoardSession>) => {
			if (!disposed) setSession((previous) => ({ ...previous, ...patch }))
		}
		// Reloaded without network: say so at once rather than "Connecting…" until the first
		// attempt fails.
		setSession(navigator.onLine ? initialSession : { ...initialSession, connection: { state: 'offline' } })

		const doc = new Y.Doc()
		const $seen = atom<ReadonlyMap<string, TLUser>>('people seen', new Map())
		// Read-only when a newer client wrote the board (editing would lose its data) or when the
		// person may only view it; tldraw turns the collaboration mode into the editor's
		// isReadonly, so the canvas refuses edits and shows its reduced toolbar.
		const $newerSchema = atom('written by a newer client', false)
		const $mode = computed<'readonly' | 'readwrite'>('collaboration mode', () =>
			$newerSchema.get() || $viewOnly.get() ? 'readonly' : 'readwrite',
		)
		const $online = atom<'online' | 'offline'>('collaboration status', 'offline')
		const store: TLStore = createTLStore({
			// The one board schema (the server's imports and exports use it too); the editor gets
			// the utils that draw our own shapes from the board page.
			schema: boardSchema(),
			assets,
			// Our own user, so the attribution record tldraw writes is one per person rather than
			// one per random id tldraw would invent for every browser. Those records stay local
			// (the binding does not share them): other people's names come from awareness while
			// they are here, and from what their notes keep when they are not.
			users: {
				currentUser: $user,
				resolve: resolveUsersWithNoteAuthors(
					() => store,
					(userId) => {
						const self = $user.get()
						if (UserRecordType.parseId(self.id) === userId) return self
						return $seen.get().get(userId) ?? null
					},
				),
			},
			collaboration: { mode: $mode, status: $online },
		})
		const local = keepOfflineCopy ? new IndexeddbPersistence(`circlespace-board-${boardId}`, doc) : null
		const provider = new WebsocketProvider(`${websocketBase()}/sync`, boardId, doc, {
			shouldReconnect: (event) => !isFinalCloseCode(event.code),
			// Tabs of one browser hear each other through the server only: over a BroadcastChannel a
			// tab could build on another's edit before the server has it, and the server refuses an
			// update whose dependencies it lacks (docs/SPEC.md, H5). A kept copy still goes to IndexedDB.
			disableBc: true,
		})
		const stopAwarenessFilter = publishOwnAwarenessOnly(provider)
		// Before the socket opens: the server tells a running session first thing on joining.
		const liveSession = new SessionChannel(provider)
		const votes = new VoteChannel(provider)
		update({ awareness: provider.awareness, liveSession, votes })

		let binding: YjsStoreBinding | null = null
		// Without a copy there is nothing to read first: offline, the board simply has none.
		let localSynced = local === null
		let everConnected = false
		let connectionFailed = !navigator.onLine
		let invalidRecords = 0
		let closedForGood = false
		let reconnectingForAccess = false

		function bind() {
			if (binding || disposed) return
			binding = bindStoreToYjs(store, doc, {
				// Notes for the person or their circle live in the board's note layers, never here.
				accepts: boardAccepts(store),
				onInvalidRecord: () => {
					invalidRecords += 1
					update({ invalidRecords })
				},
				// A newer client may migrate the board while this one has it open.
				onStatusChange: (status) => {
					if (status.mode === 'readonly') becomeReadonly()
				},
			})
			if (binding.status.mode === 'readonly') becomeReadonly()
			update({ offlineWithoutCopy: false })
			publishStatus()
		}

		function becomeReadonly() {
			$newerSchema.set(true)
			update({ readonly: true })
		}

		function hasLocalCopy() {
			// An empty document's state vector encodes as a single zero byte.
			return Y.encodeStateVector(doc).length > 1
		}

		function maybeBindOffline() {
			if (binding || !localSynced || !connectionFailed) return
			if (hasLocalCopy()) bind()
			else update({ offlineWithoutCopy: true })
		}

		function publishStatus() {
			const online = provider.wsconnected && provider.synced
			$online.set(online ? 'online' : 'offline')
			if (!binding) return
			update({
				storeWithStatus: {
					status: 'synced-remote',
					connectionStatus: online ? 'online' : 'offline',
					store,
				},
			})
		}

		provider.on('status', ({ status }) => {
			if (status === 'connected') everConnected = true
			if (status === 'disconnected') {
				connectionFailed = true
				// y-websocket reports the close (with its code) before this: a connection closed for
				// good stays "closed", one closed to apply new access is reconnecting, not offline.
				if (!closedForGood) {
					update({ connection: reconnectingForAccess ? { state: 'connecting' } : { state: 'offline' } })
				}
				maybeBindOffline()
			}
			publishStatus()
		})
		provider.on('sync', (synced: boolean) => {
			if (!synced) return
			connectionFailed = false
			reconnectingForAccess = false
			bind()
			update({ connection: { state: 'live' } })
			publishStatus()
		})
		provider.on('connection-error', () => {
			connectionFailed = true
			if (navigator.onLine) eventsRef.current.onConnectionRefused()
			if (!closedForGood && (!everConnected || !provider.wsconnected)) {
				update({ connection: { state: 'offline' } })
			}
			maybeBindOffline()
		})
		provider.on('connection-close', (event) => {
			connectionFailed = true
			const code = event?.code
			if (code === CloseCode.ACCESS_CHANGED) {
				// Not a failure: y-websocket reconnects at once and the server applies the new access.
				reconnectingForAccess = true
				update({ connection: { state: 'connecting' } })
				eventsRef.current.onAccessChanged()
			} else if (code !== undefined && isFinalCloseCode(code)) {
				closedForGood = true
				provider.shouldConnect = false
				update({
					connection: {
						state: 'closed',
						code,
						message: describeCloseCode(code) ?? 'The server closed the connection.',
					},
				})
			} else if (code === CloseCode.TOO_MANY) {
				// Not offline: the server held this connection back; y-websocket retries after a pause.
				update({ connection: { state: 'offline', reason: describeCloseCode(code) } })
			} else {
				update({ connection: { state: 'offline' } })
			}
			maybeBindOffline()
			publishStatus()
		})
		local?.whenSynced.then(() => {
			localSynced = true
			maybeBindOffline()
		})

		// The browser knows before the socket does: an open WebSocket can take many seconds to
		// notice a dead network. Dropping it at once tells the person their edits stay local.
		const goOffline = () => {
			connectionFailed = true
			provider.disconnect()
			update({ connection: { state: 'offline' } })
			maybeBindOffline()
			publishStatus()
		}
		const goOnline = () => {
			if (!closedForGood) provider.connect()
		}
		window.addEventListener('offline', goOffline)
		window.addEventListener('online', goOnline)

		const stopPresence = syncPresence(store, provider.awareness, $user)
		const stopRemembering = rememberPeopleSeen(provider.awareness, $seen)
		const stopStamping = stampNoteAuthors(store, $user)

		return () => {
			disposed = true
			window.removeEventListener('offline', goOffline)
			window.removeEventListener('online', goOnline)
			stopPresence()
			stopRemembering()
			stopStamping()
			stopAwarenessFilter()
			liveSession.dispose()
			votes.dispose()
			binding?.dispose()
			provider.destroy()
			void local?.destroy()
			doc.destroy()
			store.dispose()
		}
	}, [boardId, $user, $viewOnly, keepOfflineCopy, assets])

	return session
}
