import type { Socket } from 'node:net'
import { boardIdSchema, CloseCode } from '@circlespace/shared'
import { type HttpBindings, upgradeWebSocket } from '@hono/node-server'
import { Hono } from 'hono'
import type { WebSocket } from 'ws'
import { assertFromThisSite } from '../auth/originCheck.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import { FrameCache, frameHeader } from './FrameCache.ts'

const LARGE_MESSAGE_BYTES = 64 * 1024

import type { Room } from './Room.ts'
import type { RoomRegistry } from './RoomRegistry.ts'
import { SendBatcher } from './SendBatcher.ts'

/**
 * `GET /sync/:boardId`: the y-websocket endpoint. The stock `WebsocketProvider` connects
 * with `serverUrl = ws(s)://host/sync` and `roomname = boardId`.
 *
 * The socket is upgraded even for an unknown board and then closed with 4404, because a
 * refused upgrade only tells the browser "error" and the client would retry forever.
 */
export function syncRoutes(rooms: RoomRegistry, logger: Logger, publicUrl: string | undefined) {
	const log = logger.child({ module: 'sync' })
	const batcher = new SendBatcher()
	const frames = new FrameCache()
	return new Hono().get('/:boardId', async (c) => {
		if (c.req.header('upgrade')?.toLowerCase() !== 'websocket') {
			throw new AppError('VALIDATION', 'This endpoint speaks WebSocket only.')
		}
		// A cross-site page must not open a live connection with the visitor's cookie.
		assertFromThisSite(c, publicUrl)
		const parsed = boardIdSchema.safeParse(c.req.param('boardId'))
		let room: Room | undefined
		let failed = false
		if (parsed.success) {
			try {
				room = await rooms.acquire(parsed.data)
			} catch (error) {
				failed = true
				log.error({ err: error, boardId: parsed.data }, 'could not load a board')
			}
		}
		// If the handshake never completes, the hold taken by acquire must still be released.
		let opened = false
		const abandon = setTimeout(() => {
			if (!opened) room?.release()
		}, 10_000)
		abandon.unref()
		return upgradeWebSocket(c, {
			onOpen(_event, ctx) {
				opened = true
				clearTimeout(abandon)
				const ws = ctx.raw as WebSocket
				if (room === undefined) {
					if (failed) ws.close(CloseCode.INTERNAL_ERROR, 'could not load the board')
					else ws.close(CloseCode.BOARD_NOT_FOUND, 'board not found')
					return
				}
				// Messages go straight from ws to the room: Hono's per-message event (and its
				// copy of every buffer) stays off the hot path since no onMessage is given.
				// After the upgrade, ws writes to the request's own TCP socket.
				const socket = (c.env as HttpBindings).incoming.socket as Socket
				const connection = room.connect({
					// Frames are written to the socket directly: one frame per broadcast, shared by
					// every recipient (ws would frame it again for each). Close and ping frames still
					// go through ws, on the same socket, so their order is kept.
					send: (data) => {
						if (ws.readyState !== ws.OPEN) return
						batcher.hold(socket)
						if (data.length < LARGE_MESSAGE_BYTES) {
							socket.write(frames.frameFor(data))
						} else {
							// A join's full state (megabytes) is not copied into a frame: header, then payload.
							socket.write(frameHeader(data.length))
							socket.write(data)
						}
					},
					close: (code, reason) => ws.close(code, reason),
					get bufferedAmount() {
						return ws.bufferedAmount
					},
				})
				room.release()
				ws.on('message', (data, isBinary) => connection.receive(data as Buffer, isBinary))
				ws.on('close', () => connection.disconnected())
				ws.on('error', (error) => log.debug({ err: error }, 'socket error'))
			},
		})
	})
}
