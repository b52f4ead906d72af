import {
	createSnapshotSchema,
	defaultSnapshotTitle,
	importBoardQuerySchema,
	MAX_THUMBNAIL_BYTES,
	type RestoreResult,
	type SnapshotInfo,
	spaceIdSchema,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { readBodyWithLimit } from '../assets/readBodyWithLimit.ts'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import type { BoardAccessResult } from '../spaces/Access.ts'
import { managedBoard as managedBoardOf, visibleBoard as visibleBoardOf } from '../spaces/boardAccess.ts'
import { notAllowed, notFound, pathId } from '../spaces/params.ts'
import { boardView } from '../spaces/views.ts'
import type { SnapshotRecord, User } from '../storage/Storage.ts'
import { readPngBody } from '../thumbnails/readPngBody.ts'
import { BoardTooNewError } from './BoardTooNewError.ts'
import { captureSnapshot } from './captureSnapshot.ts'
import type { ParsedTldrFile } from './parseTldrFile.ts'
import type { SnapshotsDeps } from './SnapshotsDeps.ts'

// Export, import and restore need tldraw's schema, migrations and validators (@tldraw/tlschema,
// @tldraw/store), about a fifth of the server's resident memory at rest. They are loaded by the
// first request that needs them, not at start (docs/PERFORMANCE.md, "Memory at rest").
const tldrExport = () => import('./exportTldr.ts')
const tldrParse = () => import('./parseTldrFile.ts')
const tldrImportOnto = () => import('./importOntoBoard.ts')
const tldrImportAsNew = () => import('./importAsNewBoard.ts')
const snapshotRestore = () => import('./restoreSnapshot.ts')

/** A snapshot and the board it belongs to, as one person may see them. */
interface VisibleSnapshot {
	snapshot: SnapshotRecord
	board: BoardAccessResult
}

const onlyFacilitators = 'Only the facilitators of this circle may do this.'

// The web app draws snapshot thumbnails at most 480 px a side; this leaves room for other clients.
const MAX_SNAPSHOT_THUMBNAIL_PX = 2048

/**
 * Snapshots, `.tldr` export and `.tldr` import, mounted at `/api` before the 64 kB JSON body
 * limit: files and thumbnails are read here with limits of their own, streamed.
 *
 * - `/boards/:id/snapshots` (list, take), `/boards/:id/tldr` (export), `/boards/:id/import`
 * - `/snapshots/:id` (read), `/snapshots/:id/tldr`, `/snapshots/:id/thumbnail`, `/snapshots/:id/restore`
 * - `/circles/:id/boards/import` (a new board from a file)
 *
 * A snapshot is as visible as its board: who cannot see the board gets 404 for its snapshots too.
 */
export function snapshotRoutes(deps: SnapshotsDeps) {
	const { storage, access, clock } = deps

	const visibleBoard = (user: User, rawId: string) => visibleBoardOf(access, user, rawId)
	const managedBoard = (user: User, rawId: string) => managedBoardOf(access, user, rawId, onlyFacilitators)

	async function visibleSnapshot(user: User, rawId: string): Promise<VisibleSnapshot> {
		const id = spaceIdSchema.safeParse(rawId)
		const snapshot = id.success ? await storage.snapshots.get(id.data) : undefined
		const board = snapshot ? await access.board(user, snapshot.boardId) : undefined
		if (!snapshot || !board) throw snapshotNotFound()
		return { snapshot, board }
	}

	async function managedSnapshot(user: User, rawId: string): Promise<VisibleSnapshot> {
		const found = await visibleSnapshot(user, rawId)
		if (!found.board.can.manage) throw notAllowed(onlyFacilitators)
		return found
	}

	async function readTldrBody(request: Request): Promise<ParsedTldrFile> {
		let bytes: Uint8Array
		try {
			bytes = await readBodyWithLimit(request, deps.maxImportBytes)
		} catch (error) {
			if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
				throw new AppError(
					'PAYLOAD_TOO_LARGE',
					`This file is larger than the import limit (${formatSize(deps.maxImportBytes)}).`,
				)
			}
			throw error
		}
		const { parseTldrFile, TldrFileError } = await tldrParse()
		try {
			return parseTldrFile(bytes)
		} catch (error) {
			if (error instanceof TldrFileError) {
				throw new AppError('VALIDATION', error.message, {
					issues: [{ path: 'file', message: error.message }],
				})
			}
			throw error
		}
	}

	return new Hono<AuthEnv>()
		.get('/boards/:id/snapshots', async (c) => {
			const { user } = requireUser(c)
			const board = await visibleBoard(user, c.req.param('id'))
			const list: SnapshotInfo[] = (await storage.snapshots.listOfBoard(board.board.id)).map(snapshotView)
			return c.json(list, 200)
		})
		.post(
			'/boards/:id/snapshots',
			bodyLimit({ maxSize: 64 * 1024, onError: () => tooLargeJson() }),
			validate('json', createSnapshotSchema),
			async (c) => {
				const { user } = requireUser(c)
				const board = await managedBoard(user, c.req.param('id'))
				const { title } = c.req.valid('json')
				const snapshot = await captureSnapshot(deps, {
					boardId: board.board.id,
					kind: 'manual',
					title: title ?? defaultSnapshotTitle(clock.now()),
					createdBy: user.id,
				})
				return c.json(snapshotView(snapshot), 201)
			},
		)
		.get('/boards/:id/tldr', async (c) => {
			const { user } = requireUser(c)
			const board = await visibleBoard(user, c.req.param('id'))
			const { exportBoardTldr } = await tldrExport()
			const text = await exportBoardTldr(deps, board.board.id)
			return c.body(text, 200, tldrHeaders(`${board.board.title}.tldr`))
		})
		.post('/boards/:id/import', async (c) => {
			const { user } = requireUser(c)
			const board = await visibleBoard(user, c.req.param('id'))
			if (!board.can.edit) throw notAllowed('You can only view this board, not add to it.')
			const file = await readTldrBody(c.req.raw)
			const { importOntoBoard } = await tldrImportOnto()
			const result = await importOntoBoard(deps, { boardId: board.board.id, file }).catch(tooNewBoard)
			return c.json(result, 201)
		})
		.post('/circles/:id/boards/import', validate('query', importBoardQuerySchema), async (c) => {
			const { user } = requireUser(c)
			const circle = await access.circle(user, pathId(c.req.param('id'), 'circle'))
			if (!circle) throw notFound('circle')
			if (!circle.can.manage) throw notAllowed(onlyFacilitators)
			const file = await readTldrBody(c.req.raw)
			const { importAsNewBoard } = await tldrImportAsNew()
			const created = await importAsNewBoard(deps, {
				circleId: circle.circle.id,
				title: c.req.valid('query').title,
				createdBy: user.id,
				file,
			})
			const board = await access.board(user, created.id)
			if (!board) throw notFound('board')
			return c.json(boardView(board, board.can), 201)
		})
		.get('/snapshots/:id', async (c) => {
			const { user } = requireUser(c)
			const { snapshot } = await visibleSnapshot(user, c.req.param('id'))
			return c.json(snapshotView(snapshot), 200)
		})
		.get('/snapshots/:id/tldr', async (c) => {
			const { user } = requireUser(c)
			const { snapshot, board } = await visibleSnapshot(user, c.req.param('id'))
			const { exportSnapshotTldr } = await tldrExport()
			const text = await exportSnapshotTldr(deps, snapshot.id)
			if (text === undefined) throw snapshotNotFound()
			return c.body(text, 200, tldrHeaders(`${board.board.title} — ${snapshot.title}.tldr`))
		})
		.put('/snapshots/:id/thumbnail', async (c) => {
			const { user } = requireUser(c)
			const { snapshot } = await managedSnapshot(user, c.req.param('id'))
			// The bytes decide, never the Content-Type a client claims (as for board thumbnails).
			const png = await readPngBody(c.req.raw, MAX_THUMBNAIL_BYTES, MAX_SNAPSHOT_THUMBNAIL_PX)
			if (!(await storage.snapshots.setThumbnail(snapshot.id, png.bytes))) throw snapshotNotFound()
			return c.body(null, 204)
		})
		.get('/snapshots/:id/thumbnail', async (c) => {
			const { user } = requireUser(c)
			const { snapshot } = await visibleSnapshot(user, c.req.param('id'))
			const png = await storage.snapshots.getThumbnail(snapshot.id)
			if (!png) throw new AppError('NOT_FOUND', 'This snapshot has no thumbnail.')
			return c.body(new Uint8Array(png), 200, {
				'Content-Type': 'image/png',
				'Content-Length': String(png.byteLength),
				'X-Content-Type-Options': 'nosniff',
				'Content-Security-Policy': "default-src 'none'",
				// Only for the signed-in person who may see the board, and replaceable: no shared cache.
				'Cache-Control': 'private, no-cache',
			})
		})
		.post('/snapshots/:id/restore', async (c) => {
			const { user } = requireUser(c)
			const { snapshot, board } = await managedSnapshot(user, c.req.param('id'))
			if (board.board.archivedAt !== null) {
				throw new AppError('CONFLICT', 'This board is archived: unarchive it before restoring a snapshot.')
			}
			const { restoreSnapshot } = await snapshotRestore()
			const outcome = await restoreSnapshot(deps, { snapshot, restoredBy: user.id }).catch(tooNewBoard)
			const result: RestoreResult = {
				restored: snapshotView(outcome.restored),
				savedBefore: snapshotView(outcome.savedBefore),
			}
			return c.json(result, 200)
		})
}

