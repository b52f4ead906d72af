import type { BoardPermissions, CirclePermissions } from '../../permissions/permissions.ts'
import type { BoardShareState } from './boardShareSchemas.ts'

/**
 * What offering a board to a circle does for one person: `forbidden` (they do not manage the
 * board: 403), `unknown_circle` (they may not see the circle: 404, as for one that does not
 * exist), `offered` (the receiving circle's facilitators decide), or `accepted` at once.
 */
export type BoardShareOffer = 'forbidden' | 'unknown_circle' | 'offered' | 'accepted'

/**
 * Offering a board to another circle. Those who manage the board (its circle's facilitators, the
 * stewards of its tribe, admins) offer it to any circle they may see. Someone who could also accept
 * for the receiving circle (who manages it: its facilitators, its tribe's stewards, admins) shares
 * it at once, which is how a steward shares within their own tribe directly: an offer they would
 * answer themselves would only be a step more.
 */
export function boardShareOffer(
	onBoard: Pick<BoardPermissions, 'manage'>,
	onCircle: Pick<CirclePermissions, 'view' | 'manage'>,
): BoardShareOffer {
	if (!onBoard.manage) return 'forbidden'
	if (!onCircle.view) return 'unknown_circle'
	return onCircle.manage ? 'accepted' : 'offered'
}

/** What one person may do with one share of a board. */
export interface BoardSharePermissions {
	/** See the share (in the board's list of shares, or among the circle's offers). */
	see: boolean
	/** Accept or decline it: an offer to a circle they manage. */
	answer: boolean
	/**
	 * End it: the receiving circle withdraws (those who manage it), or the board's side ends the
	 * share or takes an offer back (those who manage the board).
	 */
	end: boolean
}

/**
 * Permissions on one share, from the person's permissions on the shared board (through its own
 * circle, `boardPermissions`) and on the receiving circle (`circlePermissions`). Members of the
 * receiving circle edit the board but do not decide its shares; a facilitator of a third circle
 * has nothing to do with them.
 */
export function boardSharePermissions(
	onBoard: Pick<BoardPermissions, 'manage'>,
	onCircle: Pick<CirclePermissions, 'manage'>,
	state: BoardShareState,
): BoardSharePermissions {
	const end = onBoard.manage || onCircle.manage
	return { see: end, answer: state === 'offered' && onCircle.manage, end }
}
