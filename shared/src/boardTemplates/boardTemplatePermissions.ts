import type { BoardState, CircleRelation, TribeRelation } from '../permissions/permissions.ts'

/** What may be done with one board template of a tribe. */
export interface BoardTemplatePermissions {
	/** See it and start boards from it (otherwise it answers 404). */
	view: boolean
	/** Rename it, change its description, delete it. */
	edit: boolean
}

function stewardOrAdmin(relation: TribeRelation): boolean {
	return relation.instanceRole === 'admin' || relation.tribeRole === 'steward'
}

/**
 * Whether someone may see a tribe's board templates: its members (everyone in one of its circles
 * is one), its stewards and admins. Everyone else sees nothing of them, even where they may see
 * the tribe.
 */
export function mayReadBoardTemplates(relation: TribeRelation): boolean {
	return stewardOrAdmin(relation) || relation.tribeRole !== null
}

/**
 * One board template. Those who read the tribe's templates see it; the person who saved it, the
 * tribe's stewards and admins change and delete it. Someone who saved it and has since left the
 * tribe sees it no more.
 */
export function boardTemplatePermissions(
	relation: TribeRelation,
	template: { savedByThem: boolean },
): BoardTemplatePermissions {
	const view = mayReadBoardTemplates(relation)
	return { view, edit: view && (stewardOrAdmin(relation) || template.savedByThem) }
}

/**
 * Whether someone may save a board as a template of its circle's tribe: those who manage the
 * board (the circle's facilitators, the tribe's stewards, admins). Saving shares the board's
 * content with the whole tribe, which is theirs to decide; a member or a reader may not.
 */
export function maySaveBoardAsTemplate(relation: CircleRelation, board: BoardState): boolean {
	if (board.deleted) return false
	return stewardOrAdmin(relation) || relation.circleRole === 'facilitator'
}

/**
 * Whether someone may start a new board of a circle from one of its tribe's templates: those who
 * create the circle's boards (its facilitators, the tribe's stewards, admins), who all read the
 * tribe's templates.
 */
export function mayStartBoardFromTemplate(relation: CircleRelation): boolean {
	return (
		(stewardOrAdmin(relation) || relation.circleRole === 'facilitator') && mayReadBoardTemplates(relation)
	)
}
