import type { OrgMap } from '@circlespace/shared'
import { Link } from '../ui/Link.tsx'
import { circleSummary, connectionWords, type OrgMapLayout } from './orgMapLayout.ts'

/** The map as lists: each tribe with its circles, then the connections between circles. */
export function OrgMapList({ map, layout }: { map: OrgMap; layout: OrgMapLayout }) {
	return (
		<div className="cs-orgmap-list">
			{map.tribes.map((tribe) => (
				<section key={tribe.id} aria-labelledby={`cs-orgmap-tribe-${tribe.id}`}>
					<h2 id={`cs-orgmap-tribe-${tribe.id}`}>
						<Link href={`/t/${encodeURIComponent(tribe.id)}`}>{tribe.name}</Link>
						<span className="cs-muted cs-orgmap-list-meta">
							{' '}
							{tribe.memberCount === 1 ? '1 member' : `${tribe.memberCount} members`}
							{tribe.myRole === 'steward' ? ', you are a steward' : ''}
						</span>
					</h2>
					{tribe.circles.length === 0 ? (
						<p className="cs-muted">No circle yet.</p>
					) : (
						<ul>
							{tribe.circles.map((circle) => (
								<li key={circle.id}>
									<Link href={`/c/${encodeURIComponent(circle.id)}`}>{circle.name}</Link>
									<span className="cs-muted"> — {circleSummary(circle)}</span>
									{circle.live.boards.length > 0 && (
										<ul>
											{circle.live.boards.map((board) => (
												<li key={board.boardId}>
													Live:{' '}
													<Link href={`/b/${encodeURIComponent(board.boardId)}`}>{board.boardTitle}</Link>
													<span className="cs-muted"> — {board.sessionTitle}</span>
												</li>
											))}
										</ul>
									)}
								</li>
							))}
						</ul>
					)}
					{tribe.circlesTruncated && (
						<p className="cs-muted">Only the first {tribe.circles.length} circles are shown.</p>
					)}
				</section>
			))}
			<section aria-labelledby="cs-orgmap-list-connections">
				<h2 id="cs-orgmap-list-connections">Connections</h2>
				{layout.connections.length === 0 ? (
					<p className="cs-muted">No circles you can see share a board or link to each other’s boards.</p>
				) : (
					<ul>
						{layout.connections.map(({ connection, from, to }) => (
							<li key={connection.circleIds.join(' ')}>
								{from.circle.name} ({from.tribe.name}) and {to.circle.name} ({to.tribe.name}):{' '}
								{connectionWords(connection)}
							</li>
						))}
					</ul>
				)}
			</section>
		</div>
	)
}
