import type {
	CreatedGuestLink,
	CreateGuestLink,
	GuestLink,
	GuestLinkPreview,
	GuestSelf,
} from '@circlespace/shared'
import { api } from '../api/client.ts'
import { call, callNoContent } from '../api/http.ts'

// Calls of the guest routes (docs/API.md, "Guests"). The guest's own calls never report a 401
// as a lost account session: a guest has none, and a link that ended is told by the guest page.

/** The guest links of a board, newest first, ended ones included (those who manage the board). */
export function listGuestLinks(boardId: string, signal?: AbortSignal): Promise<GuestLink[]> {
	return call(api.api.boards[':id']['guest-links'].$get({ param: { id: boardId } }, { init: { signal } }))
}

/** Makes a guest link of a board; its token is in the answer, and only there. */
export function createGuestLink(boardId: string, input: CreateGuestLink): Promise<CreatedGuestLink> {
	return call(api.api.boards[':id']['guest-links'].$post({ param: { id: boardId }, json: input }))
}

/** Revokes a guest link: its guests' live connections close at once. */
export function revokeGuestLink(boardId: string, linkId: string): Promise<void> {
	return callNoContent(
		api.api.boards[':id']['guest-links'][':linkId'].$delete({ param: { id: boardId, linkId } }),
	)
}

/** What a guest link leads to, for anyone holding it; 404 for an unknown token. */
export function previewGuestLink(
	token: string,
	signal?: AbortSignal,
): Promise<GuestLinkPreview & { joined: boolean }> {
	return call(api.api['guest-links'][':token'].$get({ param: { token } }, { init: { signal } }), {
		quietUnauthenticated: true,
	})
}

/** Gives a name through a guest link: the browser gets the guest's cookie. */
export function joinAsGuest(token: string, name: string): Promise<GuestSelf> {
	return call(api.api['guest-links'][':token'].join.$post({ param: { token }, json: { name } }), {
		quietUnauthenticated: true,
	})
}

/** Who this browser is as a guest; 401 once the link no longer works. */
export function getGuestSelf(signal?: AbortSignal): Promise<GuestSelf> {
	return call(api.api.guest.me.$get({}, { init: { signal } }), { quietUnauthenticated: true })
}

/** Ends this browser's guest session (the cookie goes). */
export function leaveAsGuest(): Promise<void> {
	return callNoContent(api.api.guest.leave.$post({}), { quietUnauthenticated: true })
}
