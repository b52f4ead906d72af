import type { SignupPolicy } from '@circlespace/shared'
import { api } from './client.ts'
import { call } from './http.ts'

/** What the browser needs to know about the instance before anyone signs in (`GET /api/config`). */
export interface ClientConfig {
	tldrawLicenseKey: string | null
	/** Whether anyone may create an account, or only people holding an invitation link. */
	signupPolicy: SignupPolicy
	/** False on a fresh instance: the first account to be created becomes its admin. */
	hasAccounts: boolean
}

/** Reads the instance configuration. */
export function getConfig(signal?: AbortSignal): Promise<ClientConfig> {
	return call(api.api.config.$get(undefined, { init: { signal } }))
}
