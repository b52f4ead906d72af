import { createContext, type ReactNode, useCallback, useContext, useEffect, useRef, useState } from 'react'

const AnnounceContext = createContext<(message: string) => void>(() => {})

/**
 * One polite live region for the whole app: results of actions that change nothing visible
 * near the button (a link copied, a request sent) are read out by screen readers.
 */
export function AnnouncerProvider({ children }: { children: ReactNode }) {
	const [message, setMessage] = useState('')
	const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined)
	const announce = useCallback((next: string) => {
		// Clearing first makes the same sentence twice in a row be read twice.
		setMessage('')
		clearTimeout(timer.current)
		timer.current = setTimeout(() => setMessage(next), 60)
	}, [])
	useEffect(() => () => clearTimeout(timer.current), [])
	return (
		<AnnounceContext.Provider value={announce}>
			{children}
			<div className="cs-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
				{message}
			</div>
		</AnnounceContext.Provider>
	)
}

/** Says something to screen-reader users without moving their focus. */
export function useAnnounce(): (message: string) => void {
	return useContext(AnnounceContext)
}
