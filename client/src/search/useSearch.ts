import type { SearchResult } from '@circlespace/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { isAbort } from '../api/http.ts'
import { searchBoards } from '../api/search.ts'

/** How long typing must pause before a search is sent. */
export const SEARCH_DELAY_MS = 200

/** What a search shows: the results for `query` (the last one answered or being asked). */
export interface SearchState {
	/** The trimmed query the state is about; '' when nothing is typed. */
	query: string
	status: 'idle' | 'loading' | 'done' | 'error'
	/** The results of `query` so far (while a new query loads, those of the one before). */
	results: SearchResult[]
	nextCursor: string | null
	error: unknown
	loadingMore: boolean
	moreError: unknown
}

const idle: SearchState = {
	query: '',
	status: 'idle',
	results: [],
	nextCursor: null,
	error: null,
	loadingMore: false,
	moreError: null,
}

/**
 * Searches as `text` is typed: after a pause of {@link SEARCH_DELAY_MS}, aborting the request of
 * a query that was typed over, so an older answer never replaces a newer one. `loadMore` fetches
 * the next page; `retry` asks again after an error.
 */
export function useSearch(text: string): { state: SearchState; loadMore: () => void; retry: () => void } {
	const query = text.trim()
	const [state, setState] = useState<SearchState>(idle)
	const [attempt, setAttempt] = useState(0)
	const moreRequest = useRef<AbortController | null>(null)

	useEffect(() => {
		moreRequest.current?.abort()
		if (!query) {
			setState(idle)
			return
		}
		// `attempt` asks again for the same query after an error.
		void attempt
		setState((previous) => ({ ...previous, query, status: 'loading', error: null, moreError: null }))
		const controller = new AbortController()
		const timer = window.setTimeout(() => {
			searchBoards(query, null, controller.signal).then(
				(page) =>
					setState({
						...idle,
						query,
						status: 'done',
						results: page.results,
						nextCursor: page.nextCursor,
					}),
				(error: unknown) => {
					if (isAbort(error)) return
					setState({ ...idle, query, status: 'error', error })
				},
			)
		}, SEARCH_DELAY_MS)
		return () => {
			window.clearTimeout(timer)
			controller.abort()
		}
	}, [query, attempt])

	useEffect(() => () => moreRequest.current?.abort(), [])

	const loadMore = useCallback(() => {
		if (state.status !== 'done' || !state.nextCursor || state.loadingMore) return
		const { query: forQuery, nextCursor } = state
		const controller = new AbortController()
		moreRequest.current = controller
		setState((previous) => ({ ...previous, loadingMore: true, moreError: null }))
		searchBoards(forQuery, nextCursor, controller.signal).then(
			(page) =>
				setState((previous) =>
					previous.query === forQuery
						? {
								...previous,
								results: [...previous.results, ...page.results],
								nextCursor: page.nextCursor,
								loadingMore: false,
							}
						: previous,
				),
			(error: unknown) => {
				if (isAbort(error)) return
				setState((previous) =>
					previous.query === forQuery ? { ...previous, loadingMore: false, moreError: error } : previous,
				)
			},
		)
	}, [state])

	const retry = useCallback(() => setAttempt((n) => n + 1), [])
	return { state, loadMore, retry }
}
