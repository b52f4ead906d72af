import {
	type Board,
	type Home,
	type InstanceInfo,
	instancePermissions,
	updateInstanceSettingsSchema,
} from '@circlespace/shared'
import { Hono } from 'hono'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { validate } from '../http/validate.ts'
import { notAllowed } from './params.ts'
import type { SpacesDeps } from './SpacesDeps.ts'
import { boardView, circleView, tribeView } from './views.ts'

const RECENT_BOARDS = 12

/** `/api/instance`: the instance's settings (changed by admins only). */
export function instanceRoutes(deps: SpacesDeps) {
	const { storage } = deps
	return new Hono<AuthEnv>()
		.get('/', async (c) => {
			const { user } = requireUser(c)
			const settings = await storage.settings.get()
			const anyTribe = (await storage.tribes.listVisible(user.id, { includePrivate: true })).length > 0
			const info: InstanceInfo = {
				settings,
				can: instancePermissions(user.role, settings),
				firstRun: !anyTribe,
			}
			return c.json(info, 200)
		})
		.patch('/settings', validate('json', updateInstanceSettingsSchema), async (c) => {
			const { user } = requireUser(c)
			if (!instancePermissions(user.role, await storage.settings.get()).manageSettings) {
				throw notAllowed('Only an admin may change the settings of this instance.')
			}
			return c.json(await storage.settings.update(c.req.valid('json')), 200)
		})
}

/** `/api/home`: my circles, my tribes and the recently changed boards of my circles. */
export function homeRoutes(deps: SpacesDeps) {
	const { storage, access } = deps
	return new Hono<AuthEnv>().get('/', async (c) => {
		const { user } = requireUser(c)
		const [circles, tribes, recent] = await Promise.all([
			storage.circles.listOfMember(user.id),
			storage.tribes.listVisible(user.id, { includePrivate: false }),
			storage.boards.listRecentOfMember(user.id, RECENT_BOARDS),
		])
		const recentBoards: Board[] = []
		for (const { board } of recent) {
			const found = await access.board(user, board.id)
			if (found) recentBoards.push(boardView(found, found.can))
		}
		const home: Home = {
			circles: circles.map((circle) =>
				circleView(circle, { name: circle.tribeName }, { role: circle.role, requestPending: false }),
			),
			tribes: tribes.filter((tribe) => tribe.myRole !== null).map(tribeView),
			recentBoards,
		}
		return c.json(home, 200)
	})
}
