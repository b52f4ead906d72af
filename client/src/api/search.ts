import type { SearchPage } from '@circlespace/shared'
import { api } from './client.ts'
import { call } from './http.ts'

/**
 * One page of the board titles and board text matching `q` that I may view, best first;
 * `cursor` is the previous page's `nextCursor`.
 */
export function searchBoards(q: string, cursor?: string | null, signal?: AbortSignal): Promise<SearchPage> {
	return call(api.api.search.$get({ query: cursor ? { q, cursor } : { q } }, { init: { signal } }))
}
