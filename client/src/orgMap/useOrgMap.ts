import type { OrgMap } from '@circlespace/shared'
import { useCallback, useEffect, useState } from 'react'
import { api } from '../api/client.ts'
import { call, isAbort } from '../api/http.ts'

/** How often the map is asked again while the tab is visible (live sessions come and go). */
export const MAP_REFRESH_MS = 10_000

/** The organisation map as the person may see it. */
export function getOrgMap(signal?: AbortSignal): Promise<OrgMap> {
	return call(api.api.map.$get({ query: {} }, { init: { signal } }))
}

/** The map as shown: loading, could not be loaded, or the last answer. */
export type OrgMapState =
	| { status: 'loading' }
	| { status: 'error'; error: unknown }
	| { status: 'ready'; map: OrgMap; refreshError: unknown }

/**
 * Loads the map, then asks for it again every {@link MAP_REFRESH_MS} while the tab is visible
 * and at once when it comes back into view or gets the focus. A refresh that fails keeps what
 * is shown (and says so); the next one tries again.
 */
export function useOrgMap(): { state: OrgMapState; reload: () => void } {
	const [state, setState] = useState<OrgMapState>({ status: 'loading' })
	const [version, setVersion] = useState(0)

	// biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a fresh load
	useEffect(() => {
		let controller: AbortController | null = null
		let first = true
		const load = async () => {
			if (!first && document.visibilityState !== 'visible') return
			controller?.abort()
			const own = new AbortController()
			controller = own
			const initial = first
			first = false
			try {
				const map = await getOrgMap(own.signal)
				if (!own.signal.aborted) setState({ status: 'ready', map, refreshError: null })
			} catch (error) {
				if (own.signal.aborted || isAbort(error)) return
				setState((now) =>
					initial || now.status !== 'ready' ? { status: 'error', error } : { ...now, refreshError: error },
				)
			}
		}
		setState({ status: 'loading' })
		void load()
		const timer = setInterval(load, MAP_REFRESH_MS)
		const onVisible = () => {
			if (document.visibilityState === 'visible') void load()
		}
		document.addEventListener('visibilitychange', onVisible)
		window.addEventListener('focus', onVisible)
		return () => {
			clearInterval(timer)
			controller?.abort()
			document.removeEventListener('visibilitychange', onVisible)
			window.removeEventListener('focus', onVisible)
		}
	}, [version])

	return { state, reload: useCallback(() => setVersion((v) => v + 1), []) }
}
