import { useMemo, useState } from 'react'
import { AppShell } from '../app/AppShell.tsx'
import { useAnnounce } from '../ui/Announcer.tsx'
import { Breadcrumbs } from '../ui/Breadcrumbs.tsx'
import { PageHeading } from '../ui/PageHeading.tsx'
import { Empty, LoadError, Loading } from '../ui/States.tsx'
import { usePageTitle } from '../ui/usePageTitle.ts'
import { CircleDetails } from './CircleDetails.tsx'
import { OrgMapList } from './OrgMapList.tsx'
import { OrgMapPicture } from './OrgMapPicture.tsx'
import { layoutOrgMap } from './orgMapLayout.ts'
import { useOrgMap } from './useOrgMap.ts'
import './orgMap.css'

/**
 * `/map`: the organisation map ("Social Leadership Trees"): every tribe and circle the person may
 * see, drawn as a picture they zoom into, or read as lists. Loaded on demand (no other page
 * needs its code), and asked again every few seconds while visible, so that live sessions come
 * and go on it.
 */
export function MapPage() {
	usePageTitle('Organisation map')
	const { state, reload } = useOrgMap()
	const [mode, setMode] = useState<'picture' | 'list'>('picture')
	const [selectedId, setSelectedId] = useState<string | null>(null)
	const announce = useAnnounce()
	const map = state.status === 'ready' ? state.map : null
	const layout = useMemo(() => (map ? layoutOrgMap(map) : null), [map])
	const selected = selectedId && layout ? layout.circles.get(selectedId) : undefined

	function select(circleId: string | null) {
		const spot = circleId ? layout?.circles.get(circleId) : undefined
		if (!circleId || !spot) {
			const previous = selectedId
			setSelectedId(null)
			announce('Showing the whole map.')
			// Back to the circle one came from, so that Tab carries on from there.
			if (previous) {
				requestAnimationFrame(() =>
					document.querySelector<SVGGElement>(`[data-circle-id="${CSS.escape(previous)}"]`)?.focus(),
				)
			}
			return
		}
		setSelectedId(circleId)
		announce(`Zoomed to ${spot.circle.name}.`)
	}

	return (
		<AppShell>
			<Breadcrumbs trail={[{ href: '/', label: 'Home' }]} current="Organisation map" />
			<div className="cs-orgmap-heading">
				<PageHeading>Organisation map</PageHeading>
				{map && map.tribes.length > 0 && (
					<fieldset className="cs-orgmap-mode">
						<legend className="cs-visually-hidden">Show the map as</legend>
						<button
							type="button"
							className="cs-button cs-button-small"
							aria-pressed={mode === 'picture'}
							onClick={() => setMode('picture')}
						>
							Picture
						</button>
						<button
							type="button"
							className="cs-button cs-button-small"
							aria-pressed={mode === 'list'}
							onClick={() => setMode('list')}
						>
							List
						</button>
					</fieldset>
				)}
			</div>
			<p className="cs-muted cs-orgmap-intro">
				The tribes and circles you can see, how full their seats are, where their journeys stand, what is live
				now, and the boards that tie circles together.
			</p>
			{state.status === 'loading' && <Loading>Drawing the map…</Loading>}
			{state.status === 'error' && <LoadError what="The map" error={state.error} onRetry={reload} />}
			{map && layout && map.tribes.length === 0 && (
				<Empty>
					<p>
						There is no tribe you can see yet. Tribes appear here once an admin sets one up or you join one.
					</p>
				</Empty>
			)}
			{map && layout && map.tribes.length > 0 && (
				<>
					{state.status === 'ready' && state.refreshError !== null && (
						<p className="cs-notice cs-orgmap-stale" role="status">
							The map could not be refreshed; it shows how things were at{' '}
							{new Date(map.asOf).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.
						</p>
					)}
					{(map.tribesTruncated || map.connectionsTruncated) && (
						<p className="cs-muted">
							{map.tribesTruncated ? `The map shows the first ${map.tribes.length} tribes by name. ` : ''}
							{map.connectionsTruncated
								? `Only the ${map.connections.length} strongest connections are drawn.`
								: ''}
						</p>
					)}
					{mode === 'picture' ? (
						<div className={`cs-orgmap-body${selected ? ' has-details' : ''}`}>
							<div className="cs-orgmap-stage">
								<OrgMapPicture layout={layout} selectedId={selected ? selectedId : null} onSelect={select} />
								<Legend />
							</div>
							{selected && (
								<CircleDetails
									spot={selected}
									layout={layout}
									onClose={() => select(null)}
									onSelect={(id) => select(id)}
								/>
							)}
						</div>
					) : (
						<OrgMapList map={map} layout={layout} />
					)}
				</>
			)}
		</AppShell>
	)
}

function Legend() {
	return (
		<ul className="cs-orgmap-legend" aria-label="Legend">
			<li>
				<svg viewBox="0 0 20 20" aria-hidden="true">
					<circle cx="10" cy="10" r="8" className="cs-orgmap-seats" />
					<path d="M2 10 A8 8 0 0 0 18 10 Z" className="cs-orgmap-seats-taken" />
					<circle cx="10" cy="10" r="8" className="cs-orgmap-outline" />
				</svg>
				Size: members · fill: seats taken
			</li>
			<li>
				<svg viewBox="0 0 20 20" aria-hidden="true">
					<circle cx="10" cy="10" r="7" className="cs-orgmap-ring" strokeDasharray="30 44" />
				</svg>
				Ring: journey days gone
			</li>
			<li>
				<span className="cs-orgmap-live-dot" aria-hidden="true" /> Live session now
			</li>
			<li>
				<svg viewBox="0 0 28 10" aria-hidden="true">
					<line x1="1" y1="5" x2="27" y2="5" className="cs-orgmap-connection is-shared" strokeWidth="3" />
				</svg>
				Shared boards
			</li>
			<li>
				<svg viewBox="0 0 28 10" aria-hidden="true">
					<line x1="1" y1="5" x2="27" y2="5" className="cs-orgmap-connection is-linked" strokeWidth="3" />
				</svg>
				Links only
			</li>
		</ul>
	)
}
