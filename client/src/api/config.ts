import { requestJson } from './http.ts'

/** What the operator configured that the browser needs to know. */
export interface ClientConfig {
	tldrawLicenseKey: string | null
}

/** Reads the instance configuration (`GET /api/config`). */
export function getConfig(signal?: AbortSignal): Promise<ClientConfig> {
	return requestJson<ClientConfig>('/api/config', { signal })
}
