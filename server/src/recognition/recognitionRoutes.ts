import {
	type BoardRecognitions,
	MAX_LISTED_RECOGNITIONS,
	MAX_RECOGNITIONS_PER_CONTRIBUTION,
	MAX_RECOGNITIONS_PER_HOUR,
	type PersonProfile,
	type Recognition,
	recogniseNoteSchema,
	recogniseSessionSchema,
} from '@circlespace/shared/recognition/recognitionApi.ts'
import { Hono } from 'hono'
import type { Clock } from '../auth/Clock.ts'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { AppError } from '../errors.ts'
import { validate } from '../http/validate.ts'
import { withRoom } from '../snapshots/withRoom.ts'
import type { Access } from '../spaces/Access.ts'
import { visibleBoard } from '../spaces/boardAccess.ts'
import { newId } from '../spaces/ids.ts'
import { notAllowed, notFound, pathId } from '../spaces/params.ts'
import type { Storage, User } from '../storage/Storage.ts'
import type { RoomRegistry } from '../sync/RoomRegistry.ts'
import type { NewRecognition } from './RecognitionStore.ts'
import { readNote } from './readNote.ts'

/** What the recognition routes need. */
export interface RecognitionRoutesDeps {
	storage: Storage
	access: Access
	rooms: Pick<RoomRegistry, 'acquire'>
	clock: Clock
}

const HOUR_MS = 60 * 60 * 1000

// tldraw's shape ids: `shape:` and a short random (or chosen) name.
const SHAPE_ID = /^shape:[A-Za-z0-9_-]{1,80}$/

const noSuchNote = () => new AppError('NOT_FOUND', 'There is no such note on this board.')
const noSuchSession = () => new AppError('NOT_FOUND', 'This session does not exist, or you cannot see it.')
const notYourOwn = () =>
	notAllowed('You cannot recognise your own contribution: recognition is given by others.')

/**
 * Recognition, mounted at `/api` (see docs/API.md, "Recognition"):
 * - `GET /boards/:id/recognitions`, `POST /boards/:id/notes/:shapeId/recognitions`
 * - `POST /sessions/:id/recognitions`
 * - `DELETE /recognitions/:id` (its giver withdraws it)
 * - `GET /people/:id` (a person's page: what they were recognised for, where the reader may see)
 *
 * Whoever may view a board may recognise its contributions and read their recognitions; anyone
 * else gets 404, as for the board itself. The recipient of a note is its author as the stored
 * board says, never a name the client sends; no one recognises themselves.
 */
