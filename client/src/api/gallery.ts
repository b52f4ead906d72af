import type { GalleryPage, PresenceCounts } from '@circlespace/shared'
import { api } from './client.ts'
import { call } from './http.ts'

/** Filters and position of a gallery page, as the person chose them. */
export interface GalleryFilters {
	circle?: string
	day?: number
	cursor?: string
}

function queryOf(filters: GalleryFilters): Record<string, string> {
	const query: Record<string, string> = {}
	if (filters.circle) query.circle = filters.circle
	if (filters.day !== undefined) query.day = String(filters.day)
	if (filters.cursor) query.cursor = filters.cursor
	return query
}

/** A page of the boards the person may view across the tribe's circles, newest edit first. */
export function getTribeGallery(
	tribeId: string,
	filters: GalleryFilters,
	signal?: AbortSignal,
): Promise<GalleryPage> {
	return call(
		api.api.tribes[':id'].gallery.$get(
			{ param: { id: tribeId }, query: queryOf(filters) },
			{ init: { signal } },
		),
	)
}

/** A page of the instance's `instance`-visible boards, newest edit first. */
export function getInstanceGallery(filters: GalleryFilters, signal?: AbortSignal): Promise<GalleryPage> {
	return call(api.api.gallery.$get({ query: queryOf(filters) }, { init: { signal } }))
}

/** How many are on each of these boards now (only those the person may view are answered). */
export function getPresence(boardIds: readonly string[], signal?: AbortSignal): Promise<PresenceCounts> {
	return call(api.api.gallery.presence.$get({ query: { boards: boardIds.join(',') } }, { init: { signal } }))
}
