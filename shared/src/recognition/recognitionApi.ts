import { z } from 'zod'
import type { Person } from '../schemas/spaces.ts'

/** The words of thanks, at most (a few sentences; this is not a review). */
export const MAX_RECOGNITION_MESSAGE_LENGTH = 280

/** How many recognitions one person may give in an hour. */
export const MAX_RECOGNITIONS_PER_HOUR = 20

/** How many recognitions one contribution (a note, a session) may hold; each person gives at most one. */
export const MAX_RECOGNITIONS_PER_CONTRIBUTION = 30

/** How many recognitions a board's list, or a person's page, shows at most (the newest). */
export const MAX_LISTED_RECOGNITIONS = 200

/** The few words that go with a recognition: trimmed, 1–280 characters. */
export const recognitionMessageSchema = z.string().trim().min(1).max(MAX_RECOGNITION_MESSAGE_LENGTH)

/** `POST /api/boards/:id/notes/:shapeId/recognitions`: the recipient is the note's author, as stored. */
export const recogniseNoteSchema = z.strictObject({ message: recognitionMessageSchema })
/** Recognising a note. */
export type RecogniseNote = z.infer<typeof recogniseNoteSchema>

/** `POST /api/sessions/:id/recognitions`: the recipient must be one of the session's participants. */
export const recogniseSessionSchema = z.strictObject({
	recipientId: z.string().min(1).max(64),
	message: recognitionMessageSchema,
})
/** Recognising someone's part in a live session. */
export type RecogniseSession = z.infer<typeof recogniseSessionSchema>

/** What was recognised: a note on a board, or someone's part in a live session of it. */
export type RecognitionSubject = { kind: 'note'; shapeId: string } | { kind: 'session'; sessionId: string }

/** One recognition, as someone who may see its contribution sees it. */
export interface Recognition {
	id: string
	subject: RecognitionSubject
	/** The board the contribution is on (a session's board). */
	board: { id: string; title: string; journeyDay: number | null }
	circle: { id: string; name: string }
	tribe: { id: string; name: string }
	/** Who is thanked: a note's author as the board stored it, or a session's participant. */
	recipient: Person
	/** Who gives the thanks. */
	giver: Person
	message: string
	/** What was recognised, as it read then: the note's text (cut), or the session's title. */
	excerpt: string
	/** ISO timestamp. */
	createdAt: string
}

/** `GET /api/boards/:id/recognitions`: every recognition of the board's notes and sessions, oldest first. */
export interface BoardRecognitions {
	recognitions: Recognition[]
}

/**
 * `GET /api/people/:id`: a person as the viewer may see them, with what they were recognised for
 * in the tribes both belong to, on boards the viewer may open; newest first. No counts: nothing
 * here ranks people.
 */
export interface PersonProfile {
	person: Person
	/** The tribes both the viewer and the person belong to, by name. */
	sharedTribes: Array<{ id: string; name: string }>
	recognitions: Recognition[]
}
