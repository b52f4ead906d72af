import type { LiveVote, MyDots, StartVote, VoteState } from '@circlespace/shared'
import { api } from '../api/client.ts'
import { call } from '../api/http.ts'

/** The board's running vote (or the last of the session) and one's own dots. */
export function getVoteState(boardId: string, signal?: AbortSignal): Promise<VoteState> {
	return call(api.api.boards[':id'].vote.$get({ param: { id: boardId } }, { init: { signal } }))
}

/** Starts a dot vote in the board's live session (facilitators). */
export function startVote(boardId: string, input: StartVote): Promise<LiveVote> {
	return call(api.api.boards[':id'].vote.$post({ param: { id: boardId }, json: input }))
}

/** Ends the running vote: its totals go onto the notes (facilitators). */
export function endVote(boardId: string): Promise<LiveVote> {
	return call(api.api.boards[':id'].vote.end.$post({ param: { id: boardId } }))
}

/** Puts one of one's dots on a note. */
export function castDot(boardId: string, shapeId: string): Promise<MyDots> {
	return call(api.api.boards[':id'].vote.dots.$post({ param: { id: boardId }, json: { shapeId } }))
}

/** Takes one's dot off a note. */
export function takeBackDot(boardId: string, shapeId: string): Promise<MyDots> {
	return call(api.api.boards[':id'].vote.dots[':shapeId'].$delete({ param: { id: boardId, shapeId } }))
}
