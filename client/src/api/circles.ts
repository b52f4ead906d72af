import type {
	CircleDetail,
	CircleMember,
	CircleRole,
	CreatedInvitation,
	CreateInvitation,
	Invitation,
	JoinRequest,
	UpdateCircle,
} from '@circlespace/shared'
import { api } from './client.ts'
import { call, callNoContent } from './http.ts'

/** One circle with what the person may do with it. */
export function getCircle(id: string, signal?: AbortSignal): Promise<CircleDetail> {
	return call(api.api.circles[':id'].$get({ param: { id } }, { init: { signal } }))
}

/** Renames a circle, or changes its description or capacity (its managers). */
export function updateCircle(id: string, changes: UpdateCircle): Promise<CircleDetail> {
	return call(api.api.circles[':id'].$patch({ param: { id }, json: changes }))
}

/** Who is in the circle, with their roles. */
export function listCircleMembers(id: string, signal?: AbortSignal): Promise<CircleMember[]> {
	return call(api.api.circles[':id'].members.$get({ param: { id } }, { init: { signal } }))
}

/** Makes a member a facilitator, or a facilitator a plain member; answers the new member list. */
export function setCircleRole(id: string, userId: string, role: CircleRole): Promise<CircleMember[]> {
	return call(api.api.circles[':id'].members[':userId'].$put({ param: { id, userId }, json: { role } }))
}

/** Removes a member (managers), or leaves the circle (one's own id). */
export function removeCircleMember(id: string, userId: string): Promise<void> {
	return callNoContent(api.api.circles[':id'].members[':userId'].$delete({ param: { id, userId } }))
}

/** The circle's invitation links, including expired and revoked ones. */
export function listInvitations(id: string, signal?: AbortSignal): Promise<Invitation[]> {
	return call(api.api.circles[':id'].invitations.$get({ param: { id } }, { init: { signal } }))
}

/** Creates an invitation link; the answer holds its token, which is never shown again. */
export function createInvitation(id: string, input: CreateInvitation): Promise<CreatedInvitation> {
	return call(api.api.circles[':id'].invitations.$post({ param: { id }, json: input }))
}

/** Revokes an invitation link: nobody can join with it any more. */
export function revokeInvitation(id: string, invitationId: string): Promise<void> {
	return callNoContent(
		api.api.circles[':id'].invitations[':invitationId'].$delete({ param: { id, invitationId } }),
	)
}

/** Requests waiting for a facilitator's answer. */
export function listJoinRequests(id: string, signal?: AbortSignal): Promise<JoinRequest[]> {
	return call(api.api.circles[':id']['join-requests'].$get({ param: { id } }, { init: { signal } }))
}

/** Asks the circle's facilitators to let the signed-in person in. */
export function requestToJoin(id: string): Promise<void> {
	return callNoContent(api.api.circles[':id']['join-requests'].$post({ param: { id } }))
}

/** Approves or declines a join request; approving a full circle answers 409. */
export function decideJoinRequest(requestId: string, decision: 'approve' | 'decline'): Promise<void> {
	return callNoContent(
		api.api['join-requests'][':id'].$post({ param: { id: requestId }, json: { decision } }),
	)
}
