import type { Home } from '@circlespace/shared'
import { api } from './client.ts'
import { call } from './http.ts'

/** My circles, my tribes and the recently changed boards of my circles. */
export function getHome(signal?: AbortSignal): Promise<Home> {
	return call(api.api.home.$get(undefined, { init: { signal } }))
}