/** A snapshot as the API shows it. */
export function snapshotView(snapshot: SnapshotRecord): SnapshotInfo {
	return {
		id: snapshot.id,
		boardId: snapshot.boardId,
		sessionId: snapshot.sessionId,
		title: snapshot.title,
		kind: snapshot.kind,
		createdBy: snapshot.createdBy,
		createdAt: snapshot.createdAt,
		shapeCount: snapshot.shapeCount,
		participants: snapshot.participants,
		hasThumbnail: snapshot.hasThumbnail,
	}
}

function snapshotNotFound(): AppError {
	return new AppError('NOT_FOUND', 'This snapshot does not exist, or you cannot see it.')
}

function tooLargeJson(): never {
	throw new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.')
}

function tooNewBoard(error: unknown): never {
	if (error instanceof BoardTooNewError) {
		throw new AppError(
			'CONFLICT',
			'This board was last saved by a newer version of tldraw than this server knows, so the server cannot change it. It can once Circlespace is updated.',
		)
	}
	throw error
}

/** "20 MB", "2 MB", "512 kB": sizes as people read them (1 MB = 1024 × 1024 bytes here). */
export function formatSize(bytes: number): string {
	const mb = bytes / (1024 * 1024)
	if (mb >= 1) return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`
	return `${Math.max(1, Math.round(bytes / 1024))} kB`
}

/**
 * Headers of a `.tldr` download. The name goes in twice: `filename*` (RFC 6266/8187) carries it
 * whole in UTF-8, and `filename` an ASCII fallback, because header values cannot hold the em
 * dash or accented letters of titles as they are.
 */
export function tldrHeaders(fileName: string): Record<string, string> {
	const ascii = fileName
		.replace(/[\u2012-\u2015]/g, '-')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^\x20-\x7e]/g, '_')
		.replace(/["\\]/g, '_')
	const encoded = encodeURIComponent(fileName).replace(
		/['()*]/g,
		(ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
	)
	return {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`,
		'X-Content-Type-Options': 'nosniff',
		'Cache-Control': 'private, no-cache',
	}
}
