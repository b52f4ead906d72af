import type {
	Circle,
	CircleDetail,
	CreateCircle,
	CreateTribe,
	Tribe,
	TribeDetail,
	TribeMember,
	UpdateTribe,
} from '@circlespace/shared'
import { api } from './client.ts'
import { call, callNoContent } from './http.ts'

/** Every tribe the signed-in person may see. */
export function listTribes(signal?: AbortSignal): Promise<Tribe[]> {
	return call(api.api.tribes.$get(undefined, { init: { signal } }))
}

/** Convenes (admin) or claims (member, when allowed) a tribe; its creator becomes its steward. */
export function createTribe(input: CreateTribe): Promise<TribeDetail> {
	return call(api.api.tribes.$post({ json: input }))
}

/** One tribe with what the person may do with it; 404 when it does not exist or is private. */
export function getTribe(id: string, signal?: AbortSignal): Promise<TribeDetail> {
	return call(api.api.tribes[':id'].$get({ param: { id } }, { init: { signal } }))
}

/** Renames a tribe, or changes its description or visibility (stewards). */
export function updateTribe(id: string, changes: UpdateTribe): Promise<TribeDetail> {
	return call(api.api.tribes[':id'].$patch({ param: { id }, json: changes }))
}

/** Joins an open tribe. */
export function joinTribe(id: string): Promise<TribeDetail> {
	return call(api.api.tribes[':id'].join.$post({ param: { id } }))
}

/** The tribe's members and stewards (for its members and managers). */
export function listTribeMembers(id: string, signal?: AbortSignal): Promise<TribeMember[]> {
	return call(api.api.tribes[':id'].members.$get({ param: { id } }, { init: { signal } }))
}

/** Names the account with this email address a steward of the tribe; answers the new member list. */
export function addSteward(id: string, email: string): Promise<TribeMember[]> {
	return call(api.api.tribes[':id'].stewards.$post({ param: { id }, json: { email } }))
}

/** Removes someone from the tribe (stewards), or leaves it (one's own id). */
export function removeTribeMember(id: string, userId: string): Promise<void> {
	return callNoContent(api.api.tribes[':id'].members[':userId'].$delete({ param: { id, userId } }))
}

/** The circles of a tribe. */
export function listTribeCircles(id: string, signal?: AbortSignal): Promise<Circle[]> {
	return call(api.api.tribes[':id'].circles.$get({ param: { id } }, { init: { signal } }))
}

/** Sets up a circle in the tribe; its creator becomes its first facilitator. */
export function createCircle(tribeId: string, input: CreateCircle): Promise<CircleDetail> {
	return call(api.api.tribes[':id'].circles.$post({ param: { id: tribeId }, json: input }))
}
