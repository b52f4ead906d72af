import { type KeyboardEvent, type PointerEvent, useEffect, useId, useMemo, useRef, useState } from 'react'
import {
	circleSummary,
	connectionWords,
	type OrgMapLayout,
	type PlacedCircle,
	TRIBE_NAME_CHARS,
} from './orgMapLayout.ts'
import {
	panBy,
	shows,
	type ViewBox,
	viewBoxAttribute,
	viewOfCircle,
	wholeView,
	zoomAround,
	zoomCentre,
	zoomOf,
} from './viewBox.ts'

const ZOOM_STEP = 1.5
const ANIMATION_MS = 280
// A press that moves further than this (pixels) is a drag of the picture, not a click.
const DRAG_PX = 5

/**
 * The organisation map as an SVG picture: tribes as trees (a box, the tribe's node, a branch to
 * each circle), circles sized by their members with their seats filled from below, a ring for
 * journey progress and a dot while a session is live, lines for the ties between circles.
 *
 * Zoom with the wheel, the buttons or the keys + − 0, drag or arrow keys to move; Tab goes
 * through the circles, Enter (or a click) zooms to one and opens its details (`onSelect`).
 */
export function OrgMapPicture({
	layout,
	selectedId,
	onSelect,
}: {
	layout: OrgMapLayout
	selectedId: string | null
	onSelect: (circleId: string | null) => void
}) {
	const svgRef = useRef<SVGSVGElement>(null)
	const size = useMemo(() => ({ width: layout.width, height: layout.height }), [layout.width, layout.height])
	const [view, setView] = useState<ViewBox>(() => wholeView(size))
	const viewRef = useRef(view)
	viewRef.current = view
	const animation = useRef<number | null>(null)
	const drag = useRef<{
		id: number
		x: number
		y: number
		inverse: DOMMatrix
		view: ViewBox
		moved: boolean
	} | null>(null)
	const clipPrefix = useId().replace(/[^A-Za-z0-9_-]/g, '')
	const hintId = `${clipPrefix}-hint`

	function show(next: ViewBox, animate = false) {
		if (animation.current !== null) cancelAnimationFrame(animation.current)
		animation.current = null
		const reduce = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false
		if (!animate || reduce) {
			setView(next)
			return
		}
		const from = viewRef.current
		const started = performance.now()
		const step = (now: number) => {
			const t = Math.min(1, (now - started) / ANIMATION_MS)
			const ease = 1 - (1 - t) ** 3
			const mix = (a: number, b: number) => a + (b - a) * ease
			setView({
				x: mix(from.x, next.x),
				y: mix(from.y, next.y),
				width: mix(from.width, next.width),
				height: mix(from.height, next.height),
			})
			animation.current = t < 1 ? requestAnimationFrame(step) : null
		}
		animation.current = requestAnimationFrame(step)
	}

	useEffect(
		() => () => {
			if (animation.current !== null) cancelAnimationFrame(animation.current)
		},
		[],
	)

	// A new picture (a tribe or circle came or went): show it whole, unless a circle is chosen.
	const selected = selectedId ? layout.circles.get(selectedId) : undefined
	const selectedRef = useRef(selected)
	selectedRef.current = selected
	useEffect(() => {
		const chosen = selectedRef.current
		setView(chosen ? viewOfCircle(chosen, size) : wholeView(size))
	}, [size])

	// Choosing a circle (here or in its details) zooms to it; letting it go shows everything again.
	const selectedKey = selected ? `${selected.circle.id}` : ''
	// biome-ignore lint/correctness/useExhaustiveDependencies: zoom when the choice changes, not on every refresh
	useEffect(() => {
		const chosen = selectedRef.current
		show(chosen ? viewOfCircle(chosen, size) : wholeView(size), true)
	}, [selectedKey])

	// The wheel zooms around the pointer; React's wheel listener is passive, so the page would scroll too.
	// biome-ignore lint/correctness/useExhaustiveDependencies: `show` reads only refs and state setters
	useEffect(() => {
		const svg = svgRef.current
		if (!svg) return
		const onWheel = (event: WheelEvent) => {
			event.preventDefault()
			const point = pictureUnits(svg, event.clientX, event.clientY)
			if (!point) return
			const factor = Math.exp(-event.deltaY * (event.deltaMode === 1 ? 0.05 : 0.0015))
			show(zoomAround(viewRef.current, point, factor, size))
		}
		svg.addEventListener('wheel', onWheel, { passive: false })
		return () => svg.removeEventListener('wheel', onWheel)
	}, [size])

	function onKeyDown(event: KeyboardEvent) {
		const step = viewRef.current.width / 8
		switch (event.key) {
			case '+':
			case '=':
				show(zoomCentre(viewRef.current, ZOOM_STEP, size), true)
				break
			case '-':
			case '_':
				show(zoomCentre(viewRef.current, 1 / ZOOM_STEP, size), true)
				break
			case '0':
				if (selectedId) onSelect(null)
				else show(wholeView(size), true)
				break
			case 'ArrowLeft':
				show(panBy(viewRef.current, -step, 0))
				break
			case 'ArrowRight':
				show(panBy(viewRef.current, step, 0))
				break
			case 'ArrowUp':
				show(panBy(viewRef.current, 0, -step))
				break
			case 'ArrowDown':
				show(panBy(viewRef.current, 0, step))
				break
			case 'Escape':
				if (!selectedId) return
				onSelect(null)
				break
			default:
				return
		}
		event.preventDefault()
	}

	function onPointerDown(event: PointerEvent<SVGSVGElement>) {
		if (event.button !== 0) return
		const ctm = svgRef.current?.getScreenCTM()
		if (!ctm) return
		drag.current = {
			id: event.pointerId,
			x: event.clientX,
			y: event.clientY,
			inverse: ctm.inverse(),
			view: viewRef.current,
			moved: false,
		}
	}

	function onPointerMove(event: PointerEvent<SVGSVGElement>) {
		const current = drag.current
		if (!current || current.id !== event.pointerId) return
		if (!current.moved && Math.hypot(event.clientX - current.x, event.clientY - current.y) < DRAG_PX) return
		if (!current.moved) svgRef.current?.setPointerCapture(event.pointerId)
		current.moved = true
		const start = new DOMPoint(current.x, current.y).matrixTransform(current.inverse)
		const now = new DOMPoint(event.clientX, event.clientY).matrixTransform(current.inverse)
		show(panBy(current.view, start.x - now.x, start.y - now.y))
	}

	function onPointerUp(event: PointerEvent<SVGSVGElement>) {
		const current = drag.current
		if (!current || current.id !== event.pointerId) return
		// A drag is not a click: keep the circle under the pointer from taking it.
		if (current.moved) {
			const swallow = (click: MouseEvent) => {
				click.stopPropagation()
				click.preventDefault()
			}
			window.addEventListener('click', swallow, { capture: true, once: true })
			setTimeout(() => window.removeEventListener('click', swallow, { capture: true }), 0)
		}
		drag.current = null
	}

	function choose(spot: PlacedCircle) {
		onSelect(spot.circle.id)
	}

	const zoom = zoomOf(view, size)
	const tiedToSelected = (a: string, b: string) =>
		selectedId !== null && (a === selectedId || b === selectedId)

	return (
		// biome-ignore lint/a11y/noStaticElementInteractions: the zoom keys work wherever the focus is in the map
		<div className="cs-orgmap-frame" onKeyDown={onKeyDown}>
			<div className="cs-orgmap-tools" role="toolbar" aria-label="Zoom" aria-controls={`${clipPrefix}-svg`}>
				<button
					type="button"
					className="cs-button cs-button-small"
					aria-label="Zoom in"
					aria-keyshortcuts="+"
					onClick={() => show(zoomCentre(viewRef.current, ZOOM_STEP, size), true)}
				>
					+
				</button>
				<button
					type="button"
					className="cs-button cs-button-small"
					aria-label="Zoom out"
					aria-keyshortcuts="-"
					onClick={() => show(zoomCentre(viewRef.current, 1 / ZOOM_STEP, size), true)}
				>
					−
				</button>
				<button
					type="button"
					className="cs-button cs-button-small"
					aria-keyshortcuts="0"
					onClick={() => (selectedId ? onSelect(null) : show(wholeView(size), true))}
				>
					Whole map
				</button>
				<span className="cs-muted cs-orgmap-zoom" aria-live="off">
					{Math.round(zoom * 100)}%
				</span>
			</div>
			<p id={hintId} className="cs-visually-hidden">
				Plus and minus zoom, 0 shows the whole map, the arrow keys move it. Tab goes from circle to circle;
				Enter zooms to a circle and shows its details.
			</p>
			<svg
				ref={svgRef}
				id={`${clipPrefix}-svg`}
				className="cs-orgmap-svg"
				viewBox={viewBoxAttribute(view)}
				preserveAspectRatio="xMidYMid meet"
				aria-label="Organisation map"
				aria-describedby={hintId}
				// biome-ignore lint/a11y/noNoninteractiveTabindex: the picture takes the zoom keys before any circle is chosen
				tabIndex={0}
				data-zoom={zoom.toFixed(2)}
				onPointerDown={onPointerDown}
				onPointerMove={onPointerMove}
				onPointerUp={onPointerUp}
				onPointerCancel={() => {
					drag.current = null
				}}
			>
				<defs>
					{[...layout.circles.values()].map((spot) => (
						<clipPath key={spot.circle.id} id={`${clipPrefix}-${spot.circle.id}`}>
							<circle r={spot.r - 2} />
						</clipPath>
					))}
				</defs>
				{layout.tribes.map((placed) => (
					<g key={placed.tribe.id} className="cs-orgmap-tribe">
						<rect x={placed.x} y={placed.y} width={placed.width} height={placed.height} rx={14} />
						{placed.circles.map((spot) => (
							<line
								key={spot.circle.id}
								className="cs-orgmap-branch"
								x1={placed.root.x}
								y1={placed.root.y}
								x2={spot.x}
								y2={spot.y - spot.r}
							/>
						))}
						<circle className="cs-orgmap-root" cx={placed.root.x} cy={placed.root.y} r={9} />
						<text className="cs-orgmap-tribe-name" x={placed.x + 14} y={placed.y + 22}>
							{shortName(placed.tribe.name, TRIBE_NAME_CHARS)}
						</text>
					</g>
				))}
				<g>
					{layout.connections.map(({ connection, from, to }) => {
						const [a, b] = connection.circleIds
						const midX = (from.x + to.x) / 2
						const midY = (from.y + to.y) / 2
						// A gentle bow, so that lines along a row of circles do not run through them.
						const bow = Math.min(80, Math.hypot(to.x - from.x, to.y - from.y) / 4)
						const d = `M ${from.x} ${from.y} Q ${midX} ${midY - bow} ${to.x} ${to.y}`
						const weight = connection.sharedBoards + connection.links
						const kind = connection.sharedBoards > 0 ? 'shared' : 'linked'
						const state = selectedId === null ? '' : tiedToSelected(a, b) ? ' is-tied' : ' is-faded'
						return (
							<path
								key={`${a} ${b}`}
								className={`cs-orgmap-connection is-${kind}${state}`}
								data-circles={`${a} ${b}`}
								d={d}
								strokeWidth={Math.min(8, 1.5 + weight)}
							>
								<title>{`${from.circle.name} – ${to.circle.name}: ${connectionWords(connection)}`}</title>
							</path>
						)
					})}
				</g>
				{layout.tribes.map((placed) => (
					<g key={placed.tribe.id} data-tribe-id={placed.tribe.id}>
						{placed.circles.map((spot) => (
							<CircleNode
								key={spot.circle.id}
								spot={spot}
								clipId={`${clipPrefix}-${spot.circle.id}`}
								selected={spot.circle.id === selectedId}
								onChoose={() => choose(spot)}
								onFocus={() => {
									if (!shows(viewRef.current, spot))
										show(
											panBy(
												viewRef.current,
												spot.x - (viewRef.current.x + viewRef.current.width / 2),
												spot.y - (viewRef.current.y + viewRef.current.height / 2),
											),
											true,
										)
								}}
							/>
						))}
					</g>
				))}
			</svg>
		</div>
	)
}

