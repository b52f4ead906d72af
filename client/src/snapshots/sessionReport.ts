import type { Board, PastSession, SnapshotInfo } from '@circlespace/shared'
import { api } from '../api/client.ts'
import { call } from '../api/http.ts'
import { formatDateTime } from '../ui/dates.ts'
import type { SessionCover } from './pdf.ts'

/** "1 h 5 min", "25 min", "less than a minute". */
export function formatDuration(ms: number): string {
	const minutes = Math.round(ms / 60_000)
	if (minutes < 1) return 'less than a minute'
	const hours = Math.floor(minutes / 60)
	const rest = minutes % 60
	if (hours === 0) return `${rest} min`
	return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`
}

/** The cover of a session report, from the session that ended with this snapshot. */
export function sessionCoverOf(board: Board, session: PastSession): SessionCover {
	return {
		circleName: board.circleName,
		title: session.title,
		date: formatDateTime(session.startedAt),
		duration: formatDuration(session.durationMs),
		participants: session.participants.map((person) => person.displayName),
		agenda: session.agenda,
	}
}

/**
 * Finds the live session a snapshot ended (among its circle's past sessions) and makes the
 * report's cover; rejects when the session is not found (e.g. its board moved circles).
 */
export async function loadSessionCover(board: Board, snapshot: SnapshotInfo): Promise<SessionCover> {
	const sessions = await call(api.api.circles[':id'].sessions.$get({ param: { id: board.circleId } }))
	const session = sessions.find((candidate) => candidate.snapshot?.id === snapshot.id)
	if (!session) throw new Error('The session of this snapshot could not be found.')
	return sessionCoverOf(board, session)
}
