import { useEffect, useRef } from 'react'
import { Link } from '../ui/Link.tsx'
import { connectionWords, journeyWords, type OrgMapLayout, type PlacedCircle } from './orgMapLayout.ts'

/**
 * The details of the circle the map zoomed to: seats, journey, live boards (each a link), its
 * ties to other circles, and the way to its page. Takes the focus when it opens, so that a
 * keyboard user reads it and reaches its links at once; Escape or "Whole map" gives it back.
 */
export function CircleDetails({
	spot,
	layout,
	onClose,
	onSelect,
}: {
	spot: PlacedCircle
	layout: OrgMapLayout
	onClose: () => void
	onSelect: (circleId: string) => void
}) {
	const heading = useRef<HTMLHeadingElement>(null)
	const { circle, tribe } = spot
	// biome-ignore lint/correctness/useExhaustiveDependencies: the focus comes again when another circle is chosen
	useEffect(() => {
		heading.current?.focus()
	}, [circle.id])
	const ties = layout.connections
		.filter(({ connection }) => connection.circleIds.includes(circle.id))
		.map(({ connection, from, to }) => ({ connection, other: from.circle.id === circle.id ? to : from }))
	const journey = journeyWords(circle)
	return (
		<section
			className="cs-orgmap-details"
			aria-labelledby="cs-orgmap-details-heading"
			onKeyDown={(event) => {
				if (event.key === 'Escape') {
					event.preventDefault()
					onClose()
				}
			}}
		>
			<p className="cs-muted cs-orgmap-details-tribe">{tribe.name}</p>
			<h2 id="cs-orgmap-details-heading" ref={heading} tabIndex={-1}>
				{circle.name}
			</h2>
			<dl className="cs-orgmap-facts">
				<dt>Seats</dt>
				<dd>
					{circle.memberCount} of {circle.capacity} taken
				</dd>
				<dt>Journey</dt>
				<dd>{journey ?? 'None shown'}</dd>
				{circle.myRole && (
					<>
						<dt>You</dt>
						<dd>{circle.myRole === 'facilitator' ? 'Facilitator' : 'Member'}</dd>
					</>
				)}
			</dl>
			<h3>Live now</h3>
			{circle.live.sessions === 0 ? (
				<p className="cs-muted">No live session.</p>
			) : (
				<ul className="cs-orgmap-live-list">
					{circle.live.boards.map((board) => (
						<li key={board.boardId}>
							<span className="cs-orgmap-live-dot" aria-hidden="true" />
							<Link href={`/b/${encodeURIComponent(board.boardId)}`}>{board.boardTitle}</Link>
							<span className="cs-muted">
								{' '}
								— {board.sessionTitle}, {board.peopleHere === 1 ? '1 here' : `${board.peopleHere} here`}
							</span>
						</li>
					))}
					{circle.live.sessions > circle.live.boards.length && (
						<li className="cs-muted">and {circle.live.sessions - circle.live.boards.length} more</li>
					)}
				</ul>
			)}
			<h3>Connections</h3>
			{ties.length === 0 ? (
				<p className="cs-muted">No shared board or link with another circle you can see.</p>
			) : (
				<ul className="cs-orgmap-ties">
					{ties.map(({ connection, other }) => (
						<li key={other.circle.id}>
							<button type="button" className="cs-link-button" onClick={() => onSelect(other.circle.id)}>
								{other.circle.name}
							</button>
							<span className="cs-muted">
								{' '}
								({other.tribe.name}): {connectionWords(connection)}
							</span>
						</li>
					))}
				</ul>
			)}
			<div className="cs-orgmap-details-actions">
				<Link
					className="cs-button cs-button-primary cs-button-small"
					href={`/c/${encodeURIComponent(circle.id)}`}
				>
					Open the circle page
				</Link>
				<button type="button" className="cs-button cs-button-small" onClick={onClose}>
					Whole map
				</button>
			</div>
		</section>
	)
}
