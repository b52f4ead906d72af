import type {
	BoardRecognitions,
	PersonProfile,
	Recognition,
} from '@circlespace/shared/recognition/recognitionApi.ts'
import { api } from '../api/client.ts'
import { call, callNoContent } from '../api/http.ts'

/** The recognitions of a board's notes and sessions, oldest first (viewers of the board). */
export function getBoardRecognitions(boardId: string, signal?: AbortSignal): Promise<BoardRecognitions> {
	return call(api.api.boards[':id'].recognitions.$get({ param: { id: boardId } }, { init: { signal } }))
}

/** Thanks the author of a note (the server reads who that is from the board). */
export function recogniseNote(boardId: string, shapeId: string, message: string): Promise<Recognition> {
	return call(
		api.api.boards[':id'].notes[':shapeId'].recognitions.$post({
			param: { id: boardId, shapeId },
			json: { message },
		}),
	)
}

/** Thanks one of those who took part in a past live session for their part in it. */
export function recogniseSession(
	sessionId: string,
	recipientId: string,
	message: string,
): Promise<Recognition> {
	return call(
		api.api.sessions[':id'].recognitions.$post({ param: { id: sessionId }, json: { recipientId, message } }),
	)
}

/** Withdraws a recognition one gave. */
export function withdrawRecognition(id: string): Promise<void> {
	return callNoContent(api.api.recognitions[':id'].$delete({ param: { id } }))
}

/** A person's page as the signed-in person may see it. */
export function getPersonProfile(personId: string, signal?: AbortSignal): Promise<PersonProfile> {
	return call(api.api.people[':id'].$get({ param: { id: personId } }, { init: { signal } }))
}
