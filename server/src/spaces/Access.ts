import {
	type BoardPermissions,
	boardPermissions,
	type CirclePermissions,
	type CircleRelation,
	circlePermissions,
	NOT_SHARED,
	type SharedBoardRelation,
	type TribePermissions,
	type TribeRelation,
	tribePermissions,
} from '@circlespace/shared'
import type { BoardShareStore } from '../storage/BoardShareStore.ts'
import type {
	BoardInContext,
	BoardStore,
	CircleRecord,
	CircleStore,
	TribeRecord,
	TribeStore,
	User,
} from '../storage/Storage.ts'

/** A tribe someone may see, with what they may do with it. */
export interface TribeAccess {
	tribe: TribeRecord
	relation: TribeRelation
	can: TribePermissions
}

/** A circle someone may see, with its tribe and what they may do with it. */
export interface CircleAccess {
	circle: CircleRecord
	tribe: TribeRecord
	relation: CircleRelation
	can: CirclePermissions
}

/** A board someone may see, with its circle and tribe and what they may do with it. */
export interface BoardAccessResult extends BoardInContext {
	relation: CircleRelation
	/** The person's relation to the other circles the board is shared with (accepted shares). */
	shared: SharedBoardRelation
	/** The other circles the board is shared with (accepted), whoever asks. */
	sharedCircleIds: string[]
	can: BoardPermissions
}

/**
 * Looks up a person's roles around a tribe, circle or board and applies the permission
 * functions of `shared`. Every lookup answers undefined both for a thing that does not exist
 * and for one the person may not see, so that callers answer 404 for both.
 */
export class Access {
	readonly #tribes: TribeStore
	readonly #circles: CircleStore
	readonly #boards: BoardStore
	readonly #shares: BoardShareStore

	constructor(stores: {
		tribes: TribeStore
		circles: CircleStore
		boards: BoardStore
		boardShares: BoardShareStore
	}) {
		this.#tribes = stores.tribes
		this.#circles = stores.circles
		this.#boards = stores.boards
		this.#shares = stores.boardShares
	}

	async tribe(user: User, tribeId: string): Promise<TribeAccess | undefined> {
		const tribe = await this.#tribes.get(tribeId)
		if (!tribe) return undefined
		const relation: TribeRelation = {
			instanceRole: user.role,
			tribeRole: (await this.#tribes.roleOf(tribeId, user.id)) ?? null,
		}
		const can = tribePermissions(relation, tribe)
		return can.view ? { tribe, relation, can } : undefined
	}

	async circle(user: User, circleId: string): Promise<CircleAccess | undefined> {
		const circle = await this.#circles.get(circleId)
		if (!circle) return undefined
		const tribe = await this.#tribes.get(circle.tribeId)
		if (!tribe) return undefined
		const relation = await this.#relation(user, tribe.id, circle.id)
		const can = circlePermissions(relation, tribe)
		return can.view ? { circle, tribe, relation, can } : undefined
	}

	async board(user: User, boardId: string): Promise<BoardAccessResult | undefined> {
		const found = await this.#boards.getInContext(boardId)
		if (!found) return undefined
		const { board, circle } = found
		const state = { visibility: board.visibility, archived: board.archivedAt !== null, deleted: false }
		// A board of no circle (made before boards belonged to circles) is the admins' to read.
		const [relation, sharedWith] = circle
			? await Promise.all([
					this.#relation(user, circle.tribeId, circle.id),
					this.#shares.relationsOf(board.id, user.id),
				])
			: [{ instanceRole: user.role, tribeRole: null, circleRole: null } satisfies CircleRelation, []]
		const shared: SharedBoardRelation = sharedWith.reduce<SharedBoardRelation>(
			(best, other) => ({
				circleRole:
					best.circleRole === 'facilitator' ? best.circleRole : (other.circleRole ?? best.circleRole),
				steward: best.steward || other.tribeRole === 'steward',
			}),
			NOT_SHARED,
		)
		const can = circle
			? boardPermissions(relation, state, shared)
			: { view: user.role === 'admin', edit: false, manage: false }
		const sharedCircleIds = sharedWith.map((other) => other.circleId)
		return can.view ? { ...found, relation, shared, sharedCircleIds, can } : undefined
	}

	async #relation(user: User, tribeId: string, circleId: string): Promise<CircleRelation> {
		const [tribeRole, circleRole] = await Promise.all([
			this.#tribes.roleOf(tribeId, user.id),
			this.#circles.roleOf(circleId, user.id),
		])
		return { instanceRole: user.role, tribeRole: tribeRole ?? null, circleRole: circleRole ?? null }
	}
}
