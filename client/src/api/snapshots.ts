import type { Board, CreateSnapshot, ImportResult, RestoreResult, SnapshotInfo } from '@circlespace/shared'
import { api } from './client.ts'
import { call, callNoContent, callResponse } from './http.ts'

/** A file the server sent to be saved, with the name it suggested. */
export interface DownloadedFile {
	blob: Blob
	/** From the response's Content-Disposition; null when it named none. */
	fileName: string | null
}

/** The board's snapshots, newest first. */
export function listSnapshots(boardId: string, signal?: AbortSignal): Promise<SnapshotInfo[]> {
	return call(api.api.boards[':id'].snapshots.$get({ param: { id: boardId } }, { init: { signal } }))
}

/** Saves the board's live content as a new snapshot (facilitators). */
export function createSnapshot(boardId: string, input: CreateSnapshot): Promise<SnapshotInfo> {
	return call(api.api.boards[':id'].snapshots.$post({ param: { id: boardId }, json: input }))
}

/** One snapshot's metadata. */
export function getSnapshot(id: string, signal?: AbortSignal): Promise<SnapshotInfo> {
	return call(api.api.snapshots[':id'].$get({ param: { id } }, { init: { signal } }))
}

/** The snapshot's content as the text of a `.tldr` file. */
export async function getSnapshotTldr(id: string, signal?: AbortSignal): Promise<string> {
	const response = await callResponse(
		api.api.snapshots[':id'].tldr.$get({ param: { id } }, { init: { signal } }),
	)
	return response.text()
}

/** The snapshot as a `.tldr` file to save. */
export async function downloadSnapshotTldr(id: string): Promise<DownloadedFile> {
	return downloaded(await callResponse(api.api.snapshots[':id'].tldr.$get({ param: { id } })))
}

/** The live board as a `.tldr` file to save. */
export async function downloadBoardTldr(boardId: string): Promise<DownloadedFile> {
	return downloaded(await callResponse(api.api.boards[':id'].tldr.$get({ param: { id: boardId } })))
}

/** Where the snapshot's thumbnail (a PNG) is served from; it answers 404 when there is none. */
export function snapshotThumbnailUrl(id: string): string {
	return `/api/snapshots/${encodeURIComponent(id)}/thumbnail`
}

/** Stores a PNG thumbnail for a snapshot (facilitators). */
export function uploadSnapshotThumbnail(id: string, png: Blob): Promise<void> {
	// The body is the raw image, which the typed client has no input type for.
	return callNoContent(
		api.api.snapshots[':id'].thumbnail.$put(
			{ param: { id } },
			{ init: { body: png, headers: { 'content-type': 'image/png' } } },
		),
	)
}

/**
 * Makes the live board equal to the snapshot, for everyone who has it open; the board as it
 * was is saved as a snapshot first (facilitators).
 */
export function restoreSnapshot(id: string): Promise<RestoreResult> {
	return call(api.api.snapshots[':id'].restore.$post({ param: { id } }))
}

/** Creates a board in the circle from a `.tldr` file (the circle's facilitators). */
export function importBoard(circleId: string, file: Blob, title: string | undefined): Promise<Board> {
	return call(
		api.api.circles[':id'].boards.import.$post(
			{ param: { id: circleId }, query: title ? { title } : {} },
			{ init: { body: file, headers: { 'content-type': 'application/json' } } },
		),
	)
}

/** Adds the shapes of a `.tldr` file to the board, on a new page (editors). */
export function importOntoBoard(boardId: string, file: Blob): Promise<ImportResult> {
	return call(
		api.api.boards[':id'].import.$post(
			{ param: { id: boardId } },
			{ init: { body: file, headers: { 'content-type': 'application/json' } } },
		),
	)
}

async function downloaded(response: { blob(): Promise<Blob>; headers: Headers }): Promise<DownloadedFile> {
	return {
		blob: await response.blob(),
		fileName: fileNameFromDisposition(response.headers.get('content-disposition')),
	}
}

/**
 * The file name a Content-Disposition header suggests: the UTF-8 `filename*` when there is
 * one (it can hold any title), else the plain `filename`; null when it names none.
 */
export function fileNameFromDisposition(header: string | null): string | null {
	if (!header) return null
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header)
	if (extended?.[2]) {
		try {
			return decodeURIComponent(extended[2].trim())
		} catch {
			// A broken escape: fall back to the plain name.
		}
	}
	const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header)
	if (quoted?.[1] !== undefined) return quoted[1].replace(/\\(.)/g, '$1') || null
	const bare = /filename\s*=\s*([^;\s]+)/i.exec(header)
	return bare?.[1] ?? null
}
