import type { Board } from '@circlespace/shared'
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react'
import { createBoard, listBoards } from '../api/boards.ts'
import { boardPath, navigate } from '../app/router.ts'
import { Link } from '../ui/Link.tsx'

type ListState = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; boards: Board[] }

/** The home page: every board of the instance and a form to start a new one. */
export function BoardListPage() {
	const [state, setState] = useState<ListState>({ kind: 'loading' })

	const load = useCallback((signal?: AbortSignal) => {
		setState({ kind: 'loading' })
		listBoards(signal).then(
			(boards) => setState({ kind: 'ready', boards: sortNewestFirst(boards) }),
			(error: unknown) => {
				if (signal?.aborted) return
				setState({ kind: 'error', message: messageOf(error) })
			},
		)
	}, [])

	useEffect(() => {
		const controller = new AbortController()
		load(controller.signal)
		return () => controller.abort()
	}, [load])

	useEffect(() => {
		document.title = 'Boards · Circlespace'
	}, [])

	return (
		<div className="cs-page">
			<header className="cs-page-header">
				<p className="cs-brand">
					<span className="cs-brand-mark" aria-hidden="true" />
					Circlespace
				</p>
			</header>
			<main className="cs-main">
				<h1>Boards</h1>
				<p className="cs-muted cs-lead">Shared whiteboards for your circle's live sessions.</p>
				<CreateBoardForm />
				<section aria-labelledby="cs-board-list-title" className="cs-board-section">
					<h2 id="cs-board-list-title">All boards</h2>
					<BoardList state={state} onRetry={() => load()} />
				</section>
			</main>
		</div>
	)
}

function CreateBoardForm() {
	const inputId = useId()
	const [title, setTitle] = useState('')
	const [pending, setPending] = useState(false)
	const [error, setError] = useState<string | null>(null)

	async function submit(event: FormEvent) {
		event.preventDefault()
		const trimmed = title.trim()
		if (!trimmed) {
			setError('Give the board a title first.')
			return
		}
		setPending(true)
		setError(null)
		try {
			const board = await createBoard(trimmed)
			navigate(boardPath(board.id))
		} catch (caught) {
			setError(messageOf(caught))
			setPending(false)
		}
	}

	return (
		<form className="cs-create" onSubmit={submit} noValidate aria-busy={pending}>
			<label htmlFor={inputId}>New board title</label>
			<div className="cs-create-row">
				<input
					id={inputId}
					value={title}
					onChange={(event) => setTitle(event.target.value)}
					placeholder="e.g. Day 12 — what surprised us"
					maxLength={200}
					aria-invalid={error ? true : undefined}
					aria-describedby={error ? `${inputId}-error` : undefined}
				/>
				<button type="submit" className="cs-button cs-button-primary" disabled={pending}>
					{pending ? 'Creating…' : 'Create board'}
				</button>
			</div>
			{error && (
				<p id={`${inputId}-error`} role="alert" className="cs-error">
					{error}
				</p>
			)}
		</form>
	)
}

function BoardList({ state, onRetry }: { state: ListState; onRetry: () => void }) {
	switch (state.kind) {
		case 'loading':
			return (
				<p className="cs-muted" role="status">
					Loading boards…
				</p>
			)
		case 'error':
			return (
				<div role="alert" className="cs-notice cs-notice-error">
					<p>The boards could not be loaded. {state.message}</p>
					<button type="button" className="cs-button" onClick={onRetry}>
						Try again
					</button>
				</div>
			)
		case 'ready':
			if (state.boards.length === 0) {
				return <p className="cs-muted">No boards yet. Create the first one above.</p>
			}
			return (
				<ul className="cs-board-list">
					{state.boards.map((board) => (
						<li key={board.id}>
							<Link href={boardPath(board.id)} className="cs-board-link">
								<span className="cs-board-title">{board.title}</span>
								<span className="cs-muted cs-board-date">
									Updated <time dateTime={board.updatedAt}>{formatDate(board.updatedAt)}</time>
								</span>
							</Link>
						</li>
					))}
				</ul>
			)
	}
}

function sortNewestFirst(boards: Board[]): Board[] {
	return [...boards].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

function formatDate(iso: string): string {
	const date = new Date(iso)
	return Number.isNaN(date.getTime()) ? iso : dateFormat.format(date)
}

function messageOf(error: unknown): string {
	return error instanceof Error ? error.message : 'Something went wrong.'
}
