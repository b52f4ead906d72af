import { useEffect, useState } from 'react'
import type { Awareness } from 'y-protocols/awareness'
import { type Peer, readPeers } from './presenceSync.ts'

/** The other people on the board right now, kept up to date from awareness. */
export function usePeers(awareness: Awareness | null, selfUserId: string): Peer[] {
	const [peers, setPeers] = useState<Peer[]>([])
	useEffect(() => {
		if (!awareness) {
			setPeers([])
			return
		}
		let previousKey = ''
		const refresh = () => {
			const next = readPeers(awareness, selfUserId)
			// Awareness changes on every cursor move; re-render only when the roster changes.
			const key = next.map((peer) => `${peer.id}:${peer.name}:${peer.color}`).join('|')
			if (key === previousKey) return
			previousKey = key
			setPeers(next)
		}
		refresh()
		awareness.on('change', refresh)
		return () => awareness.off('change', refresh)
	}, [awareness, selfUserId])
	return peers
}
