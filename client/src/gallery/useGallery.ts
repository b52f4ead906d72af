import { type GalleryCard, type GalleryPage, MAX_PRESENCE_BOARDS } from '@circlespace/shared'
import { useCallback, useEffect, useRef, useState } from 'react'
import { getPresence } from '../api/gallery.ts'
import { isAbort } from '../api/http.ts'

/** How often the presence counts of the cards shown are asked again while the tab is visible. */
export const PRESENCE_REFRESH_MS = 10_000

/** A gallery as shown: the cards loaded so far, and whether more can be loaded. */
export type GalleryState =
	| { status: 'loading' }
	| { status: 'error'; error: unknown }
	| {
			status: 'ready'
			cards: GalleryCard[]
			nextCursor: string | null
			loadingMore: boolean
			moreError: unknown
	  }

/**
 * Loads a gallery's first page (again whenever `key` changes: other filters), then further pages
 * on request, and keeps the cards' presence counts current: every {@link PRESENCE_REFRESH_MS}
 * while the tab is visible, and at once when it comes back into view or gets the focus. Only the
 * counts are asked again, never the page, so the cards do not move under the pointer.
 */
export function useGallery(
	load: (cursor: string | undefined, signal: AbortSignal) => Promise<GalleryPage>,
	key: string,
): { state: GalleryState; loadMore: () => void; reload: () => void } {
	const [state, setState] = useState<GalleryState>({ status: 'loading' })
	const [version, setVersion] = useState(0)
	const loadRef = useRef(load)
	loadRef.current = load
	const moreController = useRef<AbortController | null>(null)

	// biome-ignore lint/correctness/useExhaustiveDependencies: `key` names the filters `load` uses
	useEffect(() => {
		const controller = new AbortController()
		moreController.current?.abort()
		setState({ status: 'loading' })
		loadRef.current(undefined, controller.signal).then(
			(page) =>
				setState({
					status: 'ready',
					cards: page.cards,
					nextCursor: page.nextCursor,
					loadingMore: false,
					moreError: null,
				}),
			(error: unknown) => {
				if (!controller.signal.aborted && !isAbort(error)) setState({ status: 'error', error })
			},
		)
		return () => controller.abort()
	}, [key, version])

	const loadMore = useCallback(() => {
		setState((current) => {
			if (current.status !== 'ready' || current.nextCursor === null || current.loadingMore) return current
			const controller = new AbortController()
			moreController.current = controller
			loadRef.current(current.nextCursor, controller.signal).then(
				(page) =>
					setState((now) =>
						now.status === 'ready'
							? {
									...now,
									// A board edited between two pages may come again: shown once.
									cards: [
										...now.cards,
										...page.cards.filter((card) => !now.cards.some((c) => c.boardId === card.boardId)),
									],
									nextCursor: page.nextCursor,
									loadingMore: false,
									moreError: null,
								}
							: now,
					),
				(error: unknown) => {
					if (controller.signal.aborted || isAbort(error)) return
					setState((now) => (now.status === 'ready' ? { ...now, loadingMore: false, moreError: error } : now))
				},
			)
			return { ...current, loadingMore: true, moreError: null }
		})
	}, [])

	const boardIds = state.status === 'ready' ? state.cards.map((card) => card.boardId) : []
	const idsKey = boardIds.join(',')
	useEffect(() => {
		if (idsKey === '') return
		const ids = idsKey.split(',')
		let controller: AbortController | null = null
		const refresh = async () => {
			if (document.visibilityState !== 'visible') return
			controller?.abort()
			const own = new AbortController()
			controller = own
			try {
				const counts: Record<string, number> = {}
				for (let at = 0; at < ids.length; at += MAX_PRESENCE_BOARDS) {
					Object.assign(
						counts,
						(await getPresence(ids.slice(at, at + MAX_PRESENCE_BOARDS), own.signal)).counts,
					)
				}
				if (own.signal.aborted) return
				setState((now) =>
					now.status === 'ready'
						? {
								...now,
								cards: now.cards.map((card) =>
									counts[card.boardId] !== undefined && counts[card.boardId] !== card.presence
										? { ...card, presence: counts[card.boardId] ?? 0 }
										: card,
								),
							}
						: now,
				)
			} catch {
				// A count that could not be read stays as it was; the next turn tries again.
			}
		}
		const timer = setInterval(refresh, PRESENCE_REFRESH_MS)
		const onVisible = () => {
			if (document.visibilityState === 'visible') void refresh()
		}
		document.addEventListener('visibilitychange', onVisible)
		window.addEventListener('focus', onVisible)
		return () => {
			clearInterval(timer)
			controller?.abort()
			document.removeEventListener('visibilitychange', onVisible)
			window.removeEventListener('focus', onVisible)
		}
	}, [idsKey])

	return { state, loadMore, reload: useCallback(() => setVersion((v) => v + 1), []) }
}
