import type { Circle } from '@circlespace/shared'
import type { ReactNode } from 'react'
import { circlePath } from '../app/router.ts'
import { Link } from '../ui/Link.tsx'
import { circleRoleLabel } from './format.ts'
import { SeatMeter } from './SeatMeter.tsx'

/**
 * Circles as cards: name (a link to the circle), its tribe when asked, seats "23 / 30" and the
 * person's role; `actions` adds a button per circle (join, request…).
 */
export function CircleList({
	circles,
	showTribe = false,
	actions,
}: {
	circles: Circle[]
	showTribe?: boolean
	actions?: (circle: Circle) => ReactNode
}) {
	return (
		<ul className="cs-cards">
			{circles.map((circle) => (
				<li key={circle.id} className="cs-card cs-circle-card">
					<div className="cs-circle-card-head">
						<h3 className="cs-card-title">
							<Link href={circlePath(circle.id)}>{circle.name}</Link>
						</h3>
						{circle.myRole && (
							<span className={circle.myRole === 'facilitator' ? 'cs-badge cs-badge-accent' : 'cs-badge'}>
								{circleRoleLabel(circle.myRole)}
							</span>
						)}
					</div>
					{showTribe && <p className="cs-card-meta cs-muted">{circle.tribeName}</p>}
					{circle.description && <p className="cs-card-text">{circle.description}</p>}
					<div className="cs-card-foot">
						<SeatMeter memberCount={circle.memberCount} capacity={circle.capacity} />
						{actions?.(circle)}
					</div>
				</li>
			))}
		</ul>
	)
}
