import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react'
import { messageOf } from '../api/http.ts'
import { preloadPageCode } from '../app/lazyPages.tsx'
import { navigate, searchPath } from '../app/router.ts'
import { Link } from '../ui/Link.tsx'
import { resultPath } from './resultPath.ts'
import { SearchResultContent } from './SearchResultContent.tsx'
import { useSearch } from './useSearch.ts'
import { useSearchShortcut } from './useSearchShortcut.ts'

/**
 * The search box of the app's top bar: a combobox whose list shows results as one types. Arrow
 * keys move through them, Enter opens one (or, with none chosen, the full results page), Escape
 * closes the list and gives focus back to where it was before the shortcut (`/`, Ctrl/⌘+K).
 */
export function SearchBox() {
	const id = useId()
	const listId = `${id}-list`
	const inputRef = useRef<HTMLInputElement>(null)
	// Where focus was before the box took it, to give it back on Escape.
	const returnFocus = useRef<HTMLElement | null>(null)
	const [text, setText] = useState('')
	const [open, setOpen] = useState(false)
	const [active, setActive] = useState(-1)
	const { state, loadMore, retry } = useSearch(text)
	const query = text.trim()

	useSearchShortcut(() => {
		const input = inputRef.current
		if (!input) return
		input.focus()
		input.select()
		setOpen(true)
	})

	const current = state.query === query
	const results = current ? state.results : []
	const hasMore = current && state.status === 'done' && state.nextCursor !== null
	const optionCount = results.length + (hasMore ? 1 : 0)
	const expanded = open && query !== ''
	const activeId = expanded && active >= 0 && active < optionCount ? `${id}-option-${active}` : undefined

	const activeBoardId = activeId ? results[active]?.boardId : undefined
	useEffect(() => {
		if (activeId) document.getElementById(activeId)?.scrollIntoView({ block: 'nearest' })
	}, [activeId])
	// A result chosen with the arrow keys is likely to be opened: its board's code starts to arrive.
	useEffect(() => {
		if (activeBoardId) preloadPageCode({ page: 'board', boardId: activeBoardId })
	}, [activeBoardId])

	function close({ giveBackFocus }: { giveBackFocus: boolean }) {
		setOpen(false)
		setActive(-1)
		if (!giveBackFocus) return
		const back = returnFocus.current
		returnFocus.current = null
		if (back?.isConnected) back.focus()
		else inputRef.current?.blur()
	}

	function choose(index: number) {
		const result = results[index]
		if (result) {
			close({ giveBackFocus: false })
			setText('')
			navigate(resultPath(result))
		} else if (index === results.length && hasMore) loadMore()
	}

	function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
		switch (event.key) {
			case 'ArrowDown':
				event.preventDefault()
				setOpen(true)
				if (optionCount > 0) setActive((index) => (index + 1 >= optionCount ? 0 : index + 1))
				return
			case 'ArrowUp':
				event.preventDefault()
				setOpen(true)
				if (optionCount > 0) setActive((index) => (index <= 0 ? optionCount - 1 : index - 1))
				return
			case 'Enter':
				if (!query) return
				event.preventDefault()
				if (expanded && active >= 0) choose(active)
				else {
					close({ giveBackFocus: false })
					navigate(searchPath(query))
				}
				return
			case 'Escape':
				if (expanded) {
					event.preventDefault()
					close({ giveBackFocus: true })
				} else if (text) {
					event.preventDefault()
					setText('')
				}
				return
		}
	}

	const resultsWord = results.length === 1 ? 'result' : 'results'
	const announcement = !expanded
		? ''
		: state.status === 'done' && current
			? results.length === 0
				? `No results for “${query}”`
				: `${results.length}${hasMore ? ' or more' : ''} ${resultsWord}`
			: ''

	return (
		<search
			className="cs-search"
			onBlur={(event) => {
				// Closed when focus leaves the box and its list, not when it moves between them.
				if (!event.currentTarget.contains(event.relatedTarget as Node | null)) {
					setOpen(false)
					setActive(-1)
				}
			}}
		>
			<label htmlFor={`${id}-input`} className="cs-visually-hidden">
				Search boards
			</label>
			<input
				ref={inputRef}
				id={`${id}-input`}
				className="cs-search-input"
				type="text"
				role="combobox"
				aria-expanded={expanded}
				aria-controls={listId}
				aria-autocomplete="list"
				aria-activedescendant={activeId}
				aria-keyshortcuts="/ Control+K Meta+K"
				autoComplete="off"
				spellCheck={false}
				enterKeyHint="search"
				placeholder="Search boards"
				value={text}
				onChange={(event) => {
					setText(event.target.value)
					// A new query starts with no option chosen.
					setActive(-1)
					setOpen(true)
				}}
				onFocus={(event) => {
					if (!returnFocus.current && event.relatedTarget instanceof HTMLElement)
						returnFocus.current = event.relatedTarget
				}}
				onClick={() => setOpen(true)}
				onKeyDown={onKeyDown}
			/>
			<span className="cs-search-key" aria-hidden="true">
				/
			</span>
			<p className="cs-visually-hidden" role="status" aria-live="polite">
				{announcement}
			</p>
			<div className="cs-search-popup" hidden={!expanded}>
				{/* Pressing in the list keeps focus in the box, so the list stays open under the click. */}
				<div
					id={listId}
					role="listbox"
					aria-label="Search results"
					className="cs-search-options"
					onMouseDown={(event) => event.preventDefault()}
				>
					{results.map((result, index) => (
						// biome-ignore lint/a11y/useKeyWithClickEvents: options are chosen with the input's keys (aria-activedescendant); they never take focus.
						<div
							key={`${result.boardId}/${result.shapeId ?? ''}`}
							id={`${id}-option-${index}`}
							role="option"
							tabIndex={-1}
							aria-selected={index === active}
							className="cs-search-option"
							onClick={() => choose(index)}
						>
							<SearchResultContent result={result} />
						</div>
					))}
					{hasMore && (
						// biome-ignore lint/a11y/useKeyWithClickEvents: as above.
						<div
							id={`${id}-option-${results.length}`}
							role="option"
							tabIndex={-1}
							aria-selected={active === results.length}
							className="cs-search-option cs-search-more"
							onClick={() => choose(results.length)}
						>
							{state.loadingMore ? 'Loading more results…' : 'More results'}
						</div>
					)}
				</div>
				{expanded && (
					<div className="cs-search-state">
						{state.status === 'loading' && results.length === 0 && (
							<p className="cs-muted cs-loading">
								<span className="cs-spinner" aria-hidden="true" />
								Searching…
							</p>
						)}
						{state.status === 'done' && current && results.length === 0 && (
							<p className="cs-muted">No results for “{query}”</p>
						)}
						{state.status === 'error' && current && (
							<p className="cs-error" role="alert">
								Search failed. {messageOf(state.error)}{' '}
								<button type="button" className="cs-button cs-button-small" onClick={retry}>
									Try again
								</button>
							</p>
						)}
						{state.moreError !== null && (
							<p className="cs-error" role="alert">
								More results could not be loaded. {messageOf(state.moreError)}
							</p>
						)}
						<Link
							href={searchPath(query)}
							className="cs-search-all"
							tabIndex={-1}
							onClick={() => close({ giveBackFocus: false })}
						>
							All results for “{query}”<span className="cs-muted cs-search-all-key">(Enter)</span>
						</Link>
					</div>
				)}
			</div>
		</search>
	)
}
