/** The part of the picture shown: the SVG's viewBox, in the layout's units. */
export interface ViewBox {
	x: number
	y: number
	width: number
	height: number
}

/** Closest zoom: a view this many times smaller than the whole picture (at most). */
export const MAX_ZOOM = 12
/** Widest view: the whole picture with some room around it. */
const MIN_ZOOM = 0.8

/** The whole picture. */
export function wholeView(size: { width: number; height: number }): ViewBox {
	return { x: 0, y: 0, width: size.width, height: size.height }
}

/** How far in a view is, against the whole picture (1 = all of it). */
export function zoomOf(view: ViewBox, size: { width: number; height: number }): number {
	return Math.max(size.width / view.width, size.height / view.height)
}

/**
 * The view zoomed by `factor` (2 = twice as close) around `point` (in the picture's units),
 * which stays where it is on the screen; held between the whole picture and {@link MAX_ZOOM}.
 */
export function zoomAround(
	view: ViewBox,
	point: { x: number; y: number },
	factor: number,
	size: { width: number; height: number },
): ViewBox {
	const whole = wholeView(size)
	const current = zoomOf(view, size)
	const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, current * factor))
	const scale = current / next
	const width = view.width * scale
	const height = view.height * scale
	if (!Number.isFinite(width) || width <= 0) return whole
	return {
		x: point.x - (point.x - view.x) * scale,
		y: point.y - (point.y - view.y) * scale,
		width,
		height,
	}
}

/** The view zoomed by `factor` around its own middle (the + and − buttons and keys). */
export function zoomCentre(view: ViewBox, factor: number, size: { width: number; height: number }): ViewBox {
	return zoomAround(view, { x: view.x + view.width / 2, y: view.y + view.height / 2 }, factor, size)
}

/** The view moved by `dx`, `dy` picture units. */
export function panBy(view: ViewBox, dx: number, dy: number): ViewBox {
	return { ...view, x: view.x + dx, y: view.y + dy }
}

/** A view of one circle (centre `x`, `y`, radius `r`) and a little around it, of the picture's shape. */
export function viewOfCircle(
	circle: { x: number; y: number; r: number },
	size: { width: number; height: number },
): ViewBox {
	const aspect = size.width / size.height
	let height = Math.max(circle.r * 6, size.height / MAX_ZOOM)
	let width = height * aspect
	if (width < circle.r * 6) {
		width = circle.r * 6
		height = width / aspect
	}
	return { x: circle.x - width / 2, y: circle.y - height / 2, width, height }
}

/** Whether a point lies inside the view. */
export function shows(view: ViewBox, point: { x: number; y: number }): boolean {
	return (
		point.x >= view.x &&
		point.x <= view.x + view.width &&
		point.y >= view.y &&
		point.y <= view.y + view.height
	)
}

/** The view as the SVG attribute. */
export function viewBoxAttribute(view: ViewBox): string {
	return [view.x, view.y, view.width, view.height].map((n) => Math.round(n * 100) / 100).join(' ')
}
