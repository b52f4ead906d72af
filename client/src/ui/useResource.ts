import { type DependencyList, useCallback, useEffect, useRef, useState } from 'react'
import { ApiError, isAbort } from '../api/http.ts'

/** Something loaded from the API: still loading, failed, or ready (and maybe refreshing). */
export type Resource<T> =
	| { status: 'loading' }
	| { status: 'error'; error: unknown }
	| { status: 'ready'; data: T; refreshing: boolean }

/** What {@link useResource} gives besides the state. */
export interface ResourceControls<T> {
	/** Loads again; what is shown stays until the new answer arrives. */
	reload: () => void
	/** Replaces the data with a value already known (e.g. the answer of a change). */
	set: (data: T | ((previous: T) => T)) => void
}

/**
 * Loads something when the component mounts and whenever `deps` change, aborting requests
 * that are no longer wanted. A reload keeps the current data visible, so a list does not
 * flash away while it refreshes after a change.
 */
export function useResource<T>(
	load: (signal: AbortSignal) => Promise<T>,
	deps: DependencyList,
): [Resource<T>, ResourceControls<T>] {
	const [state, setState] = useState<Resource<T>>({ status: 'loading' })
	const [version, setVersion] = useState(0)
	const loadRef = useRef(load)
	loadRef.current = load
	const lastDeps = useRef<DependencyList | null>(null)

	// biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide when to load again
	useEffect(() => {
		const controller = new AbortController()
		const depsChanged = !sameDeps(lastDeps.current, deps)
		lastDeps.current = deps
		setState((previous) =>
			previous.status === 'ready' && !depsChanged ? { ...previous, refreshing: true } : { status: 'loading' },
		)
		loadRef.current(controller.signal).then(
			(data) => {
				if (!controller.signal.aborted) setState({ status: 'ready', data, refreshing: false })
			},
			(error: unknown) => {
				if (controller.signal.aborted || isAbort(error)) return
				setState({ status: 'error', error })
			},
		)
		return () => controller.abort()
	}, [...deps, version])

	const reload = useCallback(() => setVersion((value) => value + 1), [])
	const set = useCallback((data: T | ((previous: T) => T)) => {
		setState((previous) => {
			if (typeof data !== 'function') return { status: 'ready', data, refreshing: false }
			if (previous.status !== 'ready') return previous
			return { status: 'ready', data: (data as (previous: T) => T)(previous.data), refreshing: false }
		})
	}, [])
	return [state, { reload, set }]
}

function sameDeps(a: DependencyList | null, b: DependencyList): boolean {
	return a !== null && a.length === b.length && a.every((value, index) => Object.is(value, b[index]))
}

/** True when a resource failed because the server answered 404 (it does not exist, or may not be seen). */
export function isNotFound(resource: Resource<unknown>): boolean {
	return resource.status === 'error' && resource.error instanceof ApiError && resource.error.status === 404
}

/**
 * Loads a resource again (keeping what it shows meanwhile, as `reload` does) each time `version`
 * changes after the first render: for a section told by its page that something it shows changed
 * elsewhere on the page.
 */
export function useReloadOn(version: number, reload: () => void): void {
	const seen = useRef(version)
	useEffect(() => {
		if (seen.current === version) return
		seen.current = version
		reload()
	}, [version, reload])
}
