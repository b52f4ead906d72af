import type { User } from '../storage/Storage.ts'
import type { Access, BoardAccessResult } from './Access.ts'
import { notAllowed, notFound, pathId } from './params.ts'

/** The board named by a path id, when `user` may see it; 404 otherwise (unknown or unseen alike). */
export async function visibleBoard(access: Access, user: User, rawId: string): Promise<BoardAccessResult> {
	const found = await access.board(user, pathId(rawId, 'board'))
	if (!found) throw notFound('board')
	return found
}

/**
 * The board named by a path id, when `user` may manage it: 404 when they may not see it, 403
 * with `refusal` when they see it but do not manage it.
 */
export async function managedBoard(
	access: Access,
	user: User,
	rawId: string,
	refusal = 'Only the facilitators of this circle may do this.',
): Promise<BoardAccessResult> {
	const found = await visibleBoard(access, user, rawId)
	if (!found.can.manage) throw notAllowed(refusal)
	return found
}
