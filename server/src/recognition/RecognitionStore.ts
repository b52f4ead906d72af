import type { Recognition, RecognitionSubject } from '@circlespace/shared/recognition/recognitionApi.ts'

/** What is needed to store a recognition (already checked: the giver may see it, is not the recipient). */
export interface NewRecognition {
	id: string
	boardId: string
	subject: RecognitionSubject
	recipientId: string
	giverId: string
	message: string
	excerpt: string
	createdAt: Date
}

/** The result of {@link RecognitionStore.give}. */
export type GiveOutcome =
	| { outcome: 'given'; recognition: Recognition }
	/** The giver already recognised this contribution. */
	| { outcome: 'already' }
	/** The contribution holds as many recognitions as it may. */
	| { outcome: 'full' }

/**
 * Recognitions people gave each other's contributions (`server/src/recognition/`). Rows go with
 * their board, their giver or their recipient. Who may give or read one is decided by the
 * routes; the store only keeps them and answers in the one shape the API shows.
 */
export interface RecognitionStore {
	/**
	 * Stores a recognition unless the giver already gave one to the same contribution, or the
	 * contribution already holds `maxPerContribution`.
	 */
	give(recognition: NewRecognition, maxPerContribution: number): Promise<GiveOutcome>
	/** One recognition, or undefined. */
	get(id: string): Promise<Recognition | undefined>
	/** Withdraws a recognition; false when there is none by this giver with this id. */
	withdraw(id: string, giverId: string): Promise<boolean>
	/** How many recognitions a person gave after `since`, and when the first of them was. */
	givenSince(giverId: string, since: Date): Promise<{ count: number; firstAt: Date | null }>
	/** The recognitions of a board's notes and sessions, oldest first, at most `limit` (the newest). */
	listOfBoard(boardId: string, limit: number): Promise<Recognition[]>
	/**
	 * The recognitions a person received on boards of these tribes, newest first, at most `limit`.
	 * The caller still checks each board against the reader.
	 */
	listReceived(recipientId: string, tribeIds: readonly string[], limit: number): Promise<Recognition[]>
	/** The tribes both people are members of, by name. */
	sharedTribes(a: string, b: string): Promise<Array<{ id: string; name: string }>>
}
