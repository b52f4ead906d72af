import type { Board } from '@circlespace/shared'
import type { ReplayLine, RestoreReplay } from '@circlespace/shared/replay/index.ts'
import { api } from '../api/client.ts'
import { call, callResponse } from '../api/http.ts'
import type { ReplayRoute } from '../app/router.ts'

/**
 * Opens a board's replay and hands each line of the stream to `onLine` as it arrives (the
 * server sends what is replayed, then the start frame, then the log a page at a time), so the
 * player can start before the rest has come. Resolves when the stream ends.
 */
export async function readReplay(
	boardId: string,
	replay: ReplayRoute,
	onLine: (line: ReplayLine) => void,
	signal?: AbortSignal,
): Promise<void> {
	const response = await callResponse(
		api.api.boards[':id'].replay.$get({ param: { id: boardId }, query: replay }, { init: { signal } }),
	)
	const body = response.body
	if (!body) throw new Error('The replay arrived empty.')
	const reader = body.pipeThrough(new TextDecoderStream()).getReader()
	let pending = ''
	for (;;) {
		const { done, value } = await reader.read()
		if (done) break
		pending += value
		let newline = pending.indexOf('\n')
		while (newline !== -1) {
			const text = pending.slice(0, newline)
			pending = pending.slice(newline + 1)
			if (text) onLine(JSON.parse(text) as ReplayLine)
			newline = pending.indexOf('\n')
		}
	}
	if (pending.trim()) onLine(JSON.parse(pending) as ReplayLine)
}

/** Makes a new board of the circle holding the board as it was after log entry `at` (facilitators). */
export function restoreReplayMoment(boardId: string, input: RestoreReplay): Promise<Board> {
	return call(api.api.boards[':id'].replay.restore.$post({ param: { id: boardId }, json: input }))
}
