import type { Board, BoardPermissions, Circle, CircleRole, Tribe } from '@circlespace/shared'
import type { BoardInContext, CircleRecord, TribeRecord, TribeSummary } from '../storage/Storage.ts'

/** A tribe as the API shows it. */
export function tribeView(summary: TribeSummary): Tribe {
	return {
		id: summary.id,
		name: summary.name,
		description: summary.description,
		kind: summary.kind,
		visibility: summary.visibility,
		myRole: summary.myRole,
		circleCount: summary.circleCount,
		memberCount: summary.memberCount,
		createdAt: summary.createdAt,
	}
}

/** A circle as the API shows it to one person. */
export function circleView(
	circle: CircleRecord,
	tribe: Pick<TribeRecord, 'name'>,
	me: { role: CircleRole | null; requestPending: boolean },
): Circle {
	return {
		id: circle.id,
		tribeId: circle.tribeId,
		tribeName: tribe.name,
		name: circle.name,
		description: circle.description,
		capacity: circle.capacity,
		memberCount: circle.memberCount,
		myRole: me.role,
		myRequestPending: me.requestPending,
		createdAt: circle.createdAt,
	}
}

/** A board as the API shows it to one person, given what they may do with it. */
export function boardView({ board, circle }: BoardInContext, can: BoardPermissions): Board {
	return {
		id: board.id,
		circleId: circle?.id ?? '',
		circleName: circle?.name ?? '',
		tribeId: circle?.tribeId ?? '',
		tribeName: circle?.tribeName ?? '',
		title: board.title,
		visibility: board.visibility,
		archivedAt: board.archivedAt,
		createdAt: board.createdAt,
		updatedAt: board.updatedAt,
		access: can.edit ? 'edit' : 'view',
		canManage: can.manage,
		journeyDay: board.journeyDay,
	}
}
