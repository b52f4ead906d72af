import type { Board } from '@circlespace/shared'
import type { Access } from '../../spaces/Access.ts'
import { boardView } from '../../spaces/views.ts'
import type { Storage, User } from '../../storage/Storage.ts'
import { sharedWithOf } from './sharedWith.ts'

/**
 * A circle's board list as `GET /api/circles/:id/boards` answers it: its own boards (`own`, the
 * ones `user` may read), then the boards other circles shared with it (accepted) that `user` may
 * read, each with its "shared with"; most recently changed first. A shared board keeps its own
 * circle in `circleId`/`circleName`, which is how a list tells "shared by Circle A".
 */
export async function circleBoardList(
	deps: { storage: Pick<Storage, 'tribes' | 'boardShares'>; access: Pick<Access, 'board'> },
	user: User,
	circleId: string,
	own: Board[],
	options: { includeArchived: boolean },
): Promise<Board[]> {
	const shared: Board[] = []
	for (const boardId of await deps.storage.boardShares.boardsSharedInto(circleId)) {
		const found = await deps.access.board(user, boardId)
		if (!found || (found.board.archivedAt !== null && !options.includeArchived)) continue
		shared.push(boardView(found, found.can))
	}
	const all = [...own, ...shared]
	const sharedWith = await sharedWithOf(
		deps.storage,
		user,
		all.map((board) => board.id),
	)
	return all
		.map((board) => ({ ...board, sharedWith: sharedWith.get(board.id) ?? [] }))
		.sort(
			(a, b) =>
				b.updatedAt.localeCompare(a.updatedAt) ||
				b.createdAt.localeCompare(a.createdAt) ||
				a.id.localeCompare(b.id),
		)
}
