import { orgMapQuerySchema } from '@circlespace/shared'
import { Hono } from 'hono'
import type { Clock } from '../auth/Clock.ts'
import { requireUser } from '../auth/requireUser.ts'
import type { AuthEnv } from '../auth/sessionMiddleware.ts'
import { validate } from '../http/validate.ts'
import { type OrgMapDeps, readOrgMap } from './readOrgMap.ts'

/** What the map route needs. */
export interface OrgMapRoutesDeps extends OrgMapDeps {
	clock: Clock
}

/**
 * `GET /api/map`, mounted at `/api`: the organisation map of the instance as the asking person
 * may see it (see {@link readOrgMap}). One bounded answer; the web app asks again while the
 * page is visible.
 */
export function orgMapRoutes(deps: OrgMapRoutesDeps) {
	return new Hono<AuthEnv>().get('/map', validate('query', orgMapQuerySchema), async (c) => {
		const { user } = requireUser(c)
		return c.json(await readOrgMap(deps, user, deps.clock.now()), 200)
	})
}
