import { useEffect, useState } from 'react'
import type { VoteChannel, VoteChannelState } from './VoteChannel.ts'

const none: VoteChannelState = { vote: null, mine: null, receivedAt: 0, problem: null }

/** The board's dot vote as the live connection last told it. */
export function useVotes(channel: VoteChannel | null | undefined): VoteChannelState {
	const [state, setState] = useState<VoteChannelState>(channel?.state ?? none)
	useEffect(() => {
		if (!channel) {
			setState(none)
			return
		}
		setState(channel.state)
		return channel.subscribe(setState)
	}, [channel])
	return state
}
