import { useEffect, useState } from 'react'
import type { SessionChannel, SessionState } from './SessionChannel.ts'

const unknown: SessionState = { session: undefined, receivedAt: 0 }

/** The board's live session as the server last told it on the live connection. */
export function useLiveSession(channel: SessionChannel | null): SessionState {
	const [state, setState] = useState<SessionState>(channel?.state ?? unknown)
	useEffect(() => {
		if (!channel) {
			setState(unknown)
			return
		}
		setState(channel.state)
		return channel.subscribe(setState)
	}, [channel])
	return state
}

/**
 * `performance.now()`, refreshed every second while `ticking` (for a running countdown), so
 * that a paused or absent timer re-renders nothing.
 */
export function useTick(ticking: boolean): number {
	const [now, setNow] = useState(() => performance.now())
	useEffect(() => {
		setNow(performance.now())
		if (!ticking) return
		const timer = setInterval(() => setNow(performance.now()), 1000)
		return () => clearInterval(timer)
	}, [ticking])
	return now
}
