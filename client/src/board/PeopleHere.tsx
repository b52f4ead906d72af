import type { Peer } from './presenceSync.ts'

const MAX_AVATARS = 5

/** Avatars of who is on the board (this person first), with names for screen readers. */
export function PeopleHere({ self, peers }: { self: { name: string; color: string }; peers: Peer[] }) {
	const shown = peers.slice(0, MAX_AVATARS)
	const hidden = peers.length - shown.length
	const summary =
		peers.length === 0 ? 'Only you are here' : `Here with you: ${peers.map((peer) => peer.name).join(', ')}`
	return (
		<section className="cs-people" aria-label="People on this board">
			<ul className="cs-avatars" title={summary}>
				<li>
					<Avatar name={`${self.name} (you)`} initial={self.name} color={self.color} />
				</li>
				{shown.map((peer) => (
					<li key={peer.id}>
						<Avatar name={peer.name} initial={peer.name} color={peer.color} />
					</li>
				))}
				{hidden > 0 && (
					<li>
						<span className="cs-avatar cs-avatar-more" role="img" aria-label={`${hidden} more`}>
							+{hidden}
						</span>
					</li>
				)}
			</ul>
			<span className="cs-people-summary cs-muted">{summary}</span>
		</section>
	)
}

function Avatar({ name, initial, color }: { name: string; initial: string; color: string }) {
	return (
		<span className="cs-avatar" role="img" aria-label={name} title={name} style={{ backgroundColor: color }}>
			{Array.from(initial.trim())[0]?.toUpperCase() ?? '?'}
		</span>
	)
}
