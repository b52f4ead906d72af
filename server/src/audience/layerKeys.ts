/**
 * The note layers of a board (see docs/ARCHITECTURE.md, "Note audience"). The board's own doc is
 * everyone who may see the board; besides it, each person has a layer of their own on it (`me`)
 * and each circle a layer of its members' notes (`circle`). Each layer is a room of the sync
 * server, keyed `<boardId>#<layer>`, stored apart from the board's doc.
 */
export type LayerName = `me:${string}` | `circle:${string}`

/** Board ids and the ids in layer names never hold `#` (they are generated ids). */
const SEPARATOR = '#'

export function personalLayer(userId: string): LayerName {
	return `me:${userId}`
}

export function circleLayer(circleId: string): LayerName {
	return `circle:${circleId}`
}

/** The room key of one layer of a board. */
export function layerRoomKey(boardId: string, layer: LayerName): string {
	return `${boardId}${SEPARATOR}${layer}`
}

/** What a layer is about: its board, and the person or the circle whose it is. */
export interface LayerKey {
	boardId: string
	layer: LayerName
	userId: string | null
	circleId: string | null
}

/** Reads a room key written by {@link layerRoomKey}; undefined for anything else. */
export function parseLayerRoomKey(key: string): LayerKey | undefined {
	const at = key.indexOf(SEPARATOR)
	if (at <= 0) return undefined
	const boardId = key.slice(0, at)
	const layer = key.slice(at + 1)
	if (layer.startsWith('me:') && layer.length > 3) {
		return { boardId, layer: layer as LayerName, userId: layer.slice(3), circleId: null }
	}
	if (layer.startsWith('circle:') && layer.length > 7) {
		return { boardId, layer: layer as LayerName, userId: null, circleId: layer.slice(7) }
	}
	return undefined
}
