import type { InstanceInfo, InstanceSettings } from '@circlespace/shared'
import { api } from './client.ts'
import { call } from './http.ts'

/** The instance's settings and what the signed-in person may do on it. */
export function getInstance(signal?: AbortSignal): Promise<InstanceInfo> {
	return call(api.api.instance.$get(undefined, { init: { signal } }))
}

/** Changes the sign-up policy or tribe claiming (admins only). */
export function updateInstanceSettings(changes: Partial<InstanceSettings>): Promise<InstanceSettings> {
	return call(api.api.instance.settings.$patch({ json: changes }))
}