function CircleNode({
	spot,
	clipId,
	selected,
	onChoose,
	onFocus,
}: {
	spot: PlacedCircle
	clipId: string
	selected: boolean
	onChoose: () => void
	onFocus: () => void
}) {
	const { circle, tribe, r } = spot
	const fill = circle.capacity > 0 ? Math.min(1, circle.memberCount / circle.capacity) : 0
	const ring = r + 6
	const circumference = 2 * Math.PI * ring
	const progress = circle.journey
		? Math.min(1, circle.journey.day / Math.max(1, circle.journey.lengthDays))
		: 0
	const live = circle.live.sessions > 0
	return (
		// biome-ignore lint/a11y/useSemanticElements: an SVG shape cannot be a <button>; it acts as one
		<g
			className={`cs-orgmap-circle${selected ? ' is-selected' : ''}${circle.myRole ? ' is-mine' : ''}`}
			transform={`translate(${spot.x} ${spot.y})`}
			role="button"
			tabIndex={0}
			aria-label={`${circle.name}, ${tribe.name}: ${circleSummary(circle)}`}
			aria-pressed={selected}
			data-circle-id={circle.id}
			onClick={onChoose}
			onFocus={onFocus}
			onKeyDown={(event) => {
				if (event.key === 'Enter' || event.key === ' ') {
					event.preventDefault()
					onChoose()
				}
			}}
		>
			<circle className="cs-orgmap-seats" r={r} />
			<rect
				className="cs-orgmap-seats-taken"
				clipPath={`url(#${clipId})`}
				x={-r}
				y={r - 2 * r * fill}
				width={2 * r}
				height={2 * r * fill}
			/>
			<circle className="cs-orgmap-outline" r={r} />
			{circle.journey && (
				<>
					<circle className="cs-orgmap-ring-track" r={ring} />
					<circle
						className="cs-orgmap-ring"
						r={ring}
						strokeDasharray={`${circumference * progress} ${circumference}`}
						transform="rotate(-90)"
					/>
				</>
			)}
			{live && (
				<g className="cs-orgmap-live" transform={`translate(${r * 0.72} ${-r * 0.72})`}>
					<circle className="cs-orgmap-live-pulse" r={9} />
					<circle r={6} />
				</g>
			)}
			<text className="cs-orgmap-circle-name" y={r + 20} textAnchor="middle">
				{shortName(circle.name, 14)}
			</text>
		</g>
	)
}

/** A name cut to fit under its circle (the whole name is in the accessible name and the details). */
function shortName(name: string, max: number): string {
	return name.length > max ? `${name.slice(0, max - 1)}…` : name
}

/** A screen point in the picture's units. */
function pictureUnits(svg: SVGSVGElement, clientX: number, clientY: number): { x: number; y: number } | null {
	const ctm = svg.getScreenCTM()
	if (!ctm) return null
	const point = new DOMPoint(clientX, clientY).matrixTransform(ctm.inverse())
	return { x: point.x, y: point.y }
}
