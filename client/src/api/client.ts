import type { AppType } from '@circlespace/server/app'
import { hc } from 'hono/client'

/**
 * The typed API client: routes, inputs and outputs come from the server's own route
 * definitions (`AppType`), so a changed route breaks the client's type check, not a user.
 */
export const api = hc<AppType>(typeof window === 'undefined' ? 'http://localhost/' : window.location.origin)
