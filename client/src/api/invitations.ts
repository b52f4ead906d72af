import type { CircleDetail, InvitationPreview } from '@circlespace/shared'
import { api } from './client.ts'
import { call } from './http.ts'

/** What an invitation link leads to; needs no sign-in. 404 for an unknown token. */
export function previewInvitation(token: string, signal?: AbortSignal): Promise<InvitationPreview> {
	return call(api.api.invitations[':token'].$get({ param: { token } }, { init: { signal } }), {
		quietUnauthenticated: true,
	})
}

/** Joins the circle of an invitation link; 409 with a readable reason when it cannot be used. */
export function acceptInvitation(token: string): Promise<CircleDetail> {
	return call(api.api.invitations[':token'].accept.$post({ param: { token } }))
}
