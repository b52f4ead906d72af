import { api } from './client.ts'
import { call } from './http.ts'

/** What the operator configured that the browser needs to know. */
export interface ClientConfig {
	tldrawLicenseKey: string | null
}

/** Reads the instance configuration (`GET /api/config`). */
export function getConfig(signal?: AbortSignal): Promise<ClientConfig> {
	return call(api.api.config.$get(undefined, { init: { signal } }))
}
