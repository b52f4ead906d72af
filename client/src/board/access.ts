import type { Board } from '@circlespace/shared'

/**
 * Why the person may only look at this board, in a sentence, or null when they may edit it.
 * Archived wins: even the circle's members only read an archived board.
 */
export function viewOnlyReason(
	board: Pick<Board, 'access' | 'archivedAt' | 'visibility' | 'circleName' | 'canManage'>,
): string | null {
	if (board.archivedAt) return 'This board is archived: it can be read but no longer changed.'
	if (board.access === 'edit') return null
	const circle = board.circleName || 'its circle'
	if (board.canManage) return `You manage this board, but only members of ${circle} change its content.`
	switch (board.visibility) {
		case 'tribe':
			return `${circle} shares this board with your tribe: you can look, its members edit.`
		case 'instance':
			return `${circle} shares this board with everyone here: you can look, its members edit.`
		case 'circle':
			return `Only members of ${circle} edit this board.`
	}
}

/** What changed, said politely, when the server reports that the person's access changed. */
export function accessChangeNotice(before: Board['access'] | null, after: Board | null): string {
	if (!after) return 'Your access to this board changed.'
	const now = viewOnlyReason(after) === null ? 'edit' : 'view'
	if (before === 'edit' && now === 'view') {
		return after.archivedAt
			? 'This board was just archived: you can still read it, but not change it.'
			: 'Your access to this board changed: you can now view it, but not edit it.'
	}
	if (before === 'view' && now === 'edit') return 'You can edit this board now.'
	return 'Your access to this board was checked again: nothing changes for you.'
}
