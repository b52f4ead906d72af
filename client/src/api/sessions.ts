import type {
	EndedSession,
	LiveSession,
	PastSession,
	StartSession,
	SummonTarget,
	UpdateSession,
} from '@circlespace/shared'
import { api } from './client.ts'
import { call, callNoContent } from './http.ts'

/** The session running on a board, or null. */
export function getLiveSession(boardId: string, signal?: AbortSignal): Promise<LiveSession | null> {
	return call(api.api.boards[':id'].session.$get({ param: { id: boardId } }, { init: { signal } }))
}

/** Starts a live session on a board (facilitators). */
export function startLiveSession(boardId: string, input: StartSession): Promise<LiveSession> {
	return call(api.api.boards[':id'].session.$post({ param: { id: boardId }, json: input }))
}

/** Moves to another agenda item, changes the timer or turns "follow me" on or off (facilitators). */
export function updateLiveSession(boardId: string, changes: UpdateSession): Promise<LiveSession> {
	return call(api.api.boards[':id'].session.$patch({ param: { id: boardId }, json: changes }))
}

/** Brings everyone on the board to this view (facilitators). */
export function summonEveryone(boardId: string, target: SummonTarget): Promise<void> {
	return callNoContent(api.api.boards[':id'].session.summon.$post({ param: { id: boardId }, json: target }))
}

/** Ends the session; the board is kept as a snapshot (facilitators). */
export function endLiveSession(boardId: string): Promise<EndedSession> {
	return call(api.api.boards[':id'].session.end.$post({ param: { id: boardId } }))
}

/** The circle's past sessions on the boards the person may view, newest first. */
export function listCircleSessions(circleId: string, signal?: AbortSignal): Promise<PastSession[]> {
	return call(api.api.circles[':id'].sessions.$get({ param: { id: circleId } }, { init: { signal } }))
}
