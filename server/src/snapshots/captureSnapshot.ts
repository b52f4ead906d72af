import type { SnapshotKind } from '@circlespace/shared'
import * as Y from 'yjs'
import { newId } from '../spaces/ids.ts'
import type { SnapshotRecord } from '../storage/Storage.ts'
import { countShapes } from './boardDoc.ts'
import type { SnapshotsDeps } from './SnapshotsDeps.ts'
import { withRoom } from './withRoom.ts'

/** What to record with a snapshot. */
export interface CaptureSnapshotOptions {
	boardId: string
	kind: SnapshotKind
	/** Shown in the history; at most 200 characters (longer ones are cut). */
	title: string
	/** Who asked for it; null for one taken by the server on its own. */
	createdBy: string | null
	/** The live session that ended with it (kind `session`). */
	sessionId?: string | null
	/** User ids of the people who took part (a session's roster). */
	participants?: readonly string[]
}

/** A board's content at one moment, as a snapshot keeps it. */
export interface DocCopy {
	/** The whole Y doc, V2 encoding. */
	state: Uint8Array
	shapeCount: number
}

/**
 * Copies a doc as it is now. Synchronous on purpose: nothing can change the doc between the
 * copy and whatever the caller does next in the same turn (a restore replaces exactly this).
 */
export function copyDoc(doc: Y.Doc): DocCopy {
	return { state: Y.encodeStateAsUpdateV2(doc), shapeCount: countShapes(doc) }
}

/**
 * Takes a snapshot of a board's live content (from its room, loaded if nobody has it open) and
 * stores it. Used by `POST /api/boards/:id/snapshots`, by restore (`before_restore`), and meant
 * for the end of a live session (`session`, with its id and roster).
 */
export async function captureSnapshot(
	deps: Pick<SnapshotsDeps, 'storage' | 'rooms' | 'clock'>,
	options: CaptureSnapshotOptions,
): Promise<SnapshotRecord> {
	const copy = await withRoom(deps.rooms, options.boardId, (room) => copyDoc(room.doc))
	return storeSnapshot(deps, options, copy)
}

/** Stores a copy made with {@link copyDoc} as a snapshot. */
export function storeSnapshot(
	deps: Pick<SnapshotsDeps, 'storage' | 'clock'>,
	options: CaptureSnapshotOptions,
	copy: DocCopy,
): Promise<SnapshotRecord> {
	return deps.storage.snapshots.create({
		id: newId(),
		boardId: options.boardId,
		sessionId: options.sessionId ?? null,
		title: fitTitle(options.title),
		kind: options.kind,
		createdBy: options.createdBy,
		createdAt: deps.clock.now(),
		shapeCount: copy.shapeCount,
		participants: [...(options.participants ?? [])],
		state: copy.state,
	})
}

const MAX_TITLE_LENGTH = 200

/** A title cut to what the API accepts ("Before restoring <a 200-character title>" would not fit). */
function fitTitle(title: string): string {
	const trimmed = title.trim()
	return trimmed.length > MAX_TITLE_LENGTH ? `${trimmed.slice(0, MAX_TITLE_LENGTH - 1)}…` : trimmed
}
