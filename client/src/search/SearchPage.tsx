import { useEffect, useId, useRef, useState } from 'react'
import { AppShell } from '../app/AppShell.tsx'
import { searchPath } from '../app/router.ts'
import { Link } from '../ui/Link.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { resultPath } from './resultPath.ts'
import { SearchResultContent } from './SearchResultContent.tsx'
import { useSearch } from './useSearch.ts'
import { useSearchShortcut } from './useSearchShortcut.ts'

/**
 * All the results of a search (`/search?q=…`), a page at a time: what the top bar's list
 * shows, with room for more. The address follows what is typed, so a search can be reloaded,
 * bookmarked or come back to.
 */
export function SearchPage({ query }: { query: string }) {
	const id = useId()
	const inputRef = useRef<HTMLInputElement>(null)
	const [text, setText] = useState(query)
	const { state, loadMore, retry } = useSearch(text)
	const typed = text.trim()
	usePageTitle(typed ? `Search: ${typed}` : 'Search')
	useSearchShortcut(() => {
		inputRef.current?.focus()
		inputRef.current?.select()
	})

	// Back and forward bring another query in the address.
	useEffect(() => setText((current) => (current.trim() === query.trim() ? current : query)), [query])
	// The address is replaced rather than pushed: each letter typed is not a page to go back to.
	useEffect(() => {
		const path = searchPath(typed)
		if (path !== window.location.pathname + window.location.search)
			window.history.replaceState(null, '', path)
	}, [typed])

	const current = state.query === typed
	const count = state.results.length
	return (
		<AppShell>
			<PageHeading>Search</PageHeading>
			<search className="cs-search-page-form">
				<label htmlFor={`${id}-q`}>
					Words from a board’s title or from the notes, texts, labels and frames on it
				</label>
				<input
					ref={inputRef}
					id={`${id}-q`}
					className="cs-search-page-input"
					type="search"
					autoComplete="off"
					spellCheck={false}
					enterKeyHint="search"
					aria-keyshortcuts="/ Control+K Meta+K"
					value={text}
					onChange={(event) => setText(event.target.value)}
				/>
			</search>
			<section aria-label="Results" className="cs-search-page-results">
				{!typed && (
					<Empty>
						<p>Type a word to find it on the boards you can see.</p>
					</Empty>
				)}
				{typed && state.status === 'loading' && (!current || count === 0) && <Loading>Searching…</Loading>}
				{typed && current && state.status === 'error' && (
					<LoadError what="The results" error={state.error} onRetry={retry} />
				)}
				{typed && current && state.status === 'done' && count === 0 && (
					<div role="status">
						<Empty>
							<p>No results for “{typed}”.</p>
							<p className="cs-muted">Only boards you can see are searched. Try fewer or other words.</p>
						</Empty>
					</div>
				)}
				{typed && current && count > 0 && (
					<>
						<p className="cs-visually-hidden" role="status">
							{count}
							{state.nextCursor ? ' or more' : ''} {count === 1 ? 'result' : 'results'}
						</p>
						<ol className="cs-search-page-list">
							{state.results.map((result) => (
								<li key={`${result.boardId}/${result.shapeId ?? ''}`}>
									<Link href={resultPath(result)} className="cs-search-page-result">
										<SearchResultContent result={result} />
									</Link>
								</li>
							))}
						</ol>
						{state.moreError !== null && (
							<LoadError what="More results" error={state.moreError} onRetry={loadMore} />
						)}
						{state.nextCursor && state.moreError === null && (
							<p>
								<button type="button" className="cs-button" disabled={state.loadingMore} onClick={loadMore}>
									{state.loadingMore ? 'Loading more results…' : 'More results'}
								</button>
							</p>
						)}
					</>
				)}
			</section>
		</AppShell>
	)
}
