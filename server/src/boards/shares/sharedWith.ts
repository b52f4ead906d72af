import type { Board, SharedCircle } from '@circlespace/shared'
import type { BoardAccessResult } from '../../spaces/Access.ts'
import { boardView } from '../../spaces/views.ts'
import type { BoardShareRecord } from '../../storage/BoardShareStore.ts'
import type { Storage, User } from '../../storage/Storage.ts'

/**
 * Whether `user` may know of a share's circle: a circle is as visible as its tribe (not private,
 * or they are in it, or they are an admin). Memoised per tribe for one answer.
 */
export function circleVisibility(storage: Pick<Storage, 'tribes'>, user: User) {
	const tribes = new Map<string, Promise<boolean>>()
	return (circle: BoardShareRecord['circle']): Promise<boolean> => {
		if (user.role === 'admin' || circle.tribeVisibility !== 'private') return Promise.resolve(true)
		let known = tribes.get(circle.tribeId)
		if (known === undefined) {
			known = storage.tribes.roleOf(circle.tribeId, user.id).then((role) => role !== undefined)
			tribes.set(circle.tribeId, known)
		}
		return known
	}
}

/**
 * The "shared with" of each of `boardIds`: the circles each is shared with (accepted), by name,
 * leaving out circles `user` may not know of (a private tribe they are not in): a share does not
 * reveal a circle to those who could not see it otherwise.
 */
export async function sharedWithOf(
	storage: Pick<Storage, 'tribes' | 'boardShares'>,
	user: User,
	boardIds: readonly string[],
): Promise<Map<string, SharedCircle[]>> {
	const visible = circleVisibility(storage, user)
	const byBoard = new Map<string, SharedCircle[]>(boardIds.map((id) => [id, []]))
	for (const share of await storage.boardShares.acceptedOfBoards(boardIds)) {
		if (!(await visible(share.circle))) continue
		byBoard.get(share.boardId)?.push({ circleId: share.circle.id, circleName: share.circle.name })
	}
	return byBoard
}

/** One board as the API shows it, with its "shared with". */
export async function sharedBoardView(
	storage: Pick<Storage, 'tribes' | 'boardShares'>,
	user: User,
	found: BoardAccessResult,
): Promise<Board> {
	const sharedWith = (await sharedWithOf(storage, user, [found.board.id])).get(found.board.id) ?? []
	return { ...boardView(found, found.can), sharedWith }
}
