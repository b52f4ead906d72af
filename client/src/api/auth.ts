import type { InferResponseType } from 'hono/client'
import { api } from './client.ts'
import { call, callNoContent } from './http.ts'

/** The signed-in account as the API returns it (`GET /api/auth/me`). */
export type User = InferResponseType<typeof api.api.auth.me.$get, 200>

/** The signed-in account; rejects with an `ApiError` of status 401 when nobody is signed in. */
export function getMe(signal?: AbortSignal): Promise<User> {
	return call(api.api.auth.me.$get(undefined, { init: { signal } }), { quietUnauthenticated: true })
}

/** Signs in and returns the account; a wrong email or password answers 401, too many tries 429. */
export function signIn(input: { email: string; password: string }): Promise<User> {
	return call(api.api.auth.signin.$post({ json: input }), { quietUnauthenticated: true })
}

/** Creates an account (and signs it in). */
export function signUp(input: {
	email: string
	displayName: string
	password: string
	invitationToken?: string
}): Promise<User> {
	return call(api.api.auth.signup.$post({ json: input }), { quietUnauthenticated: true })
}

/** Ends this browser's session. */
export function signOut(): Promise<void> {
	return callNoContent(api.api.auth.signout.$post(), { quietUnauthenticated: true })
}

/** Ends every session of the account, on every device (this one included). */
export function signOutEverywhere(): Promise<void> {
	return callNoContent(api.api.auth['signout-all'].$post())
}

/** Changes the password; the account's other sessions end. */
export function changePassword(input: { currentPassword: string; newPassword: string }): Promise<void> {
	return callNoContent(api.api.auth.password.$post({ json: input }))
}

/** Changes the name and cursor colour others see. */
export function updateProfile(input: { displayName?: string; color?: string }): Promise<User> {
	return call(api.api.auth.me.$patch({ json: input }))
}
