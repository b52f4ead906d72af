import { type RawBuilder, sql } from 'kysely'
import type { UserRole } from './Storage.ts'

/** Who is asking: the account, and whether it is the instance's admin. */
export interface BoardViewer {
	userId: string
	role: UserRole
}

/**
 * The rule of `boardPermissions` (shared/src/permissions) for viewing a board, written as SQL over
 * a query of `boards b join circles c on c.id = b.circle_id`, for lists that filter in the
 * database (search, the galleries) and then apply `boardPermissions` to each row once more:
 *
 * - `joins`: the viewer's membership of the board's circle (`cm`) and tribe (`tm`);
 * - `columns`: `circle_role`, `tribe_role`, and `shared_member` / `shared_steward` (1 or 0) for the
 *   circles the board is shared with (accepted), as `SharedBoardRelation` wants them;
 * - `mayView`: the condition itself.
 *
 * One place, so that every list answers as `boardPermissions` does (a rule added there, as
 * sharing was, is added here once).
 */
export function boardVisibilitySql(viewer: BoardViewer): {
	joins: RawBuilder<unknown>
	columns: RawBuilder<unknown>
	mayView: RawBuilder<unknown>
} {
	// Not a bound parameter: node:sqlite binds no booleans, and this is ours, not the viewer's.
	const admin = sql.raw(viewer.role === 'admin' ? '1 = 1' : '1 = 0')
	const sharedMember = sql`exists (select 1 from board_shares s
		join circle_members sm on sm.circle_id = s.circle_id and sm.user_id = ${viewer.userId}
		where s.board_id = b.id and s.state = 'accepted')`
	const sharedSteward = sql`exists (select 1 from board_shares s
		join circles sc on sc.id = s.circle_id
		join tribe_members st on st.tribe_id = sc.tribe_id and st.user_id = ${viewer.userId} and st.role = 'steward'
		where s.board_id = b.id and s.state = 'accepted')`
	return {
		joins: sql`left join circle_members cm on cm.circle_id = c.id and cm.user_id = ${viewer.userId}
		left join tribe_members tm on tm.tribe_id = c.tribe_id and tm.user_id = ${viewer.userId}`,
		columns: sql`cm.role as circle_role, tm.role as tribe_role,
		case when ${sharedMember} then 1 else 0 end as shared_member,
		case when ${sharedSteward} then 1 else 0 end as shared_steward`,
		mayView: sql`(
			${admin}
			or cm.role is not null
			or tm.role = 'steward'
			or b.visibility = 'instance'
			or (b.visibility = 'tribe' and tm.role is not null)
			or ${sharedMember}
			or ${sharedSteward}
		)`,
	}
}