export function recognitionRoutes(deps: RecognitionRoutesDeps) {
	const { storage, access, rooms, clock } = deps
	const store = storage.recognitions

	const give = async (user: User, recognition: Omit<NewRecognition, 'id' | 'giverId' | 'createdAt'>) => {
		if (recognition.recipientId === user.id) throw notYourOwn()
		const now = clock.now()
		const recent = await store.givenSince(user.id, new Date(now.getTime() - HOUR_MS))
		if (recent.count >= MAX_RECOGNITIONS_PER_HOUR) {
			const freeAt = (recent.firstAt?.getTime() ?? now.getTime()) + HOUR_MS
			throw new AppError(
				'RATE_LIMITED',
				`You have given ${MAX_RECOGNITIONS_PER_HOUR} recognitions in the last hour. Wait a little, then try again.`,
				{ retryAfterSeconds: Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000)) },
			)
		}
		const result = await store.give(
			{ ...recognition, id: newId(), giverId: user.id, createdAt: now },
			MAX_RECOGNITIONS_PER_CONTRIBUTION,
		)
		switch (result.outcome) {
			case 'given':
				return result.recognition
			case 'already':
				throw new AppError('CONFLICT', 'You have already recognised this contribution.')
			case 'full':
				throw new AppError(
					'CONFLICT',
					`This contribution has been recognised ${MAX_RECOGNITIONS_PER_CONTRIBUTION} times, as many as it may be.`,
				)
		}
	}

	return new Hono<AuthEnv>()
		.get('/boards/:id/recognitions', async (c) => {
			const { user } = requireUser(c)
			const { board } = await visibleBoard(access, user, c.req.param('id'))
			const page: BoardRecognitions = {
				recognitions: await store.listOfBoard(board.id, MAX_LISTED_RECOGNITIONS),
			}
			return c.json(page, 200)
		})
		.post('/boards/:id/notes/:shapeId/recognitions', validate('json', recogniseNoteSchema), async (c) => {
			const { user } = requireUser(c)
			const { board } = await visibleBoard(access, user, c.req.param('id'))
			const shapeId = c.req.param('shapeId')
			if (!SHAPE_ID.test(shapeId)) throw noSuchNote()
			// From the board as the server holds it (its live room, loaded if nobody has it open).
			const note = await withRoom(rooms, board.id, (room) => readNote(room.doc, shapeId))
			if (!note) throw noSuchNote()
			if (note.authorId === user.id) throw notYourOwn()
			const recipient = note.authorId ? await storage.users.get(note.authorId) : undefined
			if (!recipient) {
				throw new AppError(
					'CONFLICT',
					'This note has no author the board knows of, so it cannot be recognised.',
				)
			}
			const recognition: Recognition = await give(user, {
				boardId: board.id,
				subject: { kind: 'note', shapeId },
				recipientId: recipient.id,
				message: c.req.valid('json').message,
				excerpt: note.excerpt,
			})
			return c.json(recognition, 201)
		})
		.post('/sessions/:id/recognitions', validate('json', recogniseSessionSchema), async (c) => {
			const { user } = requireUser(c)
			const id = c.req.param('id')
			if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) throw noSuchSession()
			const session = await storage.liveSessions.get(id)
			// A session is seen by whoever may view its board.
			if (!session || !(await access.board(user, session.boardId))) throw noSuchSession()
			const { recipientId, message } = c.req.valid('json')
			if (recipientId === user.id) throw notYourOwn()
			if (!session.participants.some((person) => person.id === recipientId)) {
				throw new AppError('VALIDATION', 'Some fields are not valid.', {
					issues: [{ path: 'recipientId', message: 'Not one of the people who took part in this session' }],
				})
			}
			const recognition: Recognition = await give(user, {
				boardId: session.boardId,
				subject: { kind: 'session', sessionId: session.id },
				recipientId,
				message,
				excerpt: session.title,
			})
			return c.json(recognition, 201)
		})
		.delete('/recognitions/:id', async (c) => {
			const { user } = requireUser(c)
			const id = c.req.param('id')
			// Only its giver withdraws it; for anyone else it is not there.
			const withdrawn = /^[A-Za-z0-9_-]{8,64}$/.test(id) && (await store.withdraw(id, user.id))
			if (!withdrawn) throw new AppError('NOT_FOUND', 'There is no such recognition of yours.')
			return c.body(null, 204)
		})
		.get('/people/:id', async (c) => {
			const { user } = requireUser(c)
			const personId = pathId(c.req.param('id'), 'person')
			const person = await storage.users.get(personId)
			// A person is seen by those who share a tribe with them (and by themselves); for anyone
			// else there is no such person, so that a page does not tell who has an account.
			const sharedTribes = person ? await store.sharedTribes(user.id, person.id) : []
			if (!person || (sharedTribes.length === 0 && person.id !== user.id)) throw notFound('person')
			const received = await store.listReceived(
				person.id,
				sharedTribes.map((tribe) => tribe.id),
				MAX_LISTED_RECOGNITIONS,
			)
			// Each contribution only where the reader may open its board today.
			const boardIds = [...new Set(received.map((recognition) => recognition.board.id))]
			const seen = new Set<string>()
			for (const [index, found] of (
				await Promise.all(boardIds.map((id) => access.board(user, id)))
			).entries()) {
				const boardId = boardIds[index]
				if (found && boardId) seen.add(boardId)
			}
			const profile: PersonProfile = {
				person: { id: person.id, displayName: person.displayName, color: person.color },
				sharedTribes,
				recognitions: received.filter((recognition) => seen.has(recognition.board.id)),
			}
			return c.json(profile, 200)
		})
}
