import { createContext } from 'react'
import type { VoteChannel } from './VoteChannel.ts'

/** What the vote layer on the canvas needs from the board page. */
export interface Voting {
	boardId: string
	channel: VoteChannel | null
	/** Whether this person may put dots on notes (they may edit the board). */
	canVote: boolean
}

/** Given by the board page around the canvas, read by {@link VoteLayer} (a tldraw slot). */
export const VotingContext = createContext<Voting | null>(null)
