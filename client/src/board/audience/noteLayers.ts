import { bindStoreToYjs, isFinalCloseCode, type YjsStoreBinding } from '@circlespace/shared'
import {
	PRIVATE_MODE_MESSAGE_TYPE,
	type PrivateModeMessage,
	readPrivateModeMessage,
} from '@circlespace/shared/audience/index.ts'
import type { TLRecord, TLStore } from 'tldraw'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { layerOf } from './noteAudience.ts'

/** A note layer's connection as the board page shows it. */
export type LayerState = 'off' | 'connecting' | 'live' | 'refused'

/** The layers a client joins besides the board: its person's own, and its circle's. */
export type LayerName = 'me' | 'circle'

/** Whether the board binding keeps a record (the rest live in layers): see {@link layerOf}. */
export function boardAccepts(store: TLStore): (record: TLRecord) => boolean {
	return (record) => layerOf(record, (id) => store.get(id)) === 'board'
}

/**
 * Joins one note layer of a board (`/sync/:boardId?layer=…`): a Y doc of its own, synced with
 * the server's room of that layer only (the server decides whose: the person's own, or their
 * circle's), and bound into the board's store once synced, holding the records whose audience
 * is that layer. Not kept in IndexedDB: a person's private notes stay on the server, not in
 * every browser they once opened the board in; offline, the layers are not shown.
 */
export function openNoteLayer(
	store: TLStore,
	boardId: string,
	layer: LayerName,
	onState: (state: LayerState) => void,
	/** Told the board's private mode, which the server sends on the person's own layer. */
	onPrivateMode?: (message: PrivateModeMessage) => void,
): () => void {
	const doc = new Y.Doc()
	const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:'
	const provider = new WebsocketProvider(`${scheme}//${window.location.host}/sync`, boardId, doc, {
		params: { layer },
		shouldReconnect: (event) => !isFinalCloseCode(event.code),
		disableBc: true,
	})
	// Presence travels on the board's connection; a layer's would show the person twice.
	provider.awareness.setLocalState(null)
	if (onPrivateMode) {
		provider.messageHandlers[PRIVATE_MODE_MESSAGE_TYPE] = (_encoder, decoder) => {
			const message = readPrivateModeMessage(decoder)
			if (message) onPrivateMode(message)
		}
	}
	let binding: YjsStoreBinding | null = null
	let disposed = false
	onState('connecting')
	provider.on('sync', (synced: boolean) => {
		if (!synced || disposed) return
		binding ??= bindStoreToYjs(store, doc, {
			accepts: (record) => layerOf(record, (id) => store.get(id)) === layer,
		})
		onState('live')
	})
	provider.on('connection-close', (event) => {
		if (disposed) return
		if (event && isFinalCloseCode(event.code)) {
			provider.shouldConnect = false
			onState('refused')
		} else onState('connecting')
	})
	return () => {
		disposed = true
		binding?.dispose()
		provider.destroy()
		doc.destroy()
	}
}
